/* kepil-store-import.c — storage of the import: matching, creating and inserting (SQL lives here)
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-import.h"
#include "kepil-db-private.h"
#include "kepil-error.h"
#include "kepil-i18n.h"

#include <string.h>

/* The tables an import adds rows to, whose per-row insert triggers (audit entry
 * and inspector guard, schema/0002-audit.sql) are set aside during the import's
 * transaction: see schema/0008-import-log.sql. */
static const char * const bulk_tables[] = { "enterprise", "unit", "profession", "workplace", "measurement" };
#define N_BULK_TABLES G_N_ELEMENTS (bulk_tables)

static gint64 insert_done (KepilImportWriter *w, sqlite3_stmt *st, const char *doing, GError **error);

struct _KepilImportWriter {
  KepilDb      *db;
  gboolean      bulk;          /* the insert triggers are dropped (inside the transaction) */
  GPtrArray    *triggers;      /* their CREATE TRIGGER statements, to run again */
  gint64        max_before[N_BULK_TABLES];
};

void
kepil_import_cache_free (KepilImportCache *c)
{
  if (c == NULL)
    return;
  g_free (c->norm_set);
  g_clear_pointer (&c->units, g_hash_table_unref);
  g_clear_pointer (&c->professions, g_hash_table_unref);
  g_clear_pointer (&c->workplaces, g_hash_table_unref);
  g_clear_pointer (&c->workplace_prof, g_hash_table_unref);
  g_free (c);
}

static gboolean
step_rows (KepilDb *db, sqlite3_stmt *st, int *rc, GError **error)
{
  *rc = sqlite3_step (st);
  if (*rc == SQLITE_ROW)
    return TRUE;
  if (*rc != SQLITE_DONE)
    kepil_db_set_error (db, error, *rc, "reading the enterprise for an import");
  return FALSE;
}

KepilImportCache *
kepil_store_import_load_cache (KepilDb *db, GError **error)
{
  KepilImportCache *c = g_new0 (KepilImportCache, 1);
  sqlite3_stmt *st;
  int rc = SQLITE_DONE;

  c->units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c->professions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c->workplaces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c->workplace_prof = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  st = kepil_db_prepare (db, "SELECT id, norm_set FROM enterprise ORDER BY id LIMIT 1", error);
  if (st == NULL)
    goto fail;
  if (step_rows (db, st, &rc, error))
    {
      c->enterprise_id = sqlite3_column_int64 (st, 0);
      c->norm_set = g_strdup (kepil_col_text (st, 1));
    }
  sqlite3_reset (st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    goto fail;

  /* Units of the enterprise the import writes into; Russian names win over
   * Kazakh ones when both match different units. */
  st = kepil_db_prepare (db, "SELECT id, name_kk, name_ru FROM unit WHERE enterprise_id = ?1 ORDER BY id DESC", error);
  if (st == NULL)
    goto fail;
  sqlite3_bind_int64 (st, 1, c->enterprise_id);
  while (step_rows (db, st, &rc, error))
    {
      gint64 id = sqlite3_column_int64 (st, 0);
      for (int k = 1; k <= 2; k++)
        if (*kepil_col_text (st, k) != '\0')
          g_hash_table_insert (c->units, g_strdup (kepil_col_text (st, k)), GSIZE_TO_POINTER ((gsize) id));
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    goto fail;

  st = kepil_db_prepare (db, "SELECT id, name_kk, name_ru FROM profession ORDER BY id DESC", error);
  if (st == NULL)
    goto fail;
  while (step_rows (db, st, &rc, error))
    {
      gint64 id = sqlite3_column_int64 (st, 0);
      for (int k = 1; k <= 2; k++)
        if (*kepil_col_text (st, k) != '\0')
          g_hash_table_insert (c->professions, g_strdup (kepil_col_text (st, k)), GSIZE_TO_POINTER ((gsize) id));
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    goto fail;

  st = kepil_db_prepare (db, "SELECT w.id, w.code, p.name_ru FROM workplace w JOIN profession p ON p.id = w.profession_id",
                         error);
  if (st == NULL)
    goto fail;
  while (step_rows (db, st, &rc, error))
    {
      g_hash_table_insert (c->workplaces, g_strdup (kepil_col_text (st, 1)),
                           GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (st, 0)));
      g_hash_table_insert (c->workplace_prof, g_strdup (kepil_col_text (st, 1)), g_strdup (kepil_col_text (st, 2)));
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    goto fail;
  return c;

fail:
  kepil_import_cache_free (c);
  return NULL;
}

KepilImportWriter *
kepil_store_import_writer_new (KepilDb *db, GError **error)
{
  KepilImportWriter *w = g_new0 (KepilImportWriter, 1);

  w->db = db;
  return w;
}

void
kepil_store_import_writer_free (KepilImportWriter *w)
{
  if (w == NULL)
    return;
  /* A writer freed in bulk mode failed half-way: the caller rolls the
   * transaction back, which brings the dropped triggers back too. */
  g_clear_pointer (&w->triggers, g_ptr_array_unref);
  g_free (w);
}

static gboolean
max_id (KepilDb *db, const char *table, gint64 *out, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(max(id), 0) FROM %s", table);
  sqlite3_stmt *st = kepil_db_prepare (db, sql, error);
  int rc;

  if (st == NULL)
    return FALSE;
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  if (rc != SQLITE_ROW)
    {
      kepil_db_set_error (db, error, rc, "preparing an import");
      return FALSE;
    }
  return TRUE;
}

gboolean
kepil_store_import_bulk_begin (KepilImportWriter *w, GError **error)
{
  GString *names = g_string_new (NULL);
  g_autofree char *sql = NULL;
  sqlite3_stmt *st;
  int rc;

  g_return_val_if_fail (kepil_db_in_transaction (w->db) && !w->bulk, FALSE);
  for (guint i = 0; i < N_BULK_TABLES; i++)
    {
      if (!max_id (w->db, bulk_tables[i], &w->max_before[i], error))
        {
          g_string_free (names, TRUE);
          return FALSE;
        }
      g_string_append_printf (names, "%s'%s_guard_insert', '%s_audit_insert'", i ? ", " : "", bulk_tables[i],
                              bulk_tables[i]);
    }
  sql = g_strdup_printf ("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name IN (%s) ORDER BY rowid",
                         names->str);
  g_string_free (names, TRUE);
  st = kepil_db_prepare (w->db, sql, error);
  if (st == NULL)
    return FALSE;
  w->triggers = g_ptr_array_new_with_free_func (g_free);
  {
    g_autoptr (GPtrArray) drop = g_ptr_array_new_with_free_func (g_free);
    while ((rc = sqlite3_step (st)) == SQLITE_ROW)
      {
        g_ptr_array_add (drop, g_strdup_printf ("DROP TRIGGER \"%s\"", kepil_col_text (st, 0)));
        g_ptr_array_add (w->triggers, g_strdup (kepil_col_text (st, 1)));
      }
    sqlite3_reset (st);
    if (rc != SQLITE_DONE)
      {
        kepil_db_set_error (w->db, error, rc, "preparing an import");
        return FALSE;
      }
    for (guint i = 0; i < drop->len; i++)
      if (!kepil_db_exec (w->db, g_ptr_array_index (drop, i), error))
        return FALSE;
  }
  w->bulk = TRUE;
  return TRUE;
}

gboolean
kepil_store_import_bulk_end (KepilImportWriter *w, const KepilImportLogEntry *e, GError **error)
{
  const guint expected[N_BULK_TABLES] = { e->enterprises, e->units, e->professions, e->workplaces, e->measurements };
  gint64 first[N_BULK_TABLES] = { 0 }, last[N_BULK_TABLES] = { 0 };
  sqlite3_stmt *st;
  gint64 import_id;
  int rc;

  g_return_val_if_fail (w->bulk, FALSE);
  /* The rows this import added: the ids above the largest before it.  SQLite
   * gives a new row the largest id + 1 and nothing else writes meanwhile, so
   * they are exactly before + 1 … before + n, which the smallest and largest
   * id above before confirm (two seeks, not a count of the rows). */
  for (guint i = 0; i < N_BULK_TABLES; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT (SELECT min(id) FROM %s WHERE id > ?1), "
                                              "(SELECT max(id) FROM %s)", bulk_tables[i], bulk_tables[i]);
      gint64 before = w->max_before[i];
      st = kepil_db_prepare (w->db, sql, error);
      if (st == NULL)
        return FALSE;
      sqlite3_bind_int64 (st, 1, before);
      rc = sqlite3_step (st);
      if (rc == SQLITE_ROW)
        {
          first[i] = sqlite3_column_int64 (st, 0);   /* 0 when none */
          last[i] = sqlite3_column_int64 (st, 1);
        }
      sqlite3_reset (st);
      if (rc != SQLITE_ROW)
        {
          kepil_db_set_error (w->db, error, rc, "recording an import");
          return FALSE;
        }
      if (expected[i] == 0 ? (first[i] != 0 || last[i] != before)
                           : (before > G_MAXINT64 - (gint64) expected[i] || first[i] != before + 1 ||
                              last[i] != before + (gint64) expected[i]))
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_FAILED,
                       _("The rows of the import cannot be told apart from the others in the table %s, so the "
                         "import cannot be recorded in the audit trail. Nothing was saved."), bulk_tables[i]);
          return FALSE;
        }
    }
  for (guint i = 0; i < w->triggers->len; i++)
    if (!kepil_db_exec (w->db, g_ptr_array_index (w->triggers, i), error))
      return FALSE;
  w->bulk = FALSE;

  st = kepil_db_prepare (w->db,
      "INSERT INTO import_log (kind, file, file_sha256, format, source, rows, imported, measurements, workplaces, "
      "updated_workplaces, units, professions, enterprises) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
      "?12, ?13)", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, e->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 2, e->file, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 3, e->file_sha256 ? e->file_sha256 : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 4, e->format ? e->format : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 5, e->source ? e->source : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 6, e->rows);
  sqlite3_bind_int64 (st, 7, e->imported);
  sqlite3_bind_int64 (st, 8, e->measurements);
  sqlite3_bind_int64 (st, 9, e->workplaces);
  sqlite3_bind_int64 (st, 10, e->updated_workplaces);
  sqlite3_bind_int64 (st, 11, e->units);
  sqlite3_bind_int64 (st, 12, e->professions);
  sqlite3_bind_int64 (st, 13, e->enterprises);
  import_id = insert_done (w, st, "recording an import", error);
  if (import_id == 0)
    return FALSE;
  for (guint i = 0; i < N_BULK_TABLES; i++)
    {
      if (expected[i] == 0)
        continue;
      st = kepil_db_prepare (w->db, "INSERT INTO import_range (import_id, entity, first_id, last_id) "
                                    "VALUES (?1, ?2, ?3, ?4)", error);
      if (st == NULL)
        return FALSE;
      sqlite3_bind_int64 (st, 1, import_id);
      sqlite3_bind_text (st, 2, bulk_tables[i], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (st, 3, first[i]);
      sqlite3_bind_int64 (st, 4, last[i]);
      if (insert_done (w, st, "recording an import", error) == 0)
        return FALSE;
    }
  return TRUE;
}

static gint64
insert_done (KepilImportWriter *w, sqlite3_stmt *st, const char *doing, GError **error)
{
  int rc = sqlite3_step (st);
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (w->db, error, rc, doing);
      return 0;
    }
  return sqlite3_last_insert_rowid (kepil_db_handle (w->db));
}

gint64
kepil_store_import_enterprise (KepilImportWriter *w, const char *name, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (w->db, "INSERT INTO enterprise (name_ru) VALUES (?1)", error);
  if (st == NULL)
    return 0;
  sqlite3_bind_text (st, 1, name, -1, SQLITE_TRANSIENT);
  return insert_done (w, st, "creating the enterprise of an import", error);
}

gint64
kepil_store_import_unit (KepilImportWriter *w, gint64 enterprise_id, const char *name, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (w->db, "INSERT INTO unit (enterprise_id, name_ru) VALUES (?1, ?2)", error);
  if (st == NULL)
    return 0;
  sqlite3_bind_int64 (st, 1, enterprise_id);
  sqlite3_bind_text (st, 2, name, -1, SQLITE_TRANSIENT);
  return insert_done (w, st, "creating a unit", error);
}

gint64
kepil_store_import_profession (KepilImportWriter *w, const char *name, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (w->db, "INSERT INTO profession (name_ru) VALUES (?1)", error);
  if (st == NULL)
    return 0;
  sqlite3_bind_text (st, 1, name, -1, SQLITE_TRANSIENT);
  return insert_done (w, st, "creating a profession", error);
}

gboolean
kepil_store_import_update_workplace (KepilImportWriter *w, gint64 id, gint64 count, gint64 men, gint64 women,
                                     const char *analog_group, double wage, const char *work_category,
                                     GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (w->db,
      "UPDATE workplace SET count = ?2, men = ?3, women = ?4, analog_group = ?5, wage = ?6, "
      "work_category = coalesce(nullif(?7, ''), work_category) WHERE id = ?1", error);
  int rc;
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_int64 (st, 2, count);
  sqlite3_bind_int64 (st, 3, men);
  sqlite3_bind_int64 (st, 4, women);
  sqlite3_bind_text (st, 5, analog_group ? analog_group : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_double (st, 6, wage);
  sqlite3_bind_text (st, 7, work_category ? work_category : "", -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (st);
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (w->db, error, rc, "updating a workplace");
      return FALSE;
    }
  return TRUE;
}

/* ---- rows in one statement ---------------------------------------------------------- */

/* The measurements (and new workplaces) of an import are inserted by ONE
 * statement each,
 *   INSERT INTO measurement (…) SELECT c0, c1, … FROM kepil_import_feed(?1)
 * where kepil_import_feed is a table-valued function over the caller's rows (an
 * eponymous virtual table of this connection; ?1 a pointer to the Feed below).
 * One statement instead of one per row: SQLite opens its cursors, starts and
 * ends the statement, and builds the work_category CHECK's list, once. */

typedef gboolean (*FeedNext)   (gpointer data, gpointer row, GError **error);
typedef void     (*FeedColumn) (gconstpointer row, int col, sqlite3_context *ctx);

typedef struct {
  FeedNext   next;
  gpointer   data;
  FeedColumn column;
  union {
    KepilImportMeasurement m;
    KepilImportWorkplace   w;
  } row;                       /* the current row */
  GError    *error;            /* set by next() (cancelled) */
  guint      produced;
  guint      limit;            /* rows per run of the statement, 0: all */
  guint      batch;            /* rows given in this run */
  gboolean   done;             /* next() said there are no more */
} Feed;

#define FEED_POINTER_TYPE "kepil-import-feed"
#define FEED_COLUMNS 11        /* c0 … c10, then the hidden argument */

typedef struct {
  sqlite3_vtab_cursor base;
  Feed    *feed;
  gboolean eof;
  sqlite3_int64 rowid;
} FeedCursor;

static int
feed_connect (sqlite3 *db, void *aux, int argc, const char * const *argv, sqlite3_vtab **out, char **err)
{
  int rc = sqlite3_declare_vtab (db, "CREATE TABLE x (c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, feed HIDDEN)");
  if (rc != SQLITE_OK)
    return rc;
  *out = sqlite3_malloc (sizeof (sqlite3_vtab));
  if (*out == NULL)
    return SQLITE_NOMEM;
  memset (*out, 0, sizeof (sqlite3_vtab));
  return SQLITE_OK;
}

static int
feed_disconnect (sqlite3_vtab *vtab)
{
  sqlite3_free (vtab);
  return SQLITE_OK;
}

/* Only "feed = ?" makes sense: without it the table is empty. */
static int
feed_best_index (sqlite3_vtab *vtab, sqlite3_index_info *info)
{
  for (int i = 0; i < info->nConstraint; i++)
    if (info->aConstraint[i].iColumn == FEED_COLUMNS && info->aConstraint[i].op == SQLITE_INDEX_CONSTRAINT_EQ)
      {
        if (!info->aConstraint[i].usable)
          return SQLITE_CONSTRAINT;
        info->aConstraintUsage[i].argvIndex = 1;
        info->aConstraintUsage[i].omit = 1;
        info->idxNum = 1;
        info->estimatedCost = 1000;
        return SQLITE_OK;
      }
  info->idxNum = 0;
  info->estimatedCost = 1e12;
  return SQLITE_OK;
}

static int
feed_open (sqlite3_vtab *vtab, sqlite3_vtab_cursor **out)
{
  FeedCursor *c = sqlite3_malloc (sizeof (FeedCursor));
  if (c == NULL)
    return SQLITE_NOMEM;
  memset (c, 0, sizeof *c);
  *out = &c->base;
  return SQLITE_OK;
}

static int
feed_close (sqlite3_vtab_cursor *cur)
{
  sqlite3_free (cur);
  return SQLITE_OK;
}

static int
feed_next (sqlite3_vtab_cursor *cur)
{
  FeedCursor *c = (FeedCursor *) cur;
  Feed *f = c->feed;

  if (f == NULL || (f->limit > 0 && f->batch >= f->limit))
    {
      c->eof = TRUE;
      return SQLITE_OK;
    }
  if (!f->next (f->data, &f->row, &f->error))
    {
      f->done = TRUE;
      c->eof = TRUE;
      if (f != NULL && f->error != NULL)
        {
          sqlite3_free (cur->pVtab->zErrMsg);
          cur->pVtab->zErrMsg = sqlite3_mprintf ("%s", f->error->message);
          return SQLITE_ERROR;
        }
      return SQLITE_OK;
    }
  f->produced++;
  f->batch++;
  c->rowid++;
  return SQLITE_OK;
}

static int
feed_filter (sqlite3_vtab_cursor *cur, int idx_num, const char *idx_str, int argc, sqlite3_value **argv)
{
  FeedCursor *c = (FeedCursor *) cur;
  c->feed = idx_num == 1 && argc == 1 ? sqlite3_value_pointer (argv[0], FEED_POINTER_TYPE) : NULL;
  c->eof = FALSE;
  c->rowid = 0;
  return feed_next (cur);
}

static int
feed_eof (sqlite3_vtab_cursor *cur)
{
  return ((FeedCursor *) cur)->eof;
}

static int
feed_column (sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col)
{
  Feed *f = ((FeedCursor *) cur)->feed;
  f->column (&f->row, col, ctx);
  return SQLITE_OK;
}

static int
feed_rowid (sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
  *rowid = ((FeedCursor *) cur)->rowid;
  return SQLITE_OK;
}

static const sqlite3_module feed_module = {
  .iVersion = 0,
  .xCreate = NULL,            /* eponymous only */
  .xConnect = feed_connect,
  .xBestIndex = feed_best_index,
  .xDisconnect = feed_disconnect,
  .xDestroy = feed_disconnect,
  .xOpen = feed_open,
  .xClose = feed_close,
  .xFilter = feed_filter,
  .xNext = feed_next,
  .xEof = feed_eof,
  .xColumn = feed_column,
  .xRowid = feed_rowid,
};

static void
result_text (sqlite3_context *ctx, const char *s)
{
  /* The caller's strings live until the statement is done: no copies. */
  sqlite3_result_text (ctx, s ? s : "", -1, SQLITE_STATIC);
}

/* Whether @table has insert triggers besides those an import sets aside (another
 * tool's): SQLite then reads all the rows of an INSERT … SELECT before it inserts
 * the first, and a refused row could not be named. */
static gboolean
other_insert_triggers (KepilImportWriter *w, const char *table, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (w->db, "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?1",
                                       error);
  gboolean any = FALSE;
  int rc;

  if (st == NULL)
    return TRUE;
  sqlite3_bind_text (st, 1, table, -1, SQLITE_STATIC);
  while (!any && (rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      /* The event is a word before the first ON: CREATE TRIGGER name [BEFORE|AFTER|INSTEAD OF]
       * INSERT|UPDATE [OF …]|DELETE ON table … (a trigger named INSERT counts too: no harm). */
      g_auto (GStrv) words = g_strsplit_set (kepil_col_text (st, 0), " \t\r\n", -1);
      for (guint i = 0; words[i] != NULL && g_ascii_strcasecmp (words[i], "ON") != 0; i++)
        any |= g_ascii_strcasecmp (words[i], "INSERT") == 0;
    }
  sqlite3_reset (st);
  return any;
}

/* Runs @sql (an INSERT INTO @table … SELECT … FROM kepil_import_feed (?1)) over
 * the rows @next gives, all at once; or one row per run when @table has other
 * insert triggers (as row by row before); @written: how many. */
static gboolean
feed_insert (KepilImportWriter *w, const char *table, const char *sql, FeedNext next, gpointer data,
             FeedColumn column, const char *doing, guint *written, GError **error)
{
  Feed feed = { 0 };
  sqlite3_stmt *st;
  int rc;

  feed.next = next;
  feed.data = data;
  feed.column = column;
  /* Registered once per connection (a second registration would drop the
   * statements that use the first). */
  if (g_object_get_data (G_OBJECT (w->db), FEED_POINTER_TYPE) == NULL)
    {
      rc = sqlite3_create_module_v2 (kepil_db_handle (w->db), "kepil_import_feed", &feed_module, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          kepil_db_set_error (w->db, error, rc, "preparing an import");
          return FALSE;
        }
      g_object_set_data (G_OBJECT (w->db), FEED_POINTER_TYPE, GINT_TO_POINTER (1));
    }
  feed.limit = other_insert_triggers (w, table, NULL) ? 1 : 0;
  st = kepil_db_prepare (w->db, sql, error);
  if (st == NULL)
    return FALSE;
  do
    {
      feed.batch = 0;
      sqlite3_reset (st);
      sqlite3_bind_pointer (st, 1, &feed, FEED_POINTER_TYPE, NULL);
      rc = sqlite3_step (st);
    }
  while (rc == SQLITE_DONE && feed.limit > 0 && !feed.done);
  if (rc != SQLITE_DONE)
    {
      if (feed.error != NULL)
        g_propagate_error (error, g_steal_pointer (&feed.error));
      else
        kepil_db_set_error (w->db, error, rc, doing);
    }
  sqlite3_reset (st);
  sqlite3_clear_bindings (st);
  g_clear_error (&feed.error);
  *written = rc == SQLITE_DONE ? feed.produced : 0;
  return rc == SQLITE_DONE;
}

static void
measurement_column (gconstpointer row, int col, sqlite3_context *ctx)
{
  const KepilImportMeasurement *m = row;

  switch (col)
    {
    case 0: sqlite3_result_int64 (ctx, m->workplace_id); break;
    case 1: result_text (ctx, m->factor); break;
    case 2: result_text (ctx, m->subgroup); break;
    case 3: result_text (ctx, m->agent); break;
    case 4: result_text (ctx, m->unit_of_measure); break;
    case 5: sqlite3_result_double (ctx, m->value); break;
    case 6:
      if (m->has_norm)
        sqlite3_result_double (ctx, m->norm);
      else
        sqlite3_result_null (ctx);
      break;
    case 7: result_text (ctx, m->method); break;
    case 8: result_text (ctx, m->instrument); break;
    case 9: result_text (ctx, m->measured_on); break;
    case 10: sqlite3_result_double (ctx, m->exposure_pct); break;
    default: sqlite3_result_null (ctx);
    }
}

gboolean
kepil_store_import_measurements (KepilImportWriter *w, KepilImportNextMeasurement next, gpointer data,
                                 guint *written, GError **error)
{
  return feed_insert (w, "measurement",
      "INSERT INTO measurement (workplace_id, factor, subgroup, agent, unit_of_measure, value, norm, method, "
      "instrument, measured_on, exposure_pct) SELECT c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10 "
      "FROM kepil_import_feed (?1)",
      (FeedNext) next, data, measurement_column, "inserting a measurement", written, error);
}

static void
workplace_column (gconstpointer row, int col, sqlite3_context *ctx)
{
  const KepilImportWorkplace *p = row;

  switch (col)
    {
    case 0: sqlite3_result_int64 (ctx, p->unit_id); break;
    case 1: sqlite3_result_int64 (ctx, p->profession_id); break;
    case 2: result_text (ctx, p->code); break;
    case 3: sqlite3_result_int64 (ctx, p->count); break;
    case 4: sqlite3_result_int64 (ctx, p->men); break;
    case 5: sqlite3_result_int64 (ctx, p->women); break;
    case 6: result_text (ctx, p->analog_group); break;
    case 7: sqlite3_result_double (ctx, p->wage); break;
    case 8: result_text (ctx, p->work_category && *p->work_category ? p->work_category : "IIb"); break;
    default: sqlite3_result_null (ctx);
    }
}

gboolean
kepil_store_import_workplaces (KepilImportWriter *w, KepilImportNextWorkplace next, gpointer data,
                               gint64 *first_id, guint *written, GError **error)
{
  gint64 before = 0, first = 0, last = 0, n;
  sqlite3_stmt *st;
  int rc;

  if (!max_id (w->db, "workplace", &before, error) ||
      !feed_insert (w, "workplace", "INSERT INTO workplace (unit_id, profession_id, code, count, men, women, "
                                    "analog_group, wage, work_category) SELECT c0, c1, c2, c3, c4, c5, c6, c7, c8 "
                                    "FROM kepil_import_feed (?1)",
                    (FeedNext) next, data, workplace_column, "creating a workplace", written, error))
    return FALSE;
  /* SQLite gives each new row the largest id + 1: the k-th row given is
   * before + 1 + k, which the smallest and largest new id confirm. */
  st = kepil_db_prepare (w->db, "SELECT (SELECT min(id) FROM workplace WHERE id > ?1), (SELECT max(id) FROM workplace)",
                         error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, before);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    {
      first = sqlite3_column_int64 (st, 0);
      last = sqlite3_column_int64 (st, 1);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_ROW)
    {
      kepil_db_set_error (w->db, error, rc, "creating a workplace");
      return FALSE;
    }
  n = *written;
  if (n > 0 && (before > G_MAXINT64 - n || first != before + 1 || last != before + n))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_FAILED,
                   _("The rows of the import cannot be told apart from the others in the table %s, so the "
                     "import cannot be recorded in the audit trail. Nothing was saved."), "workplace");
      return FALSE;
    }
  *first_id = before + 1;
  return TRUE;
}

gboolean
kepil_store_import_remember_mapping (KepilDb *db, const char *source, const char *kind, const char *json,
                                     GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db,
      "INSERT INTO import_mapping (source, kind, mapping) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (source) DO UPDATE SET kind = excluded.kind, mapping = excluded.mapping, "
      "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')", error);
  int rc;
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, source, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 2, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 3, json, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (st);
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (db, error, rc, "remembering a column mapping");
      return FALSE;
    }
  return TRUE;
}

char *
kepil_store_import_get_mapping (KepilDb *db, const char *source, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db, "SELECT mapping FROM import_mapping WHERE source = ?1", error);
  char *out = NULL;
  int rc;
  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, source, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    out = g_strdup (kepil_col_text (st, 0));
  else if (rc != SQLITE_DONE)
    kepil_db_set_error (db, error, rc, "reading a remembered column mapping");
  else
    g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND,
                 _("There is no column mapping file or remembered mapping named “%s”."), source);
  sqlite3_reset (st);
  return out;
}

GPtrArray *
kepil_store_import_list_mappings (KepilDb *db, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db, "SELECT mapping FROM import_mapping ORDER BY updated_at DESC", error);
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  int rc;
  if (st == NULL)
    return NULL;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_ptr_array_add (out, g_strdup (kepil_col_text (st, 0)));
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (db, error, rc, "reading the remembered column mappings");
      return NULL;
    }
  return g_steal_pointer (&out);
}

GPtrArray *
kepil_store_import_mapping_sources (KepilDb *db, const char *kind, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db,
      "SELECT source FROM import_mapping WHERE ?1 IS NULL OR kind = ?1 ORDER BY updated_at DESC, source", error);
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  int rc;
  if (st == NULL)
    return NULL;
  if (kind != NULL)
    sqlite3_bind_text (st, 1, kind, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (st, 1);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_ptr_array_add (out, g_strdup (kepil_col_text (st, 0)));
  sqlite3_reset (st);
  sqlite3_clear_bindings (st);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (db, error, rc, "reading the remembered column mappings");
      return NULL;
    }
  return g_steal_pointer (&out);
}

GPtrArray *
kepil_store_import_export_rows (KepilDb *db, GError **error)
{
  static const char *names[] = { "workplace_code", "unit", "profession", "headcount", "factor", "subgroup",
                                 "agent", "value", "unit_of_measure", "norm", "method", "instrument",
                                 "measured_on", "exposure_pct", "work_category" };
  sqlite3_stmt *st = kepil_db_prepare (db,
      "SELECT w.code, u.name_ru, p.name_ru, w.count, m.factor, m.subgroup, m.agent, m.value, m.unit_of_measure, "
      "m.norm, m.method, m.instrument, m.measured_on, m.exposure_pct, w.work_category "
      "FROM measurement m JOIN workplace w ON w.id = m.workplace_id JOIN unit u ON u.id = w.unit_id "
      "JOIN profession p ON p.id = w.profession_id ORDER BY m.id", error);
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  int rc;

  if (st == NULL)
    return NULL;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      JsonObject *o = json_object_new ();
      for (int i = 0; i < (int) G_N_ELEMENTS (names); i++)
        {
          int t = sqlite3_column_type (st, i);
          if (t == SQLITE_NULL)
            json_object_set_null_member (o, names[i]);
          else if (t == SQLITE_INTEGER)
            json_object_set_int_member (o, names[i], sqlite3_column_int64 (st, i));
          else if (t == SQLITE_FLOAT)
            json_object_set_double_member (o, names[i], sqlite3_column_double (st, i));
          else
            json_object_set_string_member (o, names[i], kepil_col_text (st, i));
        }
      g_ptr_array_add (out, o);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (db, error, rc, "reading the measurements for the template");
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* The schema (every table, index, trigger and view by its SQL, which an import
 * sets aside and restores: see kepil_store_import_bulk_begin), then every user
 * table (not SQLite's own), rows in rowid order, values with their type: an
 * equal digest means an equal content whatever the page layout. */
char *
kepil_import_content_digest (KepilDb *db, GError **error)
{
  sqlite3 *h = kepil_db_handle (db);
  sqlite3_stmt *tables = NULL;
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  int rc;

  rc = sqlite3_prepare_v2 (h, "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema "
                              "ORDER BY type, name", -1, &tables, NULL);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (tables)) == SQLITE_ROW)
      for (int i = 0; i < 4; i++)
        {
          g_checksum_update (sum, (const guchar *) kepil_col_text (tables, i), -1);
          g_checksum_update (sum, (const guchar *) (i < 3 ? "\x1f" : "\x1e"), 1);
        }
  sqlite3_finalize (tables);
  tables = NULL;
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (db, error, rc, "reading the list of tables");
      return NULL;
    }
  rc = sqlite3_prepare_v2 (h, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                              "ORDER BY name", -1, &tables, NULL);
  if (rc != SQLITE_OK)
    {
      kepil_db_set_error (db, error, rc, "reading the list of tables");
      return NULL;
    }
  while ((rc = sqlite3_step (tables)) == SQLITE_ROW)
    {
      const char *name = kepil_col_text (tables, 0);
      char *sql = sqlite3_mprintf ("SELECT * FROM \"%w\" ORDER BY rowid", name);
      sqlite3_stmt *st = NULL;
      int rc2 = sqlite3_prepare_v2 (h, sql, -1, &st, NULL);
      sqlite3_free (sql);
      if (rc2 != SQLITE_OK)
        {
          /* WITHOUT ROWID and virtual tables: in primary-key order instead. */
          sql = sqlite3_mprintf ("SELECT * FROM \"%w\" ORDER BY 1", name);
          rc2 = sqlite3_prepare_v2 (h, sql, -1, &st, NULL);
          sqlite3_free (sql);
        }
      if (rc2 != SQLITE_OK)
        {
          kepil_db_set_error (db, error, rc2, "reading a table for its digest");
          sqlite3_finalize (tables);
          return NULL;
        }
      g_checksum_update (sum, (const guchar *) name, -1);
      g_checksum_update (sum, (const guchar *) "\n", 1);
      while ((rc2 = sqlite3_step (st)) == SQLITE_ROW)
        {
          int n = sqlite3_column_count (st);
          for (int i = 0; i < n; i++)
            {
              char tag = (char) ('0' + sqlite3_column_type (st, i));
              const void *blob = sqlite3_column_blob (st, i);
              int len = sqlite3_column_bytes (st, i);
              g_checksum_update (sum, (const guchar *) &tag, 1);
              if (blob != NULL && len > 0)
                g_checksum_update (sum, blob, len);
              g_checksum_update (sum, (const guchar *) "\x1f", 1);
            }
          g_checksum_update (sum, (const guchar *) "\x1e", 1);
        }
      sqlite3_finalize (st);
      if (rc2 != SQLITE_DONE)
        {
          kepil_db_set_error (db, error, rc2, "reading a table for its digest");
          sqlite3_finalize (tables);
          return NULL;
        }
    }
  sqlite3_finalize (tables);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (db, error, rc, "reading the list of tables");
      return NULL;
    }
  return g_strdup (g_checksum_get_string (sum));
}
