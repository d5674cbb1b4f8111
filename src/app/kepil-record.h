/* kepil-record.h — a record of the core (a JsonObject) as an item of a list model
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define KEPIL_TYPE_RECORD (kepil_record_get_type ())
G_DECLARE_FINAL_TYPE (KepilRecord, kepil_record, KEPIL, RECORD, GObject)

KepilRecord *kepil_record_new      (JsonObject  *object,
                                    guint        depth);
JsonObject  *kepil_record_get_object (KepilRecord *self);
guint        kepil_record_get_depth  (KepilRecord *self);
gint64       kepil_record_get_id     (KepilRecord *self);
const char  *kepil_record_get_string (KepilRecord *self,
                                      const char  *member);
gint64       kepil_record_get_int    (KepilRecord *self,
                                      const char  *member);

/* What the window knows beside the record: for a workplace, its evaluation. */
void         kepil_record_set_extra  (KepilRecord *self,
                                      JsonObject  *extra);
JsonObject  *kepil_record_get_extra  (KepilRecord *self);
JsonObject  *kepil_record_replace    (KepilRecord *self,
                                      JsonObject  *object,
                                      JsonObject  *extra,
                                      gboolean     notify);
gboolean     kepil_record_is_watched (KepilRecord *self);

G_END_DECLS
