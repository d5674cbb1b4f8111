-- 0005-risk.sql — the risk-oriented model: methodologies and stored evaluations.
-- Copyright 2026 The Kepil authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A methodology version never changes once made: editing makes a new version,
-- so that every stored run can be recomputed exactly with the versions it records.

CREATE TABLE methodology (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  parent TEXT NOT NULL DEFAULT '',
  json TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  created_by TEXT NOT NULL DEFAULT '',
  UNIQUE (name, version)
);

-- One evaluation of the whole database.
CREATE TABLE risk_run (
  id INTEGER PRIMARY KEY,
  computed_at TEXT NOT NULL,
  user TEXT NOT NULL DEFAULT '',
  norm_set TEXT NOT NULL DEFAULT '',
  norm_set_version INTEGER,
  methodology TEXT NOT NULL,
  methodology_version INTEGER NOT NULL,
  enterprises TEXT NOT NULL DEFAULT '[]'
);

-- The result of each workplace in a run, whole, as computed then.
CREATE TABLE risk_result (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES risk_run(id) ON DELETE CASCADE,
  workplace_id INTEGER NOT NULL,
  code TEXT NOT NULL DEFAULT '',
  r_ind REAL NOT NULL,
  level TEXT NOT NULL,
  json TEXT NOT NULL,
  UNIQUE (run_id, workplace_id)
);
CREATE INDEX risk_result_workplace ON risk_result(workplace_id);
