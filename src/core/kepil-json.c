/* kepil-json.c — small helpers over json-glib
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-json.h"
#include "kepil-error.h"
#include "kepil-i18n.h"

#include <gio/gio.h>

char *
kepil_json_to_string (JsonNode *node, gboolean pretty)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_root (gen, node);
  json_generator_set_pretty (gen, pretty);
  json_generator_set_indent (gen, 2);
  return json_generator_to_data (gen, NULL);
}

char *
kepil_json_object_to_string (JsonObject *object, gboolean pretty)
{
  g_autoptr (JsonNode) n = json_node_init_object (json_node_alloc (), object);
  return kepil_json_to_string (n, pretty);
}

JsonNode *
kepil_json_from_resource (const char *path, GError **error)
{
  g_autoptr (GBytes) b = g_resources_lookup_data (path, 0, error);
  g_autoptr (JsonParser) p = NULL;

  if (b == NULL)
    return NULL;
  p = json_parser_new_immutable ();
  if (!json_parser_load_from_data (p, g_bytes_get_data (b, NULL), (gssize) g_bytes_get_size (b), error))
    return NULL;
  return json_node_copy (json_parser_get_root (p));
}

const char *
kepil_json_str (JsonObject *o, const char *member, const char *fallback)
{
  JsonNode *n = o ? json_object_get_member (o, member) : NULL;
  if (n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
    return json_node_get_string (n);
  return fallback;
}

gint64
kepil_json_int (JsonObject *o, const char *member, gint64 fallback)
{
  JsonNode *n = o ? json_object_get_member (o, member) : NULL;
  if (n != NULL && JSON_NODE_HOLDS_VALUE (n))
    {
      GType t = json_node_get_value_type (n);
      if (t == G_TYPE_INT64 || t == G_TYPE_BOOLEAN)
        return json_node_get_int (n);
      if (t == G_TYPE_DOUBLE)
        {
          /* Converting a double outside gint64's range (or NaN) is undefined. */
          double d = json_node_get_double (n);
          if (!(d >= -9.2e18 && d <= 9.2e18))
            return fallback;
          return (gint64) d;
        }
    }
  return fallback;
}

double
kepil_json_double (JsonObject *o, const char *member, double fallback)
{
  JsonNode *n = o ? json_object_get_member (o, member) : NULL;
  if (n != NULL && JSON_NODE_HOLDS_VALUE (n))
    {
      GType t = json_node_get_value_type (n);
      if (t == G_TYPE_INT64 || t == G_TYPE_DOUBLE)
        return json_node_get_double (n);
    }
  return fallback;
}

JsonNode *
kepil_json_array_of_objects (GPtrArray *objects)
{
  JsonArray *a = json_array_sized_new (objects ? objects->len : 0);
  for (guint i = 0; objects != NULL && i < objects->len; i++)
    json_array_add_object_element (a, json_object_ref (g_ptr_array_index (objects, i)));
  return json_node_init_array (json_node_alloc (), a);
}
