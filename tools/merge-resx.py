#!/usr/bin/env python3
"""Resolves a git merge conflict in the resource files by taking every key of both sides (theirs wins on a clash).

Usage during a conflicted merge: tools/merge-resx.py && git add src/Kaijiang.Federation.Web/Resources
"""
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import resx  # noqa: E402

for name in ("SharedResource.resx", "SharedResource.en.resx"):
    rel = f"src/Kaijiang.Federation.Web/Resources/{name}"
    merged = {}
    for stage in ("2", "3"):
        text = subprocess.run(["git", "show", f":{stage}:{rel}"], capture_output=True, text=True).stdout
        if text:
            merged.update({d.get("name"): d.findtext("value") or "" for d in ET.fromstring(text).findall("data")})
    if merged:
        resx.save(resx.ROOT / name, merged)
        print(f"{name}: {len(merged)} keys")
