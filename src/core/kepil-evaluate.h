/* kepil-evaluate.h — the whole evaluation: classes, the List, the risk model, flags and costs
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "kepil-db.h"

G_BEGIN_DECLS

typedef void (*KepilProgressFunc) (double fraction, gpointer user_data);  /* called from the worker thread */

/* The whole evaluation of the database as one JSON object:
 * {"run_id":N|null,"computed_at","norm_set":{"name","version"},"methodology":{"name","version"},
 *  "available":{"classification":bool,"lists":bool},
 *  "enterprises":[{"id","name_ru","name_kk","headcount","p1","p2","p3","p","level","inputs":{"p1","p2","p3"},
 *    "headcounts":{"leave","pay","oppv","milk","lpp","hours"},"costs":{"list":{…,"total"},"model":{…},"difference"},
 *    "flags":[{"code","text"}],"units":[{"id","name_ru","headcount","r","costs"}]}],
 *  "workplaces":[{"id","code","enterprise_id","unit_id","profession","profession_kk","headcount","men","women",
 *    "analog_group","classes","list","inputs":{"B","T","Ob","PPE","Z"},"r_ind","level","package",
 *    "comparison":[…],"flags":[…],"costs":{"list","model","difference"}}]}
 * @norm_set / @methodology NULL = the enterprise's ("NAME", "NAME@N", "NAME vN").  @save stores the run.
 * @cancellable may be NULL (cancel → KEPIL_ERROR_CANCELLED). */
JsonObject *kepil_evaluate_database (KepilDb           *db,
                                     const char        *norm_set,
                                     const char        *methodology,
                                     gboolean           save,
                                     GCancellable      *cancellable,
                                     KepilProgressFunc  progress,
                                     gpointer           user_data,
                                     GError           **error);

/* One workplace as in "workplaces" above, with @changes applied, saving nothing.
 * @changes members: "B", "T", "Ob", "PPE", "Z" (scores), "ppe_pct" (percent provided),
 * "measurement:ID" (a new measured value), "checklist:Q" (0 or 1).  The result also
 * carries "enterprise":{"p1","p2","p3","p","level"} and "changes". */
JsonObject *kepil_whatif            (KepilDb           *db,
                                     gint64             workplace_id,
                                     JsonObject        *changes,
                                     GError           **error);

/* The stored runs: [{id, computed_at, user, norm_set, norm_set_version, methodology, methodology_version, workplaces}]. */
GPtrArray  *kepil_evaluate_list_runs (KepilDb          *db,
                                      GError          **error);
/* A stored run, in the shape of kepil_evaluate_database(), exactly as computed then. */
JsonObject *kepil_evaluate_load_run  (KepilDb          *db,
                                      gint64            run_id,
                                      GError          **error);
/* Computes a stored run again with the norm set and methodology versions it records
 * (saving nothing), so that it can be compared with kepil_evaluate_load_run(). */
JsonObject *kepil_evaluate_reproduce (KepilDb          *db,
                                      gint64            run_id,
                                      GError          **error);

G_END_DECLS
