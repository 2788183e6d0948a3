#!/usr/bin/env python3
"""Writes a roster workbook in the import format (the template's Chinese headers, one executive member per row).

usage: bench/roster-sheet.py OUT.xlsx ROWS ORGANISATION [ORGANISATION ...]
Rows go round-robin to the organisations named (villages or communities inside the organisation the sheet is
uploaded to). People are new: ID numbers use region 110101, which the demo county never uses, with valid check
digits; the same ROWS give the same sheet. Needs only the standard library.
"""
import datetime
import sys
import zipfile
from xml.sax.saxutils import escape

HEADERS = ["组织", "姓名", "性别", "出生日期", "民族", "学历", "政治面貌", "手机号码", "身份证号", "职务", "专兼职",
           "任职开始日期", "进两委", "党支部书记", "村（居）委会主任", "月补贴", "支部书记月工资"]
NAMES = ["秀英", "桂英", "秀兰", "玉兰", "桂兰", "凤英", "丽华", "淑珍", "海燕", "春梅"]
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"


def id_number(n):
    birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=n % 15000)
    body = "110101" + birth.strftime("%Y%m%d") + f"{(n % 400) * 2:03d}"
    return body + CHECK[sum(int(d) * w for d, w in zip(body, WEIGHTS)) % 11], birth


def rows(count, organisations):
    for i in range(count):
        n = 20000 + i
        number, birth = id_number(n)
        yield [organisations[i % len(organisations)], "测试" + NAMES[n % len(NAMES)], "女", birth.isoformat(), "汉族",
               "高中", "群众", "139" + f"{n % 100000000:08d}", number, "执委", "兼职", "2024-01-01", "否", "否", "否",
               "300", "900"]


def column(index):
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def main():
    out, count, organisations = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    if not organisations:
        sys.exit(__doc__)
    strings, index = [], {}

    def s(value):
        if value not in index:
            index[value] = len(strings)
            strings.append(value)
        return index[value]

    sheet = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for r, values in enumerate([HEADERS, *rows(count, organisations)], start=1):
        cells = "".join(f'<c r="{column(c)}{r}" t="s"><v>{s(v)}</v></c>' for c, v in enumerate(values))
        sheet.append(f'<row r="{r}">{cells}</row>')
    sheet.append("</sheetData></worksheet>")
    shared = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">'
              + "".join(f"<si><t>{escape(v)}</t></si>" for v in strings) + "</sst>")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                   '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                   '</Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                   '</Relationships>')
        z.writestr("xl/workbook.xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                   '<sheets><sheet name="名册" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                   '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                   '</Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", "".join(sheet))
        z.writestr("xl/sharedStrings.xml", shared)
    print(f"{out}: {count} rows")


if __name__ == "__main__":
    main()
