-- 0003-norms.sql — norm sets (class thresholds) and the substance catalogue.
-- Copyright 2026 The Kepil authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Reference data, not enterprise data: filled from the resources on first use
-- (/kz/kepil/norms/*.csv) and by users who copy a set or load one from CSV.
-- A version is never changed once used: a change is a new version, so results
-- computed with an older version reproduce.

CREATE TABLE norm_set (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (name <> '' AND name NOT GLOB '*@*'),
  version INTEGER NOT NULL CHECK (version >= 1),
  parent TEXT NOT NULL DEFAULT '',
  legal_basis TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'UNVERIFIED' CHECK (status IN ('V1', 'V2', 'V3', 'UNVERIFIED')),
  source TEXT NOT NULL DEFAULT '',
  shipped INTEGER NOT NULL DEFAULT 0 CHECK (shipped IN (0, 1)),
  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
  used INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  note TEXT NOT NULL DEFAULT '',
  UNIQUE (name, version)
);

CREATE TABLE norm_row (
  id INTEGER PRIMARY KEY,
  norm_set_id INTEGER NOT NULL REFERENCES norm_set(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL DEFAULT 0,
  factor TEXT NOT NULL,
  subgroup TEXT NOT NULL DEFAULT '',
  agent TEXT NOT NULL DEFAULT '',
  sex TEXT NOT NULL DEFAULT '' CHECK (sex IN ('', 'm', 'f')),
  label TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL DEFAULT '',
  basis TEXT NOT NULL CHECK (basis IN ('ratio', 'excess_db', 'absolute', 'grade')),
  direction TEXT NOT NULL DEFAULT 'up' CHECK (direction IN ('up', 'down')),
  c1 REAL, c2 REAL, c3_1 REAL, c3_2 REAL, c3_3 REAL, c3_4 REAL,
  top TEXT NOT NULL DEFAULT '',
  exclusive TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'UNVERIFIED' CHECK (status IN ('V1', 'V2', 'V3', 'UNVERIFIED')),
  source TEXT NOT NULL DEFAULT ''
);
CREATE INDEX norm_row_set ON norm_row(norm_set_id, factor);

CREATE TABLE norm_param (
  id INTEGER PRIMARY KEY,
  norm_set_id INTEGER NOT NULL REFERENCES norm_set(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'UNVERIFIED' CHECK (status IN ('V1', 'V2', 'V3', 'UNVERIFIED')),
  source TEXT NOT NULL DEFAULT '',
  UNIQUE (norm_set_id, key)
);

CREATE TABLE substance (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  name_ru TEXT NOT NULL DEFAULT '',
  name_en TEXT NOT NULL DEFAULT '',
  formula TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL DEFAULT 'chemical' CHECK (kind IN ('chemical', 'dust')),
  pdk_max REAL CHECK (pdk_max IS NULL OR pdk_max > 0),
  pdk_mean REAL CHECK (pdk_mean IS NULL OR pdk_mean > 0),
  hazard_class INTEGER NOT NULL DEFAULT 3 CHECK (hazard_class BETWEEN 1 AND 4),
  acute INTEGER NOT NULL DEFAULT 0 CHECK (acute IN (0, 1)),
  irritant INTEGER NOT NULL DEFAULT 0 CHECK (irritant IN (0, 1)),
  carcinogen INTEGER NOT NULL DEFAULT 0 CHECK (carcinogen IN (0, 1)),
  allergen INTEGER NOT NULL DEFAULT 0 CHECK (allergen IN (0, 1)),
  fibrogenic INTEGER NOT NULL DEFAULT 0 CHECK (fibrogenic IN (0, 1)),
  status TEXT NOT NULL DEFAULT 'UNVERIFIED' CHECK (status IN ('V1', 'V2', 'V3', 'UNVERIFIED')),
  source TEXT NOT NULL DEFAULT '',
  shipped INTEGER NOT NULL DEFAULT 0 CHECK (shipped IN (0, 1))
);
