-- 0001-init.sql — the enterprise data of a Kepil database.
-- Copyright 2026 The Kepil authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Every table of enterprise data has an integer primary key `id`.  Money is in
-- tenge, shares in percent (0..100), dates as ISO text (YYYY-MM-DD).

CREATE TABLE enterprise (
  id INTEGER PRIMARY KEY,
  name_ru TEXT NOT NULL,
  name_kk TEXT NOT NULL DEFAULT '',
  bin TEXT NOT NULL DEFAULT '' CHECK (bin = '' OR (length(bin) = 12 AND bin NOT GLOB '*[^0-9]*')),
  address TEXT NOT NULL DEFAULT '',
  sector TEXT NOT NULL DEFAULT '',
  sector_coefficient REAL NOT NULL DEFAULT 1.0 CHECK (sector_coefficient > 0),
  apply_sector_coefficient INTEGER NOT NULL DEFAULT 0 CHECK (apply_sector_coefficient IN (0, 1)),
  ca_pay_percent REAL NOT NULL DEFAULT 0 CHECK (ca_pay_percent >= 0 AND ca_pay_percent <= 100),
  average_wage REAL NOT NULL DEFAULT 0 CHECK (average_wage >= 0),
  milk_price REAL NOT NULL DEFAULT 0 CHECK (milk_price >= 0),
  lpp_ration_cost REAL NOT NULL DEFAULT 0 CHECK (lpp_ration_cost >= 0),
  shifts_per_year INTEGER NOT NULL DEFAULT 247 CHECK (shifts_per_year > 0),
  norm_set TEXT NOT NULL DEFAULT 'KZ-2000',
  methodology TEXT NOT NULL DEFAULT 'KZ-RISK default v1',
  note TEXT NOT NULL DEFAULT ''
);

CREATE TABLE unit (
  id INTEGER PRIMARY KEY,
  enterprise_id INTEGER NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
  parent_id INTEGER REFERENCES unit(id) ON DELETE CASCADE,
  kind TEXT NOT NULL DEFAULT 'shop' CHECK (kind IN ('shop', 'section', 'department', 'division', 'other')),
  name_ru TEXT NOT NULL,
  name_kk TEXT NOT NULL DEFAULT '',
  headcount INTEGER NOT NULL DEFAULT 0 CHECK (headcount >= 0),
  production TEXT NOT NULL DEFAULT ''
);
CREATE INDEX unit_enterprise ON unit(enterprise_id);
CREATE INDEX unit_parent ON unit(parent_id);

CREATE TABLE profession (
  id INTEGER PRIMARY KEY,
  name_ru TEXT NOT NULL,
  name_kk TEXT NOT NULL DEFAULT '',
  nko_code TEXT NOT NULL DEFAULT '',
  UNIQUE (name_ru)
);

CREATE TABLE workplace (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
  profession_id INTEGER NOT NULL REFERENCES profession(id),
  code TEXT NOT NULL CHECK (code GLOB '[0-9][0-9] [0-9][0-9][0-9] [0-9][0-9][0-9]'),
  count INTEGER NOT NULL DEFAULT 1 CHECK (count >= 1),
  men INTEGER NOT NULL DEFAULT 0 CHECK (men >= 0),
  women INTEGER NOT NULL DEFAULT 0 CHECK (women >= 0),
  analog_group TEXT NOT NULL DEFAULT '',
  wage REAL NOT NULL DEFAULT 0 CHECK (wage >= 0),
  work_category TEXT NOT NULL DEFAULT 'IIb' CHECK (work_category IN ('Ia', 'Ib', 'IIa', 'IIb', 'III')),
  accidents_5y INTEGER NOT NULL DEFAULT 0 CHECK (accidents_5y >= 0),
  severe_accidents_5y INTEGER NOT NULL DEFAULT 0 CHECK (severe_accidents_5y >= 0),
  fatal_accidents_5y INTEGER NOT NULL DEFAULT 0 CHECK (fatal_accidents_5y >= 0),
  note TEXT NOT NULL DEFAULT '',
  UNIQUE (code)
);
CREATE INDEX workplace_unit ON workplace(unit_id);
CREATE INDEX workplace_profession ON workplace(profession_id);

CREATE TABLE campaign (
  id INTEGER PRIMARY KEY,
  enterprise_id INTEGER NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
  kind TEXT NOT NULL DEFAULT 'periodic' CHECK (kind IN ('periodic', 'extraordinary', 'initial')),
  order_no TEXT NOT NULL,
  order_date TEXT NOT NULL,
  organisation TEXT NOT NULL DEFAULT '',
  certificate_no TEXT NOT NULL DEFAULT '',
  certificate_valid_to TEXT NOT NULL DEFAULT '',
  measured_from TEXT NOT NULL DEFAULT '',
  measured_to TEXT NOT NULL DEFAULT '',
  completed_on TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final'))
);
CREATE INDEX campaign_enterprise ON campaign(enterprise_id);

CREATE TABLE commission_member (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
  full_name TEXT NOT NULL,
  position TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL CHECK (role IN ('chairman', 'member', 'secretary', 'union')),
  sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX commission_member_campaign ON commission_member(campaign_id);

-- One measured (or assessed) value of a factor at a workplace.  Heaviness and
-- intensity indicators are measurements too: factor 'heaviness' / 'intensity',
-- agent = the indicator's key.
CREATE TABLE measurement (
  id INTEGER PRIMARY KEY,
  workplace_id INTEGER NOT NULL REFERENCES workplace(id) ON DELETE CASCADE,
  campaign_id INTEGER REFERENCES campaign(id) ON DELETE SET NULL,
  factor TEXT NOT NULL,
  subgroup TEXT NOT NULL DEFAULT '',
  agent TEXT NOT NULL DEFAULT '',
  unit_of_measure TEXT NOT NULL DEFAULT '',
  value REAL NOT NULL,
  norm REAL,
  method TEXT NOT NULL DEFAULT '',
  instrument TEXT NOT NULL DEFAULT '',
  instrument_certificate TEXT NOT NULL DEFAULT '',
  instrument_verified_on TEXT NOT NULL DEFAULT '',
  measured_on TEXT NOT NULL DEFAULT '',
  exposure_pct REAL NOT NULL DEFAULT 100 CHECK (exposure_pct >= 0 AND exposure_pct <= 100)
);
CREATE INDEX measurement_workplace ON measurement(workplace_id);

CREATE TABLE safety_assessment (
  id INTEGER PRIMARY KEY,
  workplace_id INTEGER NOT NULL REFERENCES workplace(id) ON DELETE CASCADE,
  equipment TEXT NOT NULL DEFAULT '',
  documents TEXT NOT NULL DEFAULT '',
  compliant INTEGER NOT NULL DEFAULT 1 CHECK (compliant IN (0, 1)),
  dangerous INTEGER NOT NULL DEFAULT 0 CHECK (dangerous IN (0, 1)),
  reasons TEXT NOT NULL DEFAULT ''
);
CREATE INDEX safety_assessment_workplace ON safety_assessment(workplace_id);

CREATE TABLE ppe_provision (
  id INTEGER PRIMARY KEY,
  workplace_id INTEGER NOT NULL REFERENCES workplace(id) ON DELETE CASCADE,
  item TEXT NOT NULL,
  required INTEGER NOT NULL DEFAULT 1 CHECK (required >= 0),
  issued INTEGER NOT NULL DEFAULT 1 CHECK (issued >= 0),
  certified INTEGER NOT NULL DEFAULT 1 CHECK (certified IN (0, 1))
);
CREATE INDEX ppe_provision_workplace ON ppe_provision(workplace_id);

CREATE TABLE enterprise_stats (
  id INTEGER PRIMARY KEY,
  enterprise_id INTEGER NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
  year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  average_headcount INTEGER NOT NULL DEFAULT 0 CHECK (average_headcount >= 0),
  accidents INTEGER NOT NULL DEFAULT 0 CHECK (accidents >= 0),
  fatal_accidents INTEGER NOT NULL DEFAULT 0 CHECK (fatal_accidents >= 0),
  disease_cases INTEGER NOT NULL DEFAULT 0 CHECK (disease_cases >= 0),
  days_lost INTEGER NOT NULL DEFAULT 0 CHECK (days_lost >= 0),
  UNIQUE (enterprise_id, year)
);

CREATE TABLE profession_stats (
  id INTEGER PRIMARY KEY,
  profession_id INTEGER NOT NULL REFERENCES profession(id) ON DELETE CASCADE,
  disease_cases_5y INTEGER NOT NULL DEFAULT 0 CHECK (disease_cases_5y >= 0),
  workers INTEGER NOT NULL DEFAULT 0 CHECK (workers >= 0),
  UNIQUE (profession_id)
);

-- The 15-question checklist of П3, per enterprise and year.
CREATE TABLE checklist_answer (
  id INTEGER PRIMARY KEY,
  enterprise_id INTEGER NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  question INTEGER NOT NULL CHECK (question BETWEEN 1 AND 100),
  answer INTEGER NOT NULL CHECK (answer IN (0, 1)),
  confirmed_by TEXT NOT NULL DEFAULT '',
  UNIQUE (enterprise_id, year, question)
);

-- Who is writing now: the core sets the single row at the start of each
-- write transaction so that the audit triggers can read it.  An external tool
-- leaves it as it was, which is why the triggers also note the connection.
CREATE TABLE actor (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL DEFAULT 'external',
  role TEXT NOT NULL DEFAULT 'specialist'
);
INSERT INTO actor (id, name, role) VALUES (1, 'external', 'specialist');

-- Append-only audit log, filled by triggers (see 0002-audit.sql).
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  who TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
  field TEXT NOT NULL DEFAULT '',
  old_value TEXT,
  new_value TEXT
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

-- Key/value settings of this database (not of the user).
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
