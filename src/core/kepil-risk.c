/* kepil-risk.c — the risk-oriented model: R_ind, its inputs, П1–П3 and the guarantee package
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * R_ind = w1·(В+Т)/2 + w2·(Об+СИЗ)/2 + w3·З (seed 003, formula 4); the weights,
 * scales, bands and the package table are data of the methodology.
 */
#include "kepil-config.h"
#include "kepil-risk.h"
#include "kepil-norms.h"
#include "kepil-error.h"
#include "kepil-format.h"
#include "kepil-i18n.h"
#include "kepil-json.h"

#include <math.h>

double
kepil_risk_r_ind (const KepilMethodology *m, double B, double T, double Ob, double PPE, double Z)
{
  return m->w_harm_injury * (B + T) / 2.0 + m->w_equipment_ppe * (Ob + PPE) / 2.0 + m->w_morbidity * Z;
}

/* A level key of the data ("very_high"; "very high" too) as a message to translate; NULL when unknown. */
const char *
kepil_risk_level_msgid (const char *level)
{
  if (g_strcmp0 (level, "low") == 0)
    return N_("low");
  if (g_strcmp0 (level, "medium") == 0)
    return N_("medium");
  if (g_strcmp0 (level, "high") == 0)
    return N_("high");
  if (g_strcmp0 (level, "very_high") == 0 || g_strcmp0 (level, "very high") == 0)
    return N_("very high");
  return NULL;
}

/* The level as a word of the user's language. */
static const char *
level_word (const char *level)
{
  const char *msgid = kepil_risk_level_msgid (level);
  return msgid != NULL ? _(msgid) : level;
}

static const char *
level_of (GArray *levels, double tolerance, double value)
{
  const char *key = g_array_index (levels, KepilLevel, 0).key;

  for (guint i = 0; i < levels->len; i++)
    {
      const KepilLevel *l = &g_array_index (levels, KepilLevel, i);
      if (value >= l->min - tolerance)
        key = l->key;
    }
  return key;
}

const char *
kepil_risk_level (const KepilMethodology *m, double r_ind)
{
  return level_of (m->levels, m->tolerance, r_ind);
}

const char *
kepil_risk_enterprise_level (const KepilMethodology *m, double p)
{
  return level_of (m->enterprise_levels, m->tolerance, p);
}

JsonObject *
kepil_risk_compute (KepilDb *db, const char *methodology, double B, double T, double Ob, double PPE, double Z,
                    GError **error)
{
  g_autoptr (KepilMethodology) m = NULL;
  const double v[] = { B, T, Ob, PPE, Z };
  const char *names[] = { "B", "T", "Ob", "PPE", "Z" };
  JsonObject *o, *mo;
  double r;

  for (guint i = 0; i < G_N_ELEMENTS (v); i++)
    if (!isfinite (v[i]) || v[i] < 0)
      {
        g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                     _("The input %s must be a score of zero or more."), names[i]);
        return NULL;
      }
  m = kepil_methodology_load (db, methodology, error);
  if (m == NULL)
    return NULL;
  r = kepil_risk_r_ind (m, B, T, Ob, PPE, Z);
  o = json_object_new ();
  json_object_set_double_member (o, "r_ind", r);
  json_object_set_string_member (o, "level", kepil_risk_level (m, r));
  mo = json_object_new ();
  json_object_set_string_member (mo, "name", m->name);
  json_object_set_int_member (mo, "version", m->version);
  json_object_set_object_member (o, "methodology", mo);
  return o;
}

/* ---- inputs ------------------------------------------------------------ */

static JsonObject *
input_new (int score, char *how /* taken */)
{
  JsonObject *o = json_object_new ();
  json_object_set_int_member (o, "score", score);
  json_object_set_string_member (o, "how", how);
  g_free (how);
  return o;
}

/* Bands by rising "up to" bounds. */
static int
score_up_to (GArray *bands, int above, double tolerance, double value)
{
  for (guint i = 0; i < bands->len; i++)
    if (value <= g_array_index (bands, KepilBand, i).max + tolerance)
      return g_array_index (bands, KepilBand, i).score;
  return above;
}

/* Bands by falling "at least" bounds. */
static int
score_at_least (GArray *bands, int below, double tolerance, double value)
{
  for (guint i = 0; i < bands->len; i++)
    if (value >= g_array_index (bands, KepilBand, i).max - tolerance)
      return g_array_index (bands, KepilBand, i).score;
  return below;
}

static int
json_score (JsonObject *json, const char *section, const char *key)
{
  JsonObject *inputs = json_object_get_object_member (json, "inputs");
  JsonObject *t = inputs ? json_object_get_object_member (inputs, "T") : NULL;
  JsonObject *s = t && json_object_has_member (t, section) ? json_object_get_object_member (t, section) : NULL;
  return (int) kepil_json_int (s, key, (gint64) kepil_json_double (s, key, 0));
}

JsonObject *
kepil_risk_input_B (const KepilMethodology *m, const char *overall_class)
{
  int rank = kepil_methodology_class_rank (overall_class);
  int score;
  JsonObject *o;

  if (rank == 0)
    {
      o = input_new (m->b_unclassified,
                     g_strdup_printf (_("No overall class: the workplace has no classified measurements, score %d."),
                                      m->b_unclassified));
      json_object_set_null_member (o, "class");
      return o;
    }
  score = m->b_by_rank[rank] >= 0 ? m->b_by_rank[rank] : m->b_unclassified;
  o = input_new (score, g_strdup_printf (_("Overall class %s gives score %d."), overall_class, score));
  json_object_set_string_member (o, "class", overall_class);
  return o;
}

JsonObject *
kepil_risk_input_T (const KepilMethodology *m, gint64 assessed, gint64 non_compliant, gint64 dangerous,
                    gint64 accidents_5y, gint64 severe_5y, gint64 fatal_5y)
{
  int a, b;
  g_autofree char *how_a = NULL;
  g_autofree char *how_b = NULL;
  JsonObject *o;

  if (dangerous > 0)
    {
      a = json_score (m->json, "assessment", "dangerous");
      how_a = g_strdup_printf (_("injury safety assessed as dangerous (%ld of %ld"
                                 " items): %d"), dangerous, assessed, a);
    }
  else if (non_compliant > 0)
    {
      a = json_score (m->json, "assessment", "non_compliant");
      how_a = g_strdup_printf (_("injury safety not compliant (%ld of %ld"
                                 " items): %d"), non_compliant, assessed, a);
    }
  else if (assessed > 0)
    {
      a = json_score (m->json, "assessment", "compliant");
      how_a = g_strdup_printf (_("injury safety compliant (%ld items): %d"), assessed, a);
    }
  else
    {
      a = json_score (m->json, "assessment", "none");
      how_a = g_strdup_printf (_("no injury-safety assessment recorded: %d"), a);
    }

  if (fatal_5y > 0)
    {
      b = json_score (m->json, "accidents", "fatal");
      how_b = g_strdup_printf (_("%ld fatal accident(s) in 5 years: %d"), fatal_5y, b);
    }
  else if (severe_5y > 0)
    {
      b = json_score (m->json, "accidents", "severe");
      how_b = g_strdup_printf (_("%ld severe accident(s) in 5 years: %d"), severe_5y, b);
    }
  else if (accidents_5y >= 2)
    {
      b = json_score (m->json, "accidents", "two_or_more");
      how_b = g_strdup_printf (_("%ld accidents in 5 years: %d"), accidents_5y, b);
    }
  else if (accidents_5y == 1)
    {
      b = json_score (m->json, "accidents", "one_minor");
      how_b = g_strdup_printf (_("one minor accident in 5 years: %d"), b);
    }
  else
    {
      b = json_score (m->json, "accidents", "none");
      how_b = g_strdup_printf (_("no accidents in 5 years: %d"), b);
    }
  o = input_new (MAX (a, b), g_strdup_printf (_("The higher of %s and %s."), how_a, how_b));
  json_object_set_int_member (o, "assessment_score", a);
  json_object_set_int_member (o, "accidents_score", b);
  json_object_set_int_member (o, "assessed", assessed);
  json_object_set_int_member (o, "non_compliant", non_compliant);
  json_object_set_int_member (o, "dangerous", dangerous);
  json_object_set_int_member (o, "accidents_5y", accidents_5y);
  json_object_set_int_member (o, "severe_accidents_5y", severe_5y);
  json_object_set_int_member (o, "fatal_accidents_5y", fatal_5y);
  return o;
}

JsonObject *
kepil_risk_input_Ob_pct (const KepilMethodology *m, double pct)
{
  int score = score_up_to (m->ob_bands, m->ob_above, m->tolerance, pct);
  g_autofree char *p = kepil_format_number (pct, 1);
  JsonObject *o = input_new (score, g_strdup_printf (_("%s %% of the equipment does not meet safety requirements: score %d."),
                                                     p, score));
  json_object_set_double_member (o, "percent", pct);
  return o;
}

JsonObject *
kepil_risk_input_Ob (const KepilMethodology *m, gint64 equipment, gint64 non_compliant)
{
  JsonObject *o;

  if (equipment <= 0)
    {
      int score = score_up_to (m->ob_bands, m->ob_above, m->tolerance, m->ob_no_equipment_pct);
      o = input_new (score, g_strdup_printf (_("No equipment assessed at this workplace: score %d."), score));
      json_object_set_double_member (o, "percent", m->ob_no_equipment_pct);
    }
  else
    {
      double pct = 100.0 * (double) non_compliant / (double) equipment;
      g_autofree char *p = kepil_format_number (pct, 1);
      int score = score_up_to (m->ob_bands, m->ob_above, m->tolerance, pct);
      o = input_new (score, g_strdup_printf (_("%ld of %ld items of equipment (%s %%) "
                                               "do not meet safety requirements: score %d."),
                                             non_compliant, equipment, p, score));
      json_object_set_double_member (o, "percent", pct);
    }
  json_object_set_int_member (o, "equipment", equipment);
  json_object_set_int_member (o, "non_compliant", non_compliant);
  return o;
}

JsonObject *
kepil_risk_input_PPE_pct (const KepilMethodology *m, double pct)
{
  int score = score_at_least (m->ppe_bands, m->ppe_below, m->tolerance, pct);
  g_autofree char *p = kepil_format_number (pct, 1);
  JsonObject *o = input_new (score, g_strdup_printf (_("Provision with required, certified PPE is %s %%: score %d."),
                                                     p, score));
  json_object_set_double_member (o, "percent", pct);
  return o;
}

JsonObject *
kepil_risk_input_PPE (const KepilMethodology *m, gint64 required, gint64 provided)
{
  JsonObject *o;

  if (required <= 0)
    {
      int score = score_at_least (m->ppe_bands, m->ppe_below, m->tolerance, m->ppe_none_required_pct);
      o = input_new (score, g_strdup_printf (_("No PPE requirement recorded for this workplace: score %d."), score));
      json_object_set_double_member (o, "percent", m->ppe_none_required_pct);
    }
  else
    {
      double pct = 100.0 * (double) MIN (provided, required) / (double) required;
      g_autofree char *p = kepil_format_number (pct, 1);
      int score = score_at_least (m->ppe_bands, m->ppe_below, m->tolerance, pct);
      o = input_new (score, g_strdup_printf (_("%ld of %ld required PPE items issued and "
                                               "certified (%s %%): score %d."), provided, required, p, score));
      json_object_set_double_member (o, "percent", pct);
    }
  json_object_set_int_member (o, "required", required);
  json_object_set_int_member (o, "provided", provided);
  return o;
}

JsonObject *
kepil_risk_input_Z (const KepilMethodology *m, gint64 cases, gint64 workers)
{
  JsonObject *o;

  if (workers <= 0)
    {
      int score = score_up_to (m->z_bands, m->z_above, m->tolerance, 0);
      o = input_new (score, g_strdup_printf (_("No morbidity statistics for this profession: score %d."), score));
      json_object_set_double_member (o, "rate", 0);
    }
  else
    {
      double rate = m->z_per * (double) cases / (double) workers;
      g_autofree char *r = kepil_format_number (rate, 2);
      g_autofree char *per = kepil_format_number (m->z_per, 0);
      int score = score_up_to (m->z_bands, m->z_above, m->tolerance, rate);
      o = input_new (score, g_strdup_printf (_("%ld new occupational-disease cases in 5 years among %ld"
                                               " workers of the profession: %s per %s, score %d."),
                                             cases, workers, r, per, score));
      json_object_set_double_member (o, "rate", rate);
    }
  json_object_set_int_member (o, "disease_cases_5y", cases);
  json_object_set_int_member (o, "workers", workers);
  return o;
}

JsonObject *
kepil_risk_input_given (const char *input, double score)
{
  g_autofree char *s = kepil_format_number (score, 2);
  JsonObject *o = json_object_new ();

  if (score == floor (score))
    json_object_set_int_member (o, "score", (gint64) score);
  else
    json_object_set_double_member (o, "score", score);
  {
    g_autofree char *how = g_strdup_printf (_("Score %s of %s given directly (what-if)."), s, input);
    json_object_set_string_member (o, "how", how);
  }
  json_object_set_boolean_member (o, "given", TRUE);
  return o;
}

/* ---- enterprise -------------------------------------------------------- */

double
kepil_risk_p1 (const double *unit_r, const double *unit_headcount, guint n_units)
{
  double total = 0, sum = 0;

  for (guint i = 0; i < n_units; i++)
    total += unit_headcount[i];
  if (total <= 0)
    return 0;
  for (guint i = 0; i < n_units; i++)
    sum += (unit_headcount[i] / total) * unit_r[i];
  /* W_i = headcount_i / total, so Σ W_i = 1 and the seed's division by it vanishes. */
  return sum;
}

JsonObject *
kepil_risk_p2 (const KepilMethodology *m, gboolean have, gint64 year, gint64 average_headcount, gint64 accidents,
               gint64 fatal, gint64 disease_cases)
{
  double kch, kpz;
  int s_ch, s_pz, score;
  JsonObject *o;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (!have || average_headcount <= 0)
    {
      o = input_new (0, g_strdup (have ? _("The statistics of the last year give no average headcount: П2 = 0.")
                                       : _("No injury or disease statistics recorded: П2 = 0.")));
      if (have)
        json_object_set_int_member (o, "year", year);
      else
        json_object_set_null_member (o, "year");
      return o;
    }
  kch = (double) accidents * m->p2_per / (double) average_headcount;
  kpz = (double) disease_cases * m->p2_per / (double) average_headcount;
  s_ch = score_up_to (m->p2_bands, m->p2_above, m->tolerance, kch);
  s_pz = score_up_to (m->p2_bands, m->p2_above, m->tolerance, kpz);
  score = MAX (s_ch, s_pz);
  a = kepil_format_number (kch, 3);
  b = kepil_format_number (kpz, 3);
  if (fatal > 0 && score < m->p2_fatal_min)
    {
      score = m->p2_fatal_min;
      o = input_new (score, g_strdup_printf (_("Year %ld: injury frequency %s (score %d), disease "
                                               "frequency %s (score %d); a fatal accident raises П2 to %d."),
                                             year, a, s_ch, b, s_pz, score));
    }
  else
    o = input_new (score, g_strdup_printf (_("Year %ld: injury frequency %s (score %d), disease "
                                             "frequency %s (score %d); П2 = %d."), year, a, s_ch, b, s_pz, score));
  json_object_set_int_member (o, "year", year);
  json_object_set_double_member (o, "kch", kch);
  json_object_set_double_member (o, "kpz", kpz);
  json_object_set_int_member (o, "average_headcount", average_headcount);
  json_object_set_int_member (o, "accidents", accidents);
  json_object_set_int_member (o, "fatal_accidents", fatal);
  json_object_set_int_member (o, "disease_cases", disease_cases);
  return o;
}

JsonObject *
kepil_risk_p3 (const KepilMethodology *m, gint64 year, const int *answers)
{
  int no = 0, yes = 0, unanswered = 0;
  JsonArray *noes = json_array_new ();
  JsonObject *o;
  double p3;
  g_autofree char *p = NULL;

  for (int q = 0; q < m->p3_questions; q++)
    {
      if (answers[q] == 1)
        yes++;
      else if (answers[q] == 0 || m->p3_unanswered_no)
        {
          no++;
          json_array_add_int_element (noes, q + 1);
          if (answers[q] != 0)
            unanswered++;
        }
      else
        unanswered++;
    }
  p3 = m->p3_max * (double) no / (double) m->p3_questions;
  p = kepil_format_number (p3, 2);
  if (unanswered > 0 && m->p3_unanswered_no)
    o = input_new (0, g_strdup_printf (_("%d of %d answers are “no” (%d of them unanswered, counted as “no”): П3 = %s."),
                                       no, m->p3_questions, unanswered, p));
  else
    o = input_new (0, g_strdup_printf (_("%d of %d answers are “no”: П3 = %s."), no, m->p3_questions, p));
  json_object_set_double_member (o, "score", p3);
  if (year > 0)
    json_object_set_int_member (o, "year", year);
  else
    json_object_set_null_member (o, "year");
  json_object_set_int_member (o, "yes", yes);
  json_object_set_int_member (o, "no", no);
  json_object_set_int_member (o, "unanswered", unanswered);
  json_object_set_array_member (o, "no_questions", noes);
  return o;
}

/* ---- package ----------------------------------------------------------- */

/* TRUE when a factor matches one condition {"groups":[…], "min_class":"3.1"}; names it in @why. */
static gboolean
condition_holds (JsonObject *cond, JsonArray *factors, GString *why)
{
  int min_rank = kepil_methodology_class_rank (kepil_json_str (cond, "min_class", "3.1"));
  JsonArray *groups = json_object_has_member (cond, "groups") ? json_object_get_array_member (cond, "groups") : NULL;

  if (factors == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (factors); i++)
    {
      JsonObject *f = json_array_get_object_element (factors, i);
      const char *group = kepil_json_str (f, "group", "");
      gint64 rank = kepil_json_int (f, "rank", kepil_methodology_class_rank (kepil_json_str (f, "class", NULL)));
      gboolean in_group = groups == NULL;

      for (guint g = 0; groups && g < json_array_get_length (groups); g++)
        if (g_strcmp0 (json_array_get_string_element (groups, g), group) == 0)
          in_group = TRUE;
      if (in_group && rank >= min_rank)
        {
          const char *factor = kepil_json_str (f, "factor", "?");
          if (g_strcmp0 (factor, group) == 0)
            g_string_append_printf (why, _("%s, class %s"), kepil_factor_label (factor), kepil_json_str (f, "class", "?"));
          else
            g_string_append_printf (why, _("%s (%s) class %s"), kepil_factor_label (factor), kepil_factor_label (group),
                                    kepil_json_str (f, "class", "?"));
          return TRUE;
        }
    }
  return FALSE;
}

static void
describe_conditions (JsonArray *conds, GString *s)
{
  for (guint i = 0; i < json_array_get_length (conds); i++)
    {
      JsonObject *c = json_array_get_object_element (conds, i);
      JsonArray *groups = json_object_has_member (c, "groups") ? json_object_get_array_member (c, "groups") : NULL;
      if (i > 0)
        g_string_append (s, _(" or "));
      if (groups == NULL)
        g_string_append (s, _("any factor"));
      else
        for (guint g = 0; g < json_array_get_length (groups); g++)
          {
            if (g > 0)
              g_string_append (s, "/");
            g_string_append (s, kepil_factor_label (json_array_get_string_element (groups, g)));
          }
      g_string_append_printf (s, " ≥ %s", kepil_json_str (c, "min_class", "3.1"));
    }
}

/* The value of one kind at one level, and the sentence saying why. */
static JsonNode *
kind_value (JsonObject *kinds, const char *kind, const char *level, JsonArray *factors, char **rule)
{
  JsonObject *k = json_object_get_object_member (kinds, kind);
  JsonNode *n = k ? json_object_get_member (k, level) : NULL;

  if (n == NULL)
    {
      *rule = g_strdup (_("not in the methodology's table"));
      return NULL;
    }
  if (JSON_NODE_HOLDS_OBJECT (n))
    {
      JsonObject *c = json_node_get_object (n);
      JsonArray *conds = json_object_has_member (c, "if") ? json_object_get_array_member (c, "if") : NULL;
      g_autoptr (GString) why = g_string_new (NULL);
      g_autoptr (GString) what = g_string_new (NULL);
      gboolean holds = FALSE;

      for (guint i = 0; conds && i < json_array_get_length (conds) && !holds; i++)
        holds = condition_holds (json_array_get_object_element (conds, i), factors, why);
      if (conds)
        describe_conditions (conds, what);
      if (holds)
        *rule = g_strdup_printf (_("%s risk and %s (the table asks %s)"), level_word (level), why->str, what->str);
      else
        *rule = g_strdup_printf (_("%s risk, no factor meets %s"), level_word (level), what->str);
      return json_object_get_member (c, holds ? "then" : "else");
    }
  *rule = g_strdup_printf (_("%s risk: the methodology's table"), level_word (level));
  return n;
}

JsonObject *
kepil_risk_package (const KepilMethodology *m, const char *level, JsonArray *factors, double pay_coefficient,
                    const char *lpp_ration)
{
  static const char *const kinds[] = { "leave_days", "hours_per_week", "pay_percent", "milk", "lpp", "oppv",
                                       "early_pension", "medical", "ppe" };
  JsonObject *pkg = json_object_new ();
  JsonObject *table = json_object_get_object_member (m->json, "package");
  JsonObject *kt = json_object_get_object_member (table, "kinds");
  JsonArray *excludes = json_object_has_member (table, "excludes") ? json_object_get_array_member (table, "excludes")
                                                                   : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *rule = NULL;
      JsonNode *v = kind_value (kt, kinds[i], level, factors, &rule);
      JsonObject *o = json_object_new ();

      if (v == NULL || !JSON_NODE_HOLDS_VALUE (v))
        json_object_set_boolean_member (o, "value", FALSE);
      else if (json_node_get_value_type (v) == G_TYPE_BOOLEAN)
        json_object_set_boolean_member (o, "value", json_node_get_boolean (v));
      else if (g_str_equal (kinds[i], "pay_percent"))
        {
          double pay = json_node_get_double (v);
          if (pay_coefficient != 1.0 && pay > 0)
            {
              g_autofree char *c = kepil_format_number (pay_coefficient, 2);
              g_autofree char *r2 = g_strdup_printf (_("%s, times the sector coefficient %s"), rule, c);
              g_free (rule);
              rule = g_steal_pointer (&r2);
              pay *= pay_coefficient;
            }
          json_object_set_double_member (o, "value", pay);
        }
      else
        json_object_set_int_member (o, "value", (gint64) llround (json_node_get_double (v)));
      if (g_str_equal (kinds[i], "milk") && json_object_get_boolean_member (o, "value"))
        json_object_set_double_member (o, "litres_per_shift", m->milk_litres_per_shift);
      if (g_str_equal (kinds[i], "lpp") && json_object_get_boolean_member (o, "value"))
        {
          if (lpp_ration && *lpp_ration)
            json_object_set_string_member (o, "ration", lpp_ration);
          else
            json_object_set_null_member (o, "ration");
        }
      json_object_set_string_member (o, "rule", rule);
      json_object_set_object_member (pkg, kinds[i], o);
    }
  /* Exclusions: a kind given when another is (ЛПП excludes milk). */
  for (guint i = 0; excludes && i < json_array_get_length (excludes); i++)
    {
      JsonObject *e = json_array_get_object_element (excludes, i);
      const char *kind = kepil_json_str (e, "kind", "");
      const char *when = kepil_json_str (e, "when", "");
      JsonObject *ko = json_object_has_member (pkg, kind) ? json_object_get_object_member (pkg, kind) : NULL;
      JsonObject *wo = json_object_has_member (pkg, when) ? json_object_get_object_member (pkg, when) : NULL;

      if (ko && wo && json_object_get_boolean_member (wo, "value") && json_object_get_boolean_member (ko, "value"))
        {
          g_autofree char *rule = g_strdup_printf (_("not given: %s is given instead (%s)"), when,
                                                   kepil_json_str (e, "source", ""));
          json_object_set_boolean_member (ko, "value", FALSE);
          json_object_remove_member (ko, "litres_per_shift");
          json_object_set_string_member (ko, "rule", rule);
        }
    }
  return pkg;
}
