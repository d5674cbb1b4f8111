/* kepil-package.h — exchange files between an enterprise and a union inspector
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The enterprise exports one .kepil file (a consistent copy of its database,
 * optionally narrowed to one campaign).  The inspector opens it with the role
 * "inspector": enterprise data cannot change, findings can be recorded.  The
 * inspector exports the findings as a small JSON file (format
 * "kepil-findings-1"), which the enterprise imports: all of it or nothing,
 * and a finding already present (same uid) is not added twice.
 */
#pragma once

#include "kepil-db.h"

G_BEGIN_DECLS

/* Writes @path (refuses to overwrite an existing file).  @campaign_id > 0
 * keeps only that campaign and its enterprise.  Returns a summary object:
 * path, campaign_id, enterprises, workplaces, measurements, acts, bytes. */
JsonObject *kepil_package_export          (KepilDb     *db,
                                           const char  *path,
                                           gint64       campaign_id,
                                           GError     **error);
/* Writes the findings of @db to the JSON file @path.  Returns the number
 * written, or -1 with @error set. */
gint64      kepil_package_export_findings (KepilDb     *db,
                                           const char  *path,
                                           GError     **error);
/* Imports a findings file into @db in one transaction.  Returns an object:
 * added, skipped (already present), total, import_id. */
JsonObject *kepil_package_import_findings (KepilDb     *db,
                                           const char  *path,
                                           GError     **error);

/* Storage (kepil-store-review.c). */
gboolean    kepil_store_package_copy      (KepilDb     *db,
                                           const char  *path,
                                           GError     **error);
/* Narrows an exported copy (a database opened on its own) to one campaign. */
gboolean    kepil_store_package_narrow    (KepilDb     *copy,
                                           gint64       campaign_id,
                                           GError     **error);
/* Makes the roles of the copy start as inspector for foreign tools too. */
gboolean    kepil_store_package_seal      (KepilDb     *copy,
                                           GError     **error);
gint64      kepil_store_findings_import_record (KepilDb    *db,
                                                const char *file_sha256,
                                                const char *source,
                                                gint64      added,
                                                gint64      skipped,
                                                GError    **error);

G_END_DECLS
