/* kepil-record.c — a record of the core (a JsonObject) as an item of a list model
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-record.h"
#include "kepil-json.h"

struct _KepilRecord
{
  GObject     parent_instance;
  JsonObject *object;
  JsonObject *extra;
  guint       depth;
  gint64      id;
};

G_DEFINE_FINAL_TYPE (KepilRecord, kepil_record, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
kepil_record_finalize (GObject *o)
{
  g_clear_pointer (&KEPIL_RECORD (o)->object, json_object_unref);
  g_clear_pointer (&KEPIL_RECORD (o)->extra, json_object_unref);
  G_OBJECT_CLASS (kepil_record_parent_class)->finalize (o);
}

static void
kepil_record_class_init (KepilRecordClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kepil_record_finalize;
  /* The record or its extra was replaced (the rows that show it draw it again). */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
kepil_record_init (KepilRecord *self)
{
}

KepilRecord *
kepil_record_new (JsonObject *object, guint depth)
{
  KepilRecord *self = g_object_new (KEPIL_TYPE_RECORD, NULL);
  self->object = json_object_ref (object);
  self->depth = depth;
  self->id = kepil_json_int (object, "id", 0);
  return self;
}

JsonObject *
kepil_record_get_object (KepilRecord *self)
{
  return self->object;
}

guint
kepil_record_get_depth (KepilRecord *self)
{
  return self->depth;
}

gint64
kepil_record_get_id (KepilRecord *self)
{
  return self->id;
}

const char *
kepil_record_get_string (KepilRecord *self, const char *member)
{
  return kepil_json_str (self->object, member, "");
}

gint64
kepil_record_get_int (KepilRecord *self, const char *member)
{
  return kepil_json_int (self->object, member, 0);
}

void
kepil_record_set_extra (KepilRecord *self, JsonObject *extra)
{
  if (extra != NULL)
    json_object_ref (extra);
  g_clear_pointer (&self->extra, json_object_unref);
  self->extra = extra;
}

JsonObject *
kepil_record_get_extra (KepilRecord *self)
{
  return self->extra;
}

/* Gives the record @object and @extra (both may be the same as before); emits "changed" when @notify.
 * Returns the former object (transfer full), so that the caller decides when it is freed. */
JsonObject *
kepil_record_replace (KepilRecord *self, JsonObject *object, JsonObject *extra, gboolean notify)
{
  JsonObject *old = self->object;
  self->object = json_object_ref (object);
  self->id = kepil_json_int (object, "id", 0);
  if (extra != NULL)
    json_object_ref (extra);
  g_clear_pointer (&self->extra, json_object_unref);
  self->extra = extra;
  if (notify)
    g_signal_emit (self, signals[CHANGED], 0);
  return old;
}

/* TRUE when something is connected to "changed" (the record is shown). */
gboolean
kepil_record_is_watched (KepilRecord *self)
{
  return g_signal_has_handler_pending (self, signals[CHANGED], 0, TRUE);
}
