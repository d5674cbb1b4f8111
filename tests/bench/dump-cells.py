#!/usr/bin/env python3
# dump-cells.py — dumps a workbook's cells as the TSV that bare-xlsx.c and openpyxl-write.py write back.
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
with open(sys.argv[2], 'w', encoding='utf-8') as out:
    for ws in wb.worksheets:
        for r, row in enumerate(ws.iter_rows(values_only=True)):
            for c, v in enumerate(row):
                if v is None:
                    continue
                if isinstance(v, (int, float)):
                    out.write(f"{ws.title}\t{r}\t{c}\tn\t{v}\n")
                else:
                    s = str(v).replace('\t', ' ').replace('\n', ' ')
                    out.write(f"{ws.title}\t{r}\t{c}\ts\t{s}\n")
