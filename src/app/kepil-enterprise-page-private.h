/* kepil-enterprise-page-private.h — what the enterprise page's two files share
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kepil-enterprise-page.c builds the page and its rows; kepil-enterprise-records.c the groups
 * of records (campaigns and the commission, yearly statistics, statistics by profession).
 */
#pragma once

#include "kepil-enterprise-page.h"
#include "kepil-app-private.h"

G_BEGIN_DECLS

struct _KepilEnterprisePage
{
  AdwBin      parent_instance;
  GtkBox     *groups;
  GtkLabel   *risk_label;
  KepilUndo  *undo;
  gint64      enterprise_id;
  char       *shown;          /* what the page was built from, to skip rebuilds that change nothing */
  GHashTable *expanded;       /* keys of the expanded rows */
  char       *p2_how;         /* how the last evaluation found П2 */
  GtkWidget  *stats_group;
  guint       rebuild_source;
};

typedef enum { FIELD_TEXT, FIELD_NUMBER, FIELD_COUNT, FIELD_DATE } FieldKind;

/* @min and @max bound a count; a date with @required cannot be emptied. */
typedef struct { const char *field; const char *title; FieldKind kind; gint64 min, max; gboolean required; } Field;

typedef struct { const char *key; const char *name; } Choice;

/* Starts a new record from what the user typed in an "add" row; returns its id or 0 with @error. */
typedef gint64 (*AddFunc) (KepilEnterprisePage *self, GtkWidget *row, const char *text, GError **error);

void        kepil_enterprise_toast            (KepilEnterprisePage *self,
                                               const char          *text);
/* Builds the page again once idle (never from inside a row's own signal). */
void        kepil_enterprise_schedule_rebuild (KepilEnterprisePage *self);
/* Names @w by @key: tests find it by name and the focus finds it again after a rebuild. */
void        kepil_enterprise_set_key          (GtkWidget           *w,
                                               const char          *key);
const char *kepil_enterprise_choice_name      (const Choice        *choices,
                                               gsize                n,
                                               const char          *key);
GtkWidget  *kepil_enterprise_group            (KepilEnterprisePage *self,
                                               const char          *title,
                                               const char          *description);
/* An entry row saving @f of record @id of @entity when applied. */
GtkWidget  *kepil_enterprise_entry_row        (KepilEnterprisePage *self,
                                               const char          *entity,
                                               gint64               id,
                                               JsonObject          *rec,
                                               const Field         *f);
void        kepil_enterprise_add_fields       (KepilEnterprisePage *self,
                                               GtkWidget           *to,
                                               const char          *entity,
                                               gint64               id,
                                               JsonObject          *rec,
                                               const Field         *fields,
                                               gsize                n);
/* A drop-down of the values @choices allows, saving @field at once. */
GtkWidget  *kepil_enterprise_choice_row       (KepilEnterprisePage *self,
                                               const char          *entity,
                                               gint64               id,
                                               JsonObject          *rec,
                                               const char          *field,
                                               const char          *title,
                                               const Choice        *choices,
                                               gsize                n);
/* Labels that show the whole value (the default of AdwComboRow 1.2 cuts at 20 characters). */
GtkListItemFactory *kepil_enterprise_choice_factory (void);
/* An expander row for one record; it stays open across rebuilds. */
GtkWidget  *kepil_enterprise_expander         (KepilEnterprisePage *self,
                                               const char          *entity,
                                               gint64               id,
                                               const char          *title,
                                               const char          *subtitle);
/* A bin button on @row that asks (@heading, @body) before it deletes the record. */
void        kepil_enterprise_add_delete_button (KepilEnterprisePage *self,
                                                GtkWidget           *row,
                                                const char          *entity,
                                                gint64               id,
                                                const char          *tooltip,
                                                const char          *heading,
                                                const char          *body);
/* An entry row at the end of a group: applying it calls @add; @parent_id is kept for @add. */
GtkWidget  *kepil_enterprise_add_row          (KepilEnterprisePage *self,
                                               const char          *key,
                                               const char          *entity,
                                               const char          *title,
                                               AddFunc              add,
                                               gint64               parent_id);

/* kepil-enterprise-records.c */
gboolean    kepil_enterprise_year_free        (KepilEnterprisePage *self,
                                               gint64               year,
                                               gint64               except_id,
                                               GError             **error);
void        kepil_enterprise_update_stats_description (KepilEnterprisePage *self);
/* The professions of the enterprise's workplaces, in the order of the profession list. */
GPtrArray  *kepil_enterprise_professions      (KepilDb             *db,
                                               gint64               enterprise_id);
void        kepil_enterprise_build_campaigns  (KepilEnterprisePage *self,
                                               KepilDb             *db);
void        kepil_enterprise_build_stats      (KepilEnterprisePage *self,
                                               KepilDb             *db);
void        kepil_enterprise_build_profession_stats (KepilEnterprisePage *self,
                                                     KepilDb             *db);

G_END_DECLS
