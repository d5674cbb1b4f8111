/* kepil-package.c — exchange files between an enterprise and a union inspector
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-package.h"
#include "kepil-entity.h"
#include "kepil-error.h"
#include "kepil-i18n.h"
#include "kepil-json.h"
#include "kepil-review.h"

#include <errno.h>
#include <glib/gstdio.h>

#define FINDINGS_FORMAT "kepil-findings-1"

/* The identity of a database, made on first need and kept in its settings. */
static char *
database_uid (KepilDb *db)
{
  char *uid = kepil_db_get_meta (db, "database_uid");

  if (uid == NULL || *uid == '\0')
    {
      g_free (uid);
      uid = g_uuid_string_random ();
      /* A read-only database keeps no identity; the export still works. */
      if (!kepil_db_set_meta (db, "database_uid", uid, NULL))
        {
          g_free (uid);
          uid = g_strdup ("");
        }
    }
  return uid;
}

static char *
now_iso (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

JsonObject *
kepil_package_export (KepilDb *db, const char *path, gint64 campaign_id, GError **error)
{
  g_autoptr (KepilDb) copy = NULL;
  g_autofree char *uid = NULL, *package_uid = NULL, *stamp = NULL, *camp = NULL;
  g_autoptr (GPtrArray) acts = NULL;
  JsonObject *out;
  GStatBuf sb;
  static const char *const counted[] = { "enterprise", "workplace", "measurement", "finding" };

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_IO,
                   _("The file “%s” already exists; choose another name or remove it first."), path);
      return NULL;
    }
  if (campaign_id > 0 && !kepil_store_review_campaign_exists (db, campaign_id))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND,
                   _("There is no campaign with number %ld."), campaign_id);
      return NULL;
    }
  uid = database_uid (db);
  if (!kepil_store_package_copy (db, path, error))
    {
      g_unlink (path);
      return NULL;
    }
  copy = kepil_db_open (path, KEPIL_DB_OPEN_NO_BACKUP, error);
  if (copy == NULL)
    goto fail;
  kepil_db_set_actor (copy, kepil_db_get_user (db), KEPIL_ROLE_SPECIALIST);
  if (campaign_id > 0 && !kepil_store_package_narrow (copy, campaign_id, error))
    goto fail;
  package_uid = g_uuid_string_random ();
  stamp = now_iso ();
  camp = g_strdup_printf ("%ld", campaign_id);
  if (!kepil_db_set_meta (copy, "package_role", "inspector", error) ||
      !kepil_db_set_meta (copy, "package_uid", package_uid, error) ||
      !kepil_db_set_meta (copy, "package_source_uid", uid, error) ||
      !kepil_db_set_meta (copy, "package_exported_at", stamp, error) ||
      !kepil_db_set_meta (copy, "package_exported_by", kepil_db_get_user (db), error) ||
      !kepil_db_set_meta (copy, "package_campaign", camp, error) ||
      !kepil_db_set_meta (copy, "database_uid", package_uid, error))
    goto fail;
  if (!kepil_store_package_seal (copy, error))
    goto fail;

  out = json_object_new ();
  json_object_set_string_member (out, "path", path);
  json_object_set_int_member (out, "campaign_id", campaign_id);
  json_object_set_string_member (out, "package_uid", package_uid);
  for (guint i = 0; i < G_N_ELEMENTS (counted); i++)
    {
      g_autofree char *member = g_strdup_printf ("%ss", counted[i]);
      json_object_set_int_member (out, member, kepil_entity_count (copy, counted[i], NULL));
    }
  acts = kepil_store_review_acts (copy, 0, FALSE, NULL);
  json_object_set_int_member (out, "acts", acts ? acts->len : 0);
  g_clear_object (&copy);
  json_object_set_int_member (out, "bytes", g_stat (path, &sb) == 0 ? (gint64) sb.st_size : 0);
  return out;

fail:
  g_clear_object (&copy);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  return NULL;
}

gint64
kepil_package_export_findings (KepilDb *db, const char *path, GError **error)
{
  g_autoptr (GPtrArray) list = kepil_finding_list (db, error);
  g_autoptr (JsonBuilder) b = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL, *stamp = NULL, *pkg = NULL, *src = NULL;
  static const char *const fields[] = {
    "uid", "enterprise", "enterprise_bin", "workplace_code", "category", "legal_basis", "status",
    "economic_effect", "note", "author", "found_on", NULL
  };

  if (list == NULL)
    return -1;
  pkg = kepil_db_get_meta (db, "package_uid");
  src = kepil_db_get_meta (db, "package_source_uid");
  stamp = now_iso ();
  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, FINDINGS_FORMAT);
  json_builder_set_member_name (b, "package_uid");
  json_builder_add_string_value (b, pkg ? pkg : "");
  json_builder_set_member_name (b, "source_uid");
  json_builder_add_string_value (b, src ? src : "");
  json_builder_set_member_name (b, "exported_at");
  json_builder_add_string_value (b, stamp);
  json_builder_set_member_name (b, "exported_by");
  json_builder_add_string_value (b, kepil_db_get_user (db));
  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    {
      JsonObject *f = g_ptr_array_index (list, i);
      json_builder_begin_object (b);
      for (guint k = 0; fields[k] != NULL; k++)
        {
          json_builder_set_member_name (b, fields[k]);
          if (g_str_equal (fields[k], "economic_effect"))
            json_builder_add_double_value (b, kepil_json_double (f, fields[k], 0));
          else
            json_builder_add_string_value (b, kepil_json_str (f, fields[k], ""));
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = kepil_json_to_string (root, TRUE);
  if (!g_file_set_contents (path, text, -1, NULL))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_IO, _("The findings file “%s” cannot be written."), path);
      return -1;
    }
  return (gint64) list->len;
}

/* The enterprise a finding from another copy belongs to here: by BIN, then by
 * name, then the only enterprise. */
static gint64
map_enterprise (KepilDb *db, JsonObject *f, GError **error)
{
  const char *bin = kepil_json_str (f, "enterprise_bin", "");
  const char *name = kepil_json_str (f, "enterprise", "");
  gint64 id = 0;
  g_autoptr (GPtrArray) all = NULL;

  if (*bin != '\0')
    id = kepil_entity_find (db, "enterprise", "bin", bin, NULL);
  if (id == 0 && *name != '\0')
    id = kepil_entity_find (db, "enterprise", "name_ru", name, NULL);
  if (id != 0)
    return id;
  all = kepil_entity_list (db, "enterprise", NULL, 0, error);
  if (all != NULL && all->len == 1)
    return json_object_get_int_member (g_ptr_array_index (all, 0), "id");
  if (all != NULL)
    g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND,
                 _("The enterprise “%s” (BIN %s) of a finding is not in this database."), name, *bin ? bin : "—");
  return 0;
}

JsonObject *
kepil_package_import_findings (KepilDb *db, const char *path, GError **error)
{
  g_autofree char *text = NULL, *sha = NULL;
  gsize len = 0;
  g_autoptr (JsonParser) p = json_parser_new ();
  g_autoptr (GError) local = NULL;
  JsonObject *root;
  JsonArray *arr;
  gint64 added = 0, skipped = 0, import_id;
  JsonObject *out;

  if (!kepil_db_check_writable (db, TRUE, error))
    return NULL;
  if (!g_file_get_contents (path, &text, &len, &local))
    {
      g_set_error (error, KEPIL_ERROR, local->code == G_FILE_ERROR_NOENT ? KEPIL_ERROR_NOT_FOUND : KEPIL_ERROR_IO,
                   _("The findings file cannot be read: %s"), local->message);
      return NULL;
    }
  if (!json_parser_load_from_data (p, text, (gssize) len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (p)) ||
      g_strcmp0 (kepil_json_str (json_node_get_object (json_parser_get_root (p)), "format", ""), FINDINGS_FORMAT) != 0)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                   _("“%s” is not a findings file of Kepil (format %s)."), path, FINDINGS_FORMAT);
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (p));
  arr = json_object_has_member (root, "findings") ? json_object_get_array_member (root, "findings") : NULL;
  if (arr == NULL)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE, _("The findings file “%s” has no list of findings."), path);
      return NULL;
    }
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, len);

  if (!kepil_db_begin (db, error))
    return NULL;
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *n = json_array_get_element (arr, i);
      JsonObject *f;
      g_autoptr (JsonObject) rec = NULL;
      const char *uid;
      gint64 existing, ent;
      GError *e = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        {
          g_set_error (&e, KEPIL_ERROR, KEPIL_ERROR_PARSE, _("Finding %u of the file is not an object."), i + 1);
          goto fail_with;
        }
      f = json_node_get_object (n);
      uid = kepil_json_str (f, "uid", "");
      if (*uid == '\0')
        {
          g_set_error (&e, KEPIL_ERROR, KEPIL_ERROR_PARSE, _("Finding %u of the file has no uid."), i + 1);
          goto fail_with;
        }
      existing = kepil_store_finding_by_uid (db, uid, &e);
      if (existing < 0)
        goto fail_with;
      if (existing > 0)
        {
          skipped++;
          continue;
        }
      ent = map_enterprise (db, f, &e);
      if (ent == 0)
        goto fail_with;
      rec = json_object_new ();
      json_object_set_string_member (rec, "uid", uid);
      json_object_set_int_member (rec, "enterprise_id", ent);
      json_object_set_string_member (rec, "workplace_code", kepil_json_str (f, "workplace_code", ""));
      json_object_set_string_member (rec, "category", kepil_json_str (f, "category", ""));
      json_object_set_string_member (rec, "legal_basis", kepil_json_str (f, "legal_basis", ""));
      json_object_set_string_member (rec, "status", kepil_json_str (f, "status", "open"));
      json_object_set_double_member (rec, "economic_effect", kepil_json_double (f, "economic_effect", 0));
      json_object_set_string_member (rec, "note", kepil_json_str (f, "note", ""));
      json_object_set_string_member (rec, "author", kepil_json_str (f, "author", ""));
      json_object_set_string_member (rec, "found_on", kepil_json_str (f, "found_on", ""));
      if (kepil_finding_add (db, rec, &e) == 0)
        {
          g_prefix_error (&e, _("Finding %u of the file: "), i + 1);
          goto fail_with;
        }
      added++;
      continue;

    fail_with:
      kepil_db_rollback (db);
      g_propagate_error (error, e);
      return NULL;
    }
  import_id = kepil_store_findings_import_record (db, sha, kepil_json_str (root, "package_uid", ""), added, skipped, error);
  if (import_id == 0)
    {
      kepil_db_rollback (db);
      return NULL;
    }
  if (!kepil_db_commit (db, error))
    return NULL;
  out = json_object_new ();
  json_object_set_int_member (out, "added", added);
  json_object_set_int_member (out, "skipped", skipped);
  json_object_set_int_member (out, "total", (gint64) json_array_get_length (arr));
  json_object_set_int_member (out, "import_id", import_id);
  return out;
}
