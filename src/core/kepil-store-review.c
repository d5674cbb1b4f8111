/* kepil-store-review.c — storage of the review part: snapshots, acts, audit history, findings, packages
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * All SQL of the review part lives here.
 */
#include "kepil-config.h"
#include "kepil-review.h"
#include "kepil-audit.h"
#include "kepil-package.h"
#include "kepil-db-private.h"
#include "kepil-error.h"
#include "kepil-i18n.h"

#include <stdlib.h>
#include <string.h>

/* ---- rows as JSON ------------------------------------------------------------ */


/* Steps @st to the end, collecting its rows. */
static GPtrArray *
collect_rows (KepilDb *db, sqlite3_stmt *st, const char *doing, GError **error)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  int rc;

  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_ptr_array_add (out, kepil_db_row_to_json (st));
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (db, error, rc, doing);
      g_ptr_array_unref (out);
      return NULL;
    }
  return out;
}

/* ---- canonical snapshot -------------------------------------------------------- */

static void
append_json_string (GString *s, const char *text)
{
  g_string_append_c (s, '"');
  for (const unsigned char *p = (const unsigned char *) text; *p; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (s, "\\\""); break;
        case '\\': g_string_append (s, "\\\\"); break;
        case '\n': g_string_append (s, "\\n"); break;
        case '\r': g_string_append (s, "\\r"); break;
        case '\t': g_string_append (s, "\\t"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (s, "\\u%04x", *p);
          else
            g_string_append_c (s, (char) *p);
        }
    }
  g_string_append_c (s, '"');
}

static void
append_column (GString *s, sqlite3_stmt *st, int i)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  switch (sqlite3_column_type (st, i))
    {
    case SQLITE_INTEGER:
      g_string_append_printf (s, "%ld", (gint64) sqlite3_column_int64 (st, i));
      break;
    case SQLITE_FLOAT:
      /* Shortest text that reads back as the same double, always with a dot
       * or an exponent so that a reader keeps it a real number. */
      g_ascii_dtostr (buf, sizeof buf, sqlite3_column_double (st, i));
      g_string_append (s, buf);
      if (strpbrk (buf, ".eEn") == NULL)
        g_string_append (s, ".0");
      break;
    case SQLITE_NULL:
      g_string_append (s, "null");
      break;
    case SQLITE_BLOB:
      {
        g_autofree char *b64 = g_base64_encode (sqlite3_column_blob (st, i), (gsize) sqlite3_column_bytes (st, i));
        append_json_string (s, b64);
      }
      break;
    default:
      append_json_string (s, kepil_col_text (st, i));
    }
}

static int
compare_by_name (gconstpointer a, gconstpointer b, gpointer st)
{
  return strcmp (sqlite3_column_name (st, *(const int *) a), sqlite3_column_name (st, *(const int *) b));
}

#define E_OF_C "(SELECT enterprise_id FROM campaign WHERE id = ?1)"
#define WP_OF_C "(SELECT w.id FROM workplace w JOIN unit u ON u.id = w.unit_id WHERE u.enterprise_id = " E_OF_C ")"
#define PROF_OF_C "(SELECT profession_id FROM workplace WHERE id IN " WP_OF_C ")"

/* The records an act is made from, entity by entity, in a fixed order.  The
 * measurements are all those of the enterprise's workplaces, as in
 * kepil_data_fingerprint (), so that both fingerprints change together. */
static const struct {
  const char *entity;
  const char *sql;
} snapshot_parts[] = {
  { "enterprise", "SELECT * FROM enterprise WHERE id = " E_OF_C " ORDER BY id" },
  { "unit", "SELECT * FROM unit WHERE enterprise_id = " E_OF_C " ORDER BY id" },
  { "profession", "SELECT * FROM profession WHERE id IN " PROF_OF_C " ORDER BY id" },
  { "profession_stats", "SELECT * FROM profession_stats WHERE profession_id IN " PROF_OF_C " ORDER BY id" },
  { "workplace", "SELECT * FROM workplace WHERE id IN " WP_OF_C " ORDER BY id" },
  { "campaign", "SELECT * FROM campaign WHERE id = ?1 ORDER BY id" },
  { "commission_member", "SELECT * FROM commission_member WHERE campaign_id = ?1 ORDER BY id" },
  { "measurement", "SELECT * FROM measurement WHERE workplace_id IN " WP_OF_C " ORDER BY id" },
  { "safety_assessment", "SELECT * FROM safety_assessment WHERE workplace_id IN " WP_OF_C " ORDER BY id" },
  { "ppe_provision", "SELECT * FROM ppe_provision WHERE workplace_id IN " WP_OF_C " ORDER BY id" },
  { "enterprise_stats", "SELECT * FROM enterprise_stats WHERE enterprise_id = " E_OF_C " ORDER BY id" },
  { "checklist_answer", "SELECT * FROM checklist_answer WHERE enterprise_id = " E_OF_C " ORDER BY id" },
  /* The versions of the norm set and methodology, kept as settings of the database. */
  { "meta", "SELECT key, value FROM meta WHERE (key LIKE 'norm_set.%' OR key LIKE 'methodology.%') "
            "AND ?1 = ?1 ORDER BY key" },
};

gboolean
kepil_store_review_campaign_exists (KepilDb *db, gint64 campaign_id)
{
  sqlite3_stmt *st = kepil_db_prepare (db, "SELECT 1 FROM campaign WHERE id = ?1", NULL);
  gboolean found;

  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, campaign_id);
  found = sqlite3_step (st) == SQLITE_ROW;
  sqlite3_reset (st);
  return found;
}

/* Canonical JSON: object members sorted by name, rows by id, no spaces,
 * integers as integers, reals with a dot, text as UTF-8 with minimal escapes. */
char *
kepil_store_review_snapshot (KepilDb *db, gint64 campaign_id, GError **error)
{
  g_autoptr (GString) s = g_string_new (NULL);
  sqlite3_stmt *st;
  g_autofree char *norm_set = NULL, *methodology = NULL;

  if (!kepil_store_review_campaign_exists (db, campaign_id))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND,
                   _("There is no campaign with number %ld."), campaign_id);
      return NULL;
    }
  st = kepil_db_prepare (db, "SELECT norm_set, methodology FROM enterprise WHERE id = " E_OF_C, error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, campaign_id);
  if (sqlite3_step (st) == SQLITE_ROW)
    {
      norm_set = g_strdup (kepil_col_text (st, 0));
      methodology = g_strdup (kepil_col_text (st, 1));
    }
  sqlite3_reset (st);

  g_string_append_printf (s, "{\"campaign_id\":%ld,\"format\":\"kepil-snapshot-1\",\"methodology\":",
                          campaign_id);
  append_json_string (s, methodology ? methodology : "");
  g_string_append (s, ",\"norm_set\":");
  append_json_string (s, norm_set ? norm_set : "");
  g_string_append (s, ",\"records\":{");
  for (guint p = 0; p < G_N_ELEMENTS (snapshot_parts); p++)
    {
      g_autoptr (GArray) order = NULL;
      gboolean first_row = TRUE;
      int rc, n;

      st = kepil_db_prepare (db, snapshot_parts[p].sql, error);
      if (st == NULL)
        return NULL;
      sqlite3_bind_int64 (st, 1, campaign_id);
      n = sqlite3_column_count (st);
      order = g_array_sized_new (FALSE, FALSE, sizeof (int), (guint) n);
      for (int i = 0; i < n; i++)
        g_array_append_val (order, i);
      g_array_sort_with_data (order, compare_by_name, st);

      g_string_append_printf (s, "%s\"%s\":[", p == 0 ? "" : ",", snapshot_parts[p].entity);
      while ((rc = sqlite3_step (st)) == SQLITE_ROW)
        {
          g_string_append (s, first_row ? "{" : ",{");
          first_row = FALSE;
          for (int k = 0; k < n; k++)
            {
              int i = g_array_index (order, int, k);
              if (k > 0)
                g_string_append_c (s, ',');
              append_json_string (s, sqlite3_column_name (st, i));
              g_string_append_c (s, ':');
              append_column (s, st, i);
            }
          g_string_append_c (s, '}');
        }
      sqlite3_reset (st);
      if (rc != SQLITE_DONE)
        {
          kepil_db_set_error (db, error, rc, "reading the data of an act");
          return NULL;
        }
      g_string_append_c (s, ']');
    }
  g_string_append (s, "}}");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

gint64
kepil_store_review_default_campaign (KepilDb *db, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db, "SELECT max(id) FROM campaign", error);
  gint64 id = 0;

  if (st == NULL)
    return 0;
  if (sqlite3_step (st) == SQLITE_ROW)
    id = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  if (id == 0)
    g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND,
                 _("The database has no attestation campaign; create one before finalising an act."));
  return id;
}

/* ---- acts ------------------------------------------------------------------------ */

gint64
kepil_store_review_insert_act (KepilDb *db, JsonObject *act, const char *snapshot, GError **error)
{
  sqlite3_stmt *st;
  gint64 id;
  int rc;

  if (!kepil_db_begin (db, error))
    return 0;
  st = kepil_db_prepare (db, "INSERT INTO act (campaign_id, revision, finalized_by, norm_set, methodology, "
                             "fingerprint, data_fingerprint) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (st == NULL)
    goto fail;
  sqlite3_bind_int64 (st, 1, json_object_get_int_member (act, "campaign_id"));
  sqlite3_bind_int64 (st, 2, json_object_get_int_member (act, "revision"));
  sqlite3_bind_text (st, 3, json_object_get_string_member (act, "finalized_by"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 4, json_object_get_string_member (act, "norm_set"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 5, json_object_get_string_member (act, "methodology"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 6, json_object_get_string_member (act, "fingerprint"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 7, json_object_get_string_member (act, "data_fingerprint"), -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (st);
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (db, error, rc, "finalising the act");
      goto fail;
    }
  id = sqlite3_last_insert_rowid (kepil_db_handle (db));
  st = kepil_db_prepare (db, "INSERT INTO act_snapshot (act_id, snapshot) VALUES (?1, ?2)", error);
  if (st == NULL)
    goto fail;
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_text (st, 2, snapshot, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (st);
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (db, error, rc, "saving the snapshot of the act");
      goto fail;
    }
  if (!kepil_db_commit (db, error))
    return 0;
  return id;

fail:
  kepil_db_rollback (db);
  return 0;
}

GPtrArray *
kepil_store_review_acts (KepilDb *db, gint64 campaign_id, gboolean with_snapshot, GError **error)
{
  const char *sql;
  sqlite3_stmt *st;

  if (with_snapshot)
    sql = "SELECT a.id, a.campaign_id, a.revision, a.finalized_at, a.finalized_by, a.norm_set, a.methodology, "
          "a.fingerprint, a.data_fingerprint, s.snapshot FROM act a LEFT JOIN act_snapshot s ON s.act_id = a.id "
          "WHERE ?1 = 0 OR a.campaign_id = ?1 ORDER BY a.campaign_id, a.revision";
  else
    sql = "SELECT id, campaign_id, revision, finalized_at, finalized_by, norm_set, methodology, "
          "fingerprint, data_fingerprint FROM act WHERE ?1 = 0 OR campaign_id = ?1 ORDER BY campaign_id, revision";
  st = kepil_db_prepare (db, sql, error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, campaign_id);
  return collect_rows (db, st, "reading the acts", error);
}

/* ---- audit ------------------------------------------------------------------------ */

/* The children of a record whose log entries belong to its history, including
 * children deleted since (found through their own delete or move entries). */
#define MOVED_OR_DELETED(kids, parent_field)                                                        \
  "SELECT entity, entity_id FROM audit_log WHERE entity IN (" kids ") AND ("                         \
  " (action = 'delete' AND CASE WHEN json_valid(old_value) THEN json_extract(old_value, '$." parent_field "') END = ?2)" \
  " OR (action = 'update' AND field = '" parent_field "' AND (old_value = CAST(?2 AS TEXT) OR new_value = CAST(?2 AS TEXT))))"

static const char history_sql[] =
  "WITH kids(entity, entity_id) AS ("
  " SELECT 'measurement', id FROM measurement WHERE ?1 = 'workplace' AND workplace_id = ?2"
  " UNION SELECT 'safety_assessment', id FROM safety_assessment WHERE ?1 = 'workplace' AND workplace_id = ?2"
  " UNION SELECT 'ppe_provision', id FROM ppe_provision WHERE ?1 = 'workplace' AND workplace_id = ?2"
  " UNION SELECT 'finding', id FROM finding WHERE ?1 = 'workplace' AND workplace_id = ?2"
  " UNION SELECT * FROM (" MOVED_OR_DELETED ("'measurement', 'safety_assessment', 'ppe_provision'", "workplace_id")
  ") WHERE ?1 = 'workplace'"
  " UNION SELECT 'workplace', id FROM workplace WHERE ?1 = 'unit' AND unit_id = ?2"
  " UNION SELECT * FROM (" MOVED_OR_DELETED ("'workplace'", "unit_id") ") WHERE ?1 = 'unit'"
  " UNION SELECT 'commission_member', id FROM commission_member WHERE ?1 = 'campaign' AND campaign_id = ?2"
  " UNION SELECT 'measurement', id FROM measurement WHERE ?1 = 'campaign' AND campaign_id = ?2"
  " UNION SELECT * FROM (" MOVED_OR_DELETED ("'commission_member', 'measurement'", "campaign_id") ") WHERE ?1 = 'campaign'"
  "), subjects(entity, entity_id) AS (SELECT ?1, ?2 UNION SELECT entity, entity_id FROM kids WHERE ?3)"
  " SELECT * FROM ("
  "  SELECT id, at, who, entity, entity_id, action, field, old_value, new_value FROM audit_log"
  "  WHERE (entity = ?1 AND entity_id = ?2)"
  "     OR (?3 AND (entity, entity_id) IN (SELECT entity, entity_id FROM kids))"
  /* Rows added by an import have no entry of their own but the import's one
   * (schema/0008-import-log.sql): listed as their insert, naming the file;
   * within it, in the order the import wrote them. */
  "  UNION ALL SELECT a.id, a.at, a.who, s.entity, s.entity_id, 'insert', '', NULL, l.file"
  "  FROM subjects s JOIN import_range r ON r.entity = s.entity AND s.entity_id BETWEEN r.first_id AND r.last_id"
  "  JOIN import_log l ON l.id = r.import_id"
  "  JOIN audit_log a ON a.entity = 'import' AND a.entity_id = l.id AND a.action = 'insert')"
  " ORDER BY id, CASE entity WHEN 'enterprise' THEN 0 WHEN 'unit' THEN 1 WHEN 'profession' THEN 2"
  "  WHEN 'workplace' THEN 3 ELSE 4 END, entity_id";

JsonArray *
kepil_store_audit_history (KepilDb *db, const char *entity, gint64 id, gboolean with_children, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db, history_sql, error);
  g_autoptr (GPtrArray) rows = NULL;
  JsonArray *out;

  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 2, id);
  sqlite3_bind_int (st, 3, with_children ? 1 : 0);
  rows = collect_rows (db, st, "reading the audit trail", error);
  if (rows == NULL)
    return NULL;
  out = json_array_sized_new (rows->len);
  for (guint i = 0; i < rows->len; i++)
    json_array_add_object_element (out, json_object_ref (g_ptr_array_index (rows, i)));
  return out;
}

gint64
kepil_audit_count (KepilDb *db, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db, "SELECT count(*) FROM audit_log", error);
  gint64 n = -1;

  if (st == NULL)
    return -1;
  if (sqlite3_step (st) == SQLITE_ROW)
    n = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  return n;
}

/* ---- findings ----------------------------------------------------------------------- */

GPtrArray *
kepil_store_findings_list (KepilDb *db, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db,
    "SELECT f.id, f.uid, f.enterprise_id, f.workplace_id,"
    " COALESCE(w.code, f.workplace_code) AS workplace_code,"
    " COALESCE(p.name_ru, '') AS profession, COALESCE(p.name_kk, '') AS profession_kk,"
    " COALESCE(e.name_ru, '') AS enterprise, COALESCE(e.bin, '') AS enterprise_bin,"
    " f.category, f.legal_basis, f.status, f.economic_effect, f.note, f.author, f.found_on"
    " FROM finding f LEFT JOIN workplace w ON w.id = f.workplace_id"
    " LEFT JOIN profession p ON p.id = w.profession_id"
    " LEFT JOIN enterprise e ON e.id = f.enterprise_id"
    " ORDER BY f.found_on, f.id", error);

  if (st == NULL)
    return NULL;
  return collect_rows (db, st, "reading the findings", error);
}

gint64
kepil_store_finding_by_uid (KepilDb *db, const char *uid, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db, "SELECT id FROM finding WHERE uid = ?1", error);
  gint64 id = 0;

  if (st == NULL)
    return -1;
  sqlite3_bind_text (st, 1, uid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (st) == SQLITE_ROW)
    id = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  return id;
}

gint64
kepil_store_findings_import_record (KepilDb *db, const char *file_sha256, const char *source,
                                    gint64 added, gint64 skipped, GError **error)
{
  sqlite3_stmt *st;
  int rc;

  if (!kepil_db_begin (db, error))
    return 0;
  st = kepil_db_prepare (db, "INSERT INTO findings_import (file_sha256, source, imported_by, added, skipped) "
                             "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (st == NULL)
    {
      kepil_db_rollback (db);
      return 0;
    }
  sqlite3_bind_text (st, 1, file_sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 2, source ? source : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 3, kepil_db_get_user (db), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 4, added);
  sqlite3_bind_int64 (st, 5, skipped);
  rc = sqlite3_step (st);
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (db, error, rc, "recording the import of findings");
      kepil_db_rollback (db);
      return 0;
    }
  if (!kepil_db_commit (db, error))
    return 0;
  return sqlite3_last_insert_rowid (kepil_db_handle (db));
}

/* ---- packages ------------------------------------------------------------------------ */

gboolean
kepil_store_package_copy (KepilDb *db, const char *path, GError **error)
{
  /* VACUUM INTO writes a consistent, compact copy while others may read. */
  sqlite3_stmt *st = kepil_db_prepare (db, "VACUUM INTO ?1", error);
  int rc;

  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, path, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (st);
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (db, error, rc, "writing the exchange file");
      return FALSE;
    }
  return TRUE;
}

gboolean
kepil_store_package_narrow (KepilDb *copy, gint64 campaign_id, GError **error)
{
  static const char *const steps[] = {
    /* Other enterprises go with everything that cascades from them. */
    "DELETE FROM enterprise WHERE id <> (SELECT enterprise_id FROM campaign WHERE id = ?1)",
    /* Measurements of other campaigns would otherwise fall to "no campaign". */
    "DELETE FROM measurement WHERE campaign_id IS NOT NULL AND campaign_id <> ?1",
    "DELETE FROM campaign WHERE id <> ?1",
    "DELETE FROM profession WHERE id NOT IN (SELECT profession_id FROM workplace)",
  };
  if (!kepil_db_begin (copy, error))
    return FALSE;
  if (!kepil_store_review_campaign_exists (copy, campaign_id))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND,
                   _("There is no campaign with number %ld."), campaign_id);
      goto fail;
    }
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      sqlite3_stmt *st = kepil_db_prepare (copy, steps[i], error);
      int rc;
      if (st == NULL)
        goto fail;
      if (sqlite3_bind_parameter_count (st) > 0)
        sqlite3_bind_int64 (st, 1, campaign_id);
      rc = sqlite3_step (st);
      sqlite3_reset (st);
      if (rc != SQLITE_DONE)
        {
          kepil_db_set_error (copy, error, rc, "narrowing the exchange file to one campaign");
          goto fail;
        }
    }
  /* The acts of other campaigns leave the copy too; acts are frozen, so the
   * guard is lifted for this one statement in this copy only. */
  if (!kepil_db_exec (copy,
                      "DROP TRIGGER act_no_delete; DROP TRIGGER act_snapshot_no_delete;"
                      "DELETE FROM act_snapshot WHERE act_id IN (SELECT id FROM act WHERE campaign_id NOT IN (SELECT id FROM campaign));"
                      "DELETE FROM act WHERE campaign_id NOT IN (SELECT id FROM campaign);"
                      "CREATE TRIGGER act_no_delete BEFORE DELETE ON act"
                      " BEGIN SELECT RAISE(ABORT, 'a finalised act cannot be deleted'); END;"
                      "CREATE TRIGGER act_snapshot_no_delete BEFORE DELETE ON act_snapshot"
                      " BEGIN SELECT RAISE(ABORT, 'a finalised act cannot be deleted'); END;", error))
    goto fail;
  return kepil_db_commit (copy, error);

fail:
  kepil_db_rollback (copy);
  return FALSE;
}

gboolean
kepil_store_package_seal (KepilDb *copy, GError **error)
{
  if (!kepil_db_begin (copy, error))
    return FALSE;
  /* From now on every writer of this copy, the core or another tool, is an
   * inspector: the guard triggers refuse enterprise data, findings stay open. */
  if (!kepil_db_exec (copy,
                      "UPDATE actor SET name = 'inspector', role = 'inspector' WHERE id = 1;"
                      "CREATE TRIGGER actor_package_lock BEFORE UPDATE ON actor WHEN NEW.role <> 'inspector'"
                      " BEGIN SELECT RAISE(ABORT, 'read-only: inspector package'); END;", error))
    {
      kepil_db_rollback (copy);
      return FALSE;
    }
  return kepil_db_commit (copy, error);
}
