/* kepil-json.h — small helpers over json-glib
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char        *kepil_json_to_string     (JsonNode    *node,
                                       gboolean     pretty);
char        *kepil_json_object_to_string (JsonObject *object,
                                          gboolean    pretty);
JsonNode    *kepil_json_from_resource (const char  *path,
                                       GError     **error);
/* Members with a default when missing or of another type. */
const char  *kepil_json_str           (JsonObject  *o,
                                       const char  *member,
                                       const char  *fallback);
gint64       kepil_json_int           (JsonObject  *o,
                                       const char  *member,
                                       gint64       fallback);
double       kepil_json_double        (JsonObject  *o,
                                       const char  *member,
                                       double       fallback);
/* An array of JsonObject* as a JSON array node. */
JsonNode    *kepil_json_array_of_objects (GPtrArray *objects);

G_END_DECLS
