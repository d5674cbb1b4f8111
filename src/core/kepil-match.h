/* kepil-match.h — matching workplaces to entries of the Lists (internal to the lists part)
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kepil-lists.h"

G_BEGIN_DECLS

typedef struct _KepilMatcher KepilMatcher;

typedef struct {
  KepilListEntry *entry;     /* owned by the matcher */
  double          score;     /* 0..1 */
  double          name_score;
  double          production_score; /* -1 when the production is unknown */
  gboolean        general;
} KepilMatchCandidate;

/* Loads the active entries once; candidates are cached per distinct
 * (production, profession) pair for the matcher's life. */
KepilMatcher   *kepil_matcher_new          (KepilDb *db, GError **error);
void            kepil_matcher_free         (KepilMatcher *m);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KepilMatcher, kepil_matcher_free)

/* Ranked candidates of the lists 1053, oppv, list1 and list2 (array of
 * KepilMatchCandidate*, owned by the matcher).  @production: the unit's production
 * (or NULL); @units: the unit names up the tree, used when @production is empty. */
GPtrArray      *kepil_matcher_candidates   (KepilMatcher *m, const char *production, const char *units,
                                            const char *profession_ru, const char *profession_kk,
                                            GError **error);
/* Milk: entries whose substance names one of @agents ("a|b|c"); array owned by the caller. */
GPtrArray      *kepil_matcher_milk         (KepilMatcher *m, const char *agents);
/* ЛПП: rations whose production matches; best first; array owned by the caller. */
GPtrArray      *kepil_matcher_lpp          (KepilMatcher *m, const char *production, const char *units);
KepilListEntry *kepil_matcher_entry        (KepilMatcher *m, gint64 entry_id);
double          kepil_matcher_threshold    (KepilMatcher *m);
const char     *kepil_matcher_section_name (KepilMatcher *m, const char *list, const char *section);

G_END_DECLS
