/* kepil-workplace-page.h — one workplace: measurements, classes, guarantees, risk
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "kepil-undo.h"

G_BEGIN_DECLS

#define KEPIL_TYPE_WORKPLACE_PAGE (kepil_workplace_page_get_type ())
G_DECLARE_FINAL_TYPE (KepilWorkplacePage, kepil_workplace_page, KEPIL, WORKPLACE_PAGE, AdwBin)

/* Shows @workplace (a record of the core) with its @evaluation (an element of
 * "workplaces" of kepil_evaluate_database, or NULL when not computed). */
void        kepil_workplace_page_set_workplace (KepilWorkplacePage *self,
                                                KepilUndo          *undo,
                                                JsonObject         *workplace,
                                                const char         *profession,
                                                JsonObject         *evaluation);
/* Updates the evaluation of the workplace shown, keeping the edits in progress. */
void        kepil_workplace_page_set_evaluation (KepilWorkplacePage *self,
                                                 JsonObject         *evaluation);
gint64      kepil_workplace_page_get_id        (KepilWorkplacePage *self);
/* "measurements", "classes", "guarantees", "risk". */
void        kepil_workplace_page_show_view     (KepilWorkplacePage *self,
                                                const char         *name);
/* What an edited cell of the measurement table does: parses @text (numbers as
 * people write them, "0,5") for @field of measurement @id and saves it. */
gboolean    kepil_workplace_page_commit_cell   (KepilWorkplacePage *self,
                                                gint64              measurement_id,
                                                const char         *field,
                                                const char         *text,
                                                GError            **error);
guint       kepil_workplace_page_n_measurements (KepilWorkplacePage *self);
/* What-if: applies @changes ({"PPE":0}, {"ppe_pct":100}, {"measurement:12":3.5})
 * to the controls and recomputes; returns the text shown as the result. */
const char *kepil_workplace_page_whatif        (KepilWorkplacePage *self,
                                                JsonObject         *changes);
/* The text of the guarantees view, row by row (for tests and screen readers). */
char       *kepil_workplace_page_guarantees_text (KepilWorkplacePage *self);
const char *kepil_workplace_page_overall_class (KepilWorkplacePage *self);

/* Rebuilds the History view (the audit trail of the workplace and its records); returns its rows. */
guint        kepil_workplace_page_n_history_rows (KepilWorkplacePage *self);

G_END_DECLS
