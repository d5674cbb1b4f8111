/* kepil-undo.h — every edit of the window, written at once and undoable
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each edit goes through here: the old values of the changed fields are kept on
 * a stack and written back with kepil_entity_update on undo; a deleted record is
 * kept with what the delete took with it (kepil_entity_snapshot) and restored whole.  "changed" is
 * emitted with the entity name after every edit and every undo.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>
#include "kepil-db.h"

G_BEGIN_DECLS

#define KEPIL_TYPE_UNDO (kepil_undo_get_type ())
G_DECLARE_FINAL_TYPE (KepilUndo, kepil_undo, KEPIL, UNDO, GObject)

KepilUndo *kepil_undo_new        (void);
void       kepil_undo_set_db     (KepilUndo  *self,
                                  KepilDb    *db);
KepilDb   *kepil_undo_get_db     (KepilUndo  *self);
gboolean   kepil_undo_update     (KepilUndo  *self,
                                  const char *entity,
                                  gint64      id,
                                  JsonObject *values,
                                  GError    **error);
gint64     kepil_undo_insert     (KepilUndo  *self,
                                  const char *entity,
                                  JsonObject *values,
                                  GError    **error);
gboolean   kepil_undo_delete     (KepilUndo  *self,
                                  const char *entity,
                                  gint64      id,
                                  GError    **error);
guint      kepil_undo_depth      (KepilUndo  *self);
/* Undoes the last edit; FALSE with @error unset when there is nothing to undo. */
gboolean   kepil_undo_undo       (KepilUndo  *self,
                                  GError    **error);

G_END_DECLS
