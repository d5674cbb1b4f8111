-- 0008-import-log.sql — one audit entry per import of measurements or of a workplace register.
-- Copyright 2026 The Kepil authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- An import writes up to hundreds of thousands of rows in one transaction.  The per-row
-- insert triggers of 0002-audit.sql (audit entry and inspector guard) cost more than the
-- insert itself, so the core drops the insert triggers of enterprise, unit, profession,
-- workplace and measurement inside the import's transaction and creates them again,
-- from their own stored SQL, before the transaction commits (kepil-store-import.c):
-- no other connection can write meanwhile, and a failure or a kill rolls the drop back
-- with everything else.  Instead, the import writes one row here, whose trigger writes
-- ONE audit_log entry (entity 'import', entity_id = import_log.id, action 'insert',
-- new_value = JSON of file, digest and counts, who = the actor), and one import_range
-- row per table it added rows to: every row of that table with first_id <= id <= last_id
-- was added by the import.  The history of a record (kepil_audit_history) lists such a
-- row as inserted by the import's entry.  Updates of existing workplaces by a register
-- import keep their per-field audit entries (their old values are not in the file).

CREATE TABLE import_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  kind TEXT NOT NULL CHECK (kind IN ('measurements', 'workplaces')),
  file TEXT NOT NULL,                 -- the file's name, without its folder
  file_sha256 TEXT NOT NULL,          -- SHA-256 of the file's bytes as read
  format TEXT NOT NULL DEFAULT '',    -- csv or xlsx
  source TEXT NOT NULL DEFAULT '',    -- the column mapping's source, when one was used
  rows INTEGER NOT NULL DEFAULT 0,    -- data rows in the file
  imported INTEGER NOT NULL DEFAULT 0,
  measurements INTEGER NOT NULL DEFAULT 0,
  workplaces INTEGER NOT NULL DEFAULT 0,
  updated_workplaces INTEGER NOT NULL DEFAULT 0,
  units INTEGER NOT NULL DEFAULT 0,
  professions INTEGER NOT NULL DEFAULT 0,
  enterprises INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE import_range (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES import_log(id),
  entity TEXT NOT NULL,
  first_id INTEGER NOT NULL,
  last_id INTEGER NOT NULL CHECK (last_id >= first_id),
  UNIQUE (import_id, entity)
);
CREATE INDEX import_range_entity ON import_range(entity, first_id);

CREATE TRIGGER import_log_guard_insert BEFORE INSERT ON import_log
BEGIN
  SELECT RAISE(ABORT, 'read-only: inspector role') WHERE (SELECT role FROM actor WHERE id = 1) = 'inspector';
END;
CREATE TRIGGER import_log_audit_insert AFTER INSERT ON import_log
BEGIN
  INSERT INTO audit_log (who, entity, entity_id, action, field, old_value, new_value)
  VALUES ((SELECT name FROM actor WHERE id = 1), 'import', NEW.id, 'insert', '', NULL,
          json_object('kind', NEW.kind, 'file', NEW.file, 'file_sha256', NEW.file_sha256, 'format', NEW.format,
                      'source', NEW.source, 'rows', NEW.rows, 'imported', NEW.imported,
                      'measurements', NEW.measurements, 'workplaces', NEW.workplaces,
                      'updated_workplaces', NEW.updated_workplaces, 'units', NEW.units,
                      'professions', NEW.professions, 'enterprises', NEW.enterprises));
END;
-- Like the audit log they stand for: append-only.
CREATE TRIGGER import_log_no_update BEFORE UPDATE ON import_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER import_log_no_delete BEFORE DELETE ON import_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER import_range_no_update BEFORE UPDATE ON import_range
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER import_range_no_delete BEFORE DELETE ON import_range
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
