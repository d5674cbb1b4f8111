/* kepil-compare.c — the List next to the risk model: comparison rows, flags and yearly costs
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The flags make visible each criticism of today's system (brief §2): no link between
 * attestation and guarantees, List rights without harm and harm without a List entry,
 * stacked guarantees, milk with ЛПП, headcounts that do not match.
 */
#include "kepil-config.h"
#include "kepil-compare.h"
#include "kepil-format.h"
#include "kepil-i18n.h"
#include "kepil-json.h"

#include <math.h>
#include <string.h>

static JsonObject *
member_obj (JsonObject *o, const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;
  return n && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

static gboolean
truthy (JsonObject *o, const char *member)
{
  JsonNode *n = o ? json_object_get_member (o, member) : NULL;
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return FALSE;
  switch (json_node_get_value_type (n))
    {
    case G_TYPE_BOOLEAN: return json_node_get_boolean (n);
    case G_TYPE_INT64: return json_node_get_int (n) != 0;
    case G_TYPE_DOUBLE: return json_node_get_double (n) != 0;
    default: return FALSE;
    }
}

static double
num (JsonObject *o, const char *member, double fallback)
{
  JsonNode *n = o ? json_object_get_member (o, member) : NULL;
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return fallback;
  if (json_node_get_value_type (n) == G_TYPE_INT64 || json_node_get_value_type (n) == G_TYPE_DOUBLE)
    return json_node_get_double (n);
  if (json_node_get_value_type (n) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (n) ? 1 : 0;
  return fallback;
}

static void
from_kinds (JsonObject *g, double normal_hours, KepilGuarantees *out)
{
  JsonObject *milk = member_obj (g, "milk");

  memset (out, 0, sizeof *out);
  out->leave_days = num (member_obj (g, "leave_days"), "value", 0);
  out->hours_per_week = num (member_obj (g, "hours_per_week"), "value", normal_hours);
  if (out->hours_per_week <= 0)
    out->hours_per_week = normal_hours;
  out->pay_percent = num (member_obj (g, "pay_percent"), "value", 0);
  out->oppv = truthy (member_obj (g, "oppv"), "value");
  out->milk = truthy (milk, "value");
  out->milk_litres_per_shift = out->milk ? num (milk, "litres_per_shift", 0) : 0;
  out->lpp = truthy (member_obj (g, "lpp"), "value");
  out->early_pension = truthy (member_obj (g, "early_pension"), "value") ||
                       truthy (member_obj (g, "list1"), "value") || truthy (member_obj (g, "list2"), "value");
}

void
kepil_guarantees_from_list (JsonObject *list, double normal_hours, KepilGuarantees *out)
{
  from_kinds (member_obj (list, "grants"), normal_hours, out);
}

void
kepil_guarantees_from_package (JsonObject *package, double normal_hours, KepilGuarantees *out)
{
  from_kinds (package, normal_hours, out);
}

guint
kepil_guarantees_count_kinds (const KepilGuarantees *g, double normal_hours)
{
  return (g->leave_days > 0) + (g->hours_per_week < normal_hours) + (g->pay_percent > 0) + (g->milk != 0) +
         (g->lpp != 0) + (g->oppv != 0) + (g->early_pension != 0);
}

/* ---- costs ------------------------------------------------------------- */

static const char *const cost_kinds[] = { "leave", "pay", "oppv", "milk", "lpp", "hours", "total" };

JsonObject *
kepil_costs_compute (const KepilCostParams *p, const KepilGuarantees *g)
{
  JsonObject *o = json_object_new ();
  double yearly_wage = p->months_per_year * p->monthly_wage;
  double daily = p->days_per_month > 0 ? p->monthly_wage / p->days_per_month : 0;
  double leave = p->headcount * g->leave_days * daily;
  double pay = p->headcount * g->pay_percent / 100.0 * yearly_wage;
  double oppv = g->oppv ? p->headcount * p->oppv_percent / 100.0 * yearly_wage : 0;
  double milk = g->milk ? p->headcount * p->shifts_per_year * g->milk_litres_per_shift * p->milk_price : 0;
  double lpp = g->lpp ? p->headcount * p->shifts_per_year * p->lpp_ration_cost : 0;
  double hours = (p->normal_hours > 0 && g->hours_per_week < p->normal_hours)
                 ? p->headcount * yearly_wage * (p->normal_hours - g->hours_per_week) / p->normal_hours : 0;
  const double v[] = { leave, pay, oppv, milk, lpp, hours, leave + pay + oppv + milk + lpp + hours };

  for (guint i = 0; i < G_N_ELEMENTS (cost_kinds); i++)
    json_object_set_double_member (o, cost_kinds[i], v[i]);
  return o;
}

JsonObject *
kepil_costs_zero (void)
{
  JsonObject *o = json_object_new ();
  JsonObject *l = json_object_new ();
  JsonObject *m = json_object_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cost_kinds); i++)
    {
      json_object_set_double_member (l, cost_kinds[i], 0);
      json_object_set_double_member (m, cost_kinds[i], 0);
    }
  json_object_set_object_member (o, "list", l);
  json_object_set_object_member (o, "model", m);
  json_object_set_double_member (o, "difference", 0);
  return o;
}

JsonObject *
kepil_costs_columns (const KepilCostParams *p, const KepilGuarantees *list, const KepilGuarantees *model)
{
  JsonObject *o = json_object_new ();
  JsonObject *l = kepil_costs_compute (p, list);
  JsonObject *m = kepil_costs_compute (p, model);

  json_object_set_double_member (o, "difference", json_object_get_double_member (m, "total") -
                                                  json_object_get_double_member (l, "total"));
  json_object_set_object_member (o, "list", l);
  json_object_set_object_member (o, "model", m);
  return o;
}

/* Sets @member of @o to @v: in place when it already holds a double (json-glib replaces a member by searching
 * the object's member list and allocating a new node), else as a new member.  The object is the same after. */
static void
set_sum (JsonObject *o, const char *member, double v)
{
  JsonNode *n = json_object_get_member (o, member);
  if (n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_DOUBLE &&
      !json_node_is_immutable (n))
    json_node_set_double (n, v);
  else
    json_object_set_double_member (o, member, v);
}

void
kepil_costs_add (JsonObject *sum, JsonObject *costs)
{
  static const char *const cols[] = { "list", "model" };

  for (guint c = 0; c < G_N_ELEMENTS (cols); c++)
    {
      JsonObject *s = member_obj (sum, cols[c]);
      JsonObject *a = member_obj (costs, cols[c]);
      for (guint i = 0; s && a && i < G_N_ELEMENTS (cost_kinds); i++)
        set_sum (s, cost_kinds[i], num (s, cost_kinds[i], 0) + num (a, cost_kinds[i], 0));
    }
  set_sum (sum, "difference", num (sum, "difference", 0) + num (costs, "difference", 0));
}

/* ---- comparison rows --------------------------------------------------- */

typedef struct {
  const char *kind;       /* in the package and the List's grants */
  gboolean    boolean;
} Kind;

static const Kind kinds[] = {
  { "leave_days", FALSE }, { "hours_per_week", FALSE }, { "pay_percent", FALSE }, { "oppv", TRUE },
  { "milk", TRUE }, { "lpp", TRUE }, { "early_pension", TRUE },
};

/* How much a column grants of a kind, so that "more" is always "more for the worker". */
static double
generosity (const KepilGuarantees *g, const char *kind, double normal_hours)
{
  if (g_str_equal (kind, "leave_days")) return g->leave_days;
  if (g_str_equal (kind, "hours_per_week")) return normal_hours - g->hours_per_week;
  if (g_str_equal (kind, "pay_percent")) return g->pay_percent;
  if (g_str_equal (kind, "oppv")) return g->oppv;
  if (g_str_equal (kind, "milk")) return g->milk;
  if (g_str_equal (kind, "lpp")) return g->lpp;
  return g->early_pension;
}

static double
plain_value (const KepilGuarantees *g, const char *kind, double normal_hours)
{
  if (g_str_equal (kind, "hours_per_week"))
    return g->hours_per_week;
  return generosity (g, kind, normal_hours);
}

static char *
list_rule (JsonObject *list, const char *kind)
{
  JsonObject *grants = member_obj (list, "grants");
  JsonObject *g;
  const char *rule, *basis;

  if (list == NULL)
    return g_strdup (_("the List side is not available in this build"));
  if (g_str_equal (kind, "early_pension"))
    {
      JsonObject *l1 = member_obj (grants, "list1");
      JsonObject *l2 = member_obj (grants, "list2");
      g = truthy (l1, "value") ? l1 : l2;
    }
  else
    g = member_obj (grants, kind);
  rule = kepil_json_str (g, "rule", "none");
  basis = kepil_json_str (g, "basis", "");
  /* The rule keys of the List side, as people read them. */
  if (g_str_equal (rule, "confirmed"))
    rule = _("confirmed by attestation");
  else if (g_str_equal (rule, "no_attestation"))
    rule = _("no valid attestation: in full per the List");
  else if (g_str_equal (rule, "employer_may_reduce"))
    rule = _("not confirmed: the employer may reduce");
  else if (g_str_equal (rule, "none"))
    rule = _("not in the List");
  if (*basis != '\0')
    return g_strdup_printf ("%s: %s", rule, basis);
  return g_strdup (rule);
}

JsonArray *
kepil_compare_rows (JsonObject *list, JsonObject *classes, JsonObject *package, const KepilGuarantees *lg,
                    const KepilGuarantees *mg, double normal)
{
  return kepil_compare_rows_shared (NULL, list, classes, package, lg, mg, normal);
}

GHashTable *
kepil_compare_rows_memo_new (void)
{
  return g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref,
                                (GDestroyNotify) json_array_unref);
}

JsonArray *
kepil_compare_rows_shared (GHashTable *memo, JsonObject *list, JsonObject *classes, JsonObject *package,
                           const KepilGuarantees *lg, const KepilGuarantees *mg, double normal)
{
  struct {
    double      lv, mv, d;
    char       *rl;
    const char *rm;
  } v[G_N_ELEMENTS (kinds)];
  JsonArray *rows;
  const char *overall = kepil_json_str (classes, "overall", NULL);
  GBytes *key = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      v[i].lv = plain_value (lg, kinds[i].kind, normal);
      v[i].mv = plain_value (mg, kinds[i].kind, normal);
      v[i].d = generosity (mg, kinds[i].kind, normal) - generosity (lg, kinds[i].kind, normal);
      v[i].rl = list_rule (list, kinds[i].kind);
      v[i].rm = kepil_json_str (member_obj (package, kinds[i].kind), "rule", "");
    }
  if (memo != NULL)
    {
      /* Everything the rows are made of, byte for byte: equal keys give equal rows. */
      GByteArray *k = g_byte_array_sized_new (512);
      guint8 has = overall != NULL;
      g_byte_array_append (k, &has, 1);
      if (overall)
        g_byte_array_append (k, (const guint8 *) overall, strlen (overall) + 1);
      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        {
          g_byte_array_append (k, (const guint8 *) &v[i].lv, sizeof (double));
          g_byte_array_append (k, (const guint8 *) &v[i].mv, sizeof (double));
          g_byte_array_append (k, (const guint8 *) &v[i].d, sizeof (double));
          g_byte_array_append (k, (const guint8 *) v[i].rl, strlen (v[i].rl) + 1);
          g_byte_array_append (k, (const guint8 *) v[i].rm, strlen (v[i].rm) + 1);
        }
      key = g_byte_array_free_to_bytes (k);
      rows = g_hash_table_lookup (memo, key);
      if (rows != NULL)
        {
          g_bytes_unref (key);
          for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
            g_free (v[i].rl);
          return json_array_ref (rows);
        }
    }
  rows = json_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      JsonObject *r = json_object_new ();
      double lv = v[i].lv, mv = v[i].mv, d = v[i].d;

      json_object_set_string_member (r, "kind", kinds[i].kind);
      if (kinds[i].boolean)
        {
          json_object_set_boolean_member (r, "list", lv != 0);
          json_object_set_boolean_member (r, "model", mv != 0);
          json_object_set_int_member (r, "difference", (gint64) (mv - lv));
        }
      else if (g_str_equal (kinds[i].kind, "pay_percent"))
        {
          json_object_set_double_member (r, "list", lv);
          json_object_set_double_member (r, "model", mv);
          json_object_set_double_member (r, "difference", mv - lv);
        }
      else
        {
          json_object_set_int_member (r, "list", (gint64) llround (lv));
          json_object_set_int_member (r, "model", (gint64) llround (mv));
          json_object_set_int_member (r, "difference", (gint64) llround (mv - lv));
        }
      if (overall)
        json_object_set_string_member (r, "attestation", overall);
      else
        json_object_set_null_member (r, "attestation");
      json_object_set_string_member (r, "rule_list", v[i].rl);
      json_object_set_string_member (r, "rule_model", v[i].rm);
      json_object_set_string_member (r, "direction", fabs (d) < 1e-9 ? "same" : d > 0 ? "above" : "below");
      json_array_add_object_element (rows, r);
      g_free (v[i].rl);
    }
  if (memo != NULL)
    {
      json_array_seal (rows);
      g_hash_table_insert (memo, key, json_array_ref (rows));
    }
  return rows;
}

/* ---- flags ------------------------------------------------------------- */

static void
add_flag (JsonArray *flags, const char *code, char *text /* taken */, const char *kind)
{
  JsonObject *f = json_object_new ();
  json_object_set_string_member (f, "code", code);
  json_object_set_string_member (f, "text", text);
  if (kind)
    json_object_set_string_member (f, "kind", kind);
  json_array_add_object_element (flags, f);
  g_free (text);
}

static const char *
kind_name (const char *kind)
{
  if (g_str_equal (kind, "leave_days")) return _("additional leave");
  if (g_str_equal (kind, "hours_per_week")) return _("shortened week");
  if (g_str_equal (kind, "pay_percent")) return _("increased pay");
  if (g_str_equal (kind, "oppv")) return _("professional pension contributions (ОППВ)");
  if (g_str_equal (kind, "milk")) return _("milk");
  if (g_str_equal (kind, "lpp")) return _("therapeutic-preventive nutrition (ЛПП)");
  return _("early pension (List No. 1 or 2)");
}

JsonArray *
kepil_compare_flags (const KepilMethodology *m, JsonObject *list, JsonObject *classes, JsonArray *rows,
                     const KepilGuarantees *lg)
{
  JsonArray *flags = json_array_new ();
  JsonObject *att = member_obj (list, "attestation");
  const char *status = kepil_json_str (att, "status", list ? "none" : NULL);
  gint64 rank = kepil_json_int (classes, "overall_rank", 0);
  const char *overall = kepil_json_str (classes, "overall", NULL);
  guint n_kinds = kepil_guarantees_count_kinds (lg, m->normal_hours);
  JsonArray *factors = classes && json_object_has_member (classes, "factors")
                       ? json_object_get_array_member (classes, "factors") : NULL;
  guint harmful = 0;

  for (guint i = 0; factors && i < json_array_get_length (factors); i++)
    if (kepil_json_int (json_array_get_object_element (factors, i), "rank", 0) >= m->harmful_rank)
      harmful++;

  if (g_strcmp0 (status, "none") == 0)
    add_flag (flags, "no_attestation",
              g_strdup (_("No attestation of this workplace: the List applies in full and nothing confirms harm.")), NULL);
  else if (g_strcmp0 (status, "expired") == 0)
    {
      g_autofree char *until = kepil_format_date (kepil_json_str (att, "valid_until", ""));
      add_flag (flags, "attestation_expired",
                g_strdup_printf (_("The attestation of this workplace expired on %s."), until), NULL);
    }
  if (list != NULL && g_strcmp0 (status, "none") != 0 && rank > 0 && rank < m->harmful_rank && n_kinds > 0)
    add_flag (flags, "list_without_harm",
              g_strdup_printf (ngettext ("The List grants %u kind of guarantee but attestation found class %s, "
                                         "no harm confirmed.",
                                         "The List grants %u kinds of guarantees but attestation found class %s, "
                                         "no harm confirmed.", n_kinds), n_kinds, overall), NULL);
  if (list != NULL && rank >= m->harmful_rank && n_kinds == 0)
    add_flag (flags, "harm_without_list",
              g_strdup_printf (_("Attestation found class %s but the List grants nothing here."), overall), NULL);
  if (harmful > 0 && n_kinds > (guint) m->kinds_per_harmful_factor * harmful)
    add_flag (flags, "stacked_guarantees",
              g_strdup_printf (_("The List stacks %u kinds of guarantees on %u harmful factor(s) "
                                 "(the methodology expects at most %d per factor)."),
                               n_kinds, harmful, m->kinds_per_harmful_factor), NULL);
  if (lg->milk && lg->lpp)
    add_flag (flags, "milk_and_lpp",
              g_strdup (_("The List grants both milk and ЛПП; a worker who gets ЛПП gets no milk (Order 1054 p.12).")),
              NULL);
  for (guint i = 0; list != NULL && rows && i < json_array_get_length (rows); i++)
    {
      JsonObject *r = json_array_get_object_element (rows, i);
      const char *dir = kepil_json_str (r, "direction", "same");
      const char *kind = kepil_json_str (r, "kind", "");
      if (g_str_equal (dir, "above"))
        add_flag (flags, "model_above_list",
                  g_strdup_printf (_("The risk model grants more %s than the List."), kind_name (kind)), kind);
      else if (g_str_equal (dir, "below"))
        add_flag (flags, "model_below_list",
                  g_strdup_printf (_("The risk model grants less %s than the List."), kind_name (kind)), kind);
    }
  return flags;
}

void
kepil_compare_analog_flags (JsonArray *workplaces)
{
  g_autoptr (GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < json_array_get_length (workplaces); i++)
    {
      JsonObject *w = json_array_get_object_element (workplaces, i);
      const char *g = kepil_json_str (w, "analog_group", "");
      char *key;
      GPtrArray *members;

      if (*g == '\0')
        continue;
      key = g_strdup_printf ("%ld\x1f%s", kepil_json_int (w, "enterprise_id", 0), g);
      members = g_hash_table_lookup (groups, key);
      if (members == NULL)
        {
          members = g_ptr_array_new ();
          g_hash_table_insert (groups, key, members);
        }
      else
        g_free (key);
      g_ptr_array_add (members, w);
    }
  {
    GHashTableIter it;
    gpointer v;
    g_hash_table_iter_init (&it, groups);
    while (g_hash_table_iter_next (&it, NULL, &v))
      {
        GPtrArray *members = v;
        for (guint i = 0; i < members->len; i++)
          {
            JsonObject *w = g_ptr_array_index (members, i);
            const char *mine = kepil_json_str (member_obj (w, "classes"), "overall", "—");
            g_autoptr (GString) others = g_string_new (NULL);

            for (guint j = 0; j < members->len; j++)
              {
                JsonObject *o = g_ptr_array_index (members, j);
                const char *theirs = kepil_json_str (member_obj (o, "classes"), "overall", "—");
                if (i != j && !g_str_equal (mine, theirs))
                  g_string_append_printf (others, "%s%s (%s)", others->len ? ", " : "",
                                          kepil_json_str (o, "code", "?"), theirs);
              }
            if (others->len > 0)
              add_flag (json_object_get_array_member (w, "flags"), "analog_classes_differ",
                        g_strdup_printf (_("Analogous workplaces of group “%s” have other classes: this one %s, %s."),
                                         kepil_json_str (w, "analog_group", ""), mine, others->str), NULL);
          }
      }
  }
}

JsonObject *
kepil_compare_headcounts_flag (JsonObject *headcounts, JsonArray *consistent, const char *why_text)
{
  g_autoptr (GString) s = g_string_new (NULL);
  gboolean differ = FALSE;
  gint64 first = -1;
  JsonObject *f;

  for (guint i = 0; consistent && i < json_array_get_length (consistent); i++)
    {
      const char *k = json_array_get_string_element (consistent, i);
      gint64 n = kepil_json_int (headcounts, k, 0);
      if (first < 0)
        first = n;
      else if (n != first)
        differ = TRUE;
      g_string_append_printf (s, "%s%s %ld", s->len ? ", " : "", k, n);
    }
  if (!differ)
    return NULL;
  f = json_object_new ();
  json_object_set_string_member (f, "code", "headcounts_differ");
  {
    g_autofree char *t = why_text && *why_text
      ? g_strdup_printf (_("The numbers of workers per guarantee differ (%s) although they rest on the same harm: %s"),
                         s->str, why_text)
      : g_strdup_printf (_("The numbers of workers per guarantee differ (%s) although they rest on the same harm."),
                         s->str);
    json_object_set_string_member (f, "text", t);
  }
  return f;
}
