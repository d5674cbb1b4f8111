/* kepil-store-entity.c — storage of the generic entity API (SQL lives here)
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-entity.h"
#include "kepil-db-private.h"
#include "kepil-error.h"
#include "kepil-i18n.h"

#include <string.h>

/* Entities a user edits.  Findings (written by inspectors) are listed apart. */
static const char * const entity_names[] = {
  "enterprise", "unit", "profession", "workplace", "campaign", "commission_member",
  "measurement", "safety_assessment", "ppe_provision", "enterprise_stats",
  "profession_stats", "checklist_answer", NULL
};

static const char * const findings_entities[] = { "finding", NULL };

typedef struct {
  char  **names;   /* NULL-terminated, without id */
  char  **types;   /* declared types, upper case */
  guint   n;
} Columns;

/* Names of the entities for people, in the user's language. */
const char *
kepil_entity_label (const char *entity)
{
  static const struct { const char *entity; const char *label; } labels[] = {
    { "enterprise", N_("enterprise") }, { "unit", N_("structural unit") }, { "profession", N_("profession") },
    { "workplace", N_("workplace") }, { "campaign", N_("attestation campaign") },
    { "commission_member", N_("commission member") }, { "measurement", N_("measurement") },
    { "safety_assessment", N_("injury-safety assessment") }, { "ppe_provision", N_("PPE provision") },
    { "enterprise_stats", N_("yearly statistics") }, { "profession_stats", N_("occupational disease statistics") },
    { "checklist_answer", N_("checklist answer") }, { "finding", N_("finding") },
  };
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].entity, entity) == 0)
      return _(labels[i].label);
  return entity;
}

const char * const *
kepil_entity_names (void)
{
  return entity_names;
}

gboolean
kepil_entity_is_known (const char *entity)
{
  return entity != NULL && (g_strv_contains (entity_names, entity) ||
                            g_strv_contains (findings_entities, entity));
}

static void
columns_free (gpointer p)
{
  Columns *c = p;
  g_strfreev (c->names);
  g_strfreev (c->types);
  g_free (c);
}

static GHashTable *
columns_cache (KepilDb *db)
{
  GHashTable *t = g_object_get_data (G_OBJECT (db), "kepil-columns");
  if (t == NULL)
    {
      t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, columns_free);
      g_object_set_data_full (G_OBJECT (db), "kepil-columns", t, (GDestroyNotify) g_hash_table_unref);
    }
  return t;
}

static const Columns *
columns_of (KepilDb *db, const char *entity, GError **error)
{
  GHashTable *cache = columns_cache (db);
  Columns *c = g_hash_table_lookup (cache, entity);
  g_autofree char *sql = NULL;
  sqlite3_stmt *st = NULL;
  g_autoptr (GPtrArray) names = NULL, types = NULL;

  if (c != NULL)
    return c;
  if (!kepil_entity_is_known (entity))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("Unknown kind of record “%s”."), entity);
      return NULL;
    }
  names = g_ptr_array_new ();
  types = g_ptr_array_new ();
  /* The entity name was checked against the fixed list above. */
  sql = g_strdup_printf ("PRAGMA table_info(%s)", entity);
  if (sqlite3_prepare_v2 (kepil_db_handle (db), sql, -1, &st, NULL) != SQLITE_OK)
    {
      kepil_db_set_error (db, error, sqlite3_errcode (kepil_db_handle (db)), "reading the schema");
      return NULL;
    }
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      const char *name = kepil_col_text (st, 1);
      if (g_str_equal (name, "id"))
        continue;
      g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_add (types, g_ascii_strup (kepil_col_text (st, 2), -1));
    }
  sqlite3_finalize (st);
  if (names->len == 0)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("Unknown kind of record “%s”."), entity);
      return NULL;
    }
  c = g_new0 (Columns, 1);
  c->n = names->len;
  g_ptr_array_add (names, NULL);
  g_ptr_array_add (types, NULL);
  c->names = (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
  c->types = (char **) g_ptr_array_free (g_steal_pointer (&types), FALSE);
  g_hash_table_insert (cache, g_strdup (entity), c);
  return c;
}

const char * const *
kepil_entity_fields (KepilDb *db, const char *entity)
{
  const Columns *c = columns_of (db, entity, NULL);
  return c ? (const char * const *) c->names : NULL;
}

static int
column_index (const Columns *c, const char *name)
{
  for (guint i = 0; i < c->n; i++)
    if (g_str_equal (c->names[i], name))
      return (int) i;
  return -1;
}

/* Binds a JSON value as the column's type; refuses a value of the wrong kind. */
static gboolean
bind_value (sqlite3_stmt *st, int pos, const char *entity, const char *field,
            const char *type, JsonNode *node, GError **error)
{
  GType vt;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      sqlite3_bind_null (st, pos);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node))
    goto bad;
  vt = json_node_get_value_type (node);
  if (g_str_equal (type, "INTEGER"))
    {
      if (vt == G_TYPE_INT64 || vt == G_TYPE_BOOLEAN)
        sqlite3_bind_int64 (st, pos, json_node_get_int (node));
      else if (vt == G_TYPE_DOUBLE && json_node_get_double (node) == (double) (gint64) json_node_get_double (node))
        sqlite3_bind_int64 (st, pos, (gint64) json_node_get_double (node));
      else
        goto bad;
    }
  else if (g_str_equal (type, "REAL"))
    {
      if (vt == G_TYPE_INT64 || vt == G_TYPE_DOUBLE)
        sqlite3_bind_double (st, pos, json_node_get_double (node));
      else
        goto bad;
    }
  else
    {
      if (vt == G_TYPE_STRING)
        sqlite3_bind_text (st, pos, json_node_get_string (node), -1, SQLITE_TRANSIENT);
      else if (vt == G_TYPE_INT64)
        {
          g_autofree char *s = g_strdup_printf ("%ld", json_node_get_int (node));
          sqlite3_bind_text (st, pos, s, -1, SQLITE_TRANSIENT);
        }
      else
        goto bad;
    }
  return TRUE;

bad:
  g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
               _("The field “%s” of %s has a value of the wrong kind."), field, kepil_entity_label (entity));
  return FALSE;
}

JsonObject *
kepil_db_row_to_json (sqlite3_stmt *st)
{
  JsonObject *o = json_object_new ();
  int n = sqlite3_column_count (st);

  for (int i = 0; i < n; i++)
    {
      const char *name = sqlite3_column_name (st, i);
      switch (sqlite3_column_type (st, i))
        {
        case SQLITE_INTEGER:
          json_object_set_int_member (o, name, sqlite3_column_int64 (st, i));
          break;
        case SQLITE_FLOAT:
          json_object_set_double_member (o, name, sqlite3_column_double (st, i));
          break;
        case SQLITE_NULL:
          json_object_set_null_member (o, name);
          break;
        default:
          json_object_set_string_member (o, name, kepil_col_text (st, i));
        }
    }
  return o;
}

static gboolean
check_fields (const Columns *c, const char *entity, JsonObject *values, GError **error)
{
  g_autoptr (GList) members = json_object_get_members (values);
  for (GList *l = members; l != NULL; l = l->next)
    if (column_index (c, l->data) < 0)
      {
        g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                     _("%s has no field “%s”."), kepil_entity_label (entity), (const char *) l->data);
        return FALSE;
      }
  return TRUE;
}

static gboolean
writable_for (KepilDb *db, const char *entity, GError **error)
{
  return kepil_db_check_writable (db, g_strv_contains (findings_entities, entity), error);
}

/* @keep_id: "id" in @values is written too (a restored record gets its number back). */
static gint64
insert_values (KepilDb *db, const char *entity, JsonObject *values, gboolean keep_id, GError **error)
{
  const Columns *c = columns_of (db, entity, error);
  g_autoptr (GString) sql = NULL;
  g_autoptr (GString) ph = NULL;
  g_autoptr (GList) members = NULL;
  g_autoptr (JsonObject) fields = NULL;
  sqlite3_stmt *st;
  int pos = 1, rc;
  gint64 id, want = 0;

  if (c == NULL || !writable_for (db, entity, error))
    return 0;
  if (keep_id && json_object_has_member (values, "id"))
    {
      /* The fields without "id", which is bound apart. */
      g_autoptr (GList) all = json_object_get_members (values);
      want = json_object_get_int_member (values, "id");
      fields = json_object_new ();
      for (GList *l = all; l != NULL; l = l->next)
        if (!g_str_equal (l->data, "id"))
          json_object_set_member (fields, l->data, json_node_copy (json_object_get_member (values, l->data)));
      values = fields;
    }
  if (!check_fields (c, entity, values, error))
    return 0;
  members = json_object_get_members (values);
  members = g_list_sort (members, (GCompareFunc) strcmp);
  sql = g_string_new (NULL);
  ph = g_string_new (NULL);
  g_string_printf (sql, "INSERT INTO %s (", entity);
  for (GList *l = members; l != NULL; l = l->next)
    {
      g_string_append_printf (sql, "%s%s", l == members ? "" : ", ", (const char *) l->data);
      g_string_append_printf (ph, "%s?%d", l == members ? "" : ", ", pos++);
    }
  if (want > 0)
    {
      g_string_append_printf (sql, "%sid", members == NULL ? "" : ", ");
      g_string_append_printf (ph, "%s?%d", members == NULL ? "" : ", ", pos);
    }
  if (members == NULL && want <= 0)
    g_string_printf (sql, "INSERT INTO %s DEFAULT VALUES", entity);
  else
    g_string_append_printf (sql, ") VALUES (%s)", ph->str);

  if (!kepil_db_begin (db, error))
    return 0;
  st = kepil_db_prepare (db, sql->str, error);
  if (st == NULL)
    goto fail;
  pos = 1;
  for (GList *l = members; l != NULL; l = l->next, pos++)
    if (!bind_value (st, pos, entity, l->data, c->types[column_index (c, l->data)],
                     json_object_get_member (values, l->data), error))
      goto fail;
  if (want > 0)
    sqlite3_bind_int64 (st, pos, want);
  rc = sqlite3_step (st);
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (db, error, rc, kepil_entity_label (entity));
      goto fail;
    }
  id = sqlite3_last_insert_rowid (kepil_db_handle (db));
  if (!kepil_db_commit (db, error))
    return 0;
  return id;

fail:
  kepil_db_rollback (db);
  return 0;
}

gint64
kepil_entity_insert (KepilDb *db, const char *entity, JsonObject *values, GError **error)
{
  return insert_values (db, entity, values, FALSE, error);
}

gboolean
kepil_entity_update (KepilDb *db, const char *entity, gint64 id, JsonObject *values, GError **error)
{
  const Columns *c = columns_of (db, entity, error);
  g_autoptr (GString) sql = NULL;
  g_autoptr (GList) members = NULL;
  sqlite3_stmt *st;
  int pos = 1, rc;

  if (c == NULL || !writable_for (db, entity, error) || !check_fields (c, entity, values, error))
    return FALSE;
  members = json_object_get_members (values);
  if (members == NULL)
    return TRUE;
  members = g_list_sort (members, (GCompareFunc) strcmp);
  sql = g_string_new (NULL);
  g_string_printf (sql, "UPDATE %s SET ", entity);
  for (GList *l = members; l != NULL; l = l->next)
    g_string_append_printf (sql, "%s%s = ?%d", l == members ? "" : ", ", (const char *) l->data, pos++);
  g_string_append_printf (sql, " WHERE id = ?%d", pos);

  if (!kepil_db_begin (db, error))
    return FALSE;
  st = kepil_db_prepare (db, sql->str, error);
  if (st == NULL)
    goto fail;
  pos = 1;
  for (GList *l = members; l != NULL; l = l->next, pos++)
    if (!bind_value (st, pos, entity, l->data, c->types[column_index (c, l->data)],
                     json_object_get_member (values, l->data), error))
      goto fail;
  sqlite3_bind_int64 (st, pos, id);
  rc = sqlite3_step (st);
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (db, error, rc, kepil_entity_label (entity));
      goto fail;
    }
  if (sqlite3_changes (kepil_db_handle (db)) == 0)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND,
                   _("There is no %s with number %lld."), kepil_entity_label (entity), (long long) id);
      goto fail;
    }
  return kepil_db_commit (db, error);

fail:
  kepil_db_rollback (db);
  return FALSE;
}

gboolean
kepil_entity_delete (KepilDb *db, const char *entity, gint64 id, GError **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *st;
  int rc;

  if (columns_of (db, entity, error) == NULL || !writable_for (db, entity, error))
    return FALSE;
  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", entity);
  if (!kepil_db_begin (db, error))
    return FALSE;
  st = kepil_db_prepare (db, sql, error);
  if (st == NULL)
    goto fail;
  sqlite3_bind_int64 (st, 1, id);
  rc = sqlite3_step (st);
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (db, error, rc, kepil_entity_label (entity));
      goto fail;
    }
  if (sqlite3_changes (kepil_db_handle (db)) == 0)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND,
                   _("There is no %s with number %lld."), kepil_entity_label (entity), (long long) id);
      goto fail;
    }
  return kepil_db_commit (db, error);

fail:
  kepil_db_rollback (db);
  return FALSE;
}

JsonObject *
kepil_entity_get (KepilDb *db, const char *entity, gint64 id, GError **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *st;
  JsonObject *o = NULL;
  int rc;

  if (columns_of (db, entity, error) == NULL)
    return NULL;
  sql = g_strdup_printf ("SELECT * FROM %s WHERE id = ?1", entity);
  st = kepil_db_prepare (db, sql, error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, id);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    o = kepil_db_row_to_json (st);
  else if (rc == SQLITE_DONE)
    g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND,
                 _("There is no %s with number %lld."), kepil_entity_label (entity), (long long) id);
  else
    kepil_db_set_error (db, error, rc, kepil_entity_label (entity));
  sqlite3_reset (st);
  return o;
}

GPtrArray *
kepil_entity_list (KepilDb *db, const char *entity, const char *field, gint64 value, GError **error)
{
  const Columns *c = columns_of (db, entity, error);
  g_autofree char *sql = NULL;
  sqlite3_stmt *st;
  GPtrArray *out;
  int rc;

  if (c == NULL)
    return NULL;
  if (field != NULL && column_index (c, field) < 0)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("%s has no field “%s”."), kepil_entity_label (entity), field);
      return NULL;
    }
  if (field != NULL)
    sql = g_strdup_printf ("SELECT * FROM %s WHERE %s = ?1 ORDER BY id", entity, field);
  else
    sql = g_strdup_printf ("SELECT * FROM %s ORDER BY id", entity);
  st = kepil_db_prepare (db, sql, error);
  if (st == NULL)
    return NULL;
  if (field != NULL)
    sqlite3_bind_int64 (st, 1, value);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_ptr_array_add (out, kepil_db_row_to_json (st));
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (db, error, rc, kepil_entity_label (entity));
      g_ptr_array_unref (out);
      return NULL;
    }
  return out;
}

gint64
kepil_entity_count (KepilDb *db, const char *entity, GError **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *st;
  gint64 n = -1;

  if (columns_of (db, entity, error) == NULL)
    return -1;
  sql = g_strdup_printf ("SELECT count(*) FROM %s", entity);
  st = kepil_db_prepare (db, sql, error);
  if (st == NULL)
    return -1;
  if (sqlite3_step (st) == SQLITE_ROW)
    n = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  return n;
}

gint64
kepil_entity_find (KepilDb *db, const char *entity, const char *field, const char *value, GError **error)
{
  const Columns *c = columns_of (db, entity, error);
  g_autofree char *sql = NULL;
  sqlite3_stmt *st;
  gint64 id = 0;

  if (c == NULL)
    return 0;
  if (column_index (c, field) < 0)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("%s has no field “%s”."), kepil_entity_label (entity), field);
      return 0;
    }
  sql = g_strdup_printf ("SELECT id FROM %s WHERE %s = ?1 ORDER BY id LIMIT 1", entity, field);
  st = kepil_db_prepare (db, sql, error);
  if (st == NULL)
    return 0;
  sqlite3_bind_text (st, 1, value, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (st) == SQLITE_ROW)
    id = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  return id;
}

/* ---- snapshot and restore (undo of a delete) ------------------------------------------ */

typedef struct { char *child; char *field; gboolean cascade; } Reference;

static void
reference_free (gpointer p)
{
  Reference *r = p;
  g_free (r->child);
  g_free (r->field);
  g_free (r);
}

/* The fields of enterprise data that point at @entity and what a delete of it does to
 * them, read from the schema's foreign keys (cached per connection). */
static GPtrArray *
references_to (KepilDb *db, const char *entity, GError **error)
{
  GHashTable *cache = g_object_get_data (G_OBJECT (db), "kepil-references");
  GPtrArray *refs;

  if (cache == NULL)
    {
      cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
      g_object_set_data_full (G_OBJECT (db), "kepil-references", cache, (GDestroyNotify) g_hash_table_unref);
    }
  refs = g_hash_table_lookup (cache, entity);
  if (refs != NULL)
    return refs;
  refs = g_ptr_array_new_with_free_func (reference_free);
  for (guint i = 0; entity_names[i] != NULL; i++)
    {
      /* The table name comes from the fixed list above. */
      g_autofree char *sql = g_strdup_printf ("PRAGMA foreign_key_list(%s)", entity_names[i]);
      sqlite3_stmt *st = NULL;
      int rc;

      if (sqlite3_prepare_v2 (kepil_db_handle (db), sql, -1, &st, NULL) != SQLITE_OK)
        {
          kepil_db_set_error (db, error, sqlite3_errcode (kepil_db_handle (db)), "reading the schema");
          g_ptr_array_unref (refs);
          return NULL;
        }
      while ((rc = sqlite3_step (st)) == SQLITE_ROW)
        {
          const char *table = kepil_col_text (st, 2), *on_delete = kepil_col_text (st, 6);
          Reference *r;
          if (g_ascii_strcasecmp (table, entity) != 0)
            continue;
          if (g_ascii_strcasecmp (on_delete, "CASCADE") != 0 && g_ascii_strcasecmp (on_delete, "SET NULL") != 0)
            continue;
          r = g_new0 (Reference, 1);
          r->child = g_strdup (entity_names[i]);
          r->field = g_strdup (kepil_col_text (st, 3));
          r->cascade = g_ascii_strcasecmp (on_delete, "CASCADE") == 0;
          g_ptr_array_add (refs, r);
        }
      sqlite3_finalize (st);
      if (rc != SQLITE_DONE)
        {
          kepil_db_set_error (db, error, rc, "reading the schema");
          g_ptr_array_unref (refs);
          return NULL;
        }
    }
  g_hash_table_insert (cache, g_strdup (entity), refs);
  return refs;
}

/* Parents before children, so that the restore can insert in this order. */
static gboolean
collect_dependents (KepilDb *db, const char *entity, gint64 id, JsonArray *cascade, JsonArray *unlinked,
                    guint depth, GError **error)
{
  GPtrArray *refs = references_to (db, entity, error);

  if (refs == NULL)
    return FALSE;
  if (depth > 64)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("The records are linked too deeply to be kept for undo."));
      return FALSE;
    }
  for (guint i = 0; i < refs->len; i++)
    {
      Reference *r = g_ptr_array_index (refs, i);
      g_autoptr (GPtrArray) rows = kepil_entity_list (db, r->child, r->field, id, error);
      if (rows == NULL)
        return FALSE;
      for (guint k = 0; k < rows->len; k++)
        {
          JsonObject *row = g_ptr_array_index (rows, k);
          JsonObject *o = json_object_new ();
          json_object_set_string_member (o, "entity", r->child);
          if (r->cascade)
            {
              json_object_set_object_member (o, "record", json_object_ref (row));
              json_array_add_object_element (cascade, o);
              if (!collect_dependents (db, r->child, json_object_get_int_member (row, "id"), cascade, unlinked,
                                       depth + 1, error))
                return FALSE;
            }
          else
            {
              json_object_set_int_member (o, "id", json_object_get_int_member (row, "id"));
              json_object_set_string_member (o, "field", r->field);
              json_object_set_int_member (o, "value", id);
              json_array_add_object_element (unlinked, o);
            }
        }
    }
  return TRUE;
}

JsonObject *
kepil_entity_snapshot (KepilDb *db, const char *entity, gint64 id, GError **error)
{
  g_autoptr (JsonObject) record = kepil_entity_get (db, entity, id, error);
  g_autoptr (JsonArray) cascade = NULL, unlinked = NULL;
  JsonObject *o;

  if (record == NULL)
    return NULL;
  cascade = json_array_new ();
  unlinked = json_array_new ();
  if (!collect_dependents (db, entity, id, cascade, unlinked, 0, error))
    return NULL;
  o = json_object_new ();
  json_object_set_string_member (o, "entity", entity);
  json_object_set_object_member (o, "record", g_steal_pointer (&record));
  json_object_set_array_member (o, "cascade", g_steal_pointer (&cascade));
  json_object_set_array_member (o, "unlinked", g_steal_pointer (&unlinked));
  return o;
}

static gboolean
restore_record (KepilDb *db, JsonObject *o, GError **error)
{
  const char *entity = json_object_get_string_member_with_default (o, "entity", "");
  JsonNode *rec = json_object_get_member (o, "record");

  if (rec == NULL || !JSON_NODE_HOLDS_OBJECT (rec) || !json_object_has_member (json_node_get_object (rec), "id"))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("The kept copy of a deleted record is incomplete."));
      return FALSE;
    }
  return insert_values (db, entity, json_node_get_object (rec), TRUE, error) != 0;
}

gboolean
kepil_entity_restore (KepilDb *db, JsonObject *snapshot, GError **error)
{
  JsonNode *n;
  JsonArray *cascade, *unlinked;

  if (!kepil_db_begin (db, error))
    return FALSE;
  if (!restore_record (db, snapshot, error))
    goto fail;
  n = json_object_get_member (snapshot, "cascade");
  cascade = n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
  for (guint i = 0; cascade != NULL && i < json_array_get_length (cascade); i++)
    if (!restore_record (db, json_array_get_object_element (cascade, i), error))
      goto fail;
  n = json_object_get_member (snapshot, "unlinked");
  unlinked = n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
  for (guint i = 0; unlinked != NULL && i < json_array_get_length (unlinked); i++)
    {
      JsonObject *u = json_array_get_object_element (unlinked, i);
      g_autoptr (JsonObject) v = json_object_new ();
      json_object_set_member (v, json_object_get_string_member_with_default (u, "field", ""),
                              json_node_copy (json_object_get_member (u, "value")));
      if (!kepil_entity_update (db, json_object_get_string_member_with_default (u, "entity", ""),
                                json_object_get_int_member_with_default (u, "id", 0), v, error))
        goto fail;
    }
  return kepil_db_commit (db, error);

fail:
  kepil_db_rollback (db);
  return FALSE;
}
