/* kepil-store-lists.c — storage of the legal Lists (all their SQL lives here)
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-lists.h"
#include "kepil-db-private.h"
#include "kepil-error.h"
#include "kepil-i18n.h"

#include <string.h>

static void
bind_text_or_empty (sqlite3_stmt *st, int i, const char *s)
{
  sqlite3_bind_text (st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

static gboolean
step_done (KepilDb *db, sqlite3_stmt *st, const char *doing, GError **error)
{
  int rc = sqlite3_step (st);
  sqlite3_reset (st);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      kepil_db_set_error (db, error, rc, doing);
      return FALSE;
    }
  return TRUE;
}

gboolean
kepil_store_lists_shipped_version (KepilDb *db, char **out_version, GError **error)
{
  (void) error;
  *out_version = kepil_db_get_meta (db, "lists.shipped_version");
  return TRUE;
}

gboolean
kepil_store_lists_replace_sections (KepilDb *db, GPtrArray *sections, GError **error)
{
  sqlite3_stmt *st;

  for (guint i = 0; i < sections->len; i++)
    {
      KepilListSection *s = g_ptr_array_index (sections, i);
      st = kepil_db_prepare (db,
                             "INSERT INTO list_section (list, section, name_ru, name_kk, general, source, status) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (list, section) DO UPDATE SET "
                             "name_ru = excluded.name_ru, name_kk = excluded.name_kk, general = excluded.general, "
                             "source = excluded.source, status = excluded.status", error);
      if (st == NULL)
        return FALSE;
      bind_text_or_empty (st, 1, s->list);
      bind_text_or_empty (st, 2, s->section);
      bind_text_or_empty (st, 3, s->name_ru);
      bind_text_or_empty (st, 4, s->name_kk);
      sqlite3_bind_int (st, 5, s->general ? 1 : 0);
      bind_text_or_empty (st, 6, s->source);
      bind_text_or_empty (st, 7, s->status);
      if (!step_done (db, st, "saving a section of a list", error))
        return FALSE;
    }
  return TRUE;
}

GHashTable *
kepil_store_lists_sections (KepilDb *db, const char *list, GError **error)
{
  GHashTable *out = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) kepil_list_section_free);
  sqlite3_stmt *st = kepil_db_prepare (db,
                                       "SELECT list, section, name_ru, name_kk, general, source, status "
                                       "FROM list_section WHERE list = ?1", error);
  int rc;

  if (st == NULL)
    {
      g_hash_table_unref (out);
      return NULL;
    }
  bind_text_or_empty (st, 1, list);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      KepilListSection *s = g_new0 (KepilListSection, 1);
      s->list = g_strdup (kepil_col_text (st, 0));
      s->section = g_strdup (kepil_col_text (st, 1));
      s->name_ru = g_strdup (kepil_col_text (st, 2));
      s->name_kk = g_strdup (kepil_col_text (st, 3));
      s->general = sqlite3_column_int (st, 4) != 0;
      s->source = g_strdup (kepil_col_text (st, 5));
      s->status = g_strdup (kepil_col_text (st, 6));
      g_hash_table_replace (out, s->section, s);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (db, error, rc, "reading the sections of a list");
      g_hash_table_unref (out);
      return NULL;
    }
  return out;
}

gint64
kepil_store_lists_add_version (KepilDb *db, KepilListVersionInfo *v, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db,
                                       "INSERT INTO list_version (list, label, origin, act_key, act_number, act_date, "
                                       "act_registration, act_title_ru, act_title_kk, act_source, act_status, file, "
                                       "loaded_by, active) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 1)",
                                       error);
  if (st == NULL)
    return 0;
  bind_text_or_empty (st, 1, v->list);
  bind_text_or_empty (st, 2, v->label);
  bind_text_or_empty (st, 3, v->origin);
  bind_text_or_empty (st, 4, v->act_key);
  bind_text_or_empty (st, 5, v->act_number);
  bind_text_or_empty (st, 6, v->act_date);
  bind_text_or_empty (st, 7, v->act_registration);
  bind_text_or_empty (st, 8, v->act_title_ru);
  bind_text_or_empty (st, 9, v->act_title_kk);
  bind_text_or_empty (st, 10, v->act_source);
  bind_text_or_empty (st, 11, v->act_status);
  bind_text_or_empty (st, 12, v->file);
  bind_text_or_empty (st, 13, kepil_db_get_user (db));
  if (!step_done (db, st, "saving a version of a list", error))
    return 0;
  return sqlite3_last_insert_rowid (kepil_db_handle (db));
}

gboolean
kepil_store_lists_add_entry (KepilDb *db, gint64 version_id, KepilListEntry *e,
                             const char *norm_name, const char *norm_production, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db,
                                       "INSERT INTO list_entry (version_id, list, section, chapter, item, name_ru, name_kk, "
                                       "leave_days, hours_per_week, time_share_pct, condition, production, aliases, general, "
                                       "source, status, line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
                                       "?14, ?15, ?16, ?17)", error);
  gint64 id;

  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, version_id);
  bind_text_or_empty (st, 2, e->list);
  bind_text_or_empty (st, 3, e->section);
  bind_text_or_empty (st, 4, e->chapter);
  bind_text_or_empty (st, 5, e->item);
  bind_text_or_empty (st, 6, e->name_ru);
  bind_text_or_empty (st, 7, e->name_kk);
  if (e->leave_days > 0)
    sqlite3_bind_int (st, 8, e->leave_days);
  if (e->hours_per_week > 0)
    sqlite3_bind_double (st, 9, e->hours_per_week);
  if (e->time_share_pct > 0)
    sqlite3_bind_double (st, 10, e->time_share_pct);
  bind_text_or_empty (st, 11, e->condition);
  bind_text_or_empty (st, 12, e->production);
  bind_text_or_empty (st, 13, e->aliases);
  sqlite3_bind_int (st, 14, e->general ? 1 : 0);
  bind_text_or_empty (st, 15, e->source);
  bind_text_or_empty (st, 16, e->status);
  sqlite3_bind_int (st, 17, (int) e->line);
  if (!step_done (db, st, "saving an entry of a list", error))
    return FALSE;
  id = sqlite3_last_insert_rowid (kepil_db_handle (db));
  e->id = id;

  st = kepil_db_prepare (db, "INSERT INTO list_entry_fts (rowid, name, production) VALUES (?1, ?2, ?3)", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, id);
  bind_text_or_empty (st, 2, norm_name);
  bind_text_or_empty (st, 3, norm_production);
  return step_done (db, st, "indexing an entry of a list", error);
}

gboolean
kepil_store_lists_deactivate (KepilDb *db, const char *list, gint64 keep_version, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db,
                                       "DELETE FROM list_entry_fts WHERE rowid IN (SELECT e.id FROM list_entry e "
                                       "JOIN list_version v ON v.id = e.version_id WHERE v.list = ?1 AND v.active = 1 "
                                       "AND v.id <> ?2)", error);
  if (st == NULL)
    return FALSE;
  bind_text_or_empty (st, 1, list);
  sqlite3_bind_int64 (st, 2, keep_version);
  if (!step_done (db, st, "replacing a list", error))
    return FALSE;
  st = kepil_db_prepare (db, "UPDATE list_version SET active = 0 WHERE list = ?1 AND id <> ?2", error);
  if (st == NULL)
    return FALSE;
  bind_text_or_empty (st, 1, list);
  sqlite3_bind_int64 (st, 2, keep_version);
  return step_done (db, st, "replacing a list", error);
}

GPtrArray *
kepil_store_lists_active_entries (KepilDb *db, const char *list, GError **error)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) kepil_list_entry_free);
  sqlite3_stmt *st = kepil_db_prepare (db,
                                       "SELECT e.id, e.list, e.section, e.chapter, e.item, e.name_ru, e.name_kk, "
                                       "ifnull(e.leave_days, 0), ifnull(e.hours_per_week, 0), ifnull(e.time_share_pct, 0), "
                                       "e.condition, e.production, e.aliases, e.general, e.source, e.status, e.line "
                                       "FROM list_entry e JOIN list_version v ON v.id = e.version_id "
                                       "WHERE v.active = 1 AND (?1 IS NULL OR e.list = ?1) ORDER BY e.id", error);
  int rc;

  if (st == NULL)
    {
      g_ptr_array_unref (out);
      return NULL;
    }
  if (list != NULL)
    sqlite3_bind_text (st, 1, list, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      KepilListEntry *e = g_new0 (KepilListEntry, 1);
      e->id = sqlite3_column_int64 (st, 0);
      e->list = g_strdup (kepil_col_text (st, 1));
      e->section = g_strdup (kepil_col_text (st, 2));
      e->chapter = g_strdup (kepil_col_text (st, 3));
      e->item = g_strdup (kepil_col_text (st, 4));
      e->name_ru = g_strdup (kepil_col_text (st, 5));
      e->name_kk = g_strdup (kepil_col_text (st, 6));
      e->leave_days = sqlite3_column_int (st, 7);
      e->hours_per_week = sqlite3_column_double (st, 8);
      e->time_share_pct = sqlite3_column_double (st, 9);
      e->condition = g_strdup (kepil_col_text (st, 10));
      e->production = g_strdup (kepil_col_text (st, 11));
      e->aliases = g_strdup (kepil_col_text (st, 12));
      e->general = sqlite3_column_int (st, 13) != 0;
      e->source = g_strdup (kepil_col_text (st, 14));
      e->status = g_strdup (kepil_col_text (st, 15));
      e->line = (guint) sqlite3_column_int (st, 16);
      g_ptr_array_add (out, e);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (db, error, rc, "reading the Lists");
      g_ptr_array_unref (out);
      return NULL;
    }
  return out;
}

static GArray *
fts_ids (KepilDb *db, const char *sql, const char *query, guint limit, GError **error)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *st = kepil_db_prepare (db, sql, error);
  int rc;

  if (st == NULL)
    {
      g_array_unref (out);
      return NULL;
    }
  bind_text_or_empty (st, 1, query);
  sqlite3_bind_int (st, 2, (int) limit);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (st, 0);
      g_array_append_val (out, id);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (db, error, rc, "searching the Lists");
      g_array_unref (out);
      return NULL;
    }
  return out;
}

GArray *
kepil_store_lists_fts (KepilDb *db, const char *query, guint limit, GError **error)
{
  return fts_ids (db, "SELECT rowid FROM list_entry_fts WHERE list_entry_fts MATCH ?1 ORDER BY rank LIMIT ?2",
                  query, limit, error);
}

GArray *
kepil_store_lists_fts_all (KepilDb *db, const char *query, guint limit, GError **error)
{
  return fts_ids (db, "SELECT rowid FROM list_entry_fts WHERE list_entry_fts MATCH ?1 LIMIT ?2",
                  query, limit, error);
}

JsonArray *
kepil_store_lists_versions (KepilDb *db, GError **error)
{
  JsonArray *out = json_array_new ();
  sqlite3_stmt *st = kepil_db_prepare (db,
                                       "SELECT v.id, v.list, v.label, v.origin, v.act_key, v.act_number, v.act_date, "
                                       "v.act_registration, v.act_title_ru, v.act_title_kk, v.act_source, v.act_status, "
                                       "v.file, v.loaded_at, v.loaded_by, "
                                       "(SELECT count(*) FROM list_entry e WHERE e.version_id = v.id) "
                                       "FROM list_version v WHERE v.active = 1 ORDER BY v.list", error);
  int rc;

  if (st == NULL)
    {
      json_array_unref (out);
      return NULL;
    }
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      JsonObject *o = json_object_new ();
      JsonObject *act = json_object_new ();
      json_object_set_int_member (o, "version_id", sqlite3_column_int64 (st, 0));
      json_object_set_string_member (o, "list", kepil_col_text (st, 1));
      json_object_set_string_member (o, "label", kepil_col_text (st, 2));
      json_object_set_string_member (o, "origin", kepil_col_text (st, 3));
      json_object_set_string_member (act, "key", kepil_col_text (st, 4));
      json_object_set_string_member (act, "number", kepil_col_text (st, 5));
      json_object_set_string_member (act, "date", kepil_col_text (st, 6));
      json_object_set_string_member (act, "registration", kepil_col_text (st, 7));
      json_object_set_string_member (act, "title_ru", kepil_col_text (st, 8));
      json_object_set_string_member (act, "title_kk", kepil_col_text (st, 9));
      json_object_set_string_member (act, "source", kepil_col_text (st, 10));
      json_object_set_string_member (act, "status", kepil_col_text (st, 11));
      json_object_set_object_member (o, "act", act);
      json_object_set_string_member (o, "file", kepil_col_text (st, 12));
      json_object_set_string_member (o, "loaded_at", kepil_col_text (st, 13));
      json_object_set_string_member (o, "loaded_by", kepil_col_text (st, 14));
      json_object_set_int_member (o, "entries", sqlite3_column_int64 (st, 15));
      json_array_add_object_element (out, o);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (db, error, rc, "reading the versions of the Lists");
      json_array_unref (out);
      return NULL;
    }
  return out;
}

gboolean
kepil_store_lists_decide (KepilDb *db, gint64 workplace_id, gint64 entry_id, const char *status, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db,
                                       "INSERT INTO list_match (workplace_id, entry_id, status, decided_by, decided_role) "
                                       "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (workplace_id, entry_id) DO UPDATE SET "
                                       "status = excluded.status, decided_by = excluded.decided_by, "
                                       "decided_role = excluded.decided_role, "
                                       "decided_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, workplace_id);
  sqlite3_bind_int64 (st, 2, entry_id);
  bind_text_or_empty (st, 3, status);
  bind_text_or_empty (st, 4, kepil_db_get_user (db));
  bind_text_or_empty (st, 5, kepil_role_to_string (kepil_db_get_role (db)));
  return step_done (db, st, "saving the commission's decision on a match", error);
}

static void
int64_free (gpointer p)
{
  g_free (p);
}

GHashTable *
kepil_store_lists_all_decisions (KepilDb *db, GError **error)
{
  GHashTable *out = g_hash_table_new_full (g_int64_hash, g_int64_equal, int64_free,
                                           (GDestroyNotify) g_hash_table_unref);
  sqlite3_stmt *st = kepil_db_prepare (db, "SELECT workplace_id, entry_id, status FROM list_match", error);
  int rc;

  if (st == NULL)
    {
      g_hash_table_unref (out);
      return NULL;
    }
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 wp = sqlite3_column_int64 (st, 0);
      gint64 en = sqlite3_column_int64 (st, 1);
      GHashTable *d = g_hash_table_lookup (out, &wp);
      if (d == NULL)
        {
          d = g_hash_table_new_full (g_int64_hash, g_int64_equal, int64_free, g_free);
          g_hash_table_insert (out, g_memdup2 (&wp, sizeof wp), d);
        }
      g_hash_table_replace (d, g_memdup2 (&en, sizeof en), g_strdup (kepil_col_text (st, 2)));
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (db, error, rc, "reading the commission's decisions");
      g_hash_table_unref (out);
      return NULL;
    }
  return out;
}

GHashTable *
kepil_store_lists_decisions (KepilDb *db, gint64 workplace_id, GError **error)
{
  g_autoptr (GHashTable) all = kepil_store_lists_all_decisions (db, error);
  GHashTable *d;

  if (all == NULL)
    return NULL;
  d = g_hash_table_lookup (all, &workplace_id);
  if (d == NULL)
    return g_hash_table_new_full (g_int64_hash, g_int64_equal, int64_free, g_free);
  return g_hash_table_ref (d);
}

gint64
kepil_store_lists_workplace_by_code (KepilDb *db, const char *code, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db, "SELECT id FROM workplace WHERE code = ?1", error);
  gint64 id = 0;
  int rc;

  if (st == NULL)
    return 0;
  bind_text_or_empty (st, 1, code);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    kepil_db_set_error (db, error, rc, "finding a workplace");
  else if (id == 0)
    g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND, _("There is no workplace with the code “%s”."), code);
  return id;
}

gboolean
kepil_store_lists_entry_exists (KepilDb *db, gint64 entry_id, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db, "SELECT 1 FROM list_entry WHERE id = ?1", error);
  int rc;

  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, entry_id);
  rc = sqlite3_step (st);
  sqlite3_reset (st);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND,
                 _("There is no entry %ld in the Lists."), entry_id);
  else
    kepil_db_set_error (db, error, rc, "finding an entry of the Lists");
  return FALSE;
}

typedef struct {
  gint64 parent;
  char  *name;
  char  *production;
} UnitRow;

static void
unit_row_free (gpointer p)
{
  UnitRow *u = p;
  g_free (u->name);
  g_free (u->production);
  g_free (u);
}

GPtrArray *
kepil_store_lists_workplaces (KepilDb *db, gint64 workplace_id, GError **error)
{
  g_autoptr (GHashTable) units = g_hash_table_new_full (g_int64_hash, g_int64_equal, int64_free, unit_row_free);
  g_autoptr (GHashTable) agents = g_hash_table_new_full (g_int64_hash, g_int64_equal, int64_free, g_free);
  g_autoptr (GHashTable) attest = g_hash_table_new_full (g_int64_hash, g_int64_equal, int64_free,
                                                         (GDestroyNotify) json_object_unref);
  GPtrArray *out;
  sqlite3_stmt *st;
  int rc;

  st = kepil_db_prepare (db, "SELECT id, ifnull(parent_id, 0), name_ru, production FROM unit", error);
  if (st == NULL)
    return NULL;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      UnitRow *u = g_new0 (UnitRow, 1);
      gint64 id = sqlite3_column_int64 (st, 0);
      u->parent = sqlite3_column_int64 (st, 1);
      u->name = g_strdup (kepil_col_text (st, 2));
      u->production = g_strdup (kepil_col_text (st, 3));
      g_hash_table_insert (units, g_memdup2 (&id, sizeof id), u);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    goto sql_fail;

  st = kepil_db_prepare (db,
                         "SELECT workplace_id, group_concat(agent, '|') FROM (SELECT DISTINCT workplace_id, agent "
                         "FROM measurement WHERE agent <> '' AND (?1 = 0 OR workplace_id = ?1)) GROUP BY workplace_id",
                         error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, workplace_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (st, 0);
      g_hash_table_insert (agents, g_memdup2 (&id, sizeof id), g_strdup (kepil_col_text (st, 1)));
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    goto sql_fail;

  /* The attestation of a workplace is the latest campaign of its enterprise that
   * measured it; its date is the completion date, or the order date before that.
   * The distinct (workplace, campaign) pairs are taken first, so that the joins run once per pair,
   * not once per measurement; the rows and their order are those of a GROUP BY m.workplace_id, c.id. */
  st = kepil_db_prepare (db,
                         "SELECT m.workplace_id, c.id, CASE WHEN c.completed_on <> '' THEN c.completed_on "
                         "ELSE c.order_date END AS d FROM (SELECT DISTINCT workplace_id, campaign_id FROM measurement "
                         "WHERE campaign_id IS NOT NULL AND (?1 = 0 OR workplace_id = ?1)) m "
                         "JOIN campaign c ON c.id = m.campaign_id "
                         "JOIN workplace w ON w.id = m.workplace_id JOIN unit u ON u.id = w.unit_id "
                         "WHERE c.enterprise_id = u.enterprise_id ORDER BY m.workplace_id, c.id", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, workplace_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (st, 0);
      const char *d = kepil_col_text (st, 2);
      JsonObject *cur = g_hash_table_lookup (attest, &id);
      if (cur == NULL || g_strcmp0 (json_object_get_string_member (cur, "date"), d) < 0)
        {
          JsonObject *a = json_object_new ();
          json_object_set_int_member (a, "campaign_id", sqlite3_column_int64 (st, 1));
          json_object_set_string_member (a, "date", d);
          g_hash_table_replace (attest, g_memdup2 (&id, sizeof id), a);
        }
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    goto sql_fail;

  st = kepil_db_prepare (db,
                         "SELECT w.id, w.code, u.enterprise_id, p.name_ru, p.name_kk, w.unit_id, e.ca_pay_percent, "
                         "e.sector_coefficient, e.apply_sector_coefficient FROM workplace w "
                         "JOIN unit u ON u.id = w.unit_id JOIN profession p ON p.id = w.profession_id "
                         "JOIN enterprise e ON e.id = u.enterprise_id WHERE (?1 = 0 OR w.id = ?1) ORDER BY w.id",
                         error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, workplace_id);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      JsonObject *o = json_object_new ();
      gint64 id = sqlite3_column_int64 (st, 0);
      gint64 unit = sqlite3_column_int64 (st, 5);
      g_autoptr (GString) names = g_string_new (NULL);
      const char *production = NULL;
      const char *ag;
      JsonObject *a;
      guint guard = 0;

      json_object_set_int_member (o, "workplace_id", id);
      json_object_set_string_member (o, "code", kepil_col_text (st, 1));
      json_object_set_int_member (o, "enterprise_id", sqlite3_column_int64 (st, 2));
      json_object_set_string_member (o, "profession_ru", kepil_col_text (st, 3));
      json_object_set_string_member (o, "profession_kk", kepil_col_text (st, 4));
      json_object_set_double_member (o, "ca_pay_percent", sqlite3_column_double (st, 6));
      json_object_set_double_member (o, "sector_coefficient", sqlite3_column_double (st, 7));
      json_object_set_boolean_member (o, "apply_sector_coefficient", sqlite3_column_int (st, 8) != 0);
      /* The production is the nearest one named up the unit tree. */
      while (unit != 0 && guard++ < 64)
        {
          UnitRow *u = g_hash_table_lookup (units, &unit);
          if (u == NULL)
            break;
          if (production == NULL && u->production[0] != '\0')
            production = u->production;
          if (names->len > 0)
            g_string_append (names, "; ");
          g_string_append (names, u->name);
          unit = u->parent;
        }
      json_object_set_string_member (o, "production", production ? production : "");
      json_object_set_string_member (o, "units", names->str);
      ag = g_hash_table_lookup (agents, &id);
      json_object_set_string_member (o, "agents", ag ? ag : "");
      a = g_hash_table_lookup (attest, &id);
      if (a != NULL)
        {
          json_object_set_int_member (o, "attestation_campaign_id", json_object_get_int_member (a, "campaign_id"));
          json_object_set_string_member (o, "attestation_date", json_object_get_string_member (a, "date"));
        }
      g_ptr_array_add (out, o);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (out);
      goto sql_fail;
    }
  return out;

sql_fail:
  kepil_db_set_error (db, error, rc, "reading the workplaces");
  return NULL;
}
