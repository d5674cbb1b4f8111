/* kepil-review.c — user settings, finalised acts with fingerprints, verification
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-review.h"
#include "kepil-entity.h"
#include "kepil-error.h"
#include "kepil-format.h"
#include "kepil-i18n.h"
#include "kepil-json.h"

#include <errno.h>
#include <stdlib.h>
#include <xlsxwriter.h>
#include <glib/gstdio.h>
#include <string.h>

/* The export part computes its own fingerprint over the same data; it is
 * stored beside ours and rechecked when the build has it. */
#if __has_include ("kepil-fingerprint.h")
#include "kepil-fingerprint.h"
#pragma weak kepil_data_fingerprint
#pragma weak kepil_store_resolve_campaign
#define HAVE_DATA_FINGERPRINT 1
#endif

/* ---- user settings ---------------------------------------------------------- */

char *
kepil_settings_path (void)
{
  /* Read the variable each time: tests and the window may set it after GLib
   * has cached its own idea of the configuration folder. */
  const char *xdg = g_getenv ("XDG_CONFIG_HOME");
  const char *base = xdg != NULL && g_path_is_absolute (xdg) ? xdg : g_get_user_config_dir ();
  return g_build_filename (base, "kepil", "settings.ini", NULL);
}

char *
kepil_settings_get (const char *group, const char *key)
{
  g_autofree char *path = kepil_settings_path ();
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  char *value;

  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_KEEP_COMMENTS, NULL))
    return NULL;
  value = g_key_file_get_string (kf, group, key, NULL);
  if (value != NULL && *value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

gboolean
kepil_settings_set (const char *group, const char *key, const char *value, GError **error)
{
  g_autofree char *path = kepil_settings_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autoptr (GError) local = NULL;

  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_KEEP_COMMENTS, &local) &&
      !g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_IO,
                   _("The settings file “%s” cannot be read: %s"), path, local->message);
      return FALSE;
    }
  if (value != NULL)
    g_key_file_set_string (kf, group, key, value);
  else
    g_key_file_remove_key (kf, group, key, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int e = errno;
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_IO,
                   _("The settings folder “%s” cannot be made: %s"), dir, g_strerror (e));
      return FALSE;
    }
  g_clear_error (&local);
  if (!g_key_file_save_to_file (kf, path, &local))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_IO,
                   _("The settings file “%s” cannot be written: %s"), path, local->message);
      return FALSE;
    }
  return TRUE;
}

/* ---- acts ------------------------------------------------------------------------ */

static gint64
resolve_campaign (KepilDb *db, gint64 campaign_id, GError **error)
{
#ifdef HAVE_DATA_FINGERPRINT
  if (kepil_store_resolve_campaign != NULL)
    return kepil_store_resolve_campaign (db, campaign_id, error);
#endif
  if (campaign_id > 0)
    {
      if (!kepil_store_review_campaign_exists (db, campaign_id))
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND,
                       _("There is no campaign with number %ld."), campaign_id);
          return 0;
        }
      return campaign_id;
    }
  return kepil_store_review_default_campaign (db, error);
}

/* The export part's fingerprint, or "" when this build has none. */
static char *
data_fingerprint (KepilDb *db, gint64 campaign_id, GError **error)
{
#ifdef HAVE_DATA_FINGERPRINT
  if (kepil_data_fingerprint != NULL)
    return kepil_data_fingerprint (db, campaign_id, error);
#endif
  (void) db;
  (void) campaign_id;
  (void) error;
  return g_strdup ("");
}

char *
kepil_review_snapshot (KepilDb *db, gint64 campaign_id, char **out_sha256, GError **error)
{
  char *snap;
  gint64 camp = resolve_campaign (db, campaign_id, error);

  if (camp == 0)
    return NULL;
  snap = kepil_store_review_snapshot (db, camp, error);
  if (snap != NULL && out_sha256 != NULL)
    *out_sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, snap, -1);
  return snap;
}

static JsonObject *
act_public (JsonObject *row)
{
  JsonObject *o = json_object_new ();
  static const char *const members[] = {
    "id", "campaign_id", "revision", "finalized_at", "finalized_by", "norm_set", "methodology",
    "fingerprint", "data_fingerprint", NULL
  };
  for (guint i = 0; members[i] != NULL; i++)
    if (json_object_has_member (row, members[i]))
      json_object_set_member (o, members[i], json_node_copy (json_object_get_member (row, members[i])));
  return o;
}

JsonObject *
kepil_review_latest_act (KepilDb *db, gint64 campaign_id, GError **error)
{
  g_autoptr (GPtrArray) acts = NULL;

  if (campaign_id <= 0)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("No campaign was given."));
      return NULL;
    }
  acts = kepil_store_review_acts (db, campaign_id, FALSE, error);
  if (acts == NULL || acts->len == 0)
    return NULL;
  return act_public (g_ptr_array_index (acts, acts->len - 1));
}

JsonArray *
kepil_review_list_acts (KepilDb *db, GError **error)
{
  g_autoptr (GPtrArray) acts = kepil_store_review_acts (db, 0, FALSE, error);
  JsonArray *out;

  if (acts == NULL)
    return NULL;
  out = json_array_sized_new (acts->len);
  for (guint i = 0; i < acts->len; i++)
    json_array_add_object_element (out, act_public (g_ptr_array_index (acts, i)));
  return out;
}

JsonObject *
kepil_review_finalize (KepilDb *db, gint64 campaign_id, GError **error)
{
  g_autoptr (JsonObject) campaign = NULL;
  g_autoptr (JsonObject) enterprise = NULL;
  g_autoptr (JsonObject) latest = NULL;
  g_autoptr (JsonObject) act = NULL;
  g_autoptr (JsonObject) change = NULL;
  g_autofree char *snap = NULL, *sha = NULL, *dfp = NULL;
  GError *local = NULL;
  gint64 camp, act_id;

  if (!kepil_db_check_writable (db, FALSE, error))
    return NULL;
  if (kepil_db_get_role (db) != KEPIL_ROLE_COMMISSION)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_READ_ONLY,
                   _("Only the attestation commission can finalise an act; open the database in the commission role."));
      return NULL;
    }
  camp = resolve_campaign (db, campaign_id, error);
  if (camp == 0)
    return NULL;
  if (!kepil_db_begin (db, error))
    return NULL;

  campaign = kepil_entity_get (db, "campaign", camp, &local);
  if (campaign == NULL)
    goto fail;
  enterprise = kepil_entity_get (db, "enterprise", kepil_json_int (campaign, "enterprise_id", 0), &local);
  if (enterprise == NULL)
    goto fail;
  if (g_strcmp0 (kepil_json_str (campaign, "status", ""), "final") != 0)
    {
      change = json_object_new ();
      json_object_set_string_member (change, "status", "final");
      if (!kepil_entity_update (db, "campaign", camp, change, &local))
        goto fail;
    }
  snap = kepil_store_review_snapshot (db, camp, &local);
  if (snap == NULL)
    goto fail;
  sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, snap, -1);
  dfp = data_fingerprint (db, camp, &local);
  if (dfp == NULL)
    goto fail;
  latest = kepil_review_latest_act (db, camp, &local);
  if (local != NULL)
    goto fail;
  if (latest != NULL && g_strcmp0 (kepil_json_str (latest, "fingerprint", ""), sha) == 0)
    {
      /* Nothing changed since the latest revision: it stands as it is. */
      if (!kepil_db_commit (db, error))
        return NULL;
      json_object_set_boolean_member (latest, "unchanged", TRUE);
      return g_steal_pointer (&latest);
    }

  act = json_object_new ();
  json_object_set_int_member (act, "campaign_id", camp);
  json_object_set_int_member (act, "revision", latest ? kepil_json_int (latest, "revision", 0) + 1 : 1);
  json_object_set_string_member (act, "finalized_by", kepil_db_get_user (db));
  json_object_set_string_member (act, "norm_set", kepil_json_str (enterprise, "norm_set", ""));
  json_object_set_string_member (act, "methodology", kepil_json_str (enterprise, "methodology", ""));
  json_object_set_string_member (act, "fingerprint", sha);
  json_object_set_string_member (act, "data_fingerprint", dfp);
  act_id = kepil_store_review_insert_act (db, act, snap, &local);
  if (act_id == 0)
    goto fail;
  if (!kepil_db_commit (db, error))
    return NULL;
  g_clear_pointer (&latest, json_object_unref);
  latest = kepil_review_latest_act (db, camp, error);
  if (latest == NULL)
    return NULL;
  json_object_set_boolean_member (latest, "unchanged", FALSE);
  return g_steal_pointer (&latest);

fail:
  kepil_db_rollback (db);
  g_propagate_error (error, local);
  return NULL;
}

/* ---- verification -------------------------------------------------------------- */

/* A value as text for people and for comparison; the type is part of it so
 * that 5 and "5" differ. */
static char *
node_text (JsonNode *n, gboolean typed)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (n == NULL)
    return g_strdup (typed ? "missing" : "");
  if (JSON_NODE_HOLDS_NULL (n))
    return g_strdup (typed ? "null" : "");
  if (!JSON_NODE_HOLDS_VALUE (n))
    return kepil_json_to_string (n, FALSE);
  switch (json_node_get_value_type (n) == G_TYPE_INT64 ? 'i' :
          json_node_get_value_type (n) == G_TYPE_DOUBLE ? 'd' :
          json_node_get_value_type (n) == G_TYPE_BOOLEAN ? 'b' : 's')
    {
    case 'i':
      return g_strdup_printf ("%s%ld", typed ? "n:" : "", json_node_get_int (n));
    case 'd':
      g_ascii_dtostr (buf, sizeof buf, json_node_get_double (n));
      return g_strdup_printf ("%s%s", typed ? "n:" : "", buf);
    case 'b':
      return g_strdup (json_node_get_boolean (n) ? "true" : "false");
    default:
      return g_strdup_printf ("%s%s", typed ? "s:" : "", json_node_get_string (n));
    }
}

/* The identity of a row inside its entity: its id, or the key of a setting. */
static char *
row_key (JsonObject *row)
{
  if (json_object_has_member (row, "id"))
    return g_strdup_printf ("%ld", json_object_get_int_member (row, "id"));
  return g_strdup (kepil_json_str (row, "key", ""));
}

static GHashTable *
rows_by_key (JsonArray *rows)
{
  GHashTable *t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonObject *r = json_array_get_object_element (rows, i);
      g_hash_table_insert (t, row_key (r), r);
    }
  return t;
}

static void
add_difference (JsonArray *out, const char *entity, JsonObject *row, const char *field,
                const char *change, JsonNode *signed_value, JsonNode *current_value)
{
  JsonObject *d = json_object_new ();
  g_autofree char *sv = node_text (signed_value, FALSE);
  g_autofree char *cv = node_text (current_value, FALSE);

  json_object_set_string_member (d, "entity", entity);
  if (json_object_has_member (row, "id"))
    json_object_set_int_member (d, "id", json_object_get_int_member (row, "id"));
  else
    json_object_set_string_member (d, "id", kepil_json_str (row, "key", ""));
  json_object_set_string_member (d, "field", field ? field : "");
  json_object_set_string_member (d, "change", change);
  if (signed_value != NULL)
    json_object_set_string_member (d, "signed_value", sv);
  else
    json_object_set_null_member (d, "signed_value");
  if (current_value != NULL)
    json_object_set_string_member (d, "current_value", cv);
  else
    json_object_set_null_member (d, "current_value");
  /* A workplace code helps people find the record. */
  if (json_object_has_member (row, "code") && g_str_equal (entity, "workplace"))
    json_object_set_string_member (d, "workplace_code", kepil_json_str (row, "code", ""));
  json_array_add_object_element (out, d);
}

/* Every record and field that differ between two snapshots. */
static JsonArray *
snapshot_differences (const char *signed_text, const char *current_text, GError **error)
{
  g_autoptr (JsonParser) ps = json_parser_new ();
  g_autoptr (JsonParser) pc = json_parser_new ();
  JsonObject *rs, *rc;
  JsonArray *out;
  g_autoptr (GList) entities = NULL;

  if (!json_parser_load_from_data (ps, signed_text, -1, error) ||
      !json_parser_load_from_data (pc, current_text, -1, error))
    return NULL;
  rs = json_object_get_object_member (json_node_get_object (json_parser_get_root (ps)), "records");
  rc = json_object_get_object_member (json_node_get_object (json_parser_get_root (pc)), "records");
  out = json_array_new ();
  if (rs == NULL || rc == NULL)
    return out;
  entities = json_object_get_members (rs);
  for (GList *m = json_object_get_members (rc); m != NULL; m = g_list_delete_link (m, m))
    if (!json_object_has_member (rs, m->data))
      entities = g_list_append (entities, m->data);
  for (GList *l = entities; l != NULL; l = l->next)
    {
      const char *entity = l->data;
      JsonArray *as = json_object_has_member (rs, entity) ? json_object_get_array_member (rs, entity) : NULL;
      JsonArray *ac = json_object_has_member (rc, entity) ? json_object_get_array_member (rc, entity) : NULL;
      g_autoptr (GHashTable) cur = rows_by_key (ac);
      g_autoptr (GHashTable) sig = rows_by_key (as);

      for (guint i = 0; as != NULL && i < json_array_get_length (as); i++)
        {
          JsonObject *srow = json_array_get_object_element (as, i);
          g_autofree char *key = row_key (srow);
          JsonObject *crow = g_hash_table_lookup (cur, key);
          g_autoptr (GList) fields = NULL;

          if (crow == NULL)
            {
              add_difference (out, entity, srow, NULL, "removed", NULL, NULL);
              continue;
            }
          fields = json_object_get_members (srow);
          for (GList *f = json_object_get_members (crow); f != NULL; f = g_list_delete_link (f, f))
            if (!json_object_has_member (srow, f->data))
              fields = g_list_append (fields, f->data);
          for (GList *f = fields; f != NULL; f = f->next)
            {
              JsonNode *sv = json_object_get_member (srow, f->data);
              JsonNode *cv = json_object_get_member (crow, f->data);
              g_autofree char *st = node_text (sv, TRUE);
              g_autofree char *ct = node_text (cv, TRUE);
              if (!g_str_equal (st, ct))
                add_difference (out, entity, crow, f->data, "changed", sv, cv);
            }
        }
      for (guint i = 0; ac != NULL && i < json_array_get_length (ac); i++)
        {
          JsonObject *crow = json_array_get_object_element (ac, i);
          g_autofree char *key = row_key (crow);
          if (!g_hash_table_contains (sig, key))
            add_difference (out, entity, crow, NULL, "added", NULL, NULL);
        }
    }
  return out;
}

JsonObject *
kepil_review_verify (KepilDb *db, GError **error)
{
  g_autoptr (GPtrArray) acts = kepil_store_review_acts (db, 0, TRUE, error);
  JsonObject *result;
  JsonArray *list;
  gint64 changed = 0;

  if (acts == NULL)
    return NULL;
  list = json_array_new ();
  for (guint i = 0; i < acts->len; i++)
    {
      JsonObject *row = g_ptr_array_index (acts, i);
      JsonObject *next = i + 1 < acts->len ? g_ptr_array_index (acts, i + 1) : NULL;
      gint64 camp = kepil_json_int (row, "campaign_id", 0);
      gboolean latest = next == NULL || kepil_json_int (next, "campaign_id", 0) != camp;
      const char *snap = kepil_json_str (row, "snapshot", "");
      const char *fp = kepil_json_str (row, "fingerprint", "");
      const char *dfp = kepil_json_str (row, "data_fingerprint", "");
      g_autofree char *own = g_compute_checksum_for_string (G_CHECKSUM_SHA256, snap, -1);
      JsonObject *a = act_public (row);
      JsonArray *diffs = json_array_new ();
      const char *problem = "";
      g_autofree char *current_fp = NULL;

      json_object_set_boolean_member (a, "latest", latest);
      if (!g_str_equal (own, fp))
        problem = "act-altered";
      else if (latest && !kepil_store_review_campaign_exists (db, camp))
        problem = "campaign-missing";
      else if (latest)
        {
          g_autoptr (GError) local = NULL;
          g_autofree char *now = kepil_store_review_snapshot (db, camp, &local);
          g_autofree char *now_dfp = NULL;

          if (now == NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              json_object_unref (a);
              json_array_unref (diffs);
              json_array_unref (list);
              return NULL;
            }
          current_fp = g_compute_checksum_for_string (G_CHECKSUM_SHA256, now, -1);
          if (*dfp != '\0')
            {
              now_dfp = data_fingerprint (db, camp, NULL);
              /* An empty result means this build cannot recompute it. */
              if (now_dfp != NULL && *now_dfp == '\0')
                g_clear_pointer (&now_dfp, g_free);
            }
          if (!g_str_equal (current_fp, fp) || (now_dfp != NULL && !g_str_equal (now_dfp, dfp)))
            {
              problem = "data-changed";
              json_array_unref (diffs);
              diffs = snapshot_differences (snap, now, NULL);
              if (diffs == NULL)
                diffs = json_array_new ();
            }
        }
      json_object_set_string_member (a, "current_fingerprint", current_fp ? current_fp : "");
      json_object_set_boolean_member (a, "ok", *problem == '\0');
      json_object_set_string_member (a, "problem", problem);
      json_object_set_array_member (a, "differences", diffs);
      if (*problem != '\0')
        changed++;
      json_array_add_object_element (list, a);
    }
  result = json_object_new ();
  json_object_set_boolean_member (result, "ok", changed == 0);
  json_object_set_int_member (result, "checked", acts->len);
  json_object_set_int_member (result, "changed", changed);
  json_object_set_array_member (result, "acts", list);
  return result;
}

/* ---- findings ----------------------------------------------------------------------- */

#define CATEGORIES_RESOURCE "/kz/kepil/review/finding-categories.csv"

static const char *const finding_statuses[] = { "open", "closed", "under_control", NULL };
/* Names of the statuses, translated on use. */
static const char *const finding_status_names[] = { N_("open"), N_("closed"), N_("under control"), NULL };

/* Splits CSV text (RFC 4180: quotes, doubled quotes, commas and newlines in
 * quotes) into rows of fields. */
static GPtrArray *
csv_parse (const char *text, gsize len)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GPtrArray *row = g_ptr_array_new ();
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE, any = FALSE;

  for (gsize i = 0; i <= len; i++)
    {
      char c = i < len ? text[i] : '\n';
      if (quoted)
        {
          if (c == '"' && i + 1 < len && text[i + 1] == '"')
            {
              g_string_append_c (field, '"');
              i++;
            }
          else if (c == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, c);
          continue;
        }
      if (c == '"')
        {
          quoted = TRUE;
          any = TRUE;
        }
      else if (c == ',')
        {
          g_ptr_array_add (row, g_string_free (field, FALSE));
          field = g_string_new (NULL);
          any = TRUE;
        }
      else if (c == '\n')
        {
          if (any || field->len > 0)
            {
              g_ptr_array_add (row, g_string_free (field, FALSE));
              field = g_string_new (NULL);
              g_ptr_array_add (row, NULL);
              g_ptr_array_add (rows, g_ptr_array_free (row, FALSE));
              row = g_ptr_array_new ();
            }
          any = FALSE;
        }
      else if (c != '\r')
        {
          g_string_append_c (field, c);
          any = TRUE;
        }
    }
  g_string_free (field, TRUE);
  g_ptr_array_add (row, NULL);
  g_strfreev ((char **) g_ptr_array_free (row, FALSE));
  return rows;
}

JsonArray *
kepil_finding_categories (GError **error)
{
  g_autoptr (GBytes) bytes = g_resources_lookup_data (CATEGORIES_RESOURCE, 0, NULL);
  g_autoptr (GPtrArray) rows = NULL;
  JsonArray *out;
  char **head;

  if (bytes == NULL)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND,
                   _("The built-in list of finding categories is missing from this build."));
      return NULL;
    }
  rows = csv_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (rows->len < 2)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE, _("The list of finding categories is empty."));
      return NULL;
    }
  head = g_ptr_array_index (rows, 0);
  out = json_array_new ();
  for (guint r = 1; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);
      JsonObject *o = json_object_new ();
      for (guint c = 0; head[c] != NULL; c++)
        json_object_set_string_member (o, head[c], c < g_strv_length (cells) ? cells[c] : "");
      json_array_add_object_element (out, o);
    }
  return out;
}

static JsonObject *
category_find (JsonArray *cats, const char *key)
{
  for (guint i = 0; cats != NULL && i < json_array_get_length (cats); i++)
    {
      JsonObject *o = json_array_get_object_element (cats, i);
      if (g_strcmp0 (kepil_json_str (o, "key", NULL), key) == 0)
        return o;
    }
  return NULL;
}

char *
kepil_finding_category_name (const char *key, const char *lang)
{
  g_autoptr (JsonArray) cats = kepil_finding_categories (NULL);
  JsonObject *o = category_find (cats, key);
  g_autofree char *member = g_strdup_printf ("name_%s", lang ? lang : "en");
  const char *name;

  if (o == NULL)
    return NULL;
  name = kepil_json_str (o, member, "");
  if (*name == '\0')
    name = kepil_json_str (o, "name_en", key);
  return g_strdup (name);
}

static const char *
status_name (const char *status, const char *lang)
{
  for (guint i = 0; finding_statuses[i] != NULL; i++)
    if (g_strcmp0 (finding_statuses[i], status) == 0)
      return kepil_i18n_gettext_in (lang, finding_status_names[i]);
  return status;
}

static gint64
first_enterprise (KepilDb *db, GError **error)
{
  g_autoptr (GPtrArray) all = kepil_entity_list (db, "enterprise", NULL, 0, error);
  if (all == NULL)
    return 0;
  if (all->len == 0)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND,
                   _("The database has no enterprise to record a finding for."));
      return 0;
    }
  return json_object_get_int_member (g_ptr_array_index (all, 0), "id");
}

gint64
kepil_finding_add (KepilDb *db, JsonObject *finding, GError **error)
{
  g_autoptr (JsonArray) cats = NULL;
  g_autoptr (JsonObject) values = json_object_new ();
  g_autofree char *date = NULL;
  const char *category = kepil_json_str (finding, "category", "");
  const char *status = kepil_json_str (finding, "status", "open");
  const char *code = kepil_json_str (finding, "workplace_code", "");
  const char *legal = kepil_json_str (finding, "legal_basis", NULL);
  JsonObject *cat;
  gint64 wp = kepil_json_int (finding, "workplace_id", 0);
  gint64 ent = kepil_json_int (finding, "enterprise_id", 0);
  double effect = kepil_json_double (finding, "economic_effect", 0);

  if (!kepil_db_check_writable (db, TRUE, error))
    return 0;
  cats = kepil_finding_categories (error);
  if (cats == NULL)
    return 0;
  cat = category_find (cats, category);
  if (cat == NULL)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                   _("“%s” is not a category of findings; see “kepil-cli findings categories”."), category);
      return 0;
    }
  if (!g_strv_contains (finding_statuses, status))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                   _("The status of a finding must be open, closed or under_control, not “%s”."), status);
      return 0;
    }
  if (!(effect >= 0))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                   _("The economic effect of a finding cannot be negative."));
      return 0;
    }
  if (json_object_has_member (finding, "found_on") && *kepil_json_str (finding, "found_on", "") != '\0')
    {
      if (!kepil_parse_date (kepil_json_str (finding, "found_on", ""), _("date of the finding"), &date, error))
        return 0;
    }
  else
    date = kepil_today_iso ();

  if (wp == 0 && *code != '\0')
    {
      GError *local = NULL;
      wp = kepil_entity_find (db, "workplace", "code", code, &local);
      if (local != NULL)
        {
          g_propagate_error (error, local);
          return 0;
        }
      if (wp == 0)
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND,
                       _("There is no workplace with code “%s” in this database."), code);
          return 0;
        }
    }
  if (wp != 0)
    {
      g_autoptr (JsonObject) w = kepil_entity_get (db, "workplace", wp, error);
      g_autoptr (JsonObject) u = NULL;
      if (w == NULL)
        return 0;
      u = kepil_entity_get (db, "unit", kepil_json_int (w, "unit_id", 0), error);
      if (u == NULL)
        return 0;
      ent = kepil_json_int (u, "enterprise_id", 0);
      json_object_set_int_member (values, "workplace_id", wp);
      json_object_set_string_member (values, "workplace_code", kepil_json_str (w, "code", ""));
    }
  if (ent == 0)
    {
      ent = first_enterprise (db, error);
      if (ent == 0)
        return 0;
    }
  json_object_set_int_member (values, "enterprise_id", ent);
  json_object_set_string_member (values, "category", category);
  json_object_set_string_member (values, "legal_basis", legal ? legal : kepil_json_str (cat, "legal_basis", ""));
  json_object_set_string_member (values, "status", status);
  json_object_set_double_member (values, "economic_effect", effect);
  json_object_set_string_member (values, "note", kepil_json_str (finding, "note", ""));
  json_object_set_string_member (values, "author", kepil_json_str (finding, "author", kepil_db_get_user (db)));
  json_object_set_string_member (values, "found_on", date);
  if (*kepil_json_str (finding, "uid", "") != '\0')
    json_object_set_string_member (values, "uid", kepil_json_str (finding, "uid", ""));
  else
    {
      g_autofree char *uid = g_uuid_string_random ();
      json_object_set_string_member (values, "uid", uid);
    }
  return kepil_entity_insert (db, "finding", values, error);
}

gboolean
kepil_finding_set_status (KepilDb *db, gint64 id, const char *status, GError **error)
{
  g_autoptr (JsonObject) values = json_object_new ();

  if (!g_strv_contains (finding_statuses, status ? status : ""))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                   _("The status of a finding must be open, closed or under_control, not “%s”."), status ? status : "");
      return FALSE;
    }
  json_object_set_string_member (values, "status", status);
  return kepil_entity_update (db, "finding", id, values, error);
}

GPtrArray *
kepil_finding_list (KepilDb *db, GError **error)
{
  return kepil_store_findings_list (db, error);
}

static int
finding_year (JsonObject *f)
{
  const char *d = kepil_json_str (f, "found_on", "");
  return strlen (d) >= 4 ? atoi (d) : 0;
}

static JsonObject *
stat_row (const char *key, const char *name)
{
  JsonObject *o = json_object_new ();
  json_object_set_string_member (o, "key", key);
  json_object_set_string_member (o, "name", name);
  json_object_set_int_member (o, "count", 0);
  json_object_set_int_member (o, "count_previous", 0);
  json_object_set_double_member (o, "effect", 0);
  json_object_set_double_member (o, "effect_previous", 0);
  return o;
}

static void
stat_add (JsonObject *o, gboolean previous, double effect)
{
  const char *c = previous ? "count_previous" : "count";
  const char *e = previous ? "effect_previous" : "effect";
  json_object_set_int_member (o, c, json_object_get_int_member (o, c) + 1);
  json_object_set_double_member (o, e, json_object_get_double_member (o, e) + effect);
}

JsonObject *
kepil_findings_statistics (KepilDb *db, int year, const char *lang, GError **error)
{
  g_autoptr (GPtrArray) list = kepil_finding_list (db, error);
  g_autoptr (JsonArray) cats = NULL;
  JsonObject *out, *total;
  JsonArray *by_cat, *by_status;
  const char *l = lang ? lang : kepil_i18n_language ();

  if (list == NULL)
    return NULL;
  cats = kepil_finding_categories (error);
  if (cats == NULL)
    return NULL;
  by_cat = json_array_new ();
  for (guint i = 0; i < json_array_get_length (cats); i++)
    {
      JsonObject *c = json_array_get_object_element (cats, i);
      g_autofree char *name = kepil_finding_category_name (kepil_json_str (c, "key", ""), l);
      json_array_add_object_element (by_cat, stat_row (kepil_json_str (c, "key", ""), name));
    }
  by_status = json_array_new ();
  for (guint i = 0; finding_statuses[i] != NULL; i++)
    json_array_add_object_element (by_status, stat_row (finding_statuses[i], status_name (finding_statuses[i], l)));
  total = stat_row ("total", kepil_i18n_gettext_in (l, N_("Total")));

  for (guint i = 0; i < list->len; i++)
    {
      JsonObject *f = g_ptr_array_index (list, i);
      int y = finding_year (f);
      gboolean previous = y == year - 1;
      double effect = kepil_json_double (f, "economic_effect", 0);

      if (y != year && y != year - 1)
        continue;
      for (guint k = 0; k < json_array_get_length (by_cat); k++)
        {
          JsonObject *c = json_array_get_object_element (by_cat, k);
          if (g_strcmp0 (kepil_json_str (c, "key", ""), kepil_json_str (f, "category", "")) == 0)
            stat_add (c, previous, effect);
        }
      for (guint k = 0; k < json_array_get_length (by_status); k++)
        {
          JsonObject *s = json_array_get_object_element (by_status, k);
          if (g_strcmp0 (kepil_json_str (s, "key", ""), kepil_json_str (f, "status", "")) == 0)
            stat_add (s, previous, effect);
        }
      stat_add (total, previous, effect);
    }
  out = json_object_new ();
  json_object_set_int_member (out, "year", year);
  json_object_set_int_member (out, "previous_year", year - 1);
  json_object_set_array_member (out, "categories", by_cat);
  json_object_set_array_member (out, "statuses", by_status);
  json_object_set_object_member (out, "total", total);
  return out;
}

/* ---- findings to Excel ------------------------------------------------------------------ */

/* The header in each chosen language, side by side as "kk / ru". */
static char *
tr_langs (char **langs, const char *msgid)
{
  g_autoptr (GString) s = g_string_new (NULL);
  for (guint i = 0; langs[i] != NULL; i++)
    {
      const char *t = kepil_i18n_gettext_in (langs[i], msgid);
      if (i > 0 && g_str_equal (t, kepil_i18n_gettext_in (langs[0], msgid)))
        continue;
      g_string_append_printf (s, "%s%s", i > 0 ? " / " : "", t);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static gboolean
xlsx_check (lxw_error e, const char *path, GError **error)
{
  if (e == LXW_NO_ERROR)
    return TRUE;
  g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_IO,
               _("The workbook “%s” could not be written: %s"), path, lxw_strerror (e));
  return FALSE;
}

gboolean
kepil_findings_export_xlsx (KepilDb *db, const char *path, const char *lang, GError **error)
{
  g_auto (GStrv) langs = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (JsonObject) stats = NULL;
  g_autofree char *today = kepil_today_iso ();
  g_autofree char *sheet1 = NULL, *sheet2 = NULL;
  int year = atoi (today);
  lxw_workbook *wb;
  lxw_worksheet *ws, *st;
  lxw_format *bold, *head, *wrap, *money, *title;
  guint col, row;
  const char *findings_headers[] = {
    N_("No."), N_("Date"), N_("Enterprise"), N_("Workplace"), N_("Profession"),
    NULL /* categories, one column per language */, N_("Legal basis"), N_("Status"),
    N_("Economic effect, tenge"), N_("Note"), N_("Author")
  };

  if (lang == NULL || *lang == '\0')
    lang = kepil_i18n_language ();
  langs = g_strsplit (lang, "+", 3);
  for (guint i = 0; langs[i] != NULL; i++)
    if (!g_str_equal (langs[i], "kk") && !g_str_equal (langs[i], "ru") && !g_str_equal (langs[i], "en"))
      {
        g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                     _("The language of the workbook must be kk, ru, en or kk+ru, not “%s”."), lang);
        return FALSE;
      }
  list = kepil_finding_list (db, error);
  if (list == NULL)
    return FALSE;
  stats = kepil_findings_statistics (db, year, langs[0], error);
  if (stats == NULL)
    return FALSE;

  wb = workbook_new (path);
  if (wb == NULL)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_IO, _("The workbook “%s” cannot be created."), path);
      return FALSE;
    }
  /* Sheet names: at most 31 characters in Excel. */
  {
    /* g_utf8_substring must not be asked for more characters than there are. */
    const char *s1 = kepil_i18n_gettext_in (langs[0], N_("Findings"));
    const char *s2 = kepil_i18n_gettext_in (langs[0], N_("Statistics"));
    sheet1 = g_utf8_substring (s1, 0, MIN (31, g_utf8_strlen (s1, -1)));
    sheet2 = g_utf8_substring (s2, 0, MIN (31, g_utf8_strlen (s2, -1)));
  }
  ws = workbook_add_worksheet (wb, sheet1);
  st = workbook_add_worksheet (wb, sheet2);
  title = workbook_add_format (wb);
  format_set_bold (title);
  format_set_font_size (title, 13);
  bold = workbook_add_format (wb);
  format_set_bold (bold);
  head = workbook_add_format (wb);
  format_set_bold (head);
  format_set_text_wrap (head);
  format_set_border (head, LXW_BORDER_THIN);
  format_set_bg_color (head, 0xE8E8E8);
  wrap = workbook_add_format (wb);
  format_set_text_wrap (wrap);
  format_set_align (wrap, LXW_ALIGN_VERTICAL_TOP);
  money = workbook_add_format (wb);
  format_set_num_format (money, "# ##0.00");

  /* Sheet 1: every finding. */
  {
    g_autofree char *t = tr_langs (langs, N_("Findings of the union technical inspector"));
    worksheet_write_string (ws, 0, 0, t, title);
  }
  col = 0;
  for (guint h = 0; h < G_N_ELEMENTS (findings_headers); h++)
    {
      if (findings_headers[h] == NULL)
        {
          for (guint i = 0; langs[i] != NULL; i++)
            {
              const char *t = kepil_i18n_gettext_in (langs[i], N_("Category"));
              g_autofree char *label = langs[1] ? g_strdup_printf ("%s (%s)", t, langs[i]) : g_strdup (t);
              worksheet_write_string (ws, 2, (lxw_col_t) col++, label, head);
            }
          continue;
        }
      {
        g_autofree char *t = tr_langs (langs, findings_headers[h]);
        worksheet_write_string (ws, 2, (lxw_col_t) col++, t, head);
      }
    }
  for (row = 0; row < list->len; row++)
    {
      JsonObject *f = g_ptr_array_index (list, row);
      lxw_row_t r = (lxw_row_t) (row + 3);
      g_autofree char *date = kepil_format_date (kepil_json_str (f, "found_on", ""));
      g_autofree char *status = NULL;
      const char *prof = kepil_json_str (f, "profession", "");

      if (g_str_equal (langs[0], "kk") && *kepil_json_str (f, "profession_kk", "") != '\0')
        prof = kepil_json_str (f, "profession_kk", "");
      col = 0;
      worksheet_write_number (ws, r, (lxw_col_t) col++, row + 1, NULL);
      worksheet_write_string (ws, r, (lxw_col_t) col++, date, NULL);
      worksheet_write_string (ws, r, (lxw_col_t) col++, kepil_json_str (f, "enterprise", ""), wrap);
      worksheet_write_string (ws, r, (lxw_col_t) col++, kepil_json_str (f, "workplace_code", ""), NULL);
      worksheet_write_string (ws, r, (lxw_col_t) col++, prof, wrap);
      for (guint i = 0; langs[i] != NULL; i++)
        {
          g_autofree char *name = kepil_finding_category_name (kepil_json_str (f, "category", ""), langs[i]);
          worksheet_write_string (ws, r, (lxw_col_t) col++, name ? name : kepil_json_str (f, "category", ""), wrap);
        }
      worksheet_write_string (ws, r, (lxw_col_t) col++, kepil_json_str (f, "legal_basis", ""), wrap);
      {
        g_autoptr (GString) s = g_string_new (NULL);
        for (guint i = 0; langs[i] != NULL; i++)
          {
            const char *t = status_name (kepil_json_str (f, "status", ""), langs[i]);
            if (i == 0 || !g_str_equal (t, status_name (kepil_json_str (f, "status", ""), langs[0])))
              g_string_append_printf (s, "%s%s", i ? " / " : "", t);
          }
        status = g_string_free (g_steal_pointer (&s), FALSE);
      }
      worksheet_write_string (ws, r, (lxw_col_t) col++, status, NULL);
      worksheet_write_number (ws, r, (lxw_col_t) col++, kepil_json_double (f, "economic_effect", 0), money);
      worksheet_write_string (ws, r, (lxw_col_t) col++, kepil_json_str (f, "note", ""), wrap);
      worksheet_write_string (ws, r, (lxw_col_t) col++, kepil_json_str (f, "author", ""), NULL);
    }
  worksheet_set_column (ws, 0, 0, 5, NULL);
  worksheet_set_column (ws, 1, 1, 11, NULL);
  worksheet_set_column (ws, 2, 2, 24, NULL);
  worksheet_set_column (ws, 3, 3, 12, NULL);
  worksheet_set_column (ws, 4, (lxw_col_t) (4 + g_strv_length (langs)), 30, NULL);
  worksheet_set_column (ws, (lxw_col_t) (5 + g_strv_length (langs)), (lxw_col_t) (col - 1), 16, NULL);
  worksheet_freeze_panes (ws, 3, 0);

  /* Sheet 2: this year against last year, per category and per status. */
  {
    g_autofree char *t = tr_langs (langs, N_("Findings: this year against last year"));
    g_autofree char *y = g_strdup_printf ("%d", year);
    g_autofree char *py = g_strdup_printf ("%d", year - 1);
    g_autofree char *h0 = tr_langs (langs, N_("Category"));
    g_autofree char *h1 = tr_langs (langs, N_("Findings"));
    g_autofree char *h3 = tr_langs (langs, N_("Change"));
    g_autofree char *h4 = tr_langs (langs, N_("Economic effect, tenge"));
    g_autofree char *hs = tr_langs (langs, N_("Status"));
    g_autofree char *c1 = g_strdup_printf ("%s %s", h1, y);
    g_autofree char *c2 = g_strdup_printf ("%s %s", h1, py);
    g_autofree char *c4 = g_strdup_printf ("%s %s", h4, y);
    g_autofree char *c5 = g_strdup_printf ("%s %s", h4, py);
    const char *block_heads[2] = { h0, hs };
    const char *blocks[2] = { "categories", "statuses" };
    lxw_row_t r = 2;

    worksheet_write_string (st, 0, 0, t, title);
    for (guint b = 0; b < 2; b++)
      {
        JsonArray *arr = json_object_get_array_member (stats, blocks[b]);
        worksheet_write_string (st, r, 0, block_heads[b], head);
        worksheet_write_string (st, r, 1, c1, head);
        worksheet_write_string (st, r, 2, c2, head);
        worksheet_write_string (st, r, 3, h3, head);
        worksheet_write_string (st, r, 4, c4, head);
        worksheet_write_string (st, r, 5, c5, head);
        r++;
        for (guint i = 0; i <= json_array_get_length (arr); i++)
          {
            gboolean is_total = i == json_array_get_length (arr);
            JsonObject *o = is_total ? json_object_get_object_member (stats, "total") : json_array_get_object_element (arr, i);
            g_autoptr (GString) name = g_string_new (NULL);
            g_autofree char *first = NULL;

            for (guint k = 0; langs[k] != NULL; k++)
              {
                g_autofree char *n = NULL;
                if (is_total)
                  n = g_strdup (kepil_i18n_gettext_in (langs[k], N_("Total")));
                else if (b == 0)
                  n = kepil_finding_category_name (kepil_json_str (o, "key", ""), langs[k]);
                else
                  n = g_strdup (status_name (kepil_json_str (o, "key", ""), langs[k]));
                /* The same words in both languages are written once. */
                if (k == 0)
                  first = g_strdup (n ? n : "");
                else if (g_strcmp0 (first, n) == 0)
                  continue;
                g_string_append_printf (name, "%s%s", k ? " / " : "", n ? n : "");
              }
            worksheet_write_string (st, r, 0, name->str, is_total ? bold : wrap);
            worksheet_write_number (st, r, 1, (double) kepil_json_int (o, "count", 0), is_total ? bold : NULL);
            worksheet_write_number (st, r, 2, (double) kepil_json_int (o, "count_previous", 0), is_total ? bold : NULL);
            worksheet_write_number (st, r, 3, (double) (kepil_json_int (o, "count", 0) - kepil_json_int (o, "count_previous", 0)),
                                    is_total ? bold : NULL);
            worksheet_write_number (st, r, 4, kepil_json_double (o, "effect", 0), money);
            worksheet_write_number (st, r, 5, kepil_json_double (o, "effect_previous", 0), money);
            r++;
          }
        r++;
      }
    worksheet_set_column (st, 0, 0, 60, NULL);
    worksheet_set_column (st, 1, 5, 16, NULL);
  }
  return xlsx_check (workbook_close (wb), path, error);
}
