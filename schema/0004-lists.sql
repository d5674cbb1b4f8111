-- 0004-lists.sql — the legal Lists (Order 1053, ОППВ list, Lists No. 1/2, milk, ЛПП) as versioned data.
-- Copyright 2026 The Kepil authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Every load of a list (the shipped reference data, an import of the official act,
-- a synthetic list) is a version; one version per list is active.  Entries of older
-- versions stay, so that confirmed matches keep pointing at what was confirmed.

CREATE TABLE list_version (
  id INTEGER PRIMARY KEY,
  list TEXT NOT NULL CHECK (list IN ('1053', 'oppv', 'list1', 'list2', 'milk', 'lpp')),
  label TEXT NOT NULL,
  origin TEXT NOT NULL CHECK (origin IN ('shipped', 'import', 'synthetic')),
  act_key TEXT NOT NULL DEFAULT '',
  act_number TEXT NOT NULL DEFAULT '',
  act_date TEXT NOT NULL DEFAULT '',
  act_registration TEXT NOT NULL DEFAULT '',
  act_title_ru TEXT NOT NULL DEFAULT '',
  act_title_kk TEXT NOT NULL DEFAULT '',
  act_source TEXT NOT NULL DEFAULT '',
  act_status TEXT NOT NULL DEFAULT '',
  file TEXT NOT NULL DEFAULT '',
  loaded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  loaded_by TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX list_version_list ON list_version(list, active);

CREATE TABLE list_section (
  id INTEGER PRIMARY KEY,
  list TEXT NOT NULL,
  section TEXT NOT NULL,
  name_ru TEXT NOT NULL DEFAULT '',
  name_kk TEXT NOT NULL DEFAULT '',
  general INTEGER NOT NULL DEFAULT 0 CHECK (general IN (0, 1)),
  source TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT '',
  UNIQUE (list, section)
);

CREATE TABLE list_entry (
  id INTEGER PRIMARY KEY,
  version_id INTEGER NOT NULL REFERENCES list_version(id) ON DELETE CASCADE,
  list TEXT NOT NULL,
  section TEXT NOT NULL DEFAULT '',
  chapter TEXT NOT NULL DEFAULT '',
  item TEXT NOT NULL,
  name_ru TEXT NOT NULL,
  name_kk TEXT NOT NULL DEFAULT '',
  leave_days INTEGER,
  hours_per_week REAL,
  time_share_pct REAL,
  condition TEXT NOT NULL DEFAULT '',
  production TEXT NOT NULL DEFAULT '',
  aliases TEXT NOT NULL DEFAULT '',
  general INTEGER NOT NULL DEFAULT 0 CHECK (general IN (0, 1)),
  source TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT '',
  line INTEGER NOT NULL DEFAULT 0,
  UNIQUE (version_id, section, item)
);
CREATE INDEX list_entry_version ON list_entry(version_id);

-- Normalised titles and productions of the active entries, for candidate search.
CREATE VIRTUAL TABLE list_entry_fts USING fts5 (name, production, tokenize = 'trigram');

-- The commission's decision on a match of a workplace to an entry.
CREATE TABLE list_match (
  id INTEGER PRIMARY KEY,
  workplace_id INTEGER NOT NULL REFERENCES workplace(id) ON DELETE CASCADE,
  entry_id INTEGER NOT NULL REFERENCES list_entry(id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('confirmed', 'rejected')),
  decided_by TEXT NOT NULL DEFAULT '',
  decided_role TEXT NOT NULL DEFAULT '',
  decided_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (workplace_id, entry_id)
);
CREATE INDEX list_match_workplace ON list_match(workplace_id);
