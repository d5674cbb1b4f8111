/* kepil-audit.h — the audit trail of enterprise data
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every insert, update (one entry per changed field) and delete of enterprise
 * data is written by SQLite triggers (schema/0002-audit.sql, 0006-review.sql)
 * into an append-only log, whoever writes: the core, or another SQLite tool.
 * An import of measurements or of a workplace register writes ONE entry
 * (entity "import", new_value: JSON of file, SHA-256 and counts) instead of one
 * per added row, and records the ids it added (schema/0008-import-log.sql).
 */
#pragma once

#include "kepil-db.h"

G_BEGIN_DECLS

/* The log entries of one record, oldest first.  Each element is an object:
 *   id, at (ISO UTC), who, entity, entity_id, action (insert|update|delete),
 *   field ("" for insert and delete), old_value, new_value (text or null).
 * A row added by an import is listed with an insert entry carrying the import's
 * entry id, time and actor, and the file's name as new_value.  Entity "import"
 * gives an import's own entry.
 * @with_children: for a workplace, also the entries of its measurements,
 * safety assessments and PPE rows (those deleted since included); for a unit,
 * its workplaces; for a campaign, its commission members and measurements. */
JsonArray *kepil_audit_history      (KepilDb     *db,
                                     const char  *entity,
                                     gint64       id,
                                     gboolean     with_children,
                                     GError     **error);

/* The number of entries in the log (all entities). */
gint64     kepil_audit_count        (KepilDb     *db,
                                     GError     **error);

/* Storage (kepil-store-review.c); callers use kepil_audit_history. */
JsonArray *kepil_store_audit_history (KepilDb    *db,
                                      const char *entity,
                                      gint64      id,
                                      gboolean    with_children,
                                      GError    **error);

G_END_DECLS
