/* kepil-app-private.h — what the window's classes share: optional core parts, helpers
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engines (evaluation, export) are written beside the window; the window
 * uses them when their headers are present and says plainly when they are not.
 */
#pragma once

#include <adwaita.h>
#include "kepil-db.h"
#include "kepil-entity.h"
#include "kepil-json.h"
#include "kepil-i18n.h"
#include "kepil-format.h"
#include "kepil-error.h"

#if defined(__has_include)
# if __has_include("kepil-evaluate.h")
#  include "kepil-evaluate.h"
#  define KEPIL_HAVE_EVALUATE 1
/* Weak: the engine's sources may not be in this build's core yet. */
#  pragma weak kepil_evaluate_database
#  pragma weak kepil_whatif
# endif
# if __has_include("kepil-export.h")
#  include "kepil-export.h"
#  define KEPIL_HAVE_EXPORT 1
#  pragma weak kepil_export_document
#  pragma weak kepil_export_document_title
#  pragma weak kepil_export_document_available
#  pragma weak kepil_export_document_needs_campaign
# endif
#endif

G_BEGIN_DECLS

/* "3.2" → "class-3-2", the CSS class of a class badge in style.css. */
char        *kepil_app_class_css      (const char *klass);
/* A small label styled as a class badge; empty text hides it. */
GtkWidget   *kepil_app_class_badge    (void);
void         kepil_app_class_badge_set (GtkWidget *badge, const char *klass);
/* Translated name of a risk level key ("low", "medium", "high", "very high"). */
const char  *kepil_app_level_name     (const char *level);
/* Translated name of a guarantee kind key of the comparison. */
const char  *kepil_app_kind_name      (const char *kind);
/* The display name of a record with name_ru / name_kk in the current language. */
const char  *kepil_app_name           (JsonObject *o);
/* A JSON member as text for people: numbers with a decimal comma. */
char        *kepil_app_value_text     (JsonNode *node);
/* Removes every child of a GtkBox or GtkListBox. */
void         kepil_app_clear_box      (GtkWidget *box);
const char  *kepil_app_campaign_kind_name   (const char *kind);
const char  *kepil_app_campaign_status_name (const char *status);
void         kepil_app_set_tooltip    (GtkWidget  *w,
                                       const char *text);
/* Rows that show data: libadwaita 1.2 parses row titles as markup by default, and
 * data such as "ПДК <= 2" must show as written. */
GtkWidget   *kepil_app_action_row_new   (void);
/* The inspector role reads and records findings only: editing widgets are made
 * unavailable (the core refuses such writes anyway). */
void         kepil_app_set_read_only    (gboolean read_only);
gboolean     kepil_app_is_read_only     (void);
/* Makes the editing widgets under @root unavailable when read-only: entries and entry rows
 * stop being editable, switches and check buttons insensitive, buttons marked with the
 * "kepil-edit" style class hidden.  Spin buttons (what-if) stay: they save nothing. */
void         kepil_app_apply_read_only  (GtkWidget *root);
GtkWidget   *kepil_app_expander_row_new (void);

G_END_DECLS
