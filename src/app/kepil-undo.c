/* kepil-undo.c — every edit of the window, written at once and undoable
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-undo.h"
#include "kepil-entity.h"

typedef enum { STEP_UPDATE, STEP_INSERT, STEP_DELETE } StepKind;

typedef struct
{
  StepKind    kind;
  char       *entity;
  gint64      id;
  JsonObject *old;   /* update: old values of the changed fields; delete: kepil_entity_snapshot() */
} Step;

struct _KepilUndo
{
  GObject    parent_instance;
  KepilDb   *db;
  GPtrArray *steps;
};

G_DEFINE_FINAL_TYPE (KepilUndo, kepil_undo, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Enough for a working session; the oldest steps are dropped first. */
#define MAX_STEPS 200

static void
step_free (Step *s)
{
  g_free (s->entity);
  g_clear_pointer (&s->old, json_object_unref);
  g_free (s);
}

static void
push (KepilUndo *self, StepKind kind, const char *entity, gint64 id, JsonObject *old)
{
  Step *s = g_new0 (Step, 1);
  s->kind = kind;
  s->entity = g_strdup (entity);
  s->id = id;
  s->old = old;
  if (self->steps->len >= MAX_STEPS)
    g_ptr_array_remove_index (self->steps, 0);
  g_ptr_array_add (self->steps, s);
}

gboolean
kepil_undo_update (KepilUndo *self, const char *entity, gint64 id, JsonObject *values, GError **error)
{
  g_autoptr (JsonObject) current = kepil_entity_get (self->db, entity, id, error);
  JsonObject *old;
  g_autoptr (GList) members = NULL;

  if (current == NULL)
    return FALSE;
  old = json_object_new ();
  members = json_object_get_members (values);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *n = json_object_get_member (current, l->data);
      if (n != NULL)
        json_object_set_member (old, l->data, json_node_copy (n));
    }
  if (!kepil_entity_update (self->db, entity, id, values, error))
    {
      json_object_unref (old);
      return FALSE;
    }
  push (self, STEP_UPDATE, entity, id, old);
  g_signal_emit (self, signals[CHANGED], 0, entity);
  return TRUE;
}

gint64
kepil_undo_insert (KepilUndo *self, const char *entity, JsonObject *values, GError **error)
{
  gint64 id = kepil_entity_insert (self->db, entity, values, error);
  if (id == 0)
    return 0;
  push (self, STEP_INSERT, entity, id, NULL);
  g_signal_emit (self, signals[CHANGED], 0, entity);
  return id;
}

gboolean
kepil_undo_delete (KepilUndo *self, const char *entity, gint64 id, GError **error)
{
  JsonObject *old = kepil_entity_snapshot (self->db, entity, id, error);
  if (old == NULL)
    return FALSE;
  if (!kepil_entity_delete (self->db, entity, id, error))
    {
      json_object_unref (old);
      return FALSE;
    }
  push (self, STEP_DELETE, entity, id, old);
  g_signal_emit (self, signals[CHANGED], 0, entity);
  return TRUE;
}

guint
kepil_undo_depth (KepilUndo *self)
{
  return self->steps->len;
}

gboolean
kepil_undo_undo (KepilUndo *self, GError **error)
{
  Step *s;
  gboolean ok = FALSE;
  g_autofree char *entity = NULL;

  if (self->db == NULL || self->steps->len == 0)
    return FALSE;
  s = g_ptr_array_index (self->steps, self->steps->len - 1);
  switch (s->kind)
    {
    case STEP_UPDATE:
      ok = kepil_entity_update (self->db, s->entity, s->id, s->old, error);
      break;
    case STEP_INSERT:
      ok = kepil_entity_delete (self->db, s->entity, s->id, error);
      break;
    case STEP_DELETE:
      /* The record comes back with its own id, with the records deleted with it and the
       * links it cleared, so that the steps below it on the stack still find it. */
      ok = kepil_entity_restore (self->db, s->old, error);
      break;
    }
  if (!ok)
    return FALSE;
  entity = g_strdup (s->entity);
  g_ptr_array_remove_index (self->steps, self->steps->len - 1);
  g_signal_emit (self, signals[CHANGED], 0, entity);
  return TRUE;
}

void
kepil_undo_set_db (KepilUndo *self, KepilDb *db)
{
  if (g_set_object (&self->db, db))
    g_ptr_array_set_size (self->steps, 0);
}

KepilDb *
kepil_undo_get_db (KepilUndo *self)
{
  return self->db;
}

static void
kepil_undo_finalize (GObject *o)
{
  KepilUndo *self = KEPIL_UNDO (o);
  g_clear_object (&self->db);
  g_ptr_array_unref (self->steps);
  G_OBJECT_CLASS (kepil_undo_parent_class)->finalize (o);
}

static void
kepil_undo_class_init (KepilUndoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kepil_undo_finalize;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
kepil_undo_init (KepilUndo *self)
{
  self->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
}

KepilUndo *
kepil_undo_new (void)
{
  return g_object_new (KEPIL_TYPE_UNDO, NULL);
}
