#!/usr/bin/env python3
"""Adds or updates UI strings in both resource files: tools/resx.py KEY "中文" "English" [KEY "中文" "English" ...]

The Chinese text goes to SharedResource.resx (the default culture), the English to SharedResource.en.resx.
Entries are kept sorted by key so that diffs stay small.
"""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "src" / "Kaijiang.Federation.Web" / "Resources"
HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""


def load(path):
    if not path.exists():
        return {}
    return {d.get("name"): d.findtext("value") or "" for d in ET.parse(path).getroot().findall("data")}


def save(path, entries):
    out = [HEADER]
    for key in sorted(entries):
        value = entries[key].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        out.append(f'  <data name="{key}" xml:space="preserve"><value>{value}</value></data>\n')
    out.append("</root>\n")
    path.write_text("".join(out), encoding="utf-8")


def main(args):
    if len(args) % 3 != 0 or not args:
        sys.exit(__doc__)
    zh_path, en_path = ROOT / "SharedResource.resx", ROOT / "SharedResource.en.resx"
    zh, en = load(zh_path), load(en_path)
    for i in range(0, len(args), 3):
        key, z, e = args[i:i + 3]
        zh[key], en[key] = z, e
    save(zh_path, zh)
    save(en_path, en)


if __name__ == "__main__":
    main(sys.argv[1:])
