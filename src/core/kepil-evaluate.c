/* kepil-evaluate.c — the whole evaluation: classes, the List, the risk model, flags and costs
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass over rows read once (no SQL per workplace), so that 20,000 workplaces take
 * about a second.  The classification and the List are other parts of the core; their
 * functions are referenced weakly, so a build without them still evaluates the risk
 * model and says plainly what is not available.
 */
#include "kepil-config.h"
#include "kepil-evaluate.h"
#include "kepil-compare.h"
#include "kepil-entity.h"
#include "kepil-error.h"
#include "kepil-format.h"
#include "kepil-i18n.h"
#include "kepil-json.h"
#include "kepil-methodology.h"
#include "kepil-risk.h"
#include "kepil-store-risk.h"

#include <math.h>
#include <string.h>

#if __has_include ("kepil-classify.h")
# include "kepil-classify.h"
#else
GHashTable *kepil_classify_database (KepilDb *db, const char *norm_set, GError **error);
JsonObject *kepil_classify_measurements (KepilDb *db, const char *norm_set, GPtrArray *measurements,
                                         const char *work_category, gint64 men, gint64 women, GError **error);
#endif
#if __has_include ("kepil-lists.h")
# include "kepil-lists.h"
#else
GHashTable *kepil_lists_evaluate (KepilDb *db, GHashTable *classes, GError **error);
JsonObject *kepil_lists_evaluate_workplace (KepilDb *db, gint64 workplace_id, JsonObject *classes, GError **error);
#endif
#pragma weak kepil_classify_database
#pragma weak kepil_classify_measurements
#pragma weak kepil_lists_evaluate
#pragma weak kepil_lists_evaluate_workplace

typedef struct {
  gint64      workplace_id;
  JsonObject *changes;
} Overrides;

static JsonObject *
obj_member (JsonObject *o, const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;
  return n && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

/* Rows keyed by one integer column (keys owned by the table, rows by @rows). */
static GHashTable *
index_rows (GPtrArray *rows, const char *key)
{
  GHashTable *h = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; rows && i < rows->len; i++)
    {
      JsonObject *o = g_ptr_array_index (rows, i);
      gint64 *k = g_new (gint64, 1);
      *k = kepil_json_int (o, key, 0);
      g_hash_table_insert (h, k, o);
    }
  return h;
}

typedef struct {
  KepilDb          *db;
  KepilMethodology *m;
  GHashTable       *classes;   /* may be NULL: no classification in this build */
  GHashTable       *lists;     /* may be NULL: no List side in this build */
  GPtrArray        *enterprises, *units, *workplaces, *safety, *ppe, *pstats, *estats, *checklist;
  GHashTable       *ent_by_id, *unit_by_id, *safety_by_wp, *ppe_by_wp, *pstats_by_prof, *estats_by_ent;
  GHashTable       *packages;  /* what decides a package (see package_key) → the package, shared read-only */
  GHashTable       *inputs;    /* "B|3.1", "T|…" (the arguments of kepil_risk_input_*) → the input, shared read-only */
  GHashTable       *rows;      /* what the comparison rows are made of → the rows, shared read-only */
} Ctx;

static void
ctx_clear (Ctx *c)
{
  g_clear_pointer (&c->m, kepil_methodology_free);
  g_clear_pointer (&c->classes, g_hash_table_unref);
  g_clear_pointer (&c->lists, g_hash_table_unref);
  g_clear_pointer (&c->ent_by_id, g_hash_table_unref);
  g_clear_pointer (&c->unit_by_id, g_hash_table_unref);
  g_clear_pointer (&c->safety_by_wp, g_hash_table_unref);
  g_clear_pointer (&c->ppe_by_wp, g_hash_table_unref);
  g_clear_pointer (&c->pstats_by_prof, g_hash_table_unref);
  g_clear_pointer (&c->estats_by_ent, g_hash_table_unref);
  g_clear_pointer (&c->packages, g_hash_table_unref);
  g_clear_pointer (&c->inputs, g_hash_table_unref);
  g_clear_pointer (&c->rows, g_hash_table_unref);
  g_clear_pointer (&c->enterprises, g_ptr_array_unref);
  g_clear_pointer (&c->units, g_ptr_array_unref);
  g_clear_pointer (&c->workplaces, g_ptr_array_unref);
  g_clear_pointer (&c->safety, g_ptr_array_unref);
  g_clear_pointer (&c->ppe, g_ptr_array_unref);
  g_clear_pointer (&c->pstats, g_ptr_array_unref);
  g_clear_pointer (&c->estats, g_ptr_array_unref);
  g_clear_pointer (&c->checklist, g_ptr_array_unref);
}

static gboolean
load_rows (Ctx *c, GError **error)
{
  if (!(c->enterprises = kepil_store_risk_rows (c->db, KEPIL_RISK_ROWS_ENTERPRISES, error)) ||
      !(c->units = kepil_store_risk_rows (c->db, KEPIL_RISK_ROWS_UNITS, error)) ||
      !(c->workplaces = kepil_store_risk_rows (c->db, KEPIL_RISK_ROWS_WORKPLACES, error)) ||
      !(c->safety = kepil_store_risk_rows (c->db, KEPIL_RISK_ROWS_SAFETY, error)) ||
      !(c->ppe = kepil_store_risk_rows (c->db, KEPIL_RISK_ROWS_PPE, error)) ||
      !(c->pstats = kepil_store_risk_rows (c->db, KEPIL_RISK_ROWS_PROFESSION_STATS, error)) ||
      !(c->estats = kepil_store_risk_rows (c->db, KEPIL_RISK_ROWS_ENTERPRISE_STATS, error)) ||
      !(c->checklist = kepil_store_risk_rows (c->db, KEPIL_RISK_ROWS_CHECKLIST, error)))
    return FALSE;
  c->ent_by_id = index_rows (c->enterprises, "id");
  c->unit_by_id = index_rows (c->units, "id");
  c->safety_by_wp = index_rows (c->safety, "workplace_id");
  c->ppe_by_wp = index_rows (c->ppe, "workplace_id");
  c->pstats_by_prof = index_rows (c->pstats, "profession_id");
  c->estats_by_ent = index_rows (c->estats, "enterprise_id");
  return TRUE;
}

static JsonObject *
lookup (GHashTable *h, gint64 id)
{
  return h ? g_hash_table_lookup (h, &id) : NULL;
}

static double
change_number (JsonObject *changes, const char *key, gboolean *present)
{
  JsonNode *n = changes ? json_object_get_member (changes, key) : NULL;
  *present = n != NULL && JSON_NODE_HOLDS_VALUE (n);
  return *present ? json_node_get_double (n) : 0;
}

static double
wp_headcount (JsonObject *wp)
{
  gint64 h = kepil_json_int (wp, "men", 0) + kepil_json_int (wp, "women", 0);
  return (double) (h > 0 ? h : kepil_json_int (wp, "count", 1));
}

static const char *const hc_kinds[] = { "leave", "pay", "oppv", "milk", "lpp", "hours" };

static gboolean
grants_kind (const KepilGuarantees *g, const char *hc_kind, double normal)
{
  if (g_str_equal (hc_kind, "leave")) return g->leave_days > 0;
  if (g_str_equal (hc_kind, "pay")) return g->pay_percent > 0;
  if (g_str_equal (hc_kind, "oppv")) return g->oppv;
  if (g_str_equal (hc_kind, "milk")) return g->milk;
  if (g_str_equal (hc_kind, "lpp")) return g->lpp;
  return g->hours_per_week < normal;
}

static void
set_node_or_null (JsonObject *o, const char *member, JsonObject *value)
{
  if (value)
    json_object_set_object_member (o, member, json_object_ref (value));
  else
    json_object_set_null_member (o, member);
}

/* Everything kepil_risk_package() reads: the level, the pay coefficient, the LPP ration and each
 * factor's key, group, class and rank.  Workplaces with the same key get the same package. */
static char *
package_key (const char *level, JsonArray *factors, double pay_coef, const char *ration)
{
  GString *k = g_string_sized_new (128);

  g_string_append_printf (k, "%s|%.17g|%s|%d", level ? level : "", pay_coef, ration ? ration : "\x01", ration != NULL);
  for (guint i = 0; factors != NULL && i < json_array_get_length (factors); i++)
    {
      JsonObject *f = json_array_get_object_element (factors, i);
      JsonNode *cn = f ? json_object_get_member (f, "class") : NULL;
      JsonNode *rn = f ? json_object_get_member (f, "rank") : NULL;
      g_string_append_printf (k, "|%s\x02%s\x02%s\x02%ld\x02%d%d", kepil_json_str (f, "factor", "\x03"),
                              kepil_json_str (f, "group", "\x03"), kepil_json_str (f, "class", "\x03"),
                              kepil_json_int (f, "rank", -1), cn == NULL, rn == NULL);
    }
  return g_string_free (k, FALSE);
}

static JsonObject *
shared_package (Ctx *c, const char *level, JsonArray *factors, double pay_coef, const char *ration)
{
  char *key = package_key (level, factors, pay_coef, ration);
  JsonObject *p;

  if (c->packages == NULL)
    c->packages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  p = g_hash_table_lookup (c->packages, key);
  if (p == NULL)
    {
      p = kepil_risk_package (c->m, level, factors, pay_coef, ration);
      json_object_seal (p);
      g_hash_table_insert (c->packages, key, p);
    }
  else
    g_free (key);
  return json_object_ref (p);
}

/* The risk inputs are pure functions of a few numbers, and most workplaces share them: one sealed object
 * per distinct argument list.  @key (taken) spells out @args and @str, which @make is called with. */
static JsonObject *
shared_input (Ctx *c, char *key, JsonObject *(*make) (Ctx *c, const gint64 *a, const char *s),
              const gint64 *args, const char *str)
{
  JsonObject *o;

  if (c->inputs == NULL)
    c->inputs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  o = g_hash_table_lookup (c->inputs, key);
  if (o == NULL)
    {
      o = make (c, args, str);
      json_object_seal (o);
      g_hash_table_insert (c->inputs, key, o);
    }
  else
    g_free (key);
  return json_object_ref (o);
}

static JsonObject *
make_T (Ctx *c, const gint64 *a, const char *s)
{
  return kepil_risk_input_T (c->m, a[0], a[1], a[2], a[3], a[4], a[5]);
}

static JsonObject *
make_Ob (Ctx *c, const gint64 *a, const char *s)
{
  return kepil_risk_input_Ob (c->m, a[0], a[1]);
}

static JsonObject *
make_PPE (Ctx *c, const gint64 *a, const char *s)
{
  return kepil_risk_input_PPE (c->m, a[0], a[1]);
}

static JsonObject *
make_Z (Ctx *c, const gint64 *a, const char *s)
{
  return kepil_risk_input_Z (c->m, a[0], a[1]);
}

static JsonObject *
make_B (Ctx *c, const gint64 *a, const char *s)
{
  return kepil_risk_input_B (c->m, s);
}

/* One workplace: inputs, R_ind, package, comparison, flags, costs. */
static JsonObject *
workplace_result (Ctx *c, JsonObject *wp, JsonObject *ent, JsonObject *classes, JsonObject *list,
                  JsonObject *changes, KepilGuarantees *out_lg)
{
  const KepilMethodology *m = c->m;
  gint64 id = kepil_json_int (wp, "id", 0);
  JsonObject *o = json_object_new ();
  JsonObject *inputs = json_object_new ();
  JsonObject *safety = lookup (c->safety_by_wp, id);
  JsonObject *ppe = lookup (c->ppe_by_wp, id);
  JsonObject *ps = lookup (c->pstats_by_prof, kepil_json_int (wp, "profession_id", 0));
  static const char *const names[] = { "B", "T", "Ob", "PPE", "Z" };
  JsonObject *in[5];
  double s[5];
  double r, pay_coef = 1.0, headcount = wp_headcount (wp);
  const char *level;
  JsonArray *factors = classes && json_object_has_member (classes, "factors")
                       ? json_object_get_array_member (classes, "factors") : NULL;
  JsonObject *lpp_grant = obj_member (obj_member (list, "grants"), "lpp");
  JsonObject *package, *costs;
  JsonArray *rows, *flags;
  KepilGuarantees lg, mg;
  KepilCostParams cp;
  gboolean given;
  double v;

  {
    const char *oc = kepil_json_str (classes, "overall", NULL);
    gint64 t[6] = { kepil_json_int (safety, "n", 0), kepil_json_int (safety, "non_compliant", 0),
                    kepil_json_int (safety, "dangerous", 0), kepil_json_int (wp, "accidents_5y", 0),
                    kepil_json_int (wp, "severe_accidents_5y", 0), kepil_json_int (wp, "fatal_accidents_5y", 0) };
    gint64 ob[2] = { t[0], t[1] };
    gint64 pp[2] = { kepil_json_int (ppe, "required", 0), kepil_json_int (ppe, "provided", 0) };
    gint64 z[2] = { kepil_json_int (ps, "disease_cases_5y", 0), kepil_json_int (ps, "workers", 0) };

    in[0] = shared_input (c, g_strdup_printf ("B|%d|%s", oc != NULL, oc ? oc : ""), make_B, NULL, oc);
    in[1] = shared_input (c, g_strdup_printf ("T|%ld|%ld|%ld|%ld|%ld|%ld", t[0], t[1], t[2], t[3], t[4], t[5]), make_T, t,
                          NULL);
    in[2] = shared_input (c, g_strdup_printf ("Ob|%ld|%ld", ob[0], ob[1]), make_Ob, ob, NULL);
    v = change_number (changes, "ppe_pct", &given);
    in[3] = given ? kepil_risk_input_PPE_pct (m, v)
                  : shared_input (c, g_strdup_printf ("PPE|%ld|%ld", pp[0], pp[1]), make_PPE, pp, NULL);
    in[4] = shared_input (c, g_strdup_printf ("Z|%ld|%ld", z[0], z[1]), make_Z, z, NULL);
  }
  for (guint i = 0; i < 5; i++)
    {
      v = change_number (changes, names[i], &given);
      if (given)
        {
          json_object_unref (in[i]);
          in[i] = kepil_risk_input_given (names[i], v);
        }
      s[i] = kepil_json_double (in[i], "score", 0);
      json_object_set_object_member (inputs, names[i], in[i]);
    }
  r = kepil_risk_r_ind (m, s[0], s[1], s[2], s[3], s[4]);
  level = kepil_risk_level (m, r);
  if (kepil_json_int (ent, "apply_sector_coefficient", 0))
    pay_coef = kepil_json_double (ent, "sector_coefficient", 1.0);
  package = shared_package (c, level, factors, pay_coef, kepil_json_str (lpp_grant, "ration", NULL));

  kepil_guarantees_from_list (list, m->normal_hours, &lg);
  kepil_guarantees_from_package (package, m->normal_hours, &mg);
  if (c->rows == NULL)
    c->rows = kepil_compare_rows_memo_new ();
  rows = kepil_compare_rows_shared (c->rows, list, classes, package, &lg, &mg, m->normal_hours);
  flags = kepil_compare_flags (m, list, classes, rows, &lg);

  cp.headcount = headcount;
  cp.monthly_wage = kepil_json_double (wp, "wage", 0) > 0 ? kepil_json_double (wp, "wage", 0)
                                                          : kepil_json_double (ent, "average_wage", 0);
  cp.days_per_month = m->days_per_month;
  cp.shifts_per_year = kepil_json_int (ent, "shifts_per_year", 0) > 0 ? (double) kepil_json_int (ent, "shifts_per_year", 0)
                                                                      : m->shifts_per_year;
  cp.months_per_year = m->months_per_year;
  cp.oppv_percent = m->oppv_percent;
  cp.normal_hours = m->normal_hours;
  cp.milk_price = kepil_json_double (ent, "milk_price", 0);
  cp.lpp_ration_cost = kepil_json_double (ent, "lpp_ration_cost", 0);
  costs = kepil_costs_columns (&cp, &lg, &mg);
  {
    JsonObject *basis = json_object_new ();
    json_object_set_double_member (basis, "headcount", cp.headcount);
    json_object_set_double_member (basis, "monthly_wage", cp.monthly_wage);
    json_object_set_string_member (basis, "wage_from", kepil_json_double (wp, "wage", 0) > 0 ? "workplace" : "enterprise");
    json_object_set_double_member (basis, "daily_wage", cp.monthly_wage / cp.days_per_month);
    json_object_set_double_member (basis, "shifts_per_year", cp.shifts_per_year);
    json_object_set_double_member (basis, "milk_price", cp.milk_price);
    json_object_set_double_member (basis, "lpp_ration_cost", cp.lpp_ration_cost);
    json_object_set_object_member (costs, "basis", basis);
  }

  json_object_set_int_member (o, "id", id);
  json_object_set_string_member (o, "code", kepil_json_str (wp, "code", ""));
  json_object_set_int_member (o, "enterprise_id", kepil_json_int (wp, "enterprise_id", 0));
  json_object_set_int_member (o, "unit_id", kepil_json_int (wp, "unit_id", 0));
  json_object_set_string_member (o, "profession", kepil_json_str (wp, "profession", ""));
  json_object_set_string_member (o, "profession_kk", kepil_json_str (wp, "profession_kk", ""));
  json_object_set_int_member (o, "headcount", (gint64) headcount);
  json_object_set_int_member (o, "men", kepil_json_int (wp, "men", 0));
  json_object_set_int_member (o, "women", kepil_json_int (wp, "women", 0));
  json_object_set_string_member (o, "analog_group", kepil_json_str (wp, "analog_group", ""));
  set_node_or_null (o, "classes", classes);
  set_node_or_null (o, "list", list);
  json_object_set_object_member (o, "inputs", inputs);
  json_object_set_double_member (o, "r_ind", r);
  json_object_set_string_member (o, "level", level);
  json_object_set_object_member (o, "package", package);
  json_object_set_array_member (o, "comparison", rows);
  json_object_set_array_member (o, "flags", flags);
  json_object_set_object_member (o, "costs", costs);
  *out_lg = lg;
  return o;
}

typedef struct {
  double     r_weighted, weight, headcount;
  guint      n;
  double     r_sum;
  JsonObject *costs;
} UnitAcc;

typedef struct {
  gint64     counts[G_N_ELEMENTS (hc_kinds)];
  double     headcount;
  JsonObject *costs;
  GString    *why;
  guint      why_n;
} EntAcc;

static void
unit_acc_free (UnitAcc *u)
{
  json_object_unref (u->costs);
  g_free (u);
}

static void
ent_acc_free (EntAcc *e)
{
  json_object_unref (e->costs);
  g_string_free (e->why, TRUE);
  g_free (e);
}

static JsonObject *
enterprise_result (Ctx *c, JsonObject *ent, EntAcc *acc, GHashTable *unit_accs, JsonObject *changes)
{
  const KepilMethodology *m = c->m;
  gint64 eid = kepil_json_int (ent, "id", 0);
  JsonObject *o = json_object_new ();
  JsonObject *inputs = json_object_new ();
  JsonObject *hc = json_object_new ();
  JsonArray *units = json_array_new ();
  JsonArray *flags = json_array_new ();
  JsonObject *stats = lookup (c->estats_by_ent, eid);
  g_autoptr (GArray) ur = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) uh = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree int *answers = g_new (int, m->p3_questions);
  gint64 year = 0;
  double p1, p2, p3, p;
  JsonObject *p1o, *p2o, *p3o, *hf;
  JsonArray *consistent = NULL;

  for (guint i = 0; i < c->units->len; i++)
    {
      JsonObject *u = g_ptr_array_index (c->units, i);
      gint64 uid = kepil_json_int (u, "id", 0);
      UnitAcc *a = g_hash_table_lookup (unit_accs, &uid);
      JsonObject *uo;
      double r, h;

      if (kepil_json_int (u, "enterprise_id", 0) != eid || a == NULL)
        continue;
      r = a->weight > 0 ? a->r_weighted / a->weight : (a->n ? a->r_sum / a->n : 0);
      h = kepil_json_int (u, "headcount", 0) > 0 ? (double) kepil_json_int (u, "headcount", 0) : a->headcount;
      g_array_append_val (ur, r);
      g_array_append_val (uh, h);
      uo = json_object_new ();
      json_object_set_int_member (uo, "id", uid);
      json_object_set_string_member (uo, "name_ru", kepil_json_str (u, "name_ru", ""));
      json_object_set_string_member (uo, "name_kk", kepil_json_str (u, "name_kk", ""));
      json_object_set_int_member (uo, "headcount", (gint64) h);
      json_object_set_int_member (uo, "workplaces", a->n);
      json_object_set_double_member (uo, "r", r);
      json_object_set_object_member (uo, "costs", json_object_ref (a->costs));
      json_array_add_object_element (units, uo);
    }
  p1 = kepil_risk_p1 ((double *) ur->data, (double *) uh->data, ur->len);
  {
    g_autofree char *t = kepil_format_number (p1, 3);
    g_autofree char *how = g_strdup_printf (ngettext ("%u structural unit, weighted by headcount: П1 = %s.",
                                                      "%u structural units, weighted by headcount: П1 = %s.", ur->len),
                                            ur->len, t);
    p1o = json_object_new ();
    json_object_set_double_member (p1o, "score", p1);
    json_object_set_string_member (p1o, "how", how);
  }
  p2o = kepil_risk_p2 (m, stats != NULL, kepil_json_int (stats, "year", 0), kepil_json_int (stats, "average_headcount", 0),
                       kepil_json_int (stats, "accidents", 0), kepil_json_int (stats, "fatal_accidents", 0),
                       kepil_json_int (stats, "disease_cases", 0));
  p2 = kepil_json_double (p2o, "score", 0);
  for (int q = 0; q < m->p3_questions; q++)
    answers[q] = -1;
  for (guint i = 0; i < c->checklist->len; i++)
    {
      JsonObject *a = g_ptr_array_index (c->checklist, i);
      gint64 q = kepil_json_int (a, "question", 0);
      if (kepil_json_int (a, "enterprise_id", 0) != eid)
        continue;
      year = kepil_json_int (a, "year", 0);
      if (q >= 1 && q <= m->p3_questions)
        answers[q - 1] = (int) kepil_json_int (a, "answer", 0);
    }
  for (int q = 1; changes && q <= m->p3_questions; q++)
    {
      g_autofree char *key = g_strdup_printf ("checklist:%d", q);
      gboolean given;
      double v = change_number (changes, key, &given);
      if (given)
        answers[q - 1] = v != 0 ? 1 : 0;
    }
  p3o = kepil_risk_p3 (m, year, answers);
  p3 = kepil_json_double (p3o, "score", 0);
  p = p1 + p2 + p3;

  json_object_set_object_member (inputs, "p1", p1o);
  json_object_set_object_member (inputs, "p2", p2o);
  json_object_set_object_member (inputs, "p3", p3o);
  for (guint k = 0; k < G_N_ELEMENTS (hc_kinds); k++)
    json_object_set_int_member (hc, hc_kinds[k], acc ? acc->counts[k] : 0);
  {
    JsonObject *fl = obj_member (m->json, "flags");
    if (fl && json_object_has_member (fl, "consistent_headcounts"))
      consistent = json_object_get_array_member (fl, "consistent_headcounts");
  }
  hf = kepil_compare_headcounts_flag (hc, consistent, acc && acc->why->len ? acc->why->str : NULL);
  if (hf)
    json_array_add_object_element (flags, hf);

  json_object_set_int_member (o, "id", eid);
  json_object_set_string_member (o, "name_ru", kepil_json_str (ent, "name_ru", ""));
  json_object_set_string_member (o, "name_kk", kepil_json_str (ent, "name_kk", ""));
  json_object_set_int_member (o, "headcount", acc ? (gint64) acc->headcount : 0);
  json_object_set_double_member (o, "p1", p1);
  json_object_set_double_member (o, "p2", p2);
  json_object_set_double_member (o, "p3", p3);
  json_object_set_double_member (o, "p", p);
  json_object_set_string_member (o, "level", kepil_risk_enterprise_level (m, p));
  json_object_set_object_member (o, "inputs", inputs);
  json_object_set_object_member (o, "headcounts", hc);
  json_object_set_object_member (o, "costs", acc ? json_object_ref (acc->costs) : kepil_costs_zero ());
  json_object_set_array_member (o, "flags", flags);
  json_object_set_array_member (o, "units", units);
  return o;
}

/* Applies the what-if changes that alter measured values: the workplace is classified
 * again from its measurements with the new values, and the List side follows. */
static gboolean
apply_measurement_changes (Ctx *c, const char *norm_set, const Overrides *ov, JsonObject *wp, GError **error)
{
  g_autoptr (GPtrArray) ms = NULL;
  g_autoptr (GList) members = NULL;
  gboolean any = FALSE;
  JsonObject *cls;
  gint64 *key;

  members = json_object_get_members (ov->changes);
  for (GList *l = members; l; l = l->next)
    if (g_str_has_prefix (l->data, "measurement:"))
      any = TRUE;
  if (!any)
    return TRUE;
  if (kepil_classify_measurements == NULL)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_FAILED,
                   _("This build of Kepil has no classification, so a measured value cannot be changed in a what-if."));
      return FALSE;
    }
  ms = kepil_entity_list (c->db, "measurement", "workplace_id", ov->workplace_id, error);
  if (ms == NULL)
    return FALSE;
  for (GList *l = members; l; l = l->next)
    {
      const char *k = l->data;
      gint64 mid;
      gboolean found = FALSE;
      if (!g_str_has_prefix (k, "measurement:"))
        continue;
      mid = g_ascii_strtoll (k + strlen ("measurement:"), NULL, 10);
      for (guint i = 0; i < ms->len; i++)
        {
          JsonObject *mo = g_ptr_array_index (ms, i);
          if (kepil_json_int (mo, "id", 0) == mid)
            {
              json_object_set_double_member (mo, "value", json_object_get_double_member (ov->changes, k));
              found = TRUE;
            }
        }
      if (!found)
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND,
                       _("Measurement %ld does not belong to workplace %s."), mid,
                       kepil_json_str (wp, "code", "?"));
          return FALSE;
        }
    }
  cls = kepil_classify_measurements (c->db, norm_set, ms, kepil_json_str (wp, "work_category", "IIb"),
                                     kepil_json_int (wp, "men", 0), kepil_json_int (wp, "women", 0), error);
  if (cls == NULL)
    return FALSE;
  if (!json_object_has_member (cls, "workplace_id"))
    json_object_set_int_member (cls, "workplace_id", ov->workplace_id);
  if (c->classes == NULL)
    c->classes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) json_object_unref);
  key = g_new (gint64, 1);
  *key = ov->workplace_id;
  g_hash_table_replace (c->classes, key, cls);
  if (c->lists != NULL && kepil_lists_evaluate_workplace != NULL)
    {
      JsonObject *lo = kepil_lists_evaluate_workplace (c->db, ov->workplace_id, cls, error);
      if (lo == NULL)
        return FALSE;
      key = g_new (gint64, 1);
      *key = ov->workplace_id;
      g_hash_table_replace (c->lists, key, lo);
    }
  return TRUE;
}

static char *
now_iso (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static JsonObject *
evaluate (KepilDb *db, const char *norm_set, const char *methodology, const Overrides *ov,
          GCancellable *cancellable, KepilProgressFunc progress, gpointer user_data, GError **error)
{
  Ctx c = { .db = db };
  JsonObject *result = NULL;
  JsonObject *first_ent;
  JsonArray *wps, *ents;
  g_autoptr (GHashTable) unit_accs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                            (GDestroyNotify) unit_acc_free);
  g_autoptr (GHashTable) ent_accs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                           (GDestroyNotify) ent_acc_free);
  const char *ns_name = NULL;
  gint64 ns_version = -1;
  JsonArray *consistent = NULL;
  JsonObject *tmp;

  if (!load_rows (&c, error))
    goto out;
  first_ent = c.enterprises->len ? g_ptr_array_index (c.enterprises, 0) : NULL;
  if (norm_set == NULL)
    norm_set = kepil_json_str (first_ent, "norm_set", NULL);
  if (methodology == NULL)
    methodology = kepil_json_str (first_ent, "methodology", NULL);
  c.m = kepil_methodology_load (db, methodology, error);
  if (c.m == NULL)
    goto out;
  tmp = obj_member (c.m->json, "flags");
  if (tmp && json_object_has_member (tmp, "consistent_headcounts"))
    consistent = json_object_get_array_member (tmp, "consistent_headcounts");

  if (kepil_classify_database != NULL)
    {
      c.classes = kepil_classify_database (db, norm_set, error);
      if (c.classes == NULL)
        goto out;
    }
  if (progress)
    progress (0.2, user_data);
  if (ov != NULL && ov->changes != NULL)
    {
      JsonObject *wp = NULL;
      for (guint i = 0; i < c.workplaces->len && wp == NULL; i++)
        if (kepil_json_int (g_ptr_array_index (c.workplaces, i), "id", 0) == ov->workplace_id)
          wp = g_ptr_array_index (c.workplaces, i);
      if (wp == NULL)
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND,
                       _("There is no workplace number %ld."), ov->workplace_id);
          goto out;
        }
    }
  if (kepil_lists_evaluate != NULL)
    {
      c.lists = kepil_lists_evaluate (db, c.classes, error);
      if (c.lists == NULL)
        goto out;
    }
  if (ov != NULL && ov->changes != NULL)
    {
      JsonObject *wp = NULL;
      for (guint i = 0; i < c.workplaces->len && wp == NULL; i++)
        if (kepil_json_int (g_ptr_array_index (c.workplaces, i), "id", 0) == ov->workplace_id)
          wp = g_ptr_array_index (c.workplaces, i);
      if (!apply_measurement_changes (&c, norm_set, ov, wp, error))
        goto out;
    }
  if (progress)
    progress (0.4, user_data);

  wps = json_array_sized_new (c.workplaces->len);
  for (guint i = 0; i < c.workplaces->len; i++)
    {
      JsonObject *wp = g_ptr_array_index (c.workplaces, i);
      gint64 id = kepil_json_int (wp, "id", 0);
      gint64 uid = kepil_json_int (wp, "unit_id", 0);
      gint64 eid = kepil_json_int (wp, "enterprise_id", 0);
      JsonObject *cls = lookup (c.classes, id);
      JsonObject *ent = lookup (c.ent_by_id, eid);
      JsonObject *changes = (ov && ov->workplace_id == id) ? ov->changes : NULL;
      KepilGuarantees lg;
      JsonObject *w;
      UnitAcc *ua;
      EntAcc *ea;
      double h;

      if ((i & 255) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              g_clear_error (error);
              g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_CANCELLED, _("The evaluation was cancelled."));
              json_array_unref (wps);
              goto out;
            }
          if (progress)
            progress (0.4 + 0.55 * (double) i / (double) MAX (c.workplaces->len, 1), user_data);
        }
      if (ns_name == NULL && cls != NULL && kepil_json_str (cls, "norm_set", NULL) != NULL)
        {
          ns_name = kepil_json_str (cls, "norm_set", NULL);
          ns_version = kepil_json_int (cls, "norm_set_version", -1);
        }
      w = workplace_result (&c, wp, ent, cls, lookup (c.lists, id), changes, &lg);
      json_array_add_object_element (wps, w);

      h = wp_headcount (wp);
      ua = g_hash_table_lookup (unit_accs, &uid);
      if (ua == NULL)
        {
          gint64 *k = g_new (gint64, 1);
          *k = uid;
          ua = g_new0 (UnitAcc, 1);
          ua->costs = kepil_costs_zero ();
          g_hash_table_insert (unit_accs, k, ua);
        }
      ua->r_weighted += h * json_object_get_double_member (w, "r_ind");
      ua->weight += h;
      ua->headcount += h;
      ua->r_sum += json_object_get_double_member (w, "r_ind");
      ua->n++;
      kepil_costs_add (ua->costs, json_object_get_object_member (w, "costs"));

      ea = g_hash_table_lookup (ent_accs, &eid);
      if (ea == NULL)
        {
          gint64 *k = g_new (gint64, 1);
          *k = eid;
          ea = g_new0 (EntAcc, 1);
          ea->costs = kepil_costs_zero ();
          ea->why = g_string_new (NULL);
          g_hash_table_insert (ent_accs, k, ea);
        }
      ea->headcount += h;
      kepil_costs_add (ea->costs, json_object_get_object_member (w, "costs"));
      for (guint k = 0; k < G_N_ELEMENTS (hc_kinds); k++)
        if (grants_kind (&lg, hc_kinds[k], c.m->normal_hours))
          ea->counts[k] += (gint64) h;
      /* Which workplaces make the consistent kinds differ, for the enterprise flag. */
      if (consistent != NULL)
        {
          g_autoptr (GString) yes = g_string_new (NULL);
          g_autoptr (GString) no = g_string_new (NULL);
          for (guint k = 0; k < json_array_get_length (consistent); k++)
            {
              const char *kind = json_array_get_string_element (consistent, k);
              GString *to = grants_kind (&lg, kind, c.m->normal_hours) ? yes : no;
              g_string_append_printf (to, "%s%s", to->len ? "/" : "", kind);
            }
          if (yes->len && no->len)
            {
              if (ea->why_n < 5)
                g_string_append_printf (ea->why, _("%s%s (%ld workers: %s granted, %s not)"),
                                        ea->why->len ? "; " : "", kepil_json_str (wp, "code", "?"), (gint64) h,
                                        yes->str, no->str);
              else if (ea->why_n == 5)
                g_string_append (ea->why, _("; and more"));
              ea->why_n++;
            }
        }
    }
  kepil_compare_analog_flags (wps);

  ents = json_array_new ();
  for (guint i = 0; i < c.enterprises->len; i++)
    {
      JsonObject *ent = g_ptr_array_index (c.enterprises, i);
      gint64 eid = kepil_json_int (ent, "id", 0);
      json_array_add_object_element (ents, enterprise_result (&c, ent, g_hash_table_lookup (ent_accs, &eid), unit_accs,
                                                              ov ? ov->changes : NULL));
    }

  result = json_object_new ();
  json_object_set_null_member (result, "run_id");
  {
    g_autofree char *now = now_iso ();
    JsonObject *ns = json_object_new ();
    JsonObject *mo = json_object_new ();
    JsonObject *avail = json_object_new ();
    g_autofree char *ns_spec_name = NULL;

    json_object_set_string_member (result, "computed_at", now);
    if (ns_name == NULL && norm_set != NULL)
      {
        /* Nothing was classified: record the name asked for, without its version. */
        ns_spec_name = g_strdup (norm_set);
        if (strchr (ns_spec_name, '@'))
          *strchr (ns_spec_name, '@') = '\0';
        ns_name = ns_spec_name;
      }
    json_object_set_string_member (ns, "name", ns_name ? ns_name : "");
    if (ns_version >= 0)
      json_object_set_int_member (ns, "version", ns_version);
    else
      json_object_set_null_member (ns, "version");
    json_object_set_object_member (result, "norm_set", ns);
    json_object_set_string_member (mo, "name", c.m->name);
    json_object_set_int_member (mo, "version", c.m->version);
    json_object_set_object_member (result, "methodology", mo);
    json_object_set_boolean_member (avail, "classification", kepil_classify_database != NULL);
    json_object_set_boolean_member (avail, "lists", kepil_lists_evaluate != NULL);
    if (kepil_classify_database == NULL || kepil_lists_evaluate == NULL)
      json_object_set_string_member (avail, "note",
        kepil_classify_database == NULL
          ? _("Not available in this build: the classification of working conditions; В counts every workplace as unclassified.")
          : _("Not available in this build: the List side; the List column is empty."));
    json_object_set_object_member (result, "available", avail);
  }
  json_object_set_array_member (result, "enterprises", ents);
  json_object_set_array_member (result, "workplaces", wps);
  if (progress)
    progress (1.0, user_data);
out:
  ctx_clear (&c);
  return result;
}

static gboolean
save_run (KepilDb *db, JsonObject *result, GError **error)
{
  JsonObject *ns = obj_member (result, "norm_set");
  JsonObject *mo = obj_member (result, "methodology");
  JsonArray *wps = json_object_get_array_member (result, "workplaces");
  g_autoptr (JsonNode) ents = json_node_init_array (json_node_alloc (), json_object_get_array_member (result, "enterprises"));
  g_autofree char *ents_text = kepil_json_to_string (ents, FALSE);
  gint64 run_id;

  if (!kepil_db_check_writable (db, FALSE, error) || !kepil_db_begin (db, error))
    return FALSE;
  run_id = kepil_store_risk_run_insert (db, kepil_json_str (result, "computed_at", ""), kepil_db_get_user (db),
                                        kepil_json_str (ns, "name", ""), (int) kepil_json_int (ns, "version", -1),
                                        kepil_json_str (mo, "name", ""), (int) kepil_json_int (mo, "version", 0),
                                        ents_text, error);
  if (run_id == 0)
    goto fail;
  for (guint i = 0; i < json_array_get_length (wps); i++)
    {
      JsonObject *w = json_array_get_object_element (wps, i);
      g_autofree char *text = kepil_json_object_to_string (w, FALSE);
      if (!kepil_store_risk_result_insert (db, run_id, kepil_json_int (w, "id", 0), kepil_json_str (w, "code", ""),
                                           json_object_get_double_member (w, "r_ind"), kepil_json_str (w, "level", ""),
                                           text, error))
        goto fail;
    }
  if (!kepil_db_commit (db, error))
    return FALSE;
  json_object_set_int_member (result, "run_id", run_id);
  return TRUE;
fail:
  kepil_db_rollback (db);
  return FALSE;
}

JsonObject *
kepil_evaluate_database (KepilDb *db, const char *norm_set, const char *methodology, gboolean save,
                         GCancellable *cancellable, KepilProgressFunc progress, gpointer user_data, GError **error)
{
  JsonObject *result;

  g_return_val_if_fail (KEPIL_IS_DB (db), NULL);
  result = evaluate (db, norm_set, methodology, NULL, cancellable, progress, user_data, error);
  if (result != NULL && save && !save_run (db, result, error))
    g_clear_pointer (&result, json_object_unref);
  return result;
}

JsonObject *
kepil_whatif (KepilDb *db, gint64 workplace_id, JsonObject *changes, GError **error)
{
  Overrides ov = { workplace_id, changes };
  g_autoptr (JsonObject) all = NULL;
  g_autoptr (GList) members = NULL;
  JsonArray *wps, *ents;
  JsonObject *mine = NULL;

  g_return_val_if_fail (KEPIL_IS_DB (db), NULL);
  members = changes ? json_object_get_members (changes) : NULL;
  for (GList *l = members; l; l = l->next)
    {
      const char *k = l->data;
      JsonNode *n = json_object_get_member (changes, k);
      gboolean known = g_str_equal (k, "B") || g_str_equal (k, "T") || g_str_equal (k, "Ob") ||
                       g_str_equal (k, "PPE") || g_str_equal (k, "Z") || g_str_equal (k, "ppe_pct") ||
                       g_str_has_prefix (k, "measurement:") || g_str_has_prefix (k, "checklist:");
      if (!known)
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                       _("Unknown what-if input “%s”: use B, T, Ob, PPE, Z, ppe_pct, measurement:ID or checklist:Q."), k);
          return NULL;
        }
      if (!JSON_NODE_HOLDS_VALUE (n) || (json_node_get_value_type (n) != G_TYPE_INT64 &&
                                         json_node_get_value_type (n) != G_TYPE_DOUBLE &&
                                         json_node_get_value_type (n) != G_TYPE_BOOLEAN))
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("The what-if input “%s” needs a number."), k);
          return NULL;
        }
      if (!g_str_has_prefix (k, "measurement:") && json_node_get_double (n) < 0)
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("The what-if input “%s” cannot be negative."), k);
          return NULL;
        }
    }
  all = evaluate (db, NULL, NULL, &ov, NULL, NULL, NULL, error);
  if (all == NULL)
    return NULL;
  wps = json_object_get_array_member (all, "workplaces");
  for (guint i = 0; i < json_array_get_length (wps) && mine == NULL; i++)
    if (kepil_json_int (json_array_get_object_element (wps, i), "id", 0) == workplace_id)
      mine = json_object_ref (json_array_get_object_element (wps, i));
  if (mine == NULL)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND, _("There is no workplace number %ld."),
                   workplace_id);
      return NULL;
    }
  ents = json_object_get_array_member (all, "enterprises");
  for (guint i = 0; i < json_array_get_length (ents); i++)
    {
      JsonObject *e = json_array_get_object_element (ents, i);
      if (kepil_json_int (e, "id", 0) == kepil_json_int (mine, "enterprise_id", -1))
        {
          static const char *const keep[] = { "id", "p1", "p2", "p3", "p", "level", "inputs" };
          JsonObject *eo = json_object_new ();
          for (guint k = 0; k < G_N_ELEMENTS (keep); k++)
            json_object_set_member (eo, keep[k], json_node_copy (json_object_get_member (e, keep[k])));
          json_object_set_object_member (mine, "enterprise", eo);
        }
    }
  json_object_set_member (mine, "methodology", json_node_copy (json_object_get_member (all, "methodology")));
  json_object_set_member (mine, "norm_set", json_node_copy (json_object_get_member (all, "norm_set")));
  if (changes)
    json_object_set_object_member (mine, "changes", json_object_ref (changes));
  return mine;
}

GPtrArray *
kepil_evaluate_list_runs (KepilDb *db, GError **error)
{
  return kepil_store_risk_runs (db, error);
}

static JsonNode *
parse_text (const char *text, GError **error)
{
  g_autoptr (JsonParser) p = json_parser_new ();
  if (!json_parser_load_from_data (p, text, -1, error))
    return NULL;
  return json_node_copy (json_parser_get_root (p));
}

JsonObject *
kepil_evaluate_load_run (KepilDb *db, gint64 run_id, GError **error)
{
  g_autoptr (JsonObject) run = NULL;
  g_autoptr (GPtrArray) results = NULL;
  g_autoptr (JsonNode) ents = NULL;
  JsonObject *o, *ns, *mo;
  JsonArray *wps;

  if (!kepil_store_risk_run_get (db, run_id, &run, &results, error))
    return NULL;
  ents = parse_text (kepil_json_str (run, "enterprises", "[]"), error);
  if (ents == NULL)
    return NULL;
  o = json_object_new ();
  json_object_set_int_member (o, "run_id", run_id);
  json_object_set_string_member (o, "computed_at", kepil_json_str (run, "computed_at", ""));
  json_object_set_string_member (o, "user", kepil_json_str (run, "user", ""));
  ns = json_object_new ();
  json_object_set_string_member (ns, "name", kepil_json_str (run, "norm_set", ""));
  json_object_set_member (ns, "version", json_node_copy (json_object_get_member (run, "norm_set_version")));
  json_object_set_object_member (o, "norm_set", ns);
  mo = json_object_new ();
  json_object_set_string_member (mo, "name", kepil_json_str (run, "methodology", ""));
  json_object_set_int_member (mo, "version", kepil_json_int (run, "methodology_version", 0));
  json_object_set_object_member (o, "methodology", mo);
  json_object_set_member (o, "enterprises", g_steal_pointer (&ents));
  wps = json_array_sized_new (results->len);
  for (guint i = 0; i < results->len; i++)
    {
      JsonNode *w = parse_text (kepil_json_str (g_ptr_array_index (results, i), "json", "{}"), error);
      if (w == NULL)
        {
          json_array_unref (wps);
          json_object_unref (o);
          return NULL;
        }
      json_array_add_element (wps, w);
    }
  json_object_set_array_member (o, "workplaces", wps);
  return o;
}

JsonObject *
kepil_evaluate_reproduce (KepilDb *db, gint64 run_id, GError **error)
{
  g_autoptr (JsonObject) run = NULL;
  g_autoptr (GPtrArray) results = NULL;
  g_autofree char *ns = NULL;
  g_autofree char *ms = NULL;
  gint64 nsv;

  if (!kepil_store_risk_run_get (db, run_id, &run, &results, error))
    return NULL;
  nsv = kepil_json_int (run, "norm_set_version", -1);
  if (*kepil_json_str (run, "norm_set", "") != '\0')
    ns = nsv > 0 ? g_strdup_printf ("%s@%ld", kepil_json_str (run, "norm_set", ""), nsv)
                 : g_strdup (kepil_json_str (run, "norm_set", ""));
  ms = g_strdup_printf ("%s@%ld", kepil_json_str (run, "methodology", ""),
                        kepil_json_int (run, "methodology_version", 0));
  return evaluate (db, ns, ms, NULL, NULL, NULL, NULL, error);
}
