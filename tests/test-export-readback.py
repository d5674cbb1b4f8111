#!/usr/bin/env python3
# test-export-readback.py — writes every document in kk, ru and kk+ru with kepil-cli and reads them back
# Copyright 2026 The Kepil authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Prints TAP.  The enterprise is a small fixture written with sqlite3 (the
# shipped demo may be a placeholder); the headcounts are compared with
# `kepil-cli evaluate --json`, never with numbers written here.
import json, os, re, shutil, sqlite3, subprocess, sys, tempfile

CLI = os.environ.get("KEPIL_CLI", "kepil-cli")
n = 0
failed = 0


def ok(cond, name, diag=""):
    global n, failed
    n += 1
    print(("ok %d - %s" if cond else "not ok %d - %s") % (n, name))
    if not cond:
        failed += 1
        if diag:
            for line in str(diag).splitlines()[:20]:
                print("# " + line)


def skip(name, why):
    global n
    n += 1
    print("ok %d - %s # SKIP %s" % (n, name, why))


try:
    import openpyxl
except ImportError:
    # python3-openpyxl is installed for the system's Python; another python3
    # (pyenv) may come first on PATH.
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    print("1..0 # SKIP python3-openpyxl is not installed")
    sys.exit(0)

tmp = tempfile.mkdtemp(prefix="kepil-export-")
db = os.path.join(tmp, "plant.kepil")
env = dict(os.environ, KEPIL_BACKUP_DIR=os.path.join(tmp, "backups"))


def cli(*args, check=True):
    p = subprocess.run([CLI, "--db", db] + list(args), capture_output=True, text=True, env=env)
    if check and p.returncode != 0:
        raise RuntimeError("kepil-cli %s failed (%d): %s" % (" ".join(args), p.returncode, p.stderr))
    return p


cli("init")
con = sqlite3.connect(db)
con.execute("PRAGMA foreign_keys = ON")
c = con.cursor()
c.execute("INSERT INTO enterprise (id, name_ru, name_kk, bin, address, average_wage, milk_price, lpp_ration_cost) "
          "VALUES (1, 'АО «Фосфорный завод»', '«Фосфор зауыты» АҚ', '123456789012', 'г. Тараз', 400000, 500, 1500)")
c.execute("INSERT INTO unit (id, enterprise_id, name_ru, name_kk, headcount) VALUES "
          "(1, 1, 'Администрация', 'Әкімшілік', 10), (2, 1, 'Цех № 5 производства фосфора', '№ 5 фосфор өндірісі цехы', 60)")
c.execute("INSERT INTO profession (id, name_ru, name_kk) VALUES (1, 'Машинист крана', 'Кран машинисі'), "
          "(2, 'Шихтовщик', 'Шихташы'), (3, 'Аппаратчик', 'Аппаратшы'), (4, 'Бухгалтер', 'Бухгалтер')")
c.execute("INSERT INTO workplace (id, unit_id, profession_id, code, count, men, women, wage) VALUES "
          "(1, 2, 1, '01 002 001', 2, 4, 0, 350000), (2, 2, 2, '01 002 002', 3, 6, 3, 380000), "
          "(3, 2, 3, '01 002 003', 1, 2, 1, 390000), (4, 1, 4, '01 001 004', 1, 0, 2, 300000)")
c.execute("INSERT INTO campaign (id, enterprise_id, order_no, order_date, organisation, certificate_no, "
          "certificate_valid_to, measured_from, measured_to, completed_on) VALUES (1, 1, '45', '2023-01-20', "
          "'ТОО «Центр оценки»', 'KZ.T.02.E1210', '2027-07-25', '2023-02-01', '2023-03-15', '2023-04-10')")
members = [("Иванов Иван Иванович", "Главный инженер", "chairman"), ("Петров Петр Петрович", "Начальник цеха", "member"),
           ("Сидоров Семен Семенович", "Председатель профкома", "union"),
           ("Ахметова Айгуль Ахметовна", "Инженер по охране труда", "secretary")]
for i, (name, pos, role) in enumerate(members):
    c.execute("INSERT INTO commission_member (campaign_id, full_name, position, role, sort_order) VALUES (1, ?, ?, ?, ?)",
              (name, pos, role, i))
meas = [(1, "noise", "", "", "dBA", 92, 80), (2, "noise", "", "", "dBA", 88, 80),
        (2, "dust", "fibrogenic-low", "пыль фосфорита", "mg/m3", 12, 4), (3, "chemical", "hazard-1-2", "P2O5", "mg/m3", 0.05, 0.03),
        (2, "heaviness", "", "dynamic-regional", "kg·m", 6000, None), (4, "lighting", "illuminance", "", "lx", 320, 300),
        (4, "thermal_radiation", "", "", "W/m2", 150, 140), (3, "chemical", "", "iron-oxides", "mg/m3", 5, 6)]
for wp, f, sub, agent, unit, v, norm in meas:
    c.execute("INSERT INTO measurement (workplace_id, campaign_id, factor, subgroup, agent, unit_of_measure, value, norm, "
              "method, measured_on) VALUES (?, 1, ?, ?, ?, ?, ?, ?, 'ГОСТ 12.1.050-86', '2023-02-10')",
              (wp, f, sub, agent, unit, v, norm))
c.execute("INSERT INTO safety_assessment (workplace_id, equipment, documents, compliant, reasons) VALUES "
          "(1, 'Кран мостовой', 'паспорт', 1, ''), (2, 'Дозатор', 'паспорт', 0, 'нет ограждения')")
c.execute("INSERT INTO ppe_provision (workplace_id, item, required, issued, certified) VALUES (2, 'Респиратор', 2, 1, 1)")
con.commit()
con.close()

ev = json.loads(cli("evaluate", "--json").stdout)
ent = ev["enterprises"][0]
heads = ent["headcounts"]

KK_ONLY = set("әіңғүұқөһӘІҢҒҮҰҚӨҺ")
labels_ru = set()
labels_kk = set()
csv_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "data", "forms", "labels-1057.csv")
import csv
with open(csv_path, encoding="utf-8") as fh:
    for row in csv.DictReader(fh):
        if row["label_ru"] and row["label_ru"] != row["label_kk"] and len(row["label_ru"]) > 6:
            labels_ru.add(row["label_ru"].strip().rstrip(":").lower())
        if row["label_kk"] and row["label_kk"] != row["label_ru"] and len(row["label_kk"]) > 6:
            labels_kk.add(row["label_kk"].strip().rstrip(":").lower())

# Data of the fixture in each language: excluded from the label checks.
DATA_RU = ["Фосфорный завод", "Администрация", "Цех № 5", "Машинист крана", "Шихтовщик", "Аппаратчик", "Бухгалтер",
           "Центр оценки", "Иванов", "Петров", "Сидоров", "Ахметова", "Главный инженер", "Начальник цеха",
           "Председатель профкома", "Инженер по охране труда", "Тараз", "Кран мостовой", "паспорт", "Дозатор",
           "нет ограждения", "Респиратор", "пыль фосфорита", "ГОСТ"]


def cells(path):
    wb = openpyxl.load_workbook(path)
    out = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    out.append((ws.title, cell.coordinate, cell.value))
    return wb, out


def texts(path):
    return [v for (_, _, v) in cells(path)[1] if isinstance(v, str)]


docs = ["order", "protocols", "results", "act", "comparison", "leave-roster"]
files = {}
for lang in ["kk", "ru", "kk+ru"]:
    for d in docs:
        out = os.path.join(tmp, "%s-%s.xlsx" % (d, lang.replace("+", "-")))
        args = ["export", d, "--out", out, "--json"]
        # The global --lang of kepil-cli takes kk and ru; kk+ru goes by the command's --doc-lang.
        args += ["--doc-lang", lang]
        p = cli(*args, check=False)
        ok(p.returncode == 0 and os.path.exists(out), "export %s --lang %s" % (d, lang), p.stderr)
        if p.returncode == 0:
            files[(d, lang)] = out
            j = json.loads(p.stdout)
            ok(j["document"] == d and j["lang"] == lang, "JSON of export %s %s" % (d, lang), p.stdout)

# Print settings and sheets of every workbook.
for (d, lang), path in sorted(files.items()):
    wb = openpyxl.load_workbook(path)
    bad = []
    for ws in wb.worksheets:
        ps = ws.page_setup
        if str(ps.paperSize) != "9":
            bad.append("%s: paper %s" % (ws.title, ps.paperSize))
        if not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage or ps.fitToWidth not in (1, None):
            bad.append("%s: not fit to width" % ws.title)
        if "&P" not in (ws.oddFooter.center.text or ""):
            bad.append("%s: footer %r" % (ws.title, ws.oddFooter.center.text))
        if ws.max_row > 25 and d != "order" and ws.print_title_rows is None and "Act" not in ws.title and ws.title not in ("Акт", "Акті"):
            bad.append("%s: long sheet without print titles" % ws.title)
    ok(not bad, "print settings of %s %s (A4, fit to width, page footer, titles)" % (d, lang), "\n".join(bad))

# Sheets expected per document.
for lang in ["ru", "kk"]:
    if ("act", lang) in files:
        wb = openpyxl.load_workbook(files[("act", lang)])
        ok(len(wb.worksheets) == 6, "act %s: the act and five annexes" % lang, [w.title for w in wb.worksheets])
    if ("protocols", lang) in files:
        wb = openpyxl.load_workbook(files[("protocols", lang)])
        ok(len(wb.worksheets) == 5, "protocols %s: appendices 1-5" % lang, [w.title for w in wb.worksheets])

# Key cells of the act: headcounts equal evaluate's, signature lines, fingerprint, names.
if ("act", "ru") in files:
    wb, allc = cells(files[("act", "ru")])
    act = wb.worksheets[0]
    rows = [[c.value for c in r] for r in act.iter_rows()]
    flat = [str(v) for r in rows for v in r if v is not None]
    def row_with(text):
        for r in rows:
            if r and isinstance(r[0], str) and text.lower() in r[0].lower():
                return r
        return None
    # The guarantee rows: column C = decided (the model's package), column D = the List's count.
    grows = [r for r in rows if len(r) > 4 and isinstance(r[1], str) and isinstance(r[2], (int, float))
             and isinstance(r[4], str) and r[1] != ""]
    ok(len(grows) == 6, "act: six guarantee rows", grows)
    def val(g):
        v = g.get("value") if isinstance(g, dict) else g
        return 0 if v is None or v is False else (1 if v is True else v)
    normal = 40
    decided = {"leave": 0, "pay": 0, "milk": 0, "lpp": 0, "hours": 0, "oppv": 0}
    for w in ev["workplaces"]:
        p = w["package"]
        hc = int(w["headcount"])
        decided["leave"] += hc if val(p["leave_days"]) > 0 else 0
        decided["pay"] += hc if val(p["pay_percent"]) > 0 else 0
        decided["milk"] += hc if val(p["milk"]) else 0
        decided["lpp"] += hc if val(p["lpp"]) else 0
        decided["hours"] += hc if 0 < val(p["hours_per_week"]) < normal else 0
        decided["oppv"] += hc if val(p["oppv"]) else 0
    order_k = ["leave", "pay", "milk", "lpp", "hours", "oppv"]
    for i, k in enumerate(order_k):
        if i < len(grows):
            ok(int(grows[i][2]) == decided[k], "act: decided headcount of %s equals evaluate's packages (%d)" % (k, decided[k]),
               grows[i])
            ok(int(grows[i][3]) == heads[k], "act: List headcount of %s equals evaluate's enterprise (%d)" % (k, heads[k]),
               grows[i])
    names = [m[0] for m in members]
    ok(all(any(nm in s for s in flat) for nm in names), "act: every commission member is named", names)
    sig = sum(1 for r in rows if any(isinstance(v, str) and v.startswith("_____") for v in r))
    ok(sig >= len(members), "act: a signature line for each of %d members" % len(members), sig)
    fp = cli("export", "act", "--out", os.path.join(tmp, "again.xlsx"), "--json").stdout
    fpv = json.loads(fp)["fingerprint"]
    ok(fpv and re.fullmatch(r"[0-9a-f]{64}", fpv) and any(fpv in s for s in flat), "act: SHA-256 fingerprint printed", fpv)
    ok(any("КZ" in s or "KZ-2000" in s for s in flat), "act: norm set named", "")
    # Leave annex: the total equals evaluate's headcount and the days are numbers.
    leave = wb.worksheets[1]
    lr = [[c.value for c in r] for r in leave.iter_rows()]
    tot = [r[4] for r in lr if len(r) > 4 and isinstance(r[4], (int, float)) and r[0] and isinstance(r[0], str)]
    ok(tot and int(tot[-1]) == decided["leave"], "leave annex total equals evaluate's packages", tot)
    ok(leave.freeze_panes is not None and leave.auto_filter.ref, "leave annex: frozen panes and autofilter", leave.freeze_panes)
    # The classes of the act equal the workplaces' overall classes of evaluate.
    counts = {}
    con = sqlite3.connect(db)
    wcount = dict(con.execute("SELECT id, count FROM workplace"))
    con.close()
    for w in ev["workplaces"]:
        cl = (w.get("classes") or {}).get("overall")
        if cl is not None:
            counts[str(cl)] = counts.get(str(cl), 0) + wcount[int(w["id"])]
    act_counts = {r[0]: r[1] for r in rows if r and r[0] in ("1", "2", "3.1", "3.2", "3.3", "3.4", "4") and isinstance(r[1], (int, float))}
    ok(all(int(act_counts.get(k, 0)) == v for k, v in counts.items()), "act: workplaces per class equal evaluate", (act_counts, counts))

# Results: the overall row sums to all workplaces; a chart is there.
if ("results", "ru") in files:
    path = files[("results", "ru")]
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    import zipfile
    z = zipfile.ZipFile(path)
    ok(any(n.startswith("xl/charts/chart") for n in z.namelist()), "results: a chart")
    con = sqlite3.connect(db)
    total = con.execute("SELECT sum(count) FROM workplace").fetchone()[0]
    con.close()
    totals = [r[9].value for r in ws.iter_rows() if len(r) > 9 and isinstance(r[9].value, (int, float))]
    classified = [w for w in ev["workplaces"] if (w.get("classes") or {}).get("overall") is not None]
    if classified:
        ok(total in totals, "results: the overall assessment counts every workplace (%d)" % total, totals)
    else:
        skip("results: the overall assessment counts every workplace", "evaluate classified no workplace")
if ("comparison", "ru") in files:
    import zipfile
    z = zipfile.ZipFile(files[("comparison", "ru")])
    ok(any(n.startswith("xl/charts/chart") for n in z.namelist()), "comparison: a chart")
    wb = openpyxl.load_workbook(files[("comparison", "ru")])
    s = wb.worksheets[0]
    tot = [[c.value for c in r] for r in s.iter_rows() if isinstance(r[1].value, (int, float))]
    ok(tot and abs(tot[-1][1] - ent["costs"]["list"]["total"]) < 1 and abs(tot[-1][2] - ent["costs"]["model"]["total"]) < 1,
       "comparison: totals equal evaluate's costs", (tot[-1] if tot else None, ent["costs"]))

# Keys of the data (factor keys, risk levels, substance keys) never reach paper as they are.
import re
KEY = re.compile(r"\b(?:[a-z]+_[a-z_]+|iron-oxides)\b")
for (d, lang), path in sorted(files.items()):
    bad = sorted({m for t in texts(path) for m in KEY.findall(t)})
    ok(not bad, "%s %s: no data keys (thermal_radiation, very_high, iron-oxides…)" % (d, lang), bad[:5])

# Languages: kk has no Russian label, ru no Kazakh letters, kk+ru both.
for (d, lang), path in sorted(files.items()):
    ts = texts(path)
    if lang == "ru":
        bad = [t for t in ts if set(t) & KK_ONLY]
        ok(not bad, "%s ru: no Kazakh letters" % d, bad[:5])
    elif lang == "kk":
        low = [t.lower() for t in ts if not any(x in t for x in DATA_RU)]
        bad = [t for t in low if any(l == t or (len(l) > 12 and l in t) for l in labels_ru)]
        ok(not bad, "%s kk: no Russian label of the forms" % d, bad[:5])
    else:
        joined = "\n".join(ts)
        has_kk = bool(set(joined) & KK_ONLY)
        has_ru = any(l in joined.lower() for l in labels_ru) or d in ("order", "act", "comparison", "leave-roster")
        ok(has_kk and has_ru, "%s kk+ru: both languages" % d)

# A number is a number (decimal commas come from the locale), a date a date.
if ("protocols", "ru") in files:
    wb = openpyxl.load_workbook(files[("protocols", "ru")])
    ws = wb.worksheets[0]
    nums = [c for r in ws.iter_rows() for c in r if isinstance(c.value, float)]
    ok(nums and all(c.number_format in ("#,##0.00", "#,##0") for c in nums), "protocols: real numbers in #,##0.00",
       [(c.coordinate, c.number_format) for c in nums][:5])
    txt = [c.value for r in ws.iter_rows() for c in r if isinstance(c.value, str)]
    ok(any("01.02.2023" in t for t in txt), "protocols: dates as dd.mm.yyyy", "")

# PDF of one act per language.
soffice = shutil.which("libreoffice") or shutil.which("soffice")
pdfinfo = shutil.which("pdfinfo")
for lang in ["kk", "ru", "kk+ru"]:
    if soffice is None or pdfinfo is None or ("act", lang) not in files:
        skip("act %s as PDF" % lang, "libreoffice or pdfinfo missing")
        continue
    outdir = os.path.join(tmp, "pdf-" + lang.replace("+", "-"))
    os.makedirs(outdir, exist_ok=True)
    p = subprocess.run([soffice, "--headless", "-env:UserInstallation=file://" + os.path.join(tmp, "lo"),
                        "--convert-to", "pdf", "--outdir", outdir, files[("act", lang)]],
                       capture_output=True, text=True, timeout=240)
    pdfs = [f for f in os.listdir(outdir) if f.endswith(".pdf")]
    ok(p.returncode == 0 and pdfs, "act %s converts to PDF" % lang, p.stderr)
    if not pdfs:
        continue
    pdf = os.path.join(outdir, pdfs[0])
    info = subprocess.run([pdfinfo, pdf], capture_output=True, text=True).stdout
    m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    ok(m and {round(float(m.group(1))), round(float(m.group(2)))} == {595, 842}, "act %s PDF is A4" % lang, info)
    ok(6 <= pages <= 20, "act %s PDF has %d pages (act and annexes)" % (lang, pages), info)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
        ok("Иванов Иван Иванович" in text and "45" in text, "act %s PDF shows the chairman and the order" % lang)
        if lang == "ru":
            ok(not (set(text) & KK_ONLY), "act ru PDF has no Kazakh letters")
        if os.environ.get("KEPIL_KEEP_PDF"):
            shutil.copy(pdf, os.environ["KEPIL_KEEP_PDF"] + "-" + lang.replace("+", "-") + ".pdf")

print("1..%d" % n)
if not os.environ.get("KEPIL_KEEP_TMP"):
    shutil.rmtree(tmp, ignore_errors=True)
sys.exit(1 if failed else 0)
