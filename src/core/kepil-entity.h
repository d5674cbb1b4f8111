/* kepil-entity.h — create, read, update and delete every entity of a Kepil database
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A record is a JsonObject whose members are the entity's fields ("id" included
 * when read).  Field names and types come from the schema itself, so every
 * table of schema/ is reachable here without a line of SQL outside storage.
 */
#pragma once

#include "kepil-db.h"

G_BEGIN_DECLS

/* The entities of enterprise data, in dependency order. */
const char * const *kepil_entity_names      (void);
gboolean            kepil_entity_is_known   (const char *entity);
/* The entity's name for people, translated. */
const char         *kepil_entity_label      (const char *entity);
/* The fields of @entity (without "id"), NULL-terminated; owned by the core. */
const char * const *kepil_entity_fields     (KepilDb    *db,
                                             const char *entity);

/* Returns the new record's id, or 0 with @error set. */
gint64       kepil_entity_insert   (KepilDb     *db,
                                    const char  *entity,
                                    JsonObject  *values,
                                    GError     **error);
/* Changes only the members present in @values. */
gboolean     kepil_entity_update   (KepilDb     *db,
                                    const char  *entity,
                                    gint64       id,
                                    JsonObject  *values,
                                    GError     **error);
gboolean     kepil_entity_delete   (KepilDb     *db,
                                    const char  *entity,
                                    gint64       id,
                                    GError     **error);
JsonObject  *kepil_entity_get      (KepilDb     *db,
                                    const char  *entity,
                                    gint64       id,
                                    GError     **error);
/* All records of @entity, or those whose @field equals @value when @field is
 * not NULL; ordered by id.  An array of JsonObject*. */
GPtrArray   *kepil_entity_list     (KepilDb     *db,
                                    const char  *entity,
                                    const char  *field,
                                    gint64       value,
                                    GError     **error);
gint64       kepil_entity_count    (KepilDb     *db,
                                    const char  *entity,
                                    GError     **error);
/* The id of the record whose @field equals the text @value, or 0. */
gint64       kepil_entity_find     (KepilDb     *db,
                                    const char  *entity,
                                    const char  *field,
                                    const char  *value,
                                    GError     **error);

/* Everything a delete of @entity @id takes with it, kept so that the delete can be undone:
 * the record, the records of enterprise data deleted with it (ON DELETE CASCADE, followed
 * down, parents first) and the links it clears (ON DELETE SET NULL):
 * {"entity","record":{…,"id"},"cascade":[{"entity","record"}],"unlinked":[{"entity","id","field","value"}]}.
 * Tables outside the enterprise data (list matches, findings) are not kept. */
JsonObject  *kepil_entity_snapshot (KepilDb     *db,
                                    const char  *entity,
                                    gint64       id,
                                    GError     **error);
/* Writes a snapshot back as it was, numbers (ids) included, in one transaction. */
gboolean     kepil_entity_restore  (KepilDb     *db,
                                    JsonObject  *snapshot,
                                    GError     **error);

G_END_DECLS
