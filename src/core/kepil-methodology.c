/* kepil-methodology.c — the risk methodology as versioned data
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-methodology.h"
#include "kepil-store-risk.h"
#include "kepil-error.h"
#include "kepil-i18n.h"
#include "kepil-json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_RESOURCE "/kz/kepil/methodology/kz-risk-default-v1.json"

int
kepil_methodology_class_rank (const char *cls)
{
  if (cls == NULL)
    return 0;
  if (g_str_equal (cls, "1"))
    return 10;
  if (g_str_equal (cls, "2"))
    return 20;
  if (g_str_equal (cls, "4"))
    return 40;
  if (strlen (cls) == 3 && cls[0] == '3' && cls[1] == '.' && cls[2] >= '1' && cls[2] <= '4')
    return 30 + (cls[2] - '0');
  return 0;
}

void
kepil_methodology_free (KepilMethodology *m)
{
  if (m == NULL)
    return;
  g_free (m->name);
  g_clear_pointer (&m->json, json_object_unref);
  g_clear_pointer (&m->ob_bands, g_array_unref);
  g_clear_pointer (&m->ppe_bands, g_array_unref);
  g_clear_pointer (&m->z_bands, g_array_unref);
  g_clear_pointer (&m->p2_bands, g_array_unref);
  g_clear_pointer (&m->levels, g_array_unref);
  g_clear_pointer (&m->enterprise_levels, g_array_unref);
  g_free (m);
}

static void
level_clear (gpointer p)
{
  g_free (((KepilLevel *) p)->key);
}

/* Walks a dotted path of objects; NULL when a step is missing or not an object. */
static JsonNode *
member_at (JsonObject *o, const char *path)
{
  g_auto (GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *n = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (o == NULL)
        return NULL;
      n = json_object_get_member (o, parts[i]);
      if (n == NULL)
        return NULL;
      o = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
    }
  return n;
}

/* What a member holds, for messages. */
static const char *
node_kind (JsonNode *n)
{
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return _("null");
  if (JSON_NODE_HOLDS_OBJECT (n))
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (n))
    return _("a list");
  switch (json_node_get_value_type (n))
    {
    case G_TYPE_BOOLEAN:
      return _("true or false");
    case G_TYPE_STRING:
      return _("a text");
    default:
      return _("a number");
    }
}

static gboolean
wrong_type (const char *path, const char *wanted, JsonNode *n, GError **error)
{
  /* TRANSLATORS: "The methodology's “weights.morbidity” must be a number, not a list." */
  g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE, _("The methodology's “%s” must be %s, not %s."), path, wanted,
               node_kind (n));
  return FALSE;
}

/* Looks a dotted path up: *@out is NULL when a step is missing (or null); a step that is there
 * but not an object is an error naming it. */
static gboolean
lookup (JsonObject *o, const char *path, JsonNode **out, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (path, ".", -1);
  GString *walked = g_string_new (NULL);
  JsonNode *n = NULL;

  *out = NULL;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (walked, '.');
      g_string_append (walked, parts[i]);
      n = json_object_get_member (o, parts[i]);
      if (n == NULL || JSON_NODE_HOLDS_NULL (n))
        {
          g_string_free (walked, TRUE);
          return TRUE;
        }
      if (parts[i + 1] != NULL)
        {
          if (!JSON_NODE_HOLDS_OBJECT (n))
            {
              wrong_type (walked->str, _("an object"), n, error);
              g_string_free (walked, TRUE);
              return FALSE;
            }
          o = json_node_get_object (n);
        }
    }
  g_string_free (walked, TRUE);
  *out = n;
  return TRUE;
}

static gboolean
is_number (JsonNode *n)
{
  return JSON_NODE_HOLDS_VALUE (n) &&
         (json_node_get_value_type (n) == G_TYPE_INT64 || json_node_get_value_type (n) == G_TYPE_DOUBLE);
}

/* A number at @path; when missing, @fallback (or an error when @fallback is NULL). */
static gboolean
number_at (JsonObject *o, const char *path, const double *fallback, double *out, GError **error)
{
  JsonNode *n;

  if (!lookup (o, path, &n, error))
    return FALSE;
  if (n == NULL && fallback != NULL)
    {
      *out = *fallback;
      return TRUE;
    }
  if (n == NULL)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                   _("The methodology has no number at “%s”."), path);
      return FALSE;
    }
  if (!is_number (n))
    return wrong_type (path, _("a number"), n, error);
  *out = json_node_get_double (n);
  if (!isfinite (*out))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE, _("The methodology's “%s” is not a finite number."), path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
need_number (JsonObject *o, const char *path, double *out, GError **error)
{
  return number_at (o, path, NULL, out, error);
}

static gboolean
opt_number (JsonObject *o, const char *path, double fallback, double *out, GError **error)
{
  return number_at (o, path, &fallback, out, error);
}

/* A number that is used as a whole number (a score, a count): within the range of int. */
static gboolean
int_at (JsonObject *o, const char *path, const int *fallback, int *out, GError **error)
{
  double fb = fallback ? *fallback : 0, d;

  if (!number_at (o, path, fallback ? &fb : NULL, &d, error))
    return FALSE;
  if (d < -1e9 || d > 1e9)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                   _("The methodology's “%s” is out of range (at most a billion either way)."), path);
      return FALSE;
    }
  *out = (int) d;
  return TRUE;
}

static gboolean
need_int (JsonObject *o, const char *path, int *out, GError **error)
{
  return int_at (o, path, NULL, out, error);
}

static gboolean
opt_int (JsonObject *o, const char *path, int fallback, int *out, GError **error)
{
  return int_at (o, path, &fallback, out, error);
}

static gboolean
need_object (JsonObject *o, const char *path, JsonObject **out, GError **error)
{
  JsonNode *n;

  if (!lookup (o, path, &n, error))
    return FALSE;
  if (n == NULL)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                   _("The methodology has no section “%s”."), path);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (n))
    return wrong_type (path, _("an object"), n, error);
  *out = json_node_get_object (n);
  return TRUE;
}

/* An optional member of type @type: *@out is NULL when missing or null. */
static gboolean
opt_node (JsonObject *o, const char *path, JsonNodeType type, JsonNode **out, GError **error)
{
  if (!lookup (o, path, out, error))
    return FALSE;
  if (*out == NULL || JSON_NODE_TYPE (*out) == type)
    return TRUE;
  return wrong_type (path, type == JSON_NODE_OBJECT ? _("an object") : _("a list"), *out, error);
}

static gboolean
opt_string (JsonObject *o, const char *path, GError **error)
{
  JsonNode *n;

  if (!lookup (o, path, &n, error))
    return FALSE;
  if (n == NULL || (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING))
    return TRUE;
  return wrong_type (path, _("a text"), n, error);
}

static gboolean
need_array (JsonObject *o, const char *path, JsonArray **out, GError **error)
{
  JsonNode *n;

  if (!lookup (o, path, &n, error))
    return FALSE;
  if (n != NULL && !JSON_NODE_HOLDS_ARRAY (n))
    return wrong_type (path, _("a list"), n, error);
  if (n == NULL || json_array_get_length (json_node_get_array (n)) == 0)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                   _("The methodology has no list at “%s”."), path);
      return FALSE;
    }
  *out = json_node_get_array (n);
  return TRUE;
}

/* The element @i of @a when it is an object, else NULL. */
static JsonObject *
object_element (JsonArray *a, guint i)
{
  JsonNode *n = json_array_get_element (a, i);
  return n != NULL && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

/* Every member of @o (at @path) is a score: a number within the range of int. */
static gboolean
check_scores (JsonObject *o, const char *path, GError **error)
{
  g_autoptr (GList) members = json_object_get_members (o);

  for (GList *l = members; l; l = l->next)
    {
      g_autofree char *where = g_strdup_printf ("%s.%s", path, (char *) l->data);
      JsonNode *n = json_object_get_member (o, l->data);
      double d;
      if (n == NULL || JSON_NODE_HOLDS_NULL (n) || !is_number (n))
        return wrong_type (where, _("a number"), n, error);
      d = json_node_get_double (n);
      if (!(d >= -1e9 && d <= 1e9))
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                       _("The methodology's “%s” is out of range (at most a billion either way)."), where);
          return FALSE;
        }
    }
  return TRUE;
}

/* Bands are ordered: by rising "max" (@key "max") or by falling "min" (@key "min"). */
static GArray *
parse_bands (JsonObject *o, const char *path, const char *key, GError **error)
{
  JsonArray *a;
  g_autoptr (GArray) bands = g_array_new (FALSE, FALSE, sizeof (KepilBand));

  if (!need_array (o, path, &a, error))
    return NULL;
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *b = object_element (a, i);
      KepilBand band;
      g_autofree char *where = g_strdup_printf ("%s[%u]", path, i + 1);

      if (b == NULL || !need_number (b, key, &band.max, NULL) || !need_int (b, "score", &band.score, NULL))
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                       _("The band %s of the methodology needs “%s” and “score”."), where, key);
          return NULL;
        }
      if (bands->len > 0)
        {
          double prev = g_array_index (bands, KepilBand, bands->len - 1).max;
          if ((g_str_equal (key, "max") && band.max <= prev) || (g_str_equal (key, "min") && band.max >= prev))
            {
              g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                           _("The bands at “%s” of the methodology are out of order at %s."), path, where);
              return NULL;
            }
        }
      g_array_append_val (bands, band);
    }
  return g_steal_pointer (&bands);
}

static GArray *
parse_levels (JsonObject *o, const char *path, GError **error)
{
  JsonArray *a;
  GArray *levels;

  if (!need_array (o, path, &a, error))
    return NULL;
  levels = g_array_new (FALSE, TRUE, sizeof (KepilLevel));
  g_array_set_clear_func (levels, level_clear);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *b = object_element (a, i);
      KepilLevel l = { 0 };
      const char *key = kepil_json_str (b, "key", NULL);

      if (b == NULL || key == NULL || *key == '\0' || strchr (key, '.') != NULL ||
          !need_number (b, "min", &l.min, NULL) ||
          (levels->len > 0 && l.min <= g_array_index (levels, KepilLevel, levels->len - 1).min))
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                       _("The level %u at “%s” of the methodology needs a “key” and a rising “min”."), i + 1, path);
          g_array_unref (levels);
          return NULL;
        }
      l.key = g_strdup (key);
      g_array_append_val (levels, l);
    }
  return levels;
}

/* One cell of the package table (package.kinds.KIND.LEVEL, at @where): a value, or a condition
 * {"if": [{"groups": ["…"], "min_class": "3.1"}, …], "then": …, "else": …}. */
static gboolean
check_package_cell (JsonNode *cell, const char *where, GError **error)
{
  JsonObject *c;
  JsonNode *conds;

  if (!JSON_NODE_HOLDS_OBJECT (cell))
    return TRUE;
  c = json_node_get_object (cell);
  {
    g_autofree char *p = g_strdup_printf ("%s.if", where);
    if (!opt_node (c, "if", JSON_NODE_ARRAY, &conds, NULL))
      return wrong_type (p, _("a list"), json_object_get_member (c, "if"), error);
  }
  for (guint i = 0; conds && i < json_array_get_length (json_node_get_array (conds)); i++)
    {
      JsonNode *e = json_array_get_element (json_node_get_array (conds), i);
      g_autofree char *p = g_strdup_printf ("%s.if[%u]", where, i + 1);
      JsonObject *cond;
      JsonNode *groups;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        return wrong_type (p, _("an object"), e, error);
      cond = json_node_get_object (e);
      if (!opt_string (cond, "min_class", NULL))
        {
          g_autofree char *q = g_strdup_printf ("%s.min_class", p);
          return wrong_type (q, _("a text"), json_object_get_member (cond, "min_class"), error);
        }
      if (!opt_node (cond, "groups", JSON_NODE_ARRAY, &groups, NULL))
        {
          g_autofree char *q = g_strdup_printf ("%s.groups", p);
          return wrong_type (q, _("a list"), json_object_get_member (cond, "groups"), error);
        }
      for (guint g = 0; groups && g < json_array_get_length (json_node_get_array (groups)); g++)
        {
          JsonNode *gn = json_array_get_element (json_node_get_array (groups), g);
          if (!JSON_NODE_HOLDS_VALUE (gn) || json_node_get_value_type (gn) != G_TYPE_STRING)
            {
              g_autofree char *q = g_strdup_printf ("%s.groups[%u]", p, g + 1);
              return wrong_type (q, _("a text"), gn, error);
            }
        }
    }
  return TRUE;
}

KepilMethodology *
kepil_methodology_new_from_json (JsonObject *json, GError **error)
{
  g_autoptr (KepilMethodology) m = g_new0 (KepilMethodology, 1);
  JsonObject *by_class, *kinds, *t;
  JsonNode *n;
  const char *name;
  static const char *const kinds_needed[] = { "leave_days", "hours_per_week", "pay_percent", "milk", "lpp", "oppv",
                                              "early_pension", "medical", "ppe" };
  static const char *const t_sections[] = { "assessment", "accidents" };

  if (json == NULL)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE, _("The methodology is not a JSON object."));
      return NULL;
    }
  if (!opt_string (json, "name", error))
    return NULL;
  name = kepil_json_str (json, "name", NULL);
  if (name == NULL || *name == '\0')
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE, _("The methodology has no name."));
      return NULL;
    }
  m->name = g_strdup (name);
  if (!opt_int (json, "version", 0, &m->version, error))
    return NULL;
  if (m->version < 1)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE, _("The methodology “%s” has no version number."), name);
      return NULL;
    }
  m->json = json_object_ref (json);
  if (!opt_number (json, "tolerance", 1e-9, &m->tolerance, error) ||
      !need_number (json, "weights.harm_injury", &m->w_harm_injury, error) ||
      !need_number (json, "weights.equipment_ppe", &m->w_equipment_ppe, error) ||
      !need_number (json, "weights.morbidity", &m->w_morbidity, error))
    return NULL;

  if (!need_object (json, "inputs.B.by_class", &by_class, error))
    return NULL;
  if (!check_scores (by_class, "inputs.B.by_class", error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (m->b_by_rank); i++)
    m->b_by_rank[i] = -1;
  {
    g_autoptr (GList) members = json_object_get_members (by_class);
    for (GList *l = members; l; l = l->next)
      {
        int rank = kepil_methodology_class_rank (l->data);
        if (rank == 0)
          {
            g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                         _("The methodology scores an unknown class “%s” at inputs.B.by_class."), (char *) l->data);
            return NULL;
          }
        m->b_by_rank[rank] = (int) kepil_json_int (by_class, l->data, 0);
      }
  }
  if (!opt_int (json, "inputs.B.unclassified", 0, &m->b_unclassified, error))
    return NULL;
  /* The scores of T (read when a workplace is evaluated) */
  if (!need_object (json, "inputs.T", &t, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (t_sections); i++)
    {
      g_autofree char *path = g_strdup_printf ("inputs.T.%s", t_sections[i]);
      if (!opt_node (json, path, JSON_NODE_OBJECT, &n, error) ||
          (n != NULL && !check_scores (json_node_get_object (n), path, error)))
        return NULL;
    }
  if (!(m->ob_bands = parse_bands (json, "inputs.Ob.bands", "max", error)) ||
      !(m->ppe_bands = parse_bands (json, "inputs.PPE.bands", "min", error)) ||
      !(m->z_bands = parse_bands (json, "inputs.Z.bands", "max", error)) ||
      !(m->p2_bands = parse_bands (json, "enterprise.p2.bands", "max", error)))
    return NULL;
  if (!need_int (json, "inputs.Ob.above", &m->ob_above, error) ||
      !need_int (json, "inputs.PPE.below", &m->ppe_below, error) ||
      !need_int (json, "inputs.Z.above", &m->z_above, error) ||
      !need_int (json, "enterprise.p2.above", &m->p2_above, error) ||
      !opt_number (json, "inputs.Ob.no_equipment_pct", 0, &m->ob_no_equipment_pct, error) ||
      !opt_number (json, "inputs.PPE.none_required_pct", 100, &m->ppe_none_required_pct, error))
    return NULL;
  if (!need_number (json, "inputs.Z.per", &m->z_per, error) ||
      !need_number (json, "enterprise.p2.per", &m->p2_per, error) ||
      !need_number (json, "enterprise.p3.max", &m->p3_max, error) ||
      !opt_int (json, "enterprise.p2.fatal_min", 0, &m->p2_fatal_min, error) ||
      !opt_int (json, "enterprise.p3.questions", 15, &m->p3_questions, error))
    return NULL;
  if (!lookup (json, "enterprise.p3.unanswered_counts_as_no", &n, error))
    return NULL;
  if (n != NULL && (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_BOOLEAN))
    return wrong_type ("enterprise.p3.unanswered_counts_as_no", _("true or false"), n, error), NULL;
  m->p3_unanswered_no = n != NULL && json_node_get_boolean (n);
  if (!(m->levels = parse_levels (json, "levels.bands", error)) ||
      !(m->enterprise_levels = parse_levels (json, "enterprise.levels", error)))
    return NULL;
  if (!need_number (json, "costs.days_per_month", &m->days_per_month, error) ||
      !need_number (json, "costs.shifts_per_year", &m->shifts_per_year, error) ||
      !need_number (json, "costs.oppv_percent", &m->oppv_percent, error) ||
      !need_number (json, "costs.months_per_year", &m->months_per_year, error) ||
      !need_number (json, "costs.normal_hours", &m->normal_hours, error) ||
      !need_number (json, "package.milk_litres_per_shift", &m->milk_litres_per_shift, error))
    return NULL;
  if (m->days_per_month <= 0)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE, _("The methodology's costs.days_per_month must be above zero."));
      return NULL;
    }
  if (!opt_string (json, "package.harmful_class", error))
    return NULL;
  m->harmful_rank = kepil_methodology_class_rank (kepil_json_str (json_node_get_object (member_at (json, "package")),
                                                                  "harmful_class", "3.1"));
  if (m->harmful_rank == 0)
    m->harmful_rank = 31;
  if (!opt_int (json, "flags.kinds_per_harmful_factor", 2, &m->kinds_per_harmful_factor, error))
    return NULL;
  if (!need_object (json, "package.kinds", &kinds, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (kinds_needed); i++)
    for (guint l = 0; l < m->levels->len; l++)
      {
        g_autofree char *path = g_strdup_printf ("%s.%s", kinds_needed[i], g_array_index (m->levels, KepilLevel, l).key);
        g_autofree char *where = g_strdup_printf ("package.kinds.%s", path);
        JsonNode *cell;

        if (!lookup (json, where, &cell, error))
          return NULL;
        if (cell == NULL && (cell = member_at (kinds, path)) == NULL)
          {
            g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                         _("The methodology's package table has no entry package.kinds.%s."), path);
            return NULL;
          }
        if (!check_package_cell (cell, where, error))
          return NULL;
      }
  /* Exclusions: [{"kind": "milk", "when": "lpp", "source": "…"}, …] */
  if (!opt_node (json, "package.excludes", JSON_NODE_ARRAY, &n, error))
    return NULL;
  for (guint i = 0; n != NULL && i < json_array_get_length (json_node_get_array (n)); i++)
    {
      JsonNode *e = json_array_get_element (json_node_get_array (n), i);
      g_autofree char *where = g_strdup_printf ("package.excludes[%u]", i + 1);
      if (!JSON_NODE_HOLDS_OBJECT (e))
        return wrong_type (where, _("an object"), e, error), NULL;
      for (guint k = 0; k < 3; k++)
        {
          const char *member = (const char *[]) { "kind", "when", "source" }[k];
          if (!opt_string (json_node_get_object (e), member, NULL))
            {
              g_autofree char *p = g_strdup_printf ("%s.%s", where, member);
              return wrong_type (p, _("a text"), json_object_get_member (json_node_get_object (e), member), error),
                     NULL;
            }
        }
    }
  {
    JsonArray *checklist;
    if (!need_array (json, "checklist", &checklist, error))
      return NULL;
    if ((int) json_array_get_length (checklist) != m->p3_questions)
      {
        g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                     _("The methodology's checklist has %u questions but enterprise.p3.questions says %d."),
                     json_array_get_length (checklist), m->p3_questions);
        return NULL;
      }
  }
  return g_steal_pointer (&m);
}

JsonObject *
kepil_methodology_default_json (GError **error)
{
  g_autoptr (JsonNode) n = kepil_json_from_resource (DEFAULT_RESOURCE, error);

  if (n == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (n))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE, _("The shipped methodology is not a JSON object."));
      return NULL;
    }
  return json_object_ref (json_node_get_object (n));
}

void
kepil_methodology_parse_spec (const char *spec, char **name, int *version)
{
  const char *at;
  const char *v;

  *version = 0;
  if (spec == NULL || *spec == '\0')
    {
      *name = g_strdup (KEPIL_METHODOLOGY_DEFAULT);
      return;
    }
  at = strrchr (spec, '@');
  if (at != NULL && at[1] != '\0' && strspn (at + 1, "0123456789") == strlen (at + 1))
    {
      *name = g_strndup (spec, at - spec);
      *version = atoi (at + 1);
      return;
    }
  v = g_strrstr (spec, " v");
  if (v != NULL && v[2] != '\0' && strspn (v + 2, "0123456789") == strlen (v + 2))
    {
      *name = g_strndup (spec, v - spec);
      *version = atoi (v + 2);
      return;
    }
  *name = g_strdup (spec);
}

char *
kepil_methodology_label (const KepilMethodology *m)
{
  return g_strdup_printf ("%s v%d", m->name, m->version);
}

gboolean
kepil_methodology_ensure_default (KepilDb *db, GError **error)
{
  g_autoptr (JsonObject) json = NULL;
  g_autofree char *text = NULL;
  int max = kepil_store_methodology_max_version (db, KEPIL_METHODOLOGY_DEFAULT, error);

  if (max < 0)
    return FALSE;
  if (max > 0 || kepil_db_is_read_only (db))
    return TRUE;
  json = kepil_methodology_default_json (error);
  if (json == NULL)
    return FALSE;
  text = kepil_json_object_to_string (json, FALSE);
  return kepil_store_methodology_insert (db, kepil_json_str (json, "name", KEPIL_METHODOLOGY_DEFAULT),
                                         (int) kepil_json_int (json, "version", 1), "", text, error);
}

static JsonObject *
parse_object (const char *text, GError **error)
{
  g_autoptr (JsonParser) p = json_parser_new ();

  if (!json_parser_load_from_data (p, text, -1, error))
    return NULL;
  if (json_parser_get_root (p) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (p)))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE, _("A stored methodology is not a JSON object."));
      return NULL;
    }
  return json_object_ref (json_node_get_object (json_parser_get_root (p)));
}

KepilMethodology *
kepil_methodology_load (KepilDb *db, const char *spec, GError **error)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  g_autoptr (JsonObject) json = NULL;
  int version;

  kepil_methodology_parse_spec (spec, &name, &version);
  if (db == NULL)
    {
      json = kepil_methodology_default_json (error);
      if (json == NULL)
        return NULL;
      if (!g_str_equal (name, kepil_json_str (json, "name", "")) ||
          (version != 0 && version != kepil_json_int (json, "version", 0)))
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND,
                       _("Without a database only the methodology “%s” is available, not “%s”."),
                       KEPIL_METHODOLOGY_DEFAULT, spec);
          return NULL;
        }
      return kepil_methodology_new_from_json (json, error);
    }
  if (!kepil_methodology_ensure_default (db, error))
    return NULL;
  if (!kepil_store_methodology_get (db, name, version, &text, &version, NULL))
    {
      /* A name that itself ends in " vN" is taken whole as well. */
      if (spec == NULL || !kepil_store_methodology_get (db, spec, 0, &text, &version, NULL))
        {
          g_autoptr (JsonObject) shipped = NULL;
          /* A read-only file that never stored the default still has the shipped one. */
          if (kepil_db_is_read_only (db) && g_str_equal (name, KEPIL_METHODOLOGY_DEFAULT) &&
              (shipped = kepil_methodology_default_json (NULL)) != NULL &&
              (version == 0 || version == kepil_json_int (shipped, "version", 0)))
            return kepil_methodology_new_from_json (shipped, error);
          return kepil_store_methodology_get (db, name, version, NULL, NULL, error), NULL;
        }
    }
  json = parse_object (text, error);
  if (json == NULL)
    return NULL;
  return kepil_methodology_new_from_json (json, error);
}

GPtrArray *
kepil_methodology_list (KepilDb *db, GError **error)
{
  GPtrArray *rows;

  if (db == NULL)
    {
      g_autoptr (JsonObject) json = kepil_methodology_default_json (error);
      JsonObject *o;
      if (json == NULL)
        return NULL;
      rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      o = json_object_new ();
      json_object_set_string_member (o, "name", kepil_json_str (json, "name", ""));
      json_object_set_int_member (o, "version", kepil_json_int (json, "version", 1));
      json_object_set_string_member (o, "parent", "");
      json_object_set_string_member (o, "created_at", "");
      json_object_set_string_member (o, "created_by", "");
      g_ptr_array_add (rows, o);
    }
  else
    {
      if (!kepil_methodology_ensure_default (db, error))
        return NULL;
      rows = kepil_store_methodology_list (db, error);
      if (rows == NULL)
        return NULL;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      JsonObject *o = g_ptr_array_index (rows, i);
      g_autofree char *label = g_strdup_printf ("%s v%ld", kepil_json_str (o, "name", ""),
                                                kepil_json_int (o, "version", 0));
      json_object_set_string_member (o, "label", label);
    }
  return rows;
}

/* Sets @value at a dotted path that must already exist (an edit changes, never invents). */
static gboolean
apply_edit (JsonObject *doc, const char *path, JsonNode *value, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *cur = NULL;
  JsonObject *o = doc;
  JsonArray *a = NULL;
  guint n = g_strv_length (parts);

  for (guint i = 0; i < n; i++)
    {
      const char *p = parts[i];
      gboolean last = (i + 1 == n);

      if (o != NULL)
        {
          if (!json_object_has_member (o, p))
            goto missing;
          if (last)
            {
              json_object_set_member (o, p, json_node_copy (value));
              return TRUE;
            }
          cur = json_object_get_member (o, p);
        }
      else if (a != NULL)
        {
          char *end = NULL;
          guint64 idx = g_ascii_strtoull (p, &end, 10);
          if (end == p || *end != '\0' || idx < 1 || idx > json_array_get_length (a))
            goto missing;
          if (last)
            {
              /* Arrays are replaced element by element through a rebuilt array. */
              JsonArray *copy = json_array_new ();
              for (guint k = 0; k < json_array_get_length (a); k++)
                json_array_add_element (copy, k + 1 == idx ? json_node_copy (value)
                                                           : json_node_copy (json_array_get_element (a, k)));
              json_node_take_array (cur, copy);
              return TRUE;
            }
          cur = json_array_get_element (a, (guint) idx - 1);
        }
      else
        goto missing;
      o = JSON_NODE_HOLDS_OBJECT (cur) ? json_node_get_object (cur) : NULL;
      a = JSON_NODE_HOLDS_ARRAY (cur) ? json_node_get_array (cur) : NULL;
    }
missing:
  g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
               _("The methodology has no setting “%s” to change (array elements are numbered from 1)."), path);
  return FALSE;
}

gboolean
kepil_methodology_copy (KepilDb *db, const char *from, const char *to_name, JsonObject *edits, char **out_label,
                        GError **error)
{
  g_autoptr (KepilMethodology) src = NULL;
  g_autoptr (KepilMethodology) check = NULL;
  g_autoptr (JsonObject) doc = NULL;
  g_autofree char *text = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *stripped = NULL;
  int next;

  if (!kepil_db_check_writable (db, FALSE, error))
    return FALSE;
  stripped = g_strstrip (g_strdup (to_name ? to_name : ""));
  if (*stripped == '\0' || strchr (stripped, '@') != NULL)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                   _("The new methodology needs a name without “@”."));
      return FALSE;
    }
  src = kepil_methodology_load (db, from, error);
  if (src == NULL)
    return FALSE;
  parent = kepil_methodology_label (src);
  /* A deep copy through text keeps the source untouched. */
  text = kepil_json_object_to_string (src->json, FALSE);
  doc = parse_object (text, error);
  if (doc == NULL)
    return FALSE;
  if (edits != NULL)
    {
      g_autoptr (GList) members = json_object_get_members (edits);
      for (GList *l = members; l; l = l->next)
        if (g_str_equal (l->data, "name") || g_str_equal (l->data, "version"))
          {
            g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                         _("The name and version of a methodology are set by the copy, not edited."));
            return FALSE;
          }
        else if (!apply_edit (doc, l->data, json_object_get_member (edits, l->data), error))
          return FALSE;
    }
  to_name = stripped;
  next = kepil_store_methodology_max_version (db, to_name, error);
  if (next < 0)
    return FALSE;
  next += 1;
  json_object_set_string_member (doc, "name", to_name);
  json_object_set_int_member (doc, "version", next);
  json_object_set_string_member (doc, "parent", parent);
  check = kepil_methodology_new_from_json (doc, error);
  if (check == NULL)
    return FALSE;
  g_free (text);
  text = kepil_json_object_to_string (doc, FALSE);
  if (!kepil_store_methodology_insert (db, to_name, next, parent, text, error))
    return FALSE;
  if (out_label)
    *out_label = kepil_methodology_label (check);
  return TRUE;
}

const char *
kepil_methodology_level_text (const KepilMethodology *m, const char *key, gboolean enterprise, const char *lang)
{
  JsonArray *a;
  JsonNode *n = member_at (m->json, enterprise ? "enterprise.levels" : "levels.bands");

  if (n == NULL || !JSON_NODE_HOLDS_ARRAY (n) || key == NULL)
    return key;
  a = json_node_get_array (n);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *o = object_element (a, i);
      if (g_strcmp0 (kepil_json_str (o, "key", NULL), key) == 0)
        return kepil_json_str (o, lang ? lang : "en", key);
    }
  return key;
}
