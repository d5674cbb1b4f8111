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

/* Walks a dotted path of objects; NULL when a step is missing. */
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

static gboolean
need_number (JsonObject *o, const char *path, double *out, GError **error)
{
  JsonNode *n = member_at (o, path);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) ||
      (json_node_get_value_type (n) != G_TYPE_INT64 && json_node_get_value_type (n) != G_TYPE_DOUBLE))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                   _("The methodology has no number at “%s”."), path);
      return FALSE;
    }
  *out = json_node_get_double (n);
  return TRUE;
}

static gboolean
need_object (JsonObject *o, const char *path, JsonObject **out, GError **error)
{
  JsonNode *n = member_at (o, path);

  if (n == NULL || !JSON_NODE_HOLDS_OBJECT (n))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                   _("The methodology has no section “%s”."), path);
      return FALSE;
    }
  *out = json_node_get_object (n);
  return TRUE;
}

static gboolean
need_array (JsonObject *o, const char *path, JsonArray **out, GError **error)
{
  JsonNode *n = member_at (o, path);

  if (n == NULL || !JSON_NODE_HOLDS_ARRAY (n) || json_array_get_length (json_node_get_array (n)) == 0)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                   _("The methodology has no list at “%s”."), path);
      return FALSE;
    }
  *out = json_node_get_array (n);
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
      JsonObject *b = json_array_get_object_element (a, i);
      KepilBand band;
      double score;
      g_autofree char *where = g_strdup_printf ("%s[%u]", path, i + 1);

      if (b == NULL || !need_number (b, key, &band.max, NULL) || !need_number (b, "score", &score, NULL))
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                       _("The band %s of the methodology needs “%s” and “score”."), where, key);
          return NULL;
        }
      band.score = (int) score;
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
      JsonObject *b = json_array_get_object_element (a, i);
      KepilLevel l = { 0 };
      const char *key = kepil_json_str (b, "key", NULL);

      if (b == NULL || key == NULL || !need_number (b, "min", &l.min, NULL) ||
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

static int
int_member (JsonObject *o, const char *path, int fallback)
{
  double d;
  return need_number (o, path, &d, NULL) ? (int) d : fallback;
}

KepilMethodology *
kepil_methodology_new_from_json (JsonObject *json, GError **error)
{
  g_autoptr (KepilMethodology) m = g_new0 (KepilMethodology, 1);
  JsonObject *by_class, *kinds;
  double d;
  const char *name = kepil_json_str (json, "name", NULL);
  static const char *const kinds_needed[] = { "leave_days", "hours_per_week", "pay_percent", "milk", "lpp", "oppv",
                                              "early_pension", "medical", "ppe" };

  if (name == NULL || *name == '\0')
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE, _("The methodology has no name."));
      return NULL;
    }
  m->name = g_strdup (name);
  m->version = (int) kepil_json_int (json, "version", 0);
  if (m->version < 1)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE, _("The methodology “%s” has no version number."), name);
      return NULL;
    }
  m->json = json_object_ref (json);
  m->tolerance = need_number (json, "tolerance", &d, NULL) ? d : 1e-9;
  if (!need_number (json, "weights.harm_injury", &m->w_harm_injury, error) ||
      !need_number (json, "weights.equipment_ppe", &m->w_equipment_ppe, error) ||
      !need_number (json, "weights.morbidity", &m->w_morbidity, error))
    return NULL;

  if (!need_object (json, "inputs.B.by_class", &by_class, error))
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
  m->b_unclassified = int_member (json, "inputs.B.unclassified", 0);
  if (!(m->ob_bands = parse_bands (json, "inputs.Ob.bands", "max", error)) ||
      !(m->ppe_bands = parse_bands (json, "inputs.PPE.bands", "min", error)) ||
      !(m->z_bands = parse_bands (json, "inputs.Z.bands", "max", error)) ||
      !(m->p2_bands = parse_bands (json, "enterprise.p2.bands", "max", error)))
    return NULL;
  if (!need_number (json, "inputs.Ob.above", &d, error)) return NULL;
  m->ob_above = (int) d;
  if (!need_number (json, "inputs.PPE.below", &d, error)) return NULL;
  m->ppe_below = (int) d;
  if (!need_number (json, "inputs.Z.above", &d, error)) return NULL;
  m->z_above = (int) d;
  if (!need_number (json, "enterprise.p2.above", &d, error)) return NULL;
  m->p2_above = (int) d;
  m->ob_no_equipment_pct = need_number (json, "inputs.Ob.no_equipment_pct", &d, NULL) ? d : 0;
  m->ppe_none_required_pct = need_number (json, "inputs.PPE.none_required_pct", &d, NULL) ? d : 100;
  if (!need_number (json, "inputs.Z.per", &m->z_per, error) ||
      !need_number (json, "enterprise.p2.per", &m->p2_per, error) ||
      !need_number (json, "enterprise.p3.max", &m->p3_max, error))
    return NULL;
  m->p2_fatal_min = int_member (json, "enterprise.p2.fatal_min", 0);
  m->p3_questions = int_member (json, "enterprise.p3.questions", 15);
  {
    JsonNode *n = member_at (json, "enterprise.p3.unanswered_counts_as_no");
    m->p3_unanswered_no = n && JSON_NODE_HOLDS_VALUE (n) && json_node_get_boolean (n);
  }
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
  m->harmful_rank = kepil_methodology_class_rank (kepil_json_str (json_node_get_object (member_at (json, "package")),
                                                                  "harmful_class", "3.1"));
  if (m->harmful_rank == 0)
    m->harmful_rank = 31;
  m->kinds_per_harmful_factor = int_member (json, "flags.kinds_per_harmful_factor", 2);
  if (!need_object (json, "package.kinds", &kinds, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (kinds_needed); i++)
    for (guint l = 0; l < m->levels->len; l++)
      {
        g_autofree char *path = g_strdup_printf ("%s.%s", kinds_needed[i], g_array_index (m->levels, KepilLevel, l).key);
        if (member_at (kinds, path) == NULL)
          {
            g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                         _("The methodology's package table has no entry package.kinds.%s."), path);
            return NULL;
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
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (p)))
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
      JsonObject *o = json_array_get_object_element (a, i);
      if (g_strcmp0 (kepil_json_str (o, "key", NULL), key) == 0)
        return kepil_json_str (o, lang ? lang : "en", key);
    }
  return key;
}
