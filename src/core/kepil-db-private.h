/* kepil-db-private.h — for the storage files of the core only (kepil-db*.c, kepil-store-*.c)
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQL lives in the storage files alone; everything else sees the typed API.
 */
#pragma once

#include <sqlite3.h>
#include "kepil-db.h"

G_BEGIN_DECLS

sqlite3      *kepil_db_handle        (KepilDb *self);
/* A cached prepared statement, reset and unbound, ready for binding. */
sqlite3_stmt *kepil_db_prepare       (KepilDb *self, const char *sql, GError **error);
/* Turns an SQLite failure into a GError in words a user understands. */
void          kepil_db_set_error     (KepilDb *self, GError **error, int rc, const char *doing);
/* Runs a statement that returns no rows. */
gboolean      kepil_db_exec          (KepilDb *self, const char *sql, GError **error);

/* The current row of @st as a JsonObject: one member per column, typed as stored. */
JsonObject   *kepil_db_row_to_json   (sqlite3_stmt *st);

/* Column helpers. */
static inline const char *
kepil_col_text (sqlite3_stmt *st, int i)
{
  const unsigned char *t = sqlite3_column_text (st, i);
  return t ? (const char *) t : "";
}

G_END_DECLS
