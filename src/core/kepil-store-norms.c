/* kepil-store-norms.c — the SQL of norm sets, substances and the measurement scan
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-norms.h"
#include "kepil-db-private.h"
#include "kepil-error.h"
#include "kepil-i18n.h"

#include <math.h>

static const char *bound_cols[KEPIL_NORM_BOUNDS] = { "c1", "c2", "c3_1", "c3_2", "c3_3", "c3_4" };

static const char *
basis_name (KepilNormBasis b)
{
  switch (b)
    {
    case KEPIL_BASIS_RATIO: return "ratio";
    case KEPIL_BASIS_EXCESS_DB: return "excess_db";
    case KEPIL_BASIS_GRADE: return "grade";
    case KEPIL_BASIS_ABSOLUTE:
    default: return "absolute";
    }
}

static KepilNormBasis
basis_from_name (const char *s)
{
  if (g_strcmp0 (s, "ratio") == 0)
    return KEPIL_BASIS_RATIO;
  if (g_strcmp0 (s, "excess_db") == 0)
    return KEPIL_BASIS_EXCESS_DB;
  if (g_strcmp0 (s, "grade") == 0)
    return KEPIL_BASIS_GRADE;
  return KEPIL_BASIS_ABSOLUTE;
}

static gboolean
step_done (KepilDb *db, sqlite3_stmt *st, const char *doing, GError **error)
{
  int rc = sqlite3_step (st);
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (db, error, rc, doing);
      return FALSE;
    }
  return TRUE;
}

gint64
kepil_store_norms_find_set (KepilDb *db, const char *name, int version, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db, "SELECT id FROM norm_set WHERE name = ?1 AND version = ?2", error);
  gint64 id = 0;

  if (st == NULL)
    return -1;
  sqlite3_bind_text (st, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (st, 2, version);
  if (sqlite3_step (st) == SQLITE_ROW)
    id = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  return id;
}

int
kepil_store_norms_latest (KepilDb *db, const char *name, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db, "SELECT max(version) FROM norm_set WHERE name = ?1", error);
  int v = 0;

  if (st == NULL)
    return -1;
  sqlite3_bind_text (st, 1, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (st) == SQLITE_ROW && sqlite3_column_type (st, 0) != SQLITE_NULL)
    v = sqlite3_column_int (st, 0);
  sqlite3_reset (st);
  return v;
}

gboolean
kepil_store_norms_default (KepilDb *db, char **name, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db, "SELECT name FROM norm_set WHERE is_default = 1 ORDER BY id LIMIT 1",
                                       error);
  if (st == NULL)
    return FALSE;
  *name = NULL;
  if (sqlite3_step (st) == SQLITE_ROW)
    *name = g_strdup (kepil_col_text (st, 0));
  sqlite3_reset (st);
  return *name != NULL;
}

gboolean
kepil_store_norms_insert_set (KepilDb *db, KepilNormSet *set, GError **error)
{
  sqlite3_stmt *st;
  gint64 set_id;
  GHashTableIter it;
  gpointer k, v;

  st = kepil_db_prepare (db,
                         "INSERT INTO norm_set (name, version, parent, legal_basis, status, source, shipped, is_default, note) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '')", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, set->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (st, 2, set->version);
  sqlite3_bind_text (st, 3, set->parent ? set->parent : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 4, set->legal_basis ? set->legal_basis : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 5, set->status ? set->status : "UNVERIFIED", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 6, set->source ? set->source : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (st, 7, set->shipped ? 1 : 0);
  sqlite3_bind_int (st, 8, set->is_default ? 1 : 0);
  if (!step_done (db, st, _("saving a norm set"), error))
    return FALSE;
  set_id = sqlite3_last_insert_rowid (kepil_db_handle (db));

  st = kepil_db_prepare (db,
                         "INSERT INTO norm_row (norm_set_id, seq, factor, subgroup, agent, sex, label, unit, basis, direction, "
                         "c1, c2, c3_1, c3_2, c3_3, c3_4, top, exclusive, status, source) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
                         error);
  if (st == NULL)
    return FALSE;
  for (guint i = 0; i < set->rows->len; i++)
    {
      KepilNormRow *r = g_ptr_array_index (set->rows, i);
      g_autoptr (GString) excl = g_string_new (NULL);

      /* Inherited rows stay with their own set. */
      if (g_strcmp0 (r->set_name, set->name) != 0 || r->set_version != set->version)
        continue;
      sqlite3_bind_int64 (st, 1, set_id);
      sqlite3_bind_int (st, 2, r->seq);
      sqlite3_bind_text (st, 3, r->factor, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (st, 4, r->subgroup, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (st, 5, r->agent, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (st, 6, r->sex, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (st, 7, r->label, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (st, 8, r->unit, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (st, 9, basis_name (r->basis), -1, SQLITE_STATIC);
      sqlite3_bind_text (st, 10, r->down ? "down" : "up", -1, SQLITE_STATIC);
      for (int b = 0; b < KEPIL_NORM_BOUNDS; b++)
        {
          if (r->has[b])
            sqlite3_bind_double (st, 11 + b, r->bound[b]);
          else
            sqlite3_bind_null (st, 11 + b);
          if (r->exclusive[b])
            {
              if (excl->len > 0)
                g_string_append_c (excl, ' ');
              g_string_append (excl, kepil_class_name (b == 0 ? 10 : b == 1 ? 20 : 29 + b));
            }
        }
      sqlite3_bind_text (st, 17, r->top ? kepil_class_name (r->top) : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (st, 18, excl->str, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (st, 19, r->status, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (st, 20, r->source, -1, SQLITE_TRANSIENT);
      if (!step_done (db, st, _("saving a norm row"), error))
        return FALSE;
    }

  st = kepil_db_prepare (db, "INSERT INTO norm_param (norm_set_id, key, value, status, source) VALUES (?1, ?2, ?3, ?4, ?5)",
                         error);
  if (st == NULL)
    return FALSE;
  g_hash_table_iter_init (&it, set->params);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      const char *ss = g_hash_table_lookup (set->params_source, k);
      g_auto (GStrv) parts = g_strsplit (ss ? ss : "UNVERIFIED|", "|", 2);

      sqlite3_bind_int64 (st, 1, set_id);
      sqlite3_bind_text (st, 2, k, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (st, 3, v, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (st, 4, parts[0], -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (st, 5, parts[1] ? parts[1] : "", -1, SQLITE_TRANSIENT);
      if (!step_done (db, st, _("saving a norm parameter"), error))
        return FALSE;
    }
  return TRUE;
}

static void
parse_exclusive (KepilNormRow *r, const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text, " ", -1);
  for (int i = 0; parts[i] != NULL; i++)
    {
      int rank = kepil_class_rank (parts[i]);
      int b = rank == 10 ? 0 : rank == 20 ? 1 : (rank >= 31 && rank <= 34) ? rank - 29 : -1;
      if (b >= 0)
        r->exclusive[b] = TRUE;
    }
}

KepilNormSet *
kepil_store_norms_read_set (KepilDb *db, const char *name, int version, GError **error)
{
  sqlite3_stmt *st;
  KepilNormSet *set;
  gint64 id = 0;

  st = kepil_db_prepare (db, "SELECT id, parent, legal_basis, status, source, shipped, is_default, used "
                             "FROM norm_set WHERE name = ?1 AND version = ?2", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (st, 2, version);
  if (sqlite3_step (st) != SQLITE_ROW)
    {
      sqlite3_reset (st);
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND, _("There is no norm set “%s” version %d."), name, version);
      return NULL;
    }
  set = kepil_norm_set_new (name, version);
  id = sqlite3_column_int64 (st, 0);
  g_free (set->parent);
  set->parent = g_strdup (kepil_col_text (st, 1));
  set->legal_basis = g_strdup (kepil_col_text (st, 2));
  set->status = g_strdup (kepil_col_text (st, 3));
  set->source = g_strdup (kepil_col_text (st, 4));
  set->shipped = sqlite3_column_int (st, 5) != 0;
  set->is_default = sqlite3_column_int (st, 6) != 0;
  set->used = sqlite3_column_int (st, 7) != 0;
  sqlite3_reset (st);

  st = kepil_db_prepare (db, "SELECT seq, factor, subgroup, agent, sex, label, unit, basis, direction, "
                             "c1, c2, c3_1, c3_2, c3_3, c3_4, top, exclusive, status, source "
                             "FROM norm_row WHERE norm_set_id = ?1 ORDER BY seq, id", error);
  if (st == NULL)
    {
      kepil_norm_set_free (set);
      return NULL;
    }
  sqlite3_bind_int64 (st, 1, id);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      KepilNormRow *r = kepil_norm_row_new ();
      r->seq = sqlite3_column_int (st, 0);
      r->factor = g_strdup (kepil_col_text (st, 1));
      r->subgroup = g_strdup (kepil_col_text (st, 2));
      r->agent = g_strdup (kepil_col_text (st, 3));
      r->sex = g_strdup (kepil_col_text (st, 4));
      r->label = g_strdup (kepil_col_text (st, 5));
      r->unit = g_strdup (kepil_col_text (st, 6));
      r->basis = basis_from_name (kepil_col_text (st, 7));
      r->down = g_str_equal (kepil_col_text (st, 8), "down");
      for (int b = 0; b < KEPIL_NORM_BOUNDS; b++)
        if (sqlite3_column_type (st, 9 + b) != SQLITE_NULL)
          {
            r->has[b] = TRUE;
            r->bound[b] = sqlite3_column_double (st, 9 + b);
          }
      r->top = kepil_class_rank (kepil_col_text (st, 15));
      parse_exclusive (r, kepil_col_text (st, 16));
      r->status = g_strdup (kepil_col_text (st, 17));
      r->source = g_strdup (kepil_col_text (st, 18));
      r->set_name = g_strdup (name);
      r->set_version = version;
      g_ptr_array_add (set->rows, r);
    }
  sqlite3_reset (st);

  st = kepil_db_prepare (db, "SELECT key, value, status, source FROM norm_param WHERE norm_set_id = ?1", error);
  if (st == NULL)
    {
      kepil_norm_set_free (set);
      return NULL;
    }
  sqlite3_bind_int64 (st, 1, id);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      g_hash_table_insert (set->params, g_strdup (kepil_col_text (st, 0)), g_strdup (kepil_col_text (st, 1)));
      g_hash_table_insert (set->params_source, g_strdup (kepil_col_text (st, 0)),
                           g_strdup_printf ("%s|%s", kepil_col_text (st, 2), kepil_col_text (st, 3)));
    }
  sqlite3_reset (st);
  return set;
}

GPtrArray *
kepil_store_norms_list (KepilDb *db, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db,
    "SELECT s.name, s.version, s.parent, s.legal_basis, s.status, s.shipped, s.is_default, s.used, s.created_at, "
    "(SELECT count(*) FROM norm_row r WHERE r.norm_set_id = s.id) FROM norm_set s ORDER BY s.name, s.version", error);
  GPtrArray *out;

  if (st == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      JsonObject *o = json_object_new ();
      json_object_set_string_member (o, "name", kepil_col_text (st, 0));
      json_object_set_int_member (o, "version", sqlite3_column_int (st, 1));
      json_object_set_string_member (o, "parent", kepil_col_text (st, 2));
      json_object_set_string_member (o, "legal_basis", kepil_col_text (st, 3));
      json_object_set_string_member (o, "status", kepil_col_text (st, 4));
      json_object_set_boolean_member (o, "shipped", sqlite3_column_int (st, 5) != 0);
      json_object_set_boolean_member (o, "default", sqlite3_column_int (st, 6) != 0);
      json_object_set_boolean_member (o, "used", sqlite3_column_int (st, 7) != 0);
      json_object_set_string_member (o, "created_at", kepil_col_text (st, 8));
      json_object_set_int_member (o, "own_rows", sqlite3_column_int (st, 9));
      g_ptr_array_add (out, o);
    }
  sqlite3_reset (st);
  return out;
}

gboolean
kepil_store_norms_mark_used (KepilDb *db, const char *name, int version, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db, "UPDATE norm_set SET used = 1 WHERE name = ?1 AND version = ?2 AND used = 0",
                                       error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (st, 2, version);
  return step_done (db, st, _("marking a norm set as used"), error);
}

gboolean
kepil_store_norms_update_row (KepilDb *db, const char *name, int version, const KepilNormRow *r, GError **error)
{
  g_autoptr (GString) sql = g_string_new ("UPDATE norm_row SET ");
  g_autoptr (GString) excl = g_string_new (NULL);
  sqlite3_stmt *st;

  for (int b = 0; b < KEPIL_NORM_BOUNDS; b++)
    {
      g_string_append_printf (sql, "%s = ?%d, ", bound_cols[b], b + 1);
      if (r->exclusive[b])
        {
          if (excl->len > 0)
            g_string_append_c (excl, ' ');
          g_string_append (excl, kepil_class_name (b == 0 ? 10 : b == 1 ? 20 : 29 + b));
        }
    }
  g_string_append (sql, "top = ?7, exclusive = ?8, status = ?9, source = ?10 "
                        "WHERE seq = ?11 AND norm_set_id = (SELECT id FROM norm_set WHERE name = ?12 AND version = ?13 AND used = 0)");
  st = kepil_db_prepare (db, sql->str, error);
  if (st == NULL)
    return FALSE;
  for (int b = 0; b < KEPIL_NORM_BOUNDS; b++)
    if (r->has[b])
      sqlite3_bind_double (st, b + 1, r->bound[b]);
    else
      sqlite3_bind_null (st, b + 1);
  sqlite3_bind_text (st, 7, r->top ? kepil_class_name (r->top) : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 8, excl->str, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 9, r->status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 10, r->source, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (st, 11, r->seq);
  sqlite3_bind_text (st, 12, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (st, 13, version);
  if (!step_done (db, st, _("changing a norm row"), error))
    return FALSE;
  if (sqlite3_changes (kepil_db_handle (db)) == 0)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_CONSTRAINT,
                   _("Row %d of norm set “%s” version %d cannot be changed: the version was used already or has no such row; "
                     "copy it to a new version and change that."), r->seq, name, version);
      return FALSE;
    }
  return TRUE;
}

gboolean
kepil_store_norms_has_substance (KepilDb *db, const char *key, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db, "SELECT 1 FROM substance WHERE key = ?1", error);
  gboolean found;

  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, key, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (st) == SQLITE_ROW;
  sqlite3_reset (st);
  return found;
}

gboolean
kepil_store_norms_insert_substance (KepilDb *db, const KepilSubstance *s, gboolean shipped, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db,
    "INSERT INTO substance (key, name_ru, name_en, formula, kind, pdk_max, pdk_mean, hazard_class, acute, irritant, "
    "carcinogen, allergen, fibrogenic, status, source, shipped) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, s->key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 2, s->name_ru, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 3, s->name_en, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 4, s->formula, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 5, s->kind, -1, SQLITE_TRANSIENT);
  if (isnan (s->pdk_max))
    sqlite3_bind_null (st, 6);
  else
    sqlite3_bind_double (st, 6, s->pdk_max);
  if (isnan (s->pdk_mean))
    sqlite3_bind_null (st, 7);
  else
    sqlite3_bind_double (st, 7, s->pdk_mean);
  sqlite3_bind_int (st, 8, s->hazard_class);
  sqlite3_bind_int (st, 9, s->acute);
  sqlite3_bind_int (st, 10, s->irritant);
  sqlite3_bind_int (st, 11, s->carcinogen);
  sqlite3_bind_int (st, 12, s->allergen);
  sqlite3_bind_int (st, 13, s->fibrogenic);
  sqlite3_bind_text (st, 14, s->status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 15, s->source, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (st, 16, shipped ? 1 : 0);
  return step_done (db, st, _("saving a substance"), error);
}

GPtrArray *
kepil_store_norms_read_substances (KepilDb *db, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db,
    "SELECT key, name_ru, name_en, formula, kind, pdk_max, pdk_mean, hazard_class, acute, irritant, carcinogen, "
    "allergen, fibrogenic, status, source FROM substance ORDER BY id", error);
  GPtrArray *out;

  if (st == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) kepil_substance_free);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      KepilSubstance *s = g_new0 (KepilSubstance, 1);
      s->key = g_strdup (kepil_col_text (st, 0));
      s->name_ru = g_strdup (kepil_col_text (st, 1));
      s->name_en = g_strdup (kepil_col_text (st, 2));
      s->formula = g_strdup (kepil_col_text (st, 3));
      s->kind = g_strdup (kepil_col_text (st, 4));
      s->pdk_max = sqlite3_column_type (st, 5) == SQLITE_NULL ? NAN : sqlite3_column_double (st, 5);
      s->pdk_mean = sqlite3_column_type (st, 6) == SQLITE_NULL ? NAN : sqlite3_column_double (st, 6);
      s->hazard_class = sqlite3_column_int (st, 7);
      s->acute = sqlite3_column_int (st, 8) != 0;
      s->irritant = sqlite3_column_int (st, 9) != 0;
      s->carcinogen = sqlite3_column_int (st, 10) != 0;
      s->allergen = sqlite3_column_int (st, 11) != 0;
      s->fibrogenic = sqlite3_column_int (st, 12) != 0;
      s->status = g_strdup (kepil_col_text (st, 13));
      s->source = g_strdup (kepil_col_text (st, 14));
      g_ptr_array_add (out, s);
    }
  sqlite3_reset (st);
  return out;
}

gboolean
kepil_store_norms_scan (KepilDb *db, gint64 workplace_id, KepilMeasurementScanFunc func, gpointer user_data,
                        GError **error)
{
  sqlite3_stmt *st;
  int rc;

  st = kepil_db_prepare (db,
    "SELECT w.id, w.work_category, w.men, w.women, coalesce(e.norm_set, ''), "
    "m.id, m.factor, m.subgroup, m.agent, m.unit_of_measure, m.value, m.norm "
    "FROM workplace w JOIN unit u ON u.id = w.unit_id JOIN enterprise e ON e.id = u.enterprise_id "
    "LEFT JOIN measurement m ON m.workplace_id = w.id "
    "WHERE ?1 <= 0 OR w.id = ?1 ORDER BY w.id, m.id", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, workplace_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      KepilMeasurementScan m;
      m.workplace_id = sqlite3_column_int64 (st, 0);
      m.work_category = kepil_col_text (st, 1);
      m.men = sqlite3_column_int64 (st, 2);
      m.women = sqlite3_column_int64 (st, 3);
      m.enterprise_norm_set = kepil_col_text (st, 4);
      m.measurement_id = sqlite3_column_type (st, 5) == SQLITE_NULL ? 0 : sqlite3_column_int64 (st, 5);
      m.factor = kepil_col_text (st, 6);
      m.subgroup = kepil_col_text (st, 7);
      m.agent = kepil_col_text (st, 8);
      m.unit = kepil_col_text (st, 9);
      m.value = sqlite3_column_double (st, 10);
      m.norm = sqlite3_column_type (st, 11) == SQLITE_NULL ? NAN : sqlite3_column_double (st, 11);
      if (!func (&m, user_data, error))
        {
          sqlite3_reset (st);
          return FALSE;
        }
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (db, error, rc, _("reading the measurements"));
      return FALSE;
    }
  return TRUE;
}

char *
kepil_store_norms_enterprise_set (KepilDb *db, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db, "SELECT norm_set FROM enterprise ORDER BY id LIMIT 1", error);
  char *out;

  if (st == NULL)
    return NULL;
  out = g_strdup (sqlite3_step (st) == SQLITE_ROW ? kepil_col_text (st, 0) : "");
  sqlite3_reset (st);
  return out;
}
