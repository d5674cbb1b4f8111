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

struct _KepilImportWriter {
  KepilDb      *db;
  sqlite3_stmt *measurement;   /* prepared once for the whole import */
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
  w->measurement = kepil_db_prepare (db,
      "INSERT INTO measurement (workplace_id, factor, subgroup, agent, unit_of_measure, value, norm, method, "
      "instrument, measured_on, exposure_pct) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", error);
  if (w->measurement == NULL)
    {
      g_free (w);
      return NULL;
    }
  return w;
}

void
kepil_store_import_writer_free (KepilImportWriter *w)
{
  if (w == NULL)
    return;
  if (w->measurement != NULL)
    sqlite3_reset (w->measurement);
  g_free (w);
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

gint64
kepil_store_import_workplace (KepilImportWriter *w, gint64 unit_id, gint64 profession_id, const char *code,
                              gint64 count, gint64 men, gint64 women, const char *analog_group, double wage,
                              const char *work_category, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (w->db,
      "INSERT INTO workplace (unit_id, profession_id, code, count, men, women, analog_group, wage, work_category) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (st == NULL)
    return 0;
  sqlite3_bind_int64 (st, 1, unit_id);
  sqlite3_bind_int64 (st, 2, profession_id);
  sqlite3_bind_text (st, 3, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 4, count);
  sqlite3_bind_int64 (st, 5, men);
  sqlite3_bind_int64 (st, 6, women);
  sqlite3_bind_text (st, 7, analog_group ? analog_group : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_double (st, 8, wage);
  sqlite3_bind_text (st, 9, work_category && *work_category ? work_category : "IIb", -1, SQLITE_TRANSIENT);
  return insert_done (w, st, "creating a workplace", error);
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

gboolean
kepil_store_import_measurement (KepilImportWriter *w, gint64 workplace_id, const char *factor,
                                const char *subgroup, const char *agent, const char *unit_of_measure,
                                double value, gboolean has_norm, double norm, const char *method,
                                const char *instrument, const char *measured_on, double exposure_pct,
                                GError **error)
{
  sqlite3_stmt *st = w->measurement;
  int rc;

  /* The strings live until the step below: no copies. */
  sqlite3_bind_int64 (st, 1, workplace_id);
  sqlite3_bind_text (st, 2, factor, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 3, subgroup ? subgroup : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 4, agent ? agent : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 5, unit_of_measure ? unit_of_measure : "", -1, SQLITE_STATIC);
  sqlite3_bind_double (st, 6, value);
  if (has_norm)
    sqlite3_bind_double (st, 7, norm);
  else
    sqlite3_bind_null (st, 7);
  sqlite3_bind_text (st, 8, method ? method : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 9, instrument ? instrument : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 10, measured_on ? measured_on : "", -1, SQLITE_STATIC);
  sqlite3_bind_double (st, 11, exposure_pct);
  rc = sqlite3_step (st);
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (w->db, error, rc, "inserting a measurement");
      return FALSE;
    }
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

/* Every user table (not SQLite's own), rows in rowid order, values with their
 * type: an equal digest means an equal content whatever the page layout. */
char *
kepil_import_content_digest (KepilDb *db, GError **error)
{
  sqlite3 *h = kepil_db_handle (db);
  sqlite3_stmt *tables = NULL;
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  int rc;

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
