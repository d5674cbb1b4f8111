/* kepil-methodology.h — the risk methodology as versioned data
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A methodology holds everything the seed leaves open: the scales of the five
 * inputs, the level bands, the 15 questions, the П2 scoring, the package table,
 * the cost parameters.  "KZ-RISK default" version 1 ships in the resources and is
 * copied into a database on first use.  A version never changes; editing makes a
 * new one.  Specs: "NAME" (latest version), "NAME@N" or "NAME vN" (version N).
 */
#pragma once

#include "kepil-db.h"

G_BEGIN_DECLS

#define KEPIL_METHODOLOGY_DEFAULT "KZ-RISK default"

typedef struct {
  double max;      /* "up to" bound, or "at least" bound for PPE */
  int    score;
} KepilBand;

typedef struct {
  char  *key;      /* low, medium, high, very_high */
  double min;
} KepilLevel;

typedef struct {
  char       *name;
  int         version;
  JsonObject *json;            /* the whole methodology */
  double      tolerance;
  double      w_harm_injury, w_equipment_ppe, w_morbidity;
  int         b_by_rank[41];   /* score of an overall class rank (0..40), -1 unknown */
  int         b_unclassified;
  GArray     *ob_bands, *ppe_bands, *z_bands, *p2_bands;   /* KepilBand */
  int         ob_above, ppe_below, z_above, p2_above;
  double      ob_no_equipment_pct, ppe_none_required_pct, z_per, p2_per;
  int         p2_fatal_min;
  double      p3_max;
  int         p3_questions;
  gboolean    p3_unanswered_no;
  GArray     *levels, *enterprise_levels;                    /* KepilLevel */
  double      days_per_month, shifts_per_year, oppv_percent, months_per_year, normal_hours;
  double      milk_litres_per_shift;
  int         harmful_rank;
  int         kinds_per_harmful_factor;
} KepilMethodology;

/* Parses and checks a methodology document; names the member that is wrong. */
KepilMethodology *kepil_methodology_new_from_json   (JsonObject  *json,
                                                     GError     **error);
void              kepil_methodology_free            (KepilMethodology *m);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KepilMethodology, kepil_methodology_free)

/* The shipped default (no database needed). */
JsonObject       *kepil_methodology_default_json    (GError     **error);
/* Loads @spec (NULL = the default) from @db, putting the shipped default into the
 * database on first use; @db may be NULL, then only the shipped default exists. */
KepilMethodology *kepil_methodology_load            (KepilDb     *db,
                                                     const char  *spec,
                                                     GError     **error);
/* Splits "NAME@N" / "NAME vN" / "NAME" (version 0 = latest). */
void              kepil_methodology_parse_spec      (const char  *spec,
                                                     char       **name,
                                                     int         *version);
/* "KZ-RISK default v1". */
char             *kepil_methodology_label           (const KepilMethodology *m);
gboolean          kepil_methodology_ensure_default  (KepilDb     *db,
                                                     GError     **error);
/* {name, version, label, parent, created_at, created_by} of every methodology. */
GPtrArray        *kepil_methodology_list            (KepilDb     *db,
                                                     GError     **error);
/* Copies @from to a new version of @to_name (version 1 for a new name, else the
 * next) with @edits applied: members are dotted paths into the document
 * ("weights.harm_injury", "package.kinds.leave_days.high", "costs.days_per_month")
 * and values the new values.  The copy is checked before it is stored. */
gboolean          kepil_methodology_copy            (KepilDb     *db,
                                                     const char  *from,
                                                     const char  *to_name,
                                                     JsonObject  *edits,
                                                     char       **out_label,
                                                     GError     **error);
/* Class text to rank: "1" 10, "2" 20, "3.1".."3.4" 31..34, "4" 40; 0 when unknown. */
int               kepil_methodology_class_rank      (const char  *cls);
/* The text of a level in @lang ("en", "ru", "kk"); @enterprise selects the П bands. */
const char       *kepil_methodology_level_text      (const KepilMethodology *m,
                                                     const char  *key,
                                                     gboolean     enterprise,
                                                     const char  *lang);

G_END_DECLS
