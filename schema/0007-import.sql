-- 0007-import.sql — column mappings of import files, remembered per source (e.g. per laboratory).
-- Copyright 2026 The Kepil authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- mapping is the JSON the user gave: {"source": …, "columns": {"header": "field", …}, "skip_rows": N}.
-- Not enterprise data, so no audit triggers.
CREATE TABLE import_mapping (
  source TEXT PRIMARY KEY,
  kind TEXT NOT NULL DEFAULT 'measurements' CHECK (kind IN ('measurements', 'workplaces')),
  mapping TEXT NOT NULL,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
