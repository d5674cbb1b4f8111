/* kepil-store-risk.c — all SQL of the risk model
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-store-risk.h"
#include "kepil-db-private.h"
#include "kepil-error.h"
#include "kepil-i18n.h"

/* One row of @st as a JsonObject named by the columns. */

static GPtrArray *
all_rows (KepilDb *db, sqlite3_stmt *st, const char *doing, GError **error)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  int rc;

  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_ptr_array_add (rows, kepil_db_row_to_json (st));
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (db, error, rc, doing);
      sqlite3_reset (st);
      g_ptr_array_unref (rows);
      return NULL;
    }
  sqlite3_reset (st);
  return rows;
}

GPtrArray *
kepil_store_risk_rows (KepilDb *db, KepilRiskRows which, GError **error)
{
  static const char *const sql[] = {
    [KEPIL_RISK_ROWS_ENTERPRISES] = "SELECT * FROM enterprise ORDER BY id",
    [KEPIL_RISK_ROWS_UNITS] = "SELECT id, enterprise_id, parent_id, name_ru, name_kk, headcount FROM unit ORDER BY id",
    [KEPIL_RISK_ROWS_WORKPLACES] =
      "SELECT w.id, w.unit_id, w.profession_id, w.code, w.count, w.men, w.women, w.analog_group, w.wage,"
      " w.work_category, w.accidents_5y, w.severe_accidents_5y, w.fatal_accidents_5y, u.enterprise_id,"
      " p.name_ru AS profession, p.name_kk AS profession_kk"
      " FROM workplace w JOIN unit u ON u.id = w.unit_id JOIN profession p ON p.id = w.profession_id"
      " ORDER BY w.id",
    [KEPIL_RISK_ROWS_SAFETY] =
      "SELECT workplace_id, count(*) AS n, sum(compliant = 0) AS non_compliant, sum(dangerous = 1) AS dangerous"
      " FROM safety_assessment GROUP BY workplace_id",
    [KEPIL_RISK_ROWS_PPE] =
      "SELECT workplace_id, count(*) AS items, sum(required) AS required,"
      " sum(CASE WHEN certified = 1 THEN min(issued, required) ELSE 0 END) AS provided"
      " FROM ppe_provision GROUP BY workplace_id",
    [KEPIL_RISK_ROWS_PROFESSION_STATS] =
      "SELECT profession_id, disease_cases_5y, workers FROM profession_stats",
    [KEPIL_RISK_ROWS_ENTERPRISE_STATS] =
      "SELECT s.* FROM enterprise_stats s WHERE s.year = "
      "(SELECT max(t.year) FROM enterprise_stats t WHERE t.enterprise_id = s.enterprise_id)",
    [KEPIL_RISK_ROWS_CHECKLIST] =
      "SELECT c.enterprise_id, c.year, c.question, c.answer, c.confirmed_by FROM checklist_answer c WHERE c.year = "
      "(SELECT max(d.year) FROM checklist_answer d WHERE d.enterprise_id = c.enterprise_id)"
      " ORDER BY c.enterprise_id, c.question",
  };
  sqlite3_stmt *st;

  g_return_val_if_fail (which < G_N_ELEMENTS (sql), NULL);
  st = kepil_db_prepare (db, sql[which], error);
  if (st == NULL)
    return NULL;
  return all_rows (db, st, "reading the data of the risk model", error);
}

gboolean
kepil_store_methodology_get (KepilDb *db, const char *name, int version, char **out_json, int *out_version,
                             GError **error)
{
  sqlite3_stmt *st;
  int rc;

  if (version > 0)
    {
      st = kepil_db_prepare (db, "SELECT json, version FROM methodology WHERE name = ? AND version = ?", error);
      if (st == NULL)
        return FALSE;
      sqlite3_bind_int (st, 2, version);
    }
  else
    {
      st = kepil_db_prepare (db, "SELECT json, version FROM methodology WHERE name = ? ORDER BY version DESC LIMIT 1",
                             error);
      if (st == NULL)
        return FALSE;
    }
  sqlite3_bind_text (st, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    {
      if (out_json)
        *out_json = g_strdup (kepil_col_text (st, 0));
      if (out_version)
        *out_version = sqlite3_column_int (st, 1);
      sqlite3_reset (st);
      return TRUE;
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (db, error, rc, "reading a methodology");
      return FALSE;
    }
  if (version > 0)
    g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND,
                 _("There is no version %d of the methodology “%s” in this database."), version, name);
  else
    g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND,
                 _("There is no methodology “%s” in this database."), name);
  return FALSE;
}

int
kepil_store_methodology_max_version (KepilDb *db, const char *name, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db, "SELECT coalesce(max(version), 0) FROM methodology WHERE name = ?", error);
  int v = -1;

  if (st == NULL)
    return -1;
  sqlite3_bind_text (st, 1, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (st) == SQLITE_ROW)
    v = sqlite3_column_int (st, 0);
  else
    kepil_db_set_error (db, error, sqlite3_errcode (kepil_db_handle (db)), "reading the methodologies");
  sqlite3_reset (st);
  return v;
}

gboolean
kepil_store_methodology_insert (KepilDb *db, const char *name, int version, const char *parent, const char *json,
                                GError **error)
{
  sqlite3_stmt *st;
  int rc;

  if (!kepil_db_begin (db, error))
    return FALSE;
  st = kepil_db_prepare (db, "INSERT INTO methodology (name, version, parent, json, created_by) VALUES (?, ?, ?, ?, ?)",
                         error);
  if (st == NULL)
    {
      kepil_db_rollback (db);
      return FALSE;
    }
  sqlite3_bind_text (st, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (st, 2, version);
  sqlite3_bind_text (st, 3, parent ? parent : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 4, json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 5, kepil_db_get_user (db) ? kepil_db_get_user (db) : "", -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (st);
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (db, error, rc, "saving a methodology");
      kepil_db_rollback (db);
      return FALSE;
    }
  return kepil_db_commit (db, error);
}

GPtrArray *
kepil_store_methodology_list (KepilDb *db, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db,
    "SELECT name, version, parent, created_at, created_by FROM methodology ORDER BY name, version", error);
  if (st == NULL)
    return NULL;
  return all_rows (db, st, "reading the methodologies", error);
}

gint64
kepil_store_risk_run_insert (KepilDb *db, const char *computed_at, const char *user, const char *norm_set,
                             int norm_set_version, const char *methodology, int methodology_version,
                             const char *enterprises_json, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db,
    "INSERT INTO risk_run (computed_at, user, norm_set, norm_set_version, methodology, methodology_version,"
    " enterprises) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  int rc;

  if (st == NULL)
    return 0;
  sqlite3_bind_text (st, 1, computed_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 2, user ? user : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 3, norm_set ? norm_set : "", -1, SQLITE_TRANSIENT);
  if (norm_set_version >= 0)
    sqlite3_bind_int (st, 4, norm_set_version);
  else
    sqlite3_bind_null (st, 4);
  sqlite3_bind_text (st, 5, methodology, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (st, 6, methodology_version);
  sqlite3_bind_text (st, 7, enterprises_json, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (st);
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (db, error, rc, "saving the evaluation");
      return 0;
    }
  return sqlite3_last_insert_rowid (kepil_db_handle (db));
}

gboolean
kepil_store_risk_result_insert (KepilDb *db, gint64 run_id, gint64 workplace_id, const char *code, double r_ind,
                                const char *level, const char *json, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db,
    "INSERT INTO risk_result (run_id, workplace_id, code, r_ind, level, json) VALUES (?, ?, ?, ?, ?, ?)", error);
  int rc;

  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, run_id);
  sqlite3_bind_int64 (st, 2, workplace_id);
  sqlite3_bind_text (st, 3, code ? code : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_double (st, 4, r_ind);
  sqlite3_bind_text (st, 5, level, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 6, json, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (st);
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (db, error, rc, "saving the result of a workplace");
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
kepil_store_risk_runs (KepilDb *db, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db,
    "SELECT r.id, r.computed_at, r.user, r.norm_set, r.norm_set_version, r.methodology, r.methodology_version,"
    " (SELECT count(*) FROM risk_result x WHERE x.run_id = r.id) AS workplaces FROM risk_run r ORDER BY r.id", error);
  if (st == NULL)
    return NULL;
  return all_rows (db, st, "reading the stored evaluations", error);
}

gboolean
kepil_store_risk_run_get (KepilDb *db, gint64 run_id, JsonObject **out_run, GPtrArray **out_results, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db,
    "SELECT id, computed_at, user, norm_set, norm_set_version, methodology, methodology_version, enterprises"
    " FROM risk_run WHERE id = ?", error);
  g_autoptr (GPtrArray) runs = NULL;
  GPtrArray *results;

  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, run_id);
  runs = all_rows (db, st, "reading a stored evaluation", error);
  if (runs == NULL)
    return FALSE;
  if (runs->len == 0)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND,
                   _("There is no stored evaluation number %ld."), run_id);
      return FALSE;
    }
  st = kepil_db_prepare (db, "SELECT workplace_id, json FROM risk_result WHERE run_id = ? ORDER BY workplace_id", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, run_id);
  results = all_rows (db, st, "reading a stored evaluation", error);
  if (results == NULL)
    return FALSE;
  *out_run = json_object_ref (g_ptr_array_index (runs, 0));
  *out_results = results;
  return TRUE;
}
