"""Reads an .xlsx workbook with openpyxl (an independent reader) and prints it as JSON on stdout.

Usage: python read_xlsx.py FILE.xlsx
Output: {"sheets": [{"name", "freeze", "rows": [[cell, ...], ...], "formats": [[number_format, ...], ...]}]}
The browser suite (dashboard.e2e.spec.ts) compares what it prints with the figures worked out by hand.
"""

import json
import sys

from openpyxl import load_workbook


def main(path: str) -> None:
    workbook = load_workbook(path, read_only=False, data_only=True)
    sheets = []
    for sheet in workbook.worksheets:
        rows, formats = [], []
        for row in sheet.iter_rows():
            rows.append([cell.value for cell in row])
            formats.append([cell.number_format for cell in row])
        sheets.append({"name": sheet.title, "freeze": sheet.freeze_panes, "rows": rows, "formats": formats})
    json.dump({"sheets": sheets}, sys.stdout, ensure_ascii=False, default=str)


if __name__ == "__main__":
    main(sys.argv[1])
