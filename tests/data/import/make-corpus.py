#!/usr/bin/env python3
# make-corpus.py — writes the import test corpus (bad/*.csv + .expect, good/*.csv); the output is committed.
# Copyright 2026 The Kepil authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Each bad file has NAME.expect: a substring of the message the import must give (row and column
# included); NAME.kind holds "workplaces" for a register, NAME.mapping.json a column mapping.
# The bad files are imported into a database that already holds good/base.csv.
import os

here = os.path.dirname(os.path.abspath(__file__))
H = "workplace_code;unit;profession;headcount;factor;subgroup;agent;value;unit_of_measure;norm;method;instrument;measured_on;exposure_pct"
COLS = H.split(';')
GOOD = ["02 001 001", "Цех 2", "Аппаратчик", "3", "noise", "", "", "85,5", "dBA", "80", "ГОСТ 12.1.050", "Октава-110А", "12.03.2025", "100"]
WH = "workplace_code;unit;profession;men;women;count;analog_group;wage"
WGOOD = ["03 001 001", "Цех 3", "Машинист крана", "2", "1", "3", "", "250000"]

def row(**kw):
    r = list(GOOD)
    for k, v in kw.items():
        r[COLS.index(k)] = v
    return ";".join(r)

def wrow(**kw):
    cols = WH.split(';')
    r = list(WGOOD)
    for k, v in kw.items():
        r[cols.index(k)] = v
    return ";".join(r)

bad = {}
def case(name, text, expect, kind=None, mapping=None, raw=None, ext="csv"):
    bad[name] = (text, expect, kind, mapping, raw, ext)

ok = row()
case("value-two-separators", f"{H}\n{ok}\n{row(value='0,5.')}\n", "row 3, column H: Measured value: “0,5.” mixes a comma and a point")
case("value-empty", f"{H}\n{ok}\n{row(value='')}\n", "row 3, column H: Measured value: a number is needed, the cell is empty")
case("value-negative", f"{H}\n{ok}\n{row(value='-3')}\n", "row 3, column H: Measured value: “-3” is less than 0")
case("value-letters", f"{H}\n{ok}\n{row(value='abc')}\n", "row 3, column H: Measured value: “abc” is not a number")
case("value-comma-and-point", f"{H}\n{ok}\n{row(value='1,234.5')}\n", "row 3, column H: Measured value: “1,234.5” mixes a comma and a point")
case("value-last-of-many", f"{H}\n{ok}\n{ok}\n{ok}\n{ok}\n{row(value='8 5')}\n{row(value='x')}\n", "row 7, column H: Measured value: “x” is not a number")
case("code-one-digit-short", f"{H}\n{ok}\n{row(workplace_code='1 001 001')}\n", "row 3, column A: Workplace code: “1 001 001” is not a workplace code")
case("code-letters", f"{H}\n{row(workplace_code='02 00A 001')}\n", "row 2, column A: Workplace code: “02 00A 001” is not a workplace code")
case("code-empty", f"{H}\n{ok}\n{row(workplace_code='')}\n", "row 3, column A: Workplace code: the cell is empty")
case("code-dashes", f"{H}\n{row(workplace_code='02-001-001')}\n", "row 2, column A: Workplace code: “02-001-001” is not a workplace code")
case("headcount-fraction", f"{H}\n{row(headcount='2,5')}\n", "row 2, column D: Number of workplaces: “2,5” must be a whole number")
case("headcount-negative", f"{H}\n{row(headcount='-1')}\n", "row 2, column D: Number of workplaces: “-1” is less than 0")
case("headcount-text", f"{H}\n{row(headcount='two')}\n", "row 2, column D: Number of workplaces: “two” is not a number")
case("factor-unknown", f"{H}\n{ok}\n{row(factor='smell')}\n", "row 3, column E: Factor: “smell” is not a known factor")
case("factor-empty", f"{H}\n{row(factor='')}\n", "row 2, column E: Factor: the cell is empty")
case("date-february-30", f"{H}\n{row(measured_on='30.02.2025')}\n", "row 2, column M: Measured on: there is no such day as “30.02.2025”")
case("date-text", f"{H}\n{row(measured_on='вчера')}\n", "row 2, column M: Measured on: “вчера” is not a date")
case("date-future", f"{H}\n{row(measured_on='01.01.2099')}\n", "row 2, column M: Measured on: 01.01.2099 is in the future")
case("date-iso-month-13", f"{H}\n{row(measured_on='2025-13-01')}\n", "row 2, column M: Measured on: there is no such day as “2025-13-01”")
case("exposure-over-100", f"{H}\n{row(exposure_pct='150')}\n", "row 2, column N: Exposure, %: “150” is more than 100")
case("exposure-negative", f"{H}\n{row(exposure_pct='-5')}\n", "row 2, column N: Exposure, %: “-5” is less than 0")
case("exposure-text", f"{H}\n{row(exposure_pct='много')}\n", "row 2, column N: Exposure, %: “много” is not a number")
case("norm-zero", f"{H}\n{row(norm='0')}\n", "row 2, column J: Norm: the norm must be more than zero")
case("norm-text", f"{H}\n{row(norm='ПДК')}\n", "row 2, column J: Norm: “ПДК” is not a number")
case("two-professions", f"{H}\n{ok}\n{row(profession='Слесарь')}\n", "row 3, column C: Profession: workplace 02 001 001 has the profession “Аппаратчик” in row 2, here “Слесарь”")
case("two-units", f"{H}\n{ok}\n{row(unit='Цех 9')}\n", "row 3, column B: Unit: workplace 02 001 001 is in the unit “Цех 2” in row 2, here “Цех 9”")
case("profession-differs-from-database", f"{H}\n{row(workplace_code='01 001 001', profession='Электрик')}\n", "row 2, column C: Profession: workplace 01 001 001 is registered with the profession “Токарь”, not “Электрик”")
case("new-workplace-without-unit", f"{H}\n{row(unit='')}\n", "row 2, column B: Unit: the cell is empty; a new workplace needs the name of its unit")
case("new-workplace-without-profession", f"{H}\n{row(profession='')}\n", "row 2, column C: Profession: the cell is empty; a new workplace needs its profession")
case("missing-value-column", H.replace(";value", "") + "\n" + ";".join(GOOD[:7] + GOOD[8:]) + "\n", "row 1: Measured value: the header has no such column")
case("missing-code-column", H.replace("workplace_code;", "") + "\n" + ";".join(GOOD[1:]) + "\n", "row 1: Workplace code: the header has no such column")
case("duplicate-column", H + ";value\n" + ok + ";7\n", "row 1, column O: Measured value: columns H and O both give this field")
case("work-category-unknown", f"{H};work_category\n{ok};IIb\n{ok};IV\n", "row 3, column O: Work category: “IV” is not a work category")
case("header-only", f"{H}\n", "row 1: The file has a header but no rows of data")
case("empty", "", "row 1: The file has no header row and no data")
case("unclosed-quote", f"{H}\n{row(unit=chr(34) + 'Цех 2')}\n", "ends inside a quoted field that starts on line 2")
case("binary", None, "is neither a CSV text nor an XLSX workbook", raw=b"\x00\x01\x02garbage\x00" * 10)
case("not-really-xlsx", f"{H}\n{ok}\n", "is not an XLSX workbook", ext="xlsx")
case("cp1251-value-word", None, "row 3, column H: Measured value: “пять” is not a number",
     raw=f"{H}\n{ok}\n{row(value='пять')}\n".encode("cp1251"))
case("comma-separated-bad-value", H.replace(";", ",") + "\n" + ",".join(x.replace(",", ".") for x in GOOD) + "\n" +
     ",".join(x.replace(",", ".") for x in GOOD).replace("85.5", "1.2.3") + "\n", "row 3, column H: Measured value: “1.2.3” is not a number")
case("tab-separated-bad-code", H.replace(";", "\t") + "\n" + "\t".join(GOOD).replace("02 001 001", "02 001 0011") + "\n",
     "row 2, column A: Workplace code: “02 001 0011” is not a workplace code")
case("register-duplicate-code", f"{WH}\n{wrow()}\n{wrow()}\n", "row 3, column A: Workplace code: workplace 03 001 001 is already listed in row 2", kind="workplaces")
case("register-count-zero", f"{WH}\n{wrow(count='0')}\n", "row 2, column F: Number of workplaces: “0” is less than 1", kind="workplaces")
case("register-women-fraction", f"{WH}\n{wrow(women='1,5')}\n", "row 2, column E: Women: “1,5” must be a whole number", kind="workplaces")
case("register-wage-negative", f"{WH}\n{wrow(wage='-100')}\n", "row 2, column H: Monthly wage: “-100” is less than 0", kind="workplaces")
case("mapping-unknown-field", "Код РМ;Значение\n02 001 001;5\n", "maps “Значение” to “valeur”, which is not a field",
     mapping='{"source": "Lab bad", "columns": {"Код РМ": "workplace_code", "Значение": "valeur"}}')
case("mapping-skip-rows-bad-value", "Протокол № 5\n\nКод РМ;Цех;Профессия;Фактор;Значение\n02 001 001;Цех 2;Аппаратчик;noise;пять\n",
     "row 4, column E: Measured value: “пять” is not a number",
     mapping='{"source": "Lab skip", "columns": {"Код РМ": "workplace_code", "Цех": "unit", "Профессия": "profession", "Фактор": "factor", "Значение": "value"}, "skip_rows": 2}')

for name, (text, expect, kind, mapping, raw, ext) in bad.items():
    path = os.path.join(here, "bad", f"{name}.{ext}")
    with open(path, "wb") as f:
        f.write(raw if raw is not None else text.encode("utf-8"))
    with open(os.path.join(here, "bad", f"{name}.expect"), "w", encoding="utf-8") as f:
        f.write(expect + "\n")
    if kind:
        with open(os.path.join(here, "bad", f"{name}.kind"), "w") as f:
            f.write(kind + "\n")
    if mapping:
        with open(os.path.join(here, "bad", f"{name}.mapping.json"), "w", encoding="utf-8") as f:
            f.write(mapping + "\n")

# Good files: the base the bad files are checked against, and one per encoding and separator.
base = f"{H}\n" + ";".join(["01 001 001", "Цех 1", "Токарь", "2", "noise", "", "", "82", "dBA", "80", "", "", "10.03.2025", "100"]) + "\n"
open(os.path.join(here, "good", "base.csv"), "w", encoding="utf-8").write(base)
rows = [GOOD,
        ["02 001 002", "Цех 2", "Сварщик", "1", "dust", "fibrogenic-low", "", "5,2", "mg/m3", "4", "", "", "2025-03-12", "50"],
        ["02 001 002", "", "", "", "lighting", "illuminance", "", "150", "lx", "300", "", "", "12.03.2025", ""],
        ["01 001 001", "Цех 1", "Токарь", "", "chemical", "hazard-3-4", "phosphine; PH3", "0,15", "mg/m3", "0,1", "", "", "", "80"]]
def csv(sep, dec, quote_all=False):
    out = [sep.join(COLS)]
    for r in rows:
        cells = []
        for c in r:
            if dec == "." and c.replace(",", "").replace(" ", "").isdigit():
                c = c.replace(",", ".")
            if quote_all or sep in c or '"' in c or (sep == "," and "," in c):
                c = '"' + c.replace('"', '""') + '"'
            cells.append(c)
        out.append(sep.join(cells))
    return "\r\n".join(out) + "\r\n"
open(os.path.join(here, "good", "semicolon-utf8-bom.csv"), "wb").write(b"\xef\xbb\xbf" + csv(";", ",").encode("utf-8"))
open(os.path.join(here, "good", "semicolon-cp1251.csv"), "wb").write(csv(";", ",").encode("cp1251"))
open(os.path.join(here, "good", "comma-utf8.csv"), "wb").write(csv(",", ".").encode("utf-8"))
open(os.path.join(here, "good", "tab-cp1251.csv"), "wb").write(csv("\t", ",", quote_all=True).encode("cp1251"))
open(os.path.join(here, "good", "register.csv"), "w", encoding="utf-8").write(
    f"{WH}\n{wrow()}\n" + wrow(workplace_code="03 001 002", profession="Стропальщик", men="4", women="0", count="4", analog_group="A1") + "\n")
open(os.path.join(here, "good", "lab-x.csv"), "w", encoding="utf-8").write(
    "Лаборатория X, протокол № 12\nот 12.03.2025\nКод РМ;Подразделение;Профессия;Фактор;Показатель;Результат;Ед.;ПДУ;Дата\n"
    "02 001 001;Цех 2;Аппаратчик;noise;;85,5;dBA;80;12.03.2025\n"
    "02 001 003;Цех 2;Машинист;vibration_general;z;118;dB;115;12.03.2025\n")
open(os.path.join(here, "good", "lab-x.mapping.json"), "w", encoding="utf-8").write(
    '{"source": "Lab X", "skip_rows": 2, "columns": {"Код РМ": "workplace_code", "Подразделение": "unit", '
    '"Профессия": "profession", "Фактор": "factor", "Показатель": "subgroup", "Результат": "value", '
    '"Ед.": "unit_of_measure", "ПДУ": "norm", "Дата": "measured_on"}}\n')
print(len(bad), "bad files")
