#!/usr/bin/env python3
# openpyxl-write.py — the second anchor of the export benchmark: openpyxl writes the same cells.
import sys, openpyxl
wb = openpyxl.Workbook(write_only=True)
sheets = {}
rows = {}
for line in open(sys.argv[1], encoding='utf-8'):
    parts = line.rstrip('\n').split('\t')
    if len(parts) < 5:
        continue
    sheet, r, c, t, v = parts[0], int(parts[1]), int(parts[2]), parts[3], parts[4]
    rows.setdefault(sheet, {}).setdefault(r, {})[c] = float(v) if t == 'n' else v
for sheet, rs in rows.items():
    ws = wb.create_sheet(sheet)
    for r in range(max(rs) + 1):
        cells = rs.get(r, {})
        ws.append([cells.get(c) for c in range(max(cells) + 1)] if cells else [])
wb.save(sys.argv[2])
