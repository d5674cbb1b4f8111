#!/usr/bin/env python3
# gen-demo.py — writes resources/data/demo/demo.json: the demo phosphorus plant and a small clinic.
# Copyright 2026 The Kepil authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Modelled on seed 003 (lines 4897-4991): shop No. 5 "Production of yellow phosphorus" of a phosphorus
# plant, attested by order No. 45 of 20.01.2023.  The measured values are illustrative: they are chosen so
# that the norm set KZ-2000 gives the classes the seed reports.  Deterministic (fixed random seed).
#
#   python3 tools/gen-demo.py            # writes the file
#   python3 tools/gen-demo.py --check    # exits 1 when the file differs from what would be written

import json
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "resources", "data", "demo", "demo.json")

rnd = random.Random(45)


def r1(lo, hi, nd=1):
    return round(rnd.uniform(lo, hi), nd)


NOTE = ("Demo data. Enterprises, people and every measured value are illustrative, modelled on a published "
        "attestation of a phosphorus plant (shop No. 5, order No. 45 of 20.01.2023); values were chosen so that "
        "norm set KZ-2000 gives the classes reported there. Not a real attestation. Deliberate deviations: the crane "
        "operator keeps overall class 3.1 with vibration and dust at 3.1 while his lighting and noise are class 2 "
        "(with three factors at 3.1 the escalation rule would give 3.2); heaviness and intensity counts are scaled "
        "to the 18 professions of the demo.")

data = {"note": NOTE}

data["enterprise"] = [
    {"key": "plant",
     "name_ru": "Филиал ТОО «Казфосфат» «Новоджамбулский фосфорный завод» (демо)",
     "name_kk": "«Қазфосфат» ЖШС «Жаңажамбыл фосфор зауыты» филиалы (демо)",
     "bin": "021241000451", "address": "Жамбылская область, г. Тараз, промышленная зона, 1 (демо)",
     "sector": "Горно-металлургический комплекс", "sector_coefficient": 1.8, "apply_sector_coefficient": 1,
     "ca_pay_percent": 12, "average_wage": 418500, "milk_price": 560, "lpp_ration_cost": 1480,
     "shifts_per_year": 247, "norm_set": "KZ-2000", "methodology": "KZ-RISK default v1",
     "note": NOTE},
    {"key": "clinic",
     "name_ru": "ГКП на ПХВ «Городская поликлиника № 3» (демо)",
     "name_kk": "«№ 3 қалалық емхана» ШЖҚ МКК (демо)",
     "bin": "050340003312", "address": "г. Тараз, ул. Толе би, 15 (демо)",
     "sector": "Здравоохранение", "sector_coefficient": 1.0, "apply_sector_coefficient": 0,
     "ca_pay_percent": 0, "average_wage": 265000, "milk_price": 560, "lpp_ration_cost": 0,
     "shifts_per_year": 247, "norm_set": "KZ-2000", "methodology": "KZ-RISK default v1",
     "note": NOTE + " The clinic has no valid attestation: its only campaign dates from 2017."},
]

data["unit"] = [
    {"key": "shop5", "enterprise_id": "plant", "kind": "shop", "name_ru": "Цех № 5 «Производство желтого фосфора»",
     "name_kk": "№ 5 цех «Сары фосфор өндірісі»", "production": "Производство фосфора"},
    {"key": "sec-charge", "enterprise_id": "plant", "parent_id": "shop5", "kind": "section",
     "name_ru": "Шихтоподготовительное отделение", "name_kk": "Шихта дайындау бөлімшесі", "production": "Производство фосфора"},
    {"key": "sec-furnace", "enterprise_id": "plant", "parent_id": "shop5", "kind": "section",
     "name_ru": "Печное отделение", "name_kk": "Пеш бөлімшесі", "production": "Производство фосфора"},
    {"key": "sec-gas", "enterprise_id": "plant", "parent_id": "shop5", "kind": "section",
     "name_ru": "Отделение конденсации и очистки газа", "name_kk": "Конденсация және газ тазарту бөлімшесі",
     "production": "Производство фосфора"},
    {"key": "sec-repair", "enterprise_id": "plant", "parent_id": "shop5", "kind": "section",
     "name_ru": "Ремонтная служба цеха", "name_kk": "Цехтың жөндеу қызметі", "production": "Производство фосфора"},
    {"key": "clinic-dep", "enterprise_id": "clinic", "kind": "department",
     "name_ru": "Лечебно-диагностическое отделение", "name_kk": "Емдеу-диагностикалық бөлімше", "production": ""},
]

# key, ru, kk, section, profile, workplaces, work category, women share
PROFS = [
    ("dpu", "Оператор дистанционного пульта управления", "Қашықтан басқару пультінің операторы", "sec-charge", "charge", 7, "IIa", 0.6),
    ("charge", "Шихтовщик", "Шихташы", "sec-charge", "charge", 7, "IIb", 0.0),
    ("screen", "Аппаратчик рассева", "Електеу аппаратшысы", "sec-charge", "charge", 6, "IIb", 0.0),
    ("bunker", "Бункеровщик", "Бункерші", "sec-charge", "charge", 6, "IIb", 0.0),
    ("conveyor", "Машинист конвейера", "Конвейер машинисі", "sec-charge", "charge", 7, "IIb", 0.5),
    ("mixer", "Смесильщик", "Араластырушы", "sec-charge", "charge", 6, "IIb", 0.0),
    ("welder", "Электрогазосварщик", "Электргазбен дәнекерлеуші", "sec-repair", "repair", 6, "IIb", 0.0),
    ("fitter", "Слесарь-ремонтник", "Жөндеуші слесарь", "sec-repair", "repair", 7, "IIb", 0.0),
    ("electrode", "Электродчик", "Электродшы", "sec-furnace", "electrode", 6, "IIb", 0.0),
    ("crane", "Машинист крана", "Кран машинисі", "sec-furnace", "crane", 6, "IIa", 0.0),
    ("app-p4", "Аппаратчик производства желтого фосфора", "Сары фосфор өндірісінің аппаратшысы", "sec-furnace", "apparatus", 7, "IIb", 0.0),
    ("app-ferro", "Аппаратчик по сливу феррофосфора", "Феррофосфорды ағызу аппаратшысы", "sec-furnace", "apparatus", 6, "IIb", 0.0),
    ("app-charge", "Аппаратчик-шихтовщик", "Шихташы-аппаратшы", "sec-charge", "apparatus", 6, "IIb", 0.0),
    ("app-cond", "Аппаратчик конденсации", "Конденсация аппаратшысы", "sec-gas", "apparatus", 6, "IIb", 0.0),
    ("app-gran", "Аппаратчик грануляции", "Түйіршіктеу аппаратшысы", "sec-gas", "apparatus", 6, "IIb", 0.0),
    ("app-dust", "Аппаратчик по обслуживанию пылегазоулавливающих установок", "Шаң-газ ұстағыш қондырғыларына қызмет көрсету аппаратшысы", "sec-gas", "apparatus", 6, "IIb", 0.0),
    ("app-util", "Аппаратчик утилизации", "Кәдеге жарату аппаратшысы", "sec-gas", "apparatus", 6, "IIb", 0.0),
    ("app-filter", "Аппаратчик на чистке электрофильтров", "Электрсүзгілерді тазалау аппаратшысы", "sec-gas", "apparatus", 6, "IIb", 0.0),
    ("app-gas", "Аппаратчик очистки газа", "Газ тазарту аппаратшысы", "sec-gas", "apparatus", 6, "IIb", 0.0),
    ("logoped", "Логопед", "Логопед", "clinic-dep", "logoped", 2, "Ia", 1.0),
    ("surdolog", "Сурдолог", "Сурдолог", "clinic-dep", "surdolog", 1, "Ia", 1.0),
    ("tb-nurse", "Медицинская сестра противотуберкулезного диспансера", "Туберкулезге қарсы диспансердің мейірбикесі", "clinic-dep", "tb-nurse", 2, "IIa", 1.0),
]
# The seed names nine apparatus operators' kinds; the prompt counts eight with chemical 3.1 — the ninth,
# gas cleaning, gets the same profile (the seed lists it with noise 3.1 too).

# The class each profile is built to reach with KZ-2000 (checked by tests/test-classify.c).
EXPECTED = {"charge": "3.2", "repair": "3.1", "electrode": "3.1", "crane": "3.1", "apparatus": "3.2",
            "logoped": "2", "surdolog": "2", "tb-nurse": "3.2"}

data["profession"] = [{"key": "p-" + k, "name_ru": ru, "name_kk": kk, "nko_code": ""} for k, ru, kk, *_ in PROFS]

data["campaign"] = [
    {"key": "c2023", "enterprise_id": "plant", "kind": "periodic", "order_no": "45", "order_date": "2023-01-20",
     "organisation": "ТОО «ЭкоТрудАудит» (аккредитованная организация, демо)", "certificate_no": "KZ.T.07.0451 (демо)",
     "certificate_valid_to": "2026-05-14", "measured_from": "2023-02-01", "measured_to": "2023-03-15",
     "completed_on": "2023-03-31", "status": "final"},
    {"key": "c2017", "enterprise_id": "clinic", "kind": "periodic", "order_no": "12", "order_date": "2017-02-06",
     "organisation": "ТОО «МедТрудЭксперт» (демо)", "certificate_no": "KZ.T.02.0117 (демо)",
     "certificate_valid_to": "2019-12-31", "measured_from": "2017-02-20", "measured_to": "2017-03-03",
     "completed_on": "2017-03-20", "status": "final"},
]
data["commission_member"] = [
    {"campaign_id": "c2023", "full_name": "Сейткали Ержан Болатович", "position": "Главный инженер", "role": "chairman", "sort_order": 1},
    {"campaign_id": "c2023", "full_name": "Ахметова Гульнара Сериковна", "position": "Начальник отдела охраны труда", "role": "member", "sort_order": 2},
    {"campaign_id": "c2023", "full_name": "Ким Сергей Викторович", "position": "Начальник цеха № 5", "role": "member", "sort_order": 3},
    {"campaign_id": "c2023", "full_name": "Жумабаева Айгерим Нурлановна", "position": "Инженер по охране труда", "role": "secretary", "sort_order": 4},
    {"campaign_id": "c2023", "full_name": "Омаров Берик Касымович", "position": "Председатель профсоюзного комитета", "role": "union", "sort_order": 5},
    {"campaign_id": "c2017", "full_name": "Садыкова Динара Маратовна", "position": "Главный врач", "role": "chairman", "sort_order": 1},
    {"campaign_id": "c2017", "full_name": "Петренко Ольга Ивановна", "position": "Старшая медсестра", "role": "secretary", "sort_order": 2},
]

M_DATE = "2023-02-%02d"
INSTR = {
    "noise": ("ГОСТ 12.1.050-86", "Шумомер-виброметр «Октава-110А»", "ВА-23-0215"),
    "vibration_general": ("ГОСТ 31319-2006", "Шумомер-виброметр «Октава-110А»", "ВА-23-0215"),
    "dust": ("МУ 4436-87 (гравиметрия)", "Аспиратор ПУ-4Э", "ПА-23-0107"),
    "chemical": ("МУК 4.1 (фотометрия)", "Газоанализатор «Хоббит-Т»", "ГА-23-0033"),
    "lighting": ("ГОСТ 24940-2016", "Люксметр «ТКА-ПКМ» 02", "ЛК-22-0981"),
    "microclimate": ("ГОСТ 12.1.005-88", "Метеометр МЭС-200А", "МЭ-22-0412"),
    "thermal_radiation": ("ГОСТ 12.1.005-88", "Радиометр «Аргус-03»", "РА-22-0188"),
    "biological": ("МУК 4.2.734-99", "Пробоотборник ПУ-1Б", "ПБ-16-0021"),
    "heaviness": ("Хронометраж, Р 2.2.755-99", "Динамометр ДПУ-0,5", "ДН-22-0075"),
    "intensity": ("Хронометраж, Р 2.2.755-99", "", ""),
}

measurements = []
workplaces = []
safety = []
ppe = []


def meas(wp, factor, value, unit, subgroup="", agent="", norm=None, campaign="c2023", day=None, exposure=100):
    method, instrument, cert = INSTR[factor]
    m = {"workplace_id": wp, "campaign_id": campaign, "factor": factor, "subgroup": subgroup, "agent": agent,
         "unit_of_measure": unit, "value": value, "norm": norm, "method": method, "instrument": instrument,
         "instrument_certificate": cert, "instrument_verified_on": "2022-11-10" if campaign == "c2023" else "2016-11-10",
         "measured_on": (M_DATE % (day or rnd.randint(1, 28))) if campaign == "c2023" else "2017-02-24",
         "exposure_pct": exposure}
    measurements.append(m)


INT_GRADES = ["intellectual-content", "signal-perception", "task-distribution", "work-character",
              "observation-duration", "object-size", "vdt-screens", "auditory-load", "responsibility",
              "own-life-risk", "others-safety", "repeated-operations", "active-actions-time",
              "workday-length", "shift-work", "breaks"]


def heaviness(wp, level, women):
    # Indicators safe on both scales (men and women) unless the level needs one above.
    meas(wp, "heaviness", 4, "kg", agent="lift-single")
    meas(wp, "heaviness", r1(4.5, 7.5), "km", agent="walking-horizontal")
    meas(wp, "heaviness", rnd.randint(55, 95), "number", agent="bends")
    if level == "3.1-body":
        meas(wp, "heaviness", rnd.randint(102, 118) * 1000, "kgf·s", agent="static-body-legs")
        meas(wp, "heaviness", 2, "class", agent="posture")
    elif level == "3.1-posture":
        meas(wp, "heaviness", rnd.randint(30, 55) * 1000, "kgf·s", agent="static-body-legs")
        meas(wp, "heaviness", 3.1, "class", agent="posture")
    elif level == "3.2":
        assert not women
        meas(wp, "heaviness", r1(21, 24), "kg", agent="lift-constant")
        meas(wp, "heaviness", rnd.randint(30, 55) * 1000, "kgf·s", agent="static-body-legs")
        meas(wp, "heaviness", 2, "class", agent="posture")
    else:
        meas(wp, "heaviness", rnd.randint(30, 55) * 1000, "kgf·s", agent="static-body-legs")
        meas(wp, "heaviness", 2, "class", agent="posture")


def intensity(wp, level):
    meas(wp, "intensity", rnd.randint(110, 170), "per hour", agent="signal-density")
    if level == "3.1":
        # Six indicators at 3.1, the rest 1 or 2: class 3.1.
        for a in INT_GRADES[:6]:
            meas(wp, "intensity", 3.1, "class", agent=a)
        for a in INT_GRADES[6:9]:
            meas(wp, "intensity", 2, "class", agent=a)
    else:
        # Six indicators at 2 (signal density included), the rest 1: class 2.
        for a in INT_GRADES[:5]:
            meas(wp, "intensity", 2, "class", agent=a)


def microclimate(wp, cat):
    lo, hi = {"Ia": (22.2, 23.8), "IIa": (19.2, 20.8), "IIb": (17.2, 18.8)}[cat]
    meas(wp, "microclimate", r1(lo, hi), "°C", subgroup="air-temperature")
    meas(wp, "microclimate", rnd.randint(42, 58), "%", subgroup="humidity")
    meas(wp, "microclimate", r1(0.2, 0.4), "m/s", subgroup="air-speed")


def noise(wp, cls):
    v = r1(81.0, 84.5) if cls == "3.1" else r1(72.0, 79.0)
    meas(wp, "noise", v, "dBA", norm=80)


def lighting(wp, cls, norm=200):
    v = rnd.randint(int(norm * 0.6), int(norm * 0.9)) if cls == "3.1" else rnd.randint(norm, int(norm * 1.3))
    meas(wp, "lighting", v, "lx", subgroup="illuminance", norm=norm)


code_no = 0
analog_note = "deliberately different from its analogue (vibration 3.2)"
for key, ru, kk, section, profile, n, cat, women_share in PROFS:
    is_clinic = section == "clinic-dep"
    for i in range(n):
        code_no += 1
        wkey = "w-%s-%d" % (key, i + 1)
        count = 1 if is_clinic else rnd.choice([2, 3, 4, 4, 5])
        women = round(count * women_share) if women_share < 1 else count
        if profile in ("apparatus",):
            women = 0
        men = count - women
        group = "" if is_clinic else "05-%s" % key.upper()
        note = ""
        if profile == "crane" and i == n - 1:
            note = analog_note
        shop = 5 if not is_clinic else 1
        workplaces.append({
            "key": wkey, "unit_id": section, "profession_id": "p-" + key,
            "code": "%02d %03d %03d" % (shop, code_no // 1000, code_no % 1000 + (100 if not is_clinic else 700)),
            "count": count, "men": men, "women": women, "analog_group": group,
            "wage": float(rnd.randrange(265, 520) * 1000) if not is_clinic else float(rnd.randrange(190, 290) * 1000),
            "work_category": cat, "accidents_5y": 1 if (profile == "apparatus" and i == 0) else 0,
            "severe_accidents_5y": 0, "fatal_accidents_5y": 0, "note": note})
        if is_clinic:
            meas(wkey, "microclimate", r1(22.4, 23.6), "°C", subgroup="air-temperature", campaign="c2017")
            meas(wkey, "lighting", rnd.randint(300, 380), "lx", subgroup="illuminance", norm=300, campaign="c2017")
            if profile == "logoped":
                meas(wkey, "intensity", r1(21, 24), "h/week", agent="voice-load", campaign="c2017")
                meas(wkey, "intensity", 2, "class", agent="responsibility", campaign="c2017")
            elif profile == "surdolog":
                meas(wkey, "noise", r1(52, 58), "dBA", norm=60, campaign="c2017")
                meas(wkey, "intensity", 2, "class", agent="auditory-load", campaign="c2017")
            else:
                # Mycobacterium tuberculosis: pathogenicity group III.
                meas(wkey, "biological", 3, "group", subgroup="pathogen-group", agent="Mycobacterium tuberculosis",
                     campaign="c2017")
                meas(wkey, "intensity", 2, "class", agent="responsibility", campaign="c2017")
            continue

        microclimate(wkey, cat)
        if profile == "charge":
            meas(wkey, "dust", r1(2.3, 3.6, 2), "mg/m3", agent="dust-sio2-70-20")
            meas(wkey, "dust", r1(1.0, 2.6, 2), "mg/m3", agent="dust-sio2-below-20")
            lighting(wkey, "3.1")
            noise(wkey, "3.1")
            heaviness(wkey, "3.1-body", women > 0)
            intensity(wkey, "3.1")
        elif profile == "repair":
            meas(wkey, "dust", r1(4.6, 6.8, 2), "mg/m3", agent="dust-sio2-below-20")
            if key == "welder":
                meas(wkey, "chemical", r1(0.06, 0.15, 3), "mg/m3", agent="manganese")
                meas(wkey, "dust", r1(2.0, 4.5, 2), "mg/m3", agent="iron-oxides")
            else:
                meas(wkey, "dust", r1(1.5, 3.5, 2), "mg/m3", agent="abrasive-dust")
            lighting(wkey, "2")
            noise(wkey, "2")
            heaviness(wkey, "3.1-posture", False)
            intensity(wkey, "2")
        elif profile == "electrode":
            meas(wkey, "dust", r1(4.6, 6.8, 2), "mg/m3", agent="dust-sio2-below-20")
            lighting(wkey, "2")
            noise(wkey, "3.1")
            heaviness(wkey, "2", False)
            intensity(wkey, "2")
        elif profile == "crane":
            deviant = note == analog_note
            meas(wkey, "vibration_general", r1(123.5, 125.0) if deviant else r1(116.5, 120.5), "dB", subgroup="z", norm=115)
            meas(wkey, "dust", r1(1.3, 1.8, 2), "mg/m3", agent="dust-sio2-70-20")
            lighting(wkey, "2")
            noise(wkey, "2")
            heaviness(wkey, "2", False)
            intensity(wkey, "2")
        elif profile == "apparatus":
            meas(wkey, "chemical", r1(0.25, 0.38, 3), "mg/m3", agent="p2o5")
            meas(wkey, "chemical", r1(0.12, 0.19, 3), "mg/m3", agent="phosphine")
            meas(wkey, "chemical", r1(0.035, 0.085, 3), "mg/m3", agent="white-phosphorus")
            meas(wkey, "dust", r1(2.0, 4.5, 2), "mg/m3", agent="iron-oxides")
            lighting(wkey, "2")
            noise(wkey, "3.1")
            if key in ("app-p4", "app-ferro"):
                meas(wkey, "thermal_radiation", rnd.randint(90, 138), "W/m2")
            heaviness(wkey, "3.2", False)
            intensity(wkey, "3.1")
        # Safety of equipment and PPE.
        if code_no % 9 == 0:
            safety.append({"workplace_id": wkey, "equipment": "Ограждения вращающихся частей конвейера",
                           "documents": "Паспорт оборудования, акт осмотра", "compliant": 0, "dangerous": 0,
                           "reasons": "Ограждение муфты снято при ремонте и не восстановлено"})
        else:
            safety.append({"workplace_id": wkey, "equipment": "Оборудование рабочего места",
                           "documents": "Паспорта, инструкции по охране труда", "compliant": 1, "dangerous": 0,
                           "reasons": ""})
        ppe.append({"workplace_id": wkey, "item": "Респиратор противопылевой «Лепесток-200»", "required": count,
                    "issued": count - (1 if code_no % 11 == 0 else 0), "certified": 1})
        ppe.append({"workplace_id": wkey, "item": "Костюм хлопчатобумажный с огнезащитной пропиткой", "required": count,
                    "issued": count, "certified": 1 if code_no % 13 else 0})
        if profile == "apparatus":
            ppe.append({"workplace_id": wkey, "item": "Противогаз фильтрующий с коробкой марки В", "required": count,
                        "issued": count if code_no % 7 else 0, "certified": 1})

data["workplace"] = workplaces
data["measurement"] = measurements
data["safety_assessment"] = safety
data["ppe_provision"] = ppe
data["enterprise_stats"] = [
    {"enterprise_id": "plant", "year": 2022, "average_headcount": 2790, "accidents": 4, "fatal_accidents": 0,
     "disease_cases": 3, "days_lost": 212},
    {"enterprise_id": "plant", "year": 2023, "average_headcount": 2783, "accidents": 3, "fatal_accidents": 0,
     "disease_cases": 2, "days_lost": 168},
    {"enterprise_id": "clinic", "year": 2023, "average_headcount": 214, "accidents": 0, "fatal_accidents": 0,
     "disease_cases": 1, "days_lost": 30},
]
data["profession_stats"] = []
for key, ru, kk, section, profile, n, cat, ws in PROFS:
    workers = sum(w["count"] for w in workplaces if w["profession_id"] == "p-" + key)
    cases = {"apparatus": 1, "charge": 1}.get(profile, 0) if key not in ("dpu", "conveyor") else 0
    data["profession_stats"].append({"profession_id": "p-" + key, "disease_cases_5y": cases, "workers": workers})
# The 15 questions of the checklist for 2023 (1 = yes).
answers = [1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1]
data["checklist_answer"] = [
    {"enterprise_id": "plant", "year": 2023, "question": q + 1, "answer": a,
     "confirmed_by": "Ахметова Г. С." if a else ""} for q, a in enumerate(answers)]

text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
if "--check" in sys.argv:
    old = open(OUT, encoding="utf-8").read() if os.path.exists(OUT) else ""
    sys.exit(0 if old == text else 1)
with open(OUT, "w", encoding="utf-8") as f:
    f.write(text)
print("%s: %d workplaces, %d measurements" % (OUT, len(workplaces), len(measurements)), file=sys.stderr)
