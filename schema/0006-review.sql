-- 0006-review.sql — union inspector review: findings, finalised acts with their
-- snapshots and fingerprints, and the bookkeeping of imported findings.
-- Copyright 2026 The Kepil authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Findings are written by inspectors (the generic entity API lets the inspector
-- role write the entity "finding" and nothing else of enterprise data).  Each
-- finding has a uid so that the same finding imported twice is kept once.

CREATE TABLE finding (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL DEFAULT (lower(hex(randomblob(16)))),
  enterprise_id INTEGER REFERENCES enterprise(id) ON DELETE CASCADE,
  workplace_id INTEGER REFERENCES workplace(id) ON DELETE SET NULL,
  workplace_code TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL,
  legal_basis TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'under_control')),
  economic_effect REAL NOT NULL DEFAULT 0 CHECK (economic_effect >= 0),
  note TEXT NOT NULL DEFAULT '',
  author TEXT NOT NULL DEFAULT '',
  found_on TEXT NOT NULL DEFAULT (date('now')),
  UNIQUE (uid)
);
CREATE INDEX finding_enterprise ON finding(enterprise_id);
CREATE INDEX finding_workplace ON finding(workplace_id);

-- Who recorded, changed or removed a finding goes to the same audit log.
CREATE TRIGGER finding_audit_insert AFTER INSERT ON finding
BEGIN
  INSERT INTO audit_log (who, entity, entity_id, action, field, old_value, new_value)
  VALUES ((SELECT name FROM actor WHERE id = 1), 'finding', NEW.id, 'insert', '', NULL, NULL);
END;
CREATE TRIGGER finding_audit_update AFTER UPDATE ON finding
BEGIN
  INSERT INTO audit_log (who, entity, entity_id, action, field, old_value, new_value)
  SELECT (SELECT name FROM actor WHERE id = 1), 'finding', NEW.id, 'update', 'category', OLD.category, NEW.category WHERE OLD.category IS NOT NEW.category;
  INSERT INTO audit_log (who, entity, entity_id, action, field, old_value, new_value)
  SELECT (SELECT name FROM actor WHERE id = 1), 'finding', NEW.id, 'update', 'legal_basis', OLD.legal_basis, NEW.legal_basis WHERE OLD.legal_basis IS NOT NEW.legal_basis;
  INSERT INTO audit_log (who, entity, entity_id, action, field, old_value, new_value)
  SELECT (SELECT name FROM actor WHERE id = 1), 'finding', NEW.id, 'update', 'status', OLD.status, NEW.status WHERE OLD.status IS NOT NEW.status;
  INSERT INTO audit_log (who, entity, entity_id, action, field, old_value, new_value)
  SELECT (SELECT name FROM actor WHERE id = 1), 'finding', NEW.id, 'update', 'economic_effect', OLD.economic_effect, NEW.economic_effect WHERE OLD.economic_effect IS NOT NEW.economic_effect;
  INSERT INTO audit_log (who, entity, entity_id, action, field, old_value, new_value)
  SELECT (SELECT name FROM actor WHERE id = 1), 'finding', NEW.id, 'update', 'note', OLD.note, NEW.note WHERE OLD.note IS NOT NEW.note;
  INSERT INTO audit_log (who, entity, entity_id, action, field, old_value, new_value)
  SELECT (SELECT name FROM actor WHERE id = 1), 'finding', NEW.id, 'update', 'workplace_id', OLD.workplace_id, NEW.workplace_id WHERE OLD.workplace_id IS NOT NEW.workplace_id;
  INSERT INTO audit_log (who, entity, entity_id, action, field, old_value, new_value)
  SELECT (SELECT name FROM actor WHERE id = 1), 'finding', NEW.id, 'update', 'found_on', OLD.found_on, NEW.found_on WHERE OLD.found_on IS NOT NEW.found_on;
END;
CREATE TRIGGER finding_audit_delete AFTER DELETE ON finding
BEGIN
  INSERT INTO audit_log (who, entity, entity_id, action, field, old_value, new_value)
  VALUES ((SELECT name FROM actor WHERE id = 1), 'finding', OLD.id, 'delete', '',
          json_object('uid', OLD.uid, 'category', OLD.category, 'status', OLD.status, 'workplace_code', OLD.workplace_code,
                      'economic_effect', OLD.economic_effect, 'note', OLD.note, 'author', OLD.author, 'found_on', OLD.found_on), NULL);
END;

-- One finalised revision of the act of a campaign.  campaign_id is a plain
-- number, not a foreign key: deleting the campaign must not delete the act,
-- so that verify can say the act's data is gone.
CREATE TABLE act (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL,
  revision INTEGER NOT NULL CHECK (revision >= 1),
  finalized_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  finalized_by TEXT NOT NULL,
  norm_set TEXT NOT NULL DEFAULT '',
  methodology TEXT NOT NULL DEFAULT '',
  fingerprint TEXT NOT NULL,            -- SHA-256 of the snapshot below
  data_fingerprint TEXT NOT NULL DEFAULT '',  -- kepil_data_fingerprint() when available
  UNIQUE (campaign_id, revision)
);

-- The canonical JSON the act was made from (kept apart: it can be large).
CREATE TABLE act_snapshot (
  act_id INTEGER PRIMARY KEY REFERENCES act(id),
  snapshot TEXT NOT NULL
);

-- Acts are frozen: no update, no delete through any tool; only the inspector
-- role is refused a new one (the core also asks for the commission role).
CREATE TRIGGER act_guard_insert BEFORE INSERT ON act
BEGIN
  SELECT RAISE(ABORT, 'read-only: inspector role') WHERE (SELECT role FROM actor WHERE id = 1) = 'inspector';
END;
CREATE TRIGGER act_no_update BEFORE UPDATE ON act
BEGIN SELECT RAISE(ABORT, 'a finalised act cannot be changed'); END;
CREATE TRIGGER act_no_delete BEFORE DELETE ON act
BEGIN SELECT RAISE(ABORT, 'a finalised act cannot be deleted'); END;
CREATE TRIGGER act_snapshot_no_update BEFORE UPDATE ON act_snapshot
BEGIN SELECT RAISE(ABORT, 'a finalised act cannot be changed'); END;
CREATE TRIGGER act_snapshot_no_delete BEFORE DELETE ON act_snapshot
BEGIN SELECT RAISE(ABORT, 'a finalised act cannot be deleted'); END;
CREATE TRIGGER act_audit_insert AFTER INSERT ON act
BEGIN
  INSERT INTO audit_log (who, entity, entity_id, action, field, old_value, new_value)
  VALUES ((SELECT name FROM actor WHERE id = 1), 'act', NEW.id, 'insert', 'fingerprint', NULL, NEW.fingerprint);
END;

-- Every findings file imported into this database: all of it or nothing.
CREATE TABLE findings_import (
  id INTEGER PRIMARY KEY,
  file_sha256 TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT '',
  imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  imported_by TEXT NOT NULL,
  added INTEGER NOT NULL DEFAULT 0,
  skipped INTEGER NOT NULL DEFAULT 0
);
