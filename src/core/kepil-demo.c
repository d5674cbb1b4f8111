/* kepil-demo.c — datasets: the demo plant and other records given as JSON
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-demo.h"
#include "kepil-entity.h"
#include "kepil-error.h"
#include "kepil-i18n.h"
#include "kepil-json.h"

#include <string.h>

#define DEMO_RESOURCE "/kz/kepil/demo/demo.json"

static gboolean
load_entity (KepilDb *db, const char *entity, JsonArray *arr, GHashTable *keys, GError **error)
{
  guint n = json_array_get_length (arr);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (arr, i);
      g_autoptr (JsonObject) rec = NULL;
      g_autoptr (GList) members = NULL;
      JsonObject *src;
      const char *key = NULL;
      gint64 id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                       _("Dataset: record %u of “%s” is not an object."), i + 1, entity);
          return FALSE;
        }
      src = json_node_get_object (node);
      rec = json_object_new ();
      members = json_object_get_members (src);
      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *m = l->data;
          JsonNode *v = json_object_get_member (src, m);

          if (g_str_equal (m, "key"))
            {
              key = json_node_get_string (v);
              continue;
            }
          if (g_str_has_suffix (m, "_id") && JSON_NODE_HOLDS_VALUE (v) &&
              json_node_get_value_type (v) == G_TYPE_STRING)
            {
              const char *ref = json_node_get_string (v);
              gpointer target = g_hash_table_lookup (keys, ref);
              if (target == NULL)
                {
                  g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                               _("Dataset: record %u of “%s” refers to “%s”, which is not defined before it."),
                               i + 1, entity, ref);
                  return FALSE;
                }
              json_object_set_int_member (rec, m, *(gint64 *) target);
              continue;
            }
          json_object_set_member (rec, m, json_node_copy (v));
        }
      id = kepil_entity_insert (db, entity, rec, error);
      if (id == 0)
        {
          g_prefix_error (error, _("Dataset: record %u of “%s”: "), i + 1, entity);
          return FALSE;
        }
      if (key != NULL)
        {
          gint64 *p = g_new (gint64, 1);
          *p = id;
          g_hash_table_insert (keys, g_strdup (key), p);
        }
    }
  return TRUE;
}

typedef struct { JsonObject *root; } LoadCtx;

static gboolean
load_all (KepilDb *db, gpointer user_data, GError **error)
{
  LoadCtx *ctx = user_data;
  g_autoptr (GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char * const *names = kepil_entity_names ();
  g_autoptr (GList) members = json_object_get_members (ctx->root);

  for (GList *l = members; l != NULL; l = l->next)
    if (!kepil_entity_is_known (l->data) && !g_str_equal (l->data, "note") &&
        !g_str_has_prefix (l->data, "_"))
      {
        g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                     _("Dataset: unknown kind of record “%s”."), (const char *) l->data);
        return FALSE;
      }
  for (guint i = 0; names[i] != NULL; i++)
    {
      JsonNode *arr = json_object_get_member (ctx->root, names[i]);
      if (arr == NULL)
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (arr))
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                       _("Dataset: “%s” must be a list of records."), names[i]);
          return FALSE;
        }
      if (!load_entity (db, names[i], json_node_get_array (arr), keys, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
kepil_dataset_load (KepilDb *db, JsonNode *dataset, GError **error)
{
  LoadCtx ctx;

  if (dataset == NULL || !JSON_NODE_HOLDS_OBJECT (dataset))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE, _("Dataset: the file is not a JSON object."));
      return FALSE;
    }
  ctx.root = json_node_get_object (dataset);
  return kepil_db_transaction (db, load_all, &ctx, error);
}

gboolean
kepil_demo_load (KepilDb *db, GError **error)
{
  g_autoptr (JsonNode) demo = NULL;
  gint64 n = kepil_entity_count (db, "enterprise", error);

  if (n < 0)
    return FALSE;
  if (n > 0)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                   _("The database already holds an enterprise; the demo is loaded only into an empty database."));
      return FALSE;
    }
  demo = kepil_json_from_resource (DEMO_RESOURCE, error);
  if (demo == NULL)
    return FALSE;
  return kepil_dataset_load (db, demo, error);
}
