/* kepil-norms.c — norm sets as versioned data: shipped sets, copies, CSV loading, substances, units
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-norms.h"
#include "kepil-error.h"
#include "kepil-format.h"
#include "kepil-i18n.h"

#include <math.h>
#include <string.h>

#define NORMS_PATH "/kz/kepil/norms/"

static const char * const factor_keys[] = {
  "chemical", "dust", "biological", "noise", "infrasound", "ultrasound_air", "ultrasound_contact",
  "vibration_local", "vibration_general", "emf", "ionising", "microclimate", "thermal_radiation",
  "lighting", "heaviness", "intensity", NULL
};

const char * const *
kepil_norms_factor_keys (void)
{
  return factor_keys;
}

/* ---- classes -------------------------------------------------------------------- */

int
kepil_class_rank (const char *cls)
{
  if (cls == NULL)
    return 0;
  while (*cls == ' ')
    cls++;
  if (g_str_equal (cls, "1"))
    return 10;
  if (g_str_equal (cls, "2"))
    return 20;
  if (g_str_equal (cls, "3.1") || g_str_equal (cls, "3,1"))
    return 31;
  if (g_str_equal (cls, "3.2") || g_str_equal (cls, "3,2"))
    return 32;
  if (g_str_equal (cls, "3.3") || g_str_equal (cls, "3,3"))
    return 33;
  if (g_str_equal (cls, "3.4") || g_str_equal (cls, "3,4"))
    return 34;
  if (g_str_equal (cls, "4"))
    return 40;
  return 0;
}

const char *
kepil_class_name (int rank)
{
  switch (rank)
    {
    case 10: return "1";
    case 20: return "2";
    case 31: return "3.1";
    case 32: return "3.2";
    case 33: return "3.3";
    case 34: return "3.4";
    case 40: return "4";
    default: return NULL;
    }
}

/* ---- structures ------------------------------------------------------------------- */

KepilNormRow *
kepil_norm_row_new (void)
{
  KepilNormRow *r = g_new0 (KepilNormRow, 1);
  return r;
}

void
kepil_norm_row_free (KepilNormRow *r)
{
  if (r == NULL)
    return;
  g_free (r->factor);
  g_free (r->subgroup);
  g_free (r->agent);
  g_free (r->sex);
  g_free (r->label);
  g_free (r->unit);
  g_free (r->status);
  g_free (r->source);
  g_free (r->set_name);
  if (r->json)
    json_object_unref (r->json);
  g_free (r);
}

JsonObject *
kepil_norm_row_json_shared (KepilNormRow *r)
{
  if (r->json == NULL)
    {
      r->json = kepil_norm_row_to_json (r);
      json_object_seal (r->json);
    }
  return json_object_ref (r->json);
}

KepilNormRow *
kepil_norm_row_copy (const KepilNormRow *r)
{
  KepilNormRow *c = g_memdup2 (r, sizeof *r);
  c->factor = g_strdup (r->factor);
  c->subgroup = g_strdup (r->subgroup);
  c->agent = g_strdup (r->agent);
  c->sex = g_strdup (r->sex);
  c->label = g_strdup (r->label);
  c->unit = g_strdup (r->unit);
  c->status = g_strdup (r->status);
  c->source = g_strdup (r->source);
  c->set_name = g_strdup (r->set_name);
  c->json = NULL;
  return c;
}

KepilNormSet *
kepil_norm_set_new (const char *name, int version)
{
  KepilNormSet *s = g_new0 (KepilNormSet, 1);
  s->name = g_strdup (name);
  s->version = version;
  s->parent = g_strdup ("");
  s->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) kepil_norm_row_free);
  s->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  s->params_source = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return s;
}

void
kepil_norm_set_free (KepilNormSet *s)
{
  if (s == NULL)
    return;
  g_free (s->name);
  g_free (s->parent);
  g_free (s->legal_basis);
  g_free (s->status);
  g_free (s->source);
  g_ptr_array_unref (s->rows);
  g_hash_table_unref (s->params);
  g_hash_table_unref (s->params_source);
  if (s->index)
    g_hash_table_unref (s->index);
  g_free (s);
}

void
kepil_norm_set_index (KepilNormSet *s)
{
  if (s->index)
    g_hash_table_unref (s->index);
  s->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < s->rows->len; i++)
    {
      KepilNormRow *r = g_ptr_array_index (s->rows, i);
      GPtrArray *a = g_hash_table_lookup (s->index, r->factor);
      if (a == NULL)
        {
          a = g_ptr_array_new ();
          g_hash_table_insert (s->index, g_strdup (r->factor), a);
        }
      g_ptr_array_add (a, r);
    }
}

GPtrArray *
kepil_norm_set_rows_of (KepilNormSet *s, const char *factor)
{
  if (s->index == NULL)
    kepil_norm_set_index (s);
  return g_hash_table_lookup (s->index, factor);
}

const char *
kepil_norm_set_param (KepilNormSet *s, const char *key)
{
  return g_hash_table_lookup (s->params, key);
}

double
kepil_norm_set_param_num (KepilNormSet *s, const char *key, double fallback)
{
  const char *v = kepil_norm_set_param (s, key);
  double d;
  if (v == NULL || !kepil_parse_number (v, key, &d, NULL))
    return fallback;
  return d;
}

void
kepil_substance_free (KepilSubstance *s)
{
  if (s == NULL)
    return;
  g_free (s->key);
  g_free (s->name_ru);
  g_free (s->name_en);
  g_free (s->formula);
  g_free (s->kind);
  g_free (s->status);
  g_free (s->source);
  g_free (s);
}

/* ---- CSV -------------------------------------------------------------------------- */

GPtrArray *
kepil_csv_parse (const char *text, const char *origin, GError **error)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *p = text;
  int line = 1;

  if (g_str_has_prefix (p, "\xEF\xBB\xBF"))
    p += 3;
  while (*p != '\0')
    {
      g_autoptr (GPtrArray) fields = NULL;
      g_autoptr (GString) f = NULL;
      gboolean quoted = FALSE;
      int start_line = line;

      if (*p == '#' || *p == '\n' || (*p == '\r' && p[1] == '\n'))
        {
          while (*p != '\0' && *p != '\n')
            p++;
          if (*p == '\n')
            p++;
          line++;
          continue;
        }
      fields = g_ptr_array_new ();
      f = g_string_new (NULL);
      for (;;)
        {
          char c = *p;
          if (quoted)
            {
              if (c == '\0')
                {
                  g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                               _("%s, line %d: a quoted field is not closed."), origin, start_line);
                  for (guint k = 0; k < fields->len; k++)
                    g_free (g_ptr_array_index (fields, k));
                  g_ptr_array_unref (rows);
                  return NULL;
                }
              if (c == '"' && p[1] == '"')
                {
                  g_string_append_c (f, '"');
                  p += 2;
                  continue;
                }
              if (c == '"')
                {
                  quoted = FALSE;
                  p++;
                  continue;
                }
              if (c == '\n')
                line++;
              g_string_append_c (f, c);
              p++;
              continue;
            }
          if (c == '"' && f->len == 0)
            {
              quoted = TRUE;
              p++;
              continue;
            }
          if (c == ',' || c == ';' || c == '\n' || c == '\0' || (c == '\r' && p[1] == '\n'))
            {
              g_ptr_array_add (fields, g_strdup (g_strstrip (f->str)));
              g_string_truncate (f, 0);
              if (c == ',' || c == ';')
                {
                  p++;
                  continue;
                }
              if (c == '\r')
                p++;
              if (*p == '\n')
                {
                  p++;
                  line++;
                }
              break;
            }
          g_string_append_c (f, c);
          p++;
        }
      g_ptr_array_add (fields, NULL);
      g_ptr_array_add (rows, g_ptr_array_steal (fields, NULL));
    }
  return rows;
}

static const char *
field_of (GStrv header, GStrv fields, const char *name)
{
  for (guint i = 0; header[i] != NULL; i++)
    if (g_str_equal (header[i], name))
      return i < g_strv_length (fields) ? fields[i] : "";
  return NULL;
}

static GHashTable *
subgroup_aliases (void)
{
  static GHashTable *aliases;

  if (g_once_init_enter (&aliases))
    {
      GHashTable *t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autoptr (GBytes) b = g_resources_lookup_data (NORMS_PATH "subgroups.csv", 0, NULL);
      g_autoptr (GPtrArray) rows = b ? kepil_csv_parse (g_bytes_get_data (b, NULL), "subgroups.csv", NULL) : NULL;

      for (guint i = 1; rows != NULL && i < rows->len; i++)
        {
          GStrv r = g_ptr_array_index (rows, i);
          if (g_strv_length (r) >= 3)
            g_hash_table_insert (t, g_strdup_printf ("%s|%s", r[0], r[1]), g_strdup (r[2]));
        }
      g_once_init_leave (&aliases, t);
    }
  return aliases;
}

static gboolean
is_status (const char *s)
{
  return g_strcmp0 (s, "V1") == 0 || g_strcmp0 (s, "V2") == 0 || g_strcmp0 (s, "V3") == 0 ||
         g_strcmp0 (s, "UNVERIFIED") == 0;
}

gboolean
kepil_norm_rows_from_csv (GStrv header, GStrv fields, const char *origin, int line, GPtrArray *out, GError **error)
{
  static const char *bcols[KEPIL_NORM_BOUNDS] = { "c1", "c2", "c3_1", "c3_2", "c3_3", "c3_4" };
  const char *factor = field_of (header, fields, "factor");
  const char *subgroup = field_of (header, fields, "subgroup");
  const char *basis = field_of (header, fields, "basis");
  const char *direction = field_of (header, fields, "direction");
  const char *top = field_of (header, fields, "top");
  const char *status = field_of (header, fields, "status");
  const char *exclusive = field_of (header, fields, "exclusive");
  const char *label = field_of (header, fields, "label");
  g_autoptr (KepilNormRow) proto = NULL;
  g_auto (GStrv) keys = NULL;
  const char *alias;
  double last = NAN;

  if (factor == NULL || !g_strv_contains (factor_keys, factor))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("%s, line %d: unknown factor “%s” in column factor."),
                   origin, line, factor ? factor : "");
      return FALSE;
    }
  proto = kepil_norm_row_new ();
  proto->factor = g_strdup (factor);
  proto->agent = g_strdup (field_of (header, fields, "agent") ? field_of (header, fields, "agent") : "");
  proto->sex = g_strdup (field_of (header, fields, "sex") ? field_of (header, fields, "sex") : "");
  if (!g_str_equal (proto->sex, "") && !g_str_equal (proto->sex, "m") && !g_str_equal (proto->sex, "f"))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("%s, line %d: column sex must be m, f or empty."), origin, line);
      return FALSE;
    }
  proto->unit = g_strdup (field_of (header, fields, "unit") ? field_of (header, fields, "unit") : "");
  if (basis == NULL || (!g_str_equal (basis, "ratio") && !g_str_equal (basis, "excess_db") &&
                        !g_str_equal (basis, "absolute") && !g_str_equal (basis, "grade")))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                   _("%s, line %d: column basis must be ratio, excess_db, absolute or grade."), origin, line);
      return FALSE;
    }
  proto->basis = g_str_equal (basis, "ratio") ? KEPIL_BASIS_RATIO : g_str_equal (basis, "excess_db") ? KEPIL_BASIS_EXCESS_DB
                 : g_str_equal (basis, "grade") ? KEPIL_BASIS_GRADE : KEPIL_BASIS_ABSOLUTE;
  if (direction == NULL || (!g_str_equal (direction, "up") && !g_str_equal (direction, "down")))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("%s, line %d: column direction must be up or down."), origin, line);
      return FALSE;
    }
  proto->down = g_str_equal (direction, "down");
  for (int b = 0; b < KEPIL_NORM_BOUNDS; b++)
    {
      const char *v = field_of (header, fields, bcols[b]);
      g_autofree char *what = g_strdup_printf (_("%s, line %d, column %s"), origin, line, bcols[b]);
      if (v == NULL || *v == '\0')
        continue;
      if (!kepil_parse_number (v, what, &proto->bound[b], error))
        return FALSE;
      if (!isnan (last) && (proto->down ? proto->bound[b] > last : proto->bound[b] < last))
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                       _("%s: the bounds must go from the best class to the worst (%s)."), what,
                       proto->down ? _("decreasing, since lower is worse") : _("increasing, since higher is worse"));
          return FALSE;
        }
      last = proto->bound[b];
      proto->has[b] = TRUE;
    }
  if (isnan (last))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("%s, line %d: the row has no class bound."), origin, line);
      return FALSE;
    }
  proto->top = kepil_class_rank (top);
  if (top != NULL && *top != '\0' && proto->top == 0)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("%s, line %d: column top must be a class (2, 3.1 … 4), not “%s”."),
                   origin, line, top);
      return FALSE;
    }
  if (!is_status (status))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                   _("%s, line %d: column status must be V1, V2, V3 or UNVERIFIED."), origin, line);
      return FALSE;
    }
  proto->status = g_strdup (status);
  proto->source = g_strdup (field_of (header, fields, "source") ? field_of (header, fields, "source") : "");
  if (exclusive != NULL)
    {
      g_auto (GStrv) parts = g_strsplit (exclusive, " ", -1);
      for (int i = 0; parts[i] != NULL; i++)
        {
          int rank = kepil_class_rank (parts[i]);
          int b = rank == 10 ? 0 : rank == 20 ? 1 : (rank >= 31 && rank <= 34) ? rank - 29 : -1;
          if (b >= 0)
            proto->exclusive[b] = TRUE;
        }
    }

  /* The subgroup: a key, or a label of factor-classes.csv that names one or more keys. */
  if (subgroup == NULL)
    subgroup = "";
  {
    g_autofree char *k = g_strdup_printf ("%s|%s", factor, subgroup);
    alias = g_hash_table_lookup (subgroup_aliases (), k);
  }
  if (alias != NULL)
    keys = g_str_equal (alias, "-") ? g_strsplit ("", " ", -1) : g_strsplit (alias, " ", -1);
  if (keys == NULL || keys[0] == NULL)
    {
      g_strfreev (keys);
      keys = g_new0 (char *, 2);
      keys[0] = g_strdup (alias != NULL ? "" : subgroup);
    }
  for (int i = 0; keys[i] != NULL; i++)
    {
      KepilNormRow *r = kepil_norm_row_copy (proto);
      g_free (r->subgroup);
      r->subgroup = g_strdup (keys[i]);
      g_free (r->label);
      r->label = g_strdup (label != NULL && *label != '\0' ? label : (alias != NULL ? subgroup : keys[i]));
      g_ptr_array_add (out, r);
    }
  return TRUE;
}

/* ---- shipped sets ------------------------------------------------------------------------ */

static GPtrArray *
read_resource_csv (const char *file, GError **error)
{
  g_autofree char *path = g_strconcat (NORMS_PATH, file, NULL);
  g_autoptr (GBytes) b = g_resources_lookup_data (path, 0, error);
  if (b == NULL)
    return NULL;
  return kepil_csv_parse (g_bytes_get_data (b, NULL), file, error);
}

typedef struct {
  GPtrArray *sets;        /* KepilNormSet*, own rows only */
  GPtrArray *substances;  /* KepilSubstance* */
  GHashTable *units;      /* alias → canonical */
  GHashTable *conv;       /* "from|to" → double* */
  GHashTable *limits;     /* factor → double[2] */
} Shipped;

static KepilSubstance *
substance_from_csv (GStrv h, GStrv f)
{
  KepilSubstance *s = g_new0 (KepilSubstance, 1);
  const char *v;
  s->key = g_strdup (field_of (h, f, "key"));
  s->name_ru = g_strdup (field_of (h, f, "name_ru"));
  s->name_en = g_strdup (field_of (h, f, "name_en"));
  s->formula = g_strdup (field_of (h, f, "formula"));
  s->kind = g_strdup (field_of (h, f, "kind"));
  v = field_of (h, f, "pdk_max");
  s->pdk_max = (v && *v) ? g_ascii_strtod (v, NULL) : NAN;
  v = field_of (h, f, "pdk_mean");
  s->pdk_mean = (v && *v) ? g_ascii_strtod (v, NULL) : NAN;
  s->hazard_class = atoi (field_of (h, f, "hazard_class"));
  s->acute = g_strcmp0 (field_of (h, f, "acute"), "1") == 0;
  s->irritant = g_strcmp0 (field_of (h, f, "irritant"), "1") == 0;
  s->carcinogen = g_strcmp0 (field_of (h, f, "carcinogen"), "1") == 0;
  s->allergen = g_strcmp0 (field_of (h, f, "allergen"), "1") == 0;
  s->fibrogenic = g_strcmp0 (field_of (h, f, "fibrogenic"), "1") == 0;
  s->status = g_strdup (field_of (h, f, "status"));
  s->source = g_strdup (field_of (h, f, "source"));
  return s;
}

static Shipped *
shipped (void)
{
  static Shipped *sh;

  if (g_once_init_enter (&sh))
    {
      Shipped *s = g_new0 (Shipped, 1);
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) sets = read_resource_csv ("sets.csv", &error);
      g_autoptr (GPtrArray) rows = read_resource_csv ("rows.csv", &error);
      g_autoptr (GPtrArray) params = read_resource_csv ("params.csv", &error);
      g_autoptr (GPtrArray) subs = read_resource_csv ("substances.csv", &error);
      g_autoptr (GPtrArray) units = read_resource_csv ("units.csv", &error);
      g_autoptr (GPtrArray) limits = read_resource_csv ("limits.csv", &error);

      if (error != NULL)
        g_error ("The norm data shipped with Kepil cannot be read: %s", error->message);
      s->sets = g_ptr_array_new_with_free_func ((GDestroyNotify) kepil_norm_set_free);
      for (guint i = 1; i < sets->len; i++)
        {
          GStrv h = g_ptr_array_index (sets, 0), f = g_ptr_array_index (sets, i);
          KepilNormSet *ns = kepil_norm_set_new (field_of (h, f, "name"), atoi (field_of (h, f, "version")));
          g_free (ns->parent);
          ns->parent = g_strdup (field_of (h, f, "parent"));
          ns->legal_basis = g_strdup (field_of (h, f, "legal_basis"));
          ns->status = g_strdup (field_of (h, f, "status"));
          ns->source = g_strdup (field_of (h, f, "source"));
          ns->is_default = g_strcmp0 (field_of (h, f, "default"), "1") == 0;
          ns->shipped = TRUE;
          g_ptr_array_add (s->sets, ns);
        }
      for (guint i = 1; i < rows->len; i++)
        {
          GStrv h = g_ptr_array_index (rows, 0), f = g_ptr_array_index (rows, i);
          const char *set_name = field_of (h, f, "norm_set");
          KepilNormSet *target = NULL;
          g_autoptr (GPtrArray) made = g_ptr_array_new ();

          for (guint j = 0; j < s->sets->len; j++)
            if (g_str_equal (((KepilNormSet *) g_ptr_array_index (s->sets, j))->name, set_name))
              target = g_ptr_array_index (s->sets, j);
          if (target == NULL || !kepil_norm_rows_from_csv (h, f, "rows.csv", (int) i + 1, made, &error))
            g_error ("The shipped norm row %u cannot be read: %s", i, error ? error->message : set_name);
          for (guint j = 0; j < made->len; j++)
            {
              KepilNormRow *r = g_ptr_array_index (made, j);
              r->set_name = g_strdup (target->name);
              r->set_version = target->version;
              r->seq = (int) target->rows->len + 1;
              g_ptr_array_add (target->rows, r);
            }
        }
      for (guint i = 1; i < params->len; i++)
        {
          GStrv h = g_ptr_array_index (params, 0), f = g_ptr_array_index (params, i);
          for (guint j = 0; j < s->sets->len; j++)
            {
              KepilNormSet *ns = g_ptr_array_index (s->sets, j);
              if (g_str_equal (ns->name, field_of (h, f, "norm_set")))
                {
                  g_hash_table_insert (ns->params, g_strdup (field_of (h, f, "key")), g_strdup (field_of (h, f, "value")));
                  g_hash_table_insert (ns->params_source, g_strdup (field_of (h, f, "key")),
                                       g_strdup_printf ("%s|%s", field_of (h, f, "status"), field_of (h, f, "source")));
                }
            }
        }
      s->substances = g_ptr_array_new_with_free_func ((GDestroyNotify) kepil_substance_free);
      for (guint i = 1; i < subs->len; i++)
        g_ptr_array_add (s->substances, substance_from_csv (g_ptr_array_index (subs, 0), g_ptr_array_index (subs, i)));
      s->units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      s->conv = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint i = 1; i < units->len; i++)
        {
          GStrv f = g_ptr_array_index (units, i);
          double factor = g_ascii_strtod (f[2], NULL);
          if (factor == 1.0)
            g_hash_table_insert (s->units, g_strdup (f[0]), g_strdup (f[1]));
          else
            g_hash_table_insert (s->conv, g_strdup_printf ("%s|%s", f[0], f[1]), g_memdup2 (&factor, sizeof factor));
        }
      s->limits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint i = 1; i < limits->len; i++)
        {
          GStrv f = g_ptr_array_index (limits, i);
          double lim[2] = { g_ascii_strtod (f[1], NULL), g_ascii_strtod (f[2], NULL) };
          g_hash_table_insert (s->limits, g_strdup (f[0]), g_memdup2 (lim, sizeof lim));
        }
      g_once_init_leave (&sh, s);
    }
  return sh;
}

static KepilNormSet *
shipped_set (const char *name, int version)
{
  Shipped *s = shipped ();
  KepilNormSet *best = NULL;
  for (guint i = 0; i < s->sets->len; i++)
    {
      KepilNormSet *ns = g_ptr_array_index (s->sets, i);
      if (g_str_equal (ns->name, name) && (version == 0 ? (best == NULL || ns->version > best->version)
                                                        : ns->version == version))
        best = ns;
    }
  return best;
}

static const char *
shipped_default (void)
{
  Shipped *s = shipped ();
  for (guint i = 0; i < s->sets->len; i++)
    if (((KepilNormSet *) g_ptr_array_index (s->sets, i))->is_default)
      return ((KepilNormSet *) g_ptr_array_index (s->sets, i))->name;
  return "KZ-2000";
}

/* ---- units and limits ------------------------------------------------------------------ */

const char *
kepil_norms_unit_canonical (const char *unit)
{
  g_autofree char *t = NULL;
  const char *c;
  if (unit == NULL)
    return NULL;
  c = g_hash_table_lookup (shipped ()->units, unit);
  if (c != NULL)
    return c;
  t = g_strstrip (g_strdup (unit));
  c = g_hash_table_lookup (shipped ()->units, t);
  if (c != NULL)
    return c;
  /* A unit that only converts is its own canonical spelling. */
  {
    GHashTableIter it;
    gpointer k;
    g_autofree char *prefix = g_strconcat (t, "|", NULL);
    g_hash_table_iter_init (&it, shipped ()->conv);
    while (g_hash_table_iter_next (&it, &k, NULL))
      if (g_str_has_prefix (k, prefix))
        return g_intern_string (t);
  }
  return NULL;
}

gboolean
kepil_norms_unit_factor (const char *from, const char *to, double *factor)
{
  const char *cf = kepil_norms_unit_canonical (from);
  const char *ct = kepil_norms_unit_canonical (to);
  g_autofree char *k = NULL;
  double *f;

  if (cf == NULL || ct == NULL)
    return FALSE;
  if (g_str_equal (cf, ct))
    {
      *factor = 1.0;
      return TRUE;
    }
  k = g_strdup_printf ("%s|%s", from, ct);
  f = g_hash_table_lookup (shipped ()->conv, k);
  if (f == NULL)
    {
      g_free (k);
      k = g_strdup_printf ("%s|%s", cf, ct);
      f = g_hash_table_lookup (shipped ()->conv, k);
    }
  if (f == NULL)
    return FALSE;
  *factor = *f;
  return TRUE;
}

gboolean
kepil_norms_limits (const char *factor, double *min, double *max)
{
  double *l = g_hash_table_lookup (shipped ()->limits, factor);
  if (l == NULL)
    return FALSE;
  *min = l[0];
  *max = l[1];
  return TRUE;
}

/* ---- sets in a database ----------------------------------------------------------------- */

static gboolean
db_usable (KepilDb *db)
{
  return db != NULL && g_object_get_data (G_OBJECT (db), "kepil-norms-ensured") != NULL &&
         GPOINTER_TO_INT (g_object_get_data (G_OBJECT (db), "kepil-norms-ensured")) == 2;
}

static gboolean
ensure_tx (KepilDb *db, gpointer user_data, GError **error)
{
  Shipped *s = shipped ();
  (void) user_data;
  for (guint i = 0; i < s->sets->len; i++)
    {
      KepilNormSet *ns = g_ptr_array_index (s->sets, i);
      gint64 id = kepil_store_norms_find_set (db, ns->name, ns->version, error);
      if (id < 0)
        return FALSE;
      if (id == 0 && !kepil_store_norms_insert_set (db, ns, error))
        return FALSE;
    }
  for (guint i = 0; i < s->substances->len; i++)
    {
      KepilSubstance *sub = g_ptr_array_index (s->substances, i);
      if (!kepil_store_norms_has_substance (db, sub->key, NULL) &&
          !kepil_store_norms_insert_substance (db, sub, TRUE, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
kepil_norms_ensure (KepilDb *db, GError **error)
{
  int state;
  gboolean missing = FALSE;
  Shipped *s = shipped ();

  if (db == NULL)
    return TRUE;
  state = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (db), "kepil-norms-ensured"));
  if (state != 0)
    return TRUE;
  for (guint i = 0; i < s->sets->len && !missing; i++)
    {
      KepilNormSet *ns = g_ptr_array_index (s->sets, i);
      gint64 id = kepil_store_norms_find_set (db, ns->name, ns->version, NULL);
      if (id < 0)
        {
          /* No norm tables (an older file opened read-only): shipped sets only. */
          g_object_set_data (G_OBJECT (db), "kepil-norms-ensured", GINT_TO_POINTER (1));
          return TRUE;
        }
      missing = id == 0;
    }
  if (missing)
    {
      if (kepil_db_is_read_only (db) || !kepil_db_check_writable (db, FALSE, NULL))
        {
          g_object_set_data (G_OBJECT (db), "kepil-norms-ensured", GINT_TO_POINTER (1));
          return TRUE;
        }
      if (!kepil_db_transaction (db, ensure_tx, NULL, error))
        return FALSE;
    }
  g_object_set_data (G_OBJECT (db), "kepil-norms-ensured", GINT_TO_POINTER (2));
  return TRUE;
}

static gboolean
parse_spec (const char *spec, char **name, int *version, GError **error)
{
  const char *at = strchr (spec, '@');
  if (at == NULL)
    {
      *name = g_strdup (spec);
      *version = 0;
      return TRUE;
    }
  *name = g_strndup (spec, at - spec);
  *version = atoi (at + 1);
  if (*version < 1 || strspn (at + 1, "0123456789") != strlen (at + 1))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                   _("“%s” is not a norm set: write NAME or NAME@VERSION, for example KZ-2000@1."), spec);
      g_clear_pointer (name, g_free);
      return FALSE;
    }
  return TRUE;
}

gboolean
kepil_norms_resolve (KepilDb *db, const char *spec, char **name, int *version, GError **error)
{
  g_autofree char *n = NULL;
  int v = 0;

  if (!kepil_norms_ensure (db, error))
    return FALSE;
  if (spec == NULL || *spec == '\0')
    {
      g_autofree char *d = NULL;
      if (db_usable (db) && kepil_store_norms_default (db, &d, NULL))
        n = g_steal_pointer (&d);
      else
        n = g_strdup (shipped_default ());
    }
  else if (!parse_spec (spec, &n, &v, error))
    return FALSE;

  if (db_usable (db))
    {
      if (v == 0)
        v = kepil_store_norms_latest (db, n, error);
      else if (kepil_store_norms_find_set (db, n, v, error) <= 0)
        v = 0;
    }
  else
    {
      KepilNormSet *ns = shipped_set (n, v);
      v = ns ? ns->version : 0;
    }
  if (v <= 0)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND,
                     _("There is no norm set “%s”. See “kepil-cli norms list”."), spec ? spec : n);
      return FALSE;
    }
  *name = g_steal_pointer (&n);
  *version = v;
  return TRUE;
}

static KepilNormSet *
load_set (KepilDb *db, const char *name, int version, int depth, GError **error)
{
  KepilNormSet *set;

  if (depth > 8)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("Norm set “%s” has a loop of parents."), name);
      return NULL;
    }
  if (db_usable (db))
    set = kepil_store_norms_read_set (db, name, version, error);
  else
    {
      KepilNormSet *src = shipped_set (name, version);
      if (src == NULL)
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND, _("There is no norm set “%s” version %d."), name, version);
          return NULL;
        }
      set = kepil_norm_set_new (name, version);
      g_free (set->parent);
      set->parent = g_strdup (src->parent);
      set->legal_basis = g_strdup (src->legal_basis);
      set->status = g_strdup (src->status);
      set->source = g_strdup (src->source);
      set->shipped = TRUE;
      set->is_default = src->is_default;
      for (guint i = 0; i < src->rows->len; i++)
        g_ptr_array_add (set->rows, kepil_norm_row_copy (g_ptr_array_index (src->rows, i)));
      {
        GHashTableIter it;
        gpointer k, v;
        g_hash_table_iter_init (&it, src->params);
        while (g_hash_table_iter_next (&it, &k, &v))
          g_hash_table_insert (set->params, g_strdup (k), g_strdup (v));
        g_hash_table_iter_init (&it, src->params_source);
        while (g_hash_table_iter_next (&it, &k, &v))
          g_hash_table_insert (set->params_source, g_strdup (k), g_strdup (v));
      }
    }
  if (set == NULL)
    return NULL;
  if (set->parent != NULL && *set->parent != '\0')
    {
      g_autofree char *pn = NULL;
      int pv = 0;
      KepilNormSet *parent;
      g_autoptr (GHashTable) own = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      GHashTableIter it;
      gpointer k, v;

      if (!parse_spec (set->parent, &pn, &pv, error))
        {
          kepil_norm_set_free (set);
          return NULL;
        }
      if (pv == 0)
        {
          g_autofree char *rn = NULL;
          if (!kepil_norms_resolve (db, pn, &rn, &pv, error))
            {
              kepil_norm_set_free (set);
              return NULL;
            }
        }
      parent = load_set (db, pn, pv, depth + 1, error);
      if (parent == NULL)
        {
          kepil_norm_set_free (set);
          return NULL;
        }
      /* The parent's rows fill the factor/subgroup pairs this set does not define. */
      for (guint i = 0; i < set->rows->len; i++)
        {
          KepilNormRow *r = g_ptr_array_index (set->rows, i);
          g_hash_table_add (own, g_strdup_printf ("%s|%s", r->factor, r->subgroup));
        }
      for (guint i = 0; i < parent->rows->len; i++)
        {
          KepilNormRow *r = g_ptr_array_index (parent->rows, i);
          g_autofree char *k2 = g_strdup_printf ("%s|%s", r->factor, r->subgroup);
          if (!g_hash_table_contains (own, k2))
            g_ptr_array_add (set->rows, kepil_norm_row_copy (r));
        }
      g_hash_table_iter_init (&it, parent->params);
      while (g_hash_table_iter_next (&it, &k, &v))
        if (!g_hash_table_contains (set->params, k))
          {
            g_hash_table_insert (set->params, g_strdup (k), g_strdup (v));
            g_hash_table_insert (set->params_source, g_strdup (k),
                                 g_strdup_printf ("%s (%s)", (char *) g_hash_table_lookup (parent->params_source, k),
                                                  set->parent));
          }
      kepil_norm_set_free (parent);
    }
  kepil_norm_set_index (set);
  return set;
}

static GHashTable *
cache_of (KepilDb *db)
{
  static GHashTable *global;
  GHashTable *t;

  if (db == NULL)
    {
      if (g_once_init_enter (&global))
        g_once_init_leave (&global, g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           (GDestroyNotify) kepil_norm_set_free));
      return global;
    }
  t = g_object_get_data (G_OBJECT (db), "kepil-norms-cache");
  if (t == NULL)
    {
      t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) kepil_norm_set_free);
      g_object_set_data_full (G_OBJECT (db), "kepil-norms-cache", t, (GDestroyNotify) g_hash_table_unref);
    }
  return t;
}

static GMutex cache_lock;

KepilNormSet *
kepil_norms_get (KepilDb *db, const char *spec, GError **error)
{
  g_autofree char *name = NULL;
  g_autofree char *key = NULL;
  KepilNormSet *set;
  GHashTable *cache;
  int version;

  if (!kepil_norms_resolve (db, spec, &name, &version, error))
    return NULL;
  key = g_strdup_printf ("%s@%d", name, version);
  g_mutex_lock (&cache_lock);
  cache = cache_of (db_usable (db) ? db : NULL);
  set = g_hash_table_lookup (cache, key);
  if (set == NULL)
    {
      set = load_set (db, name, version, 0, error);
      if (set != NULL)
        g_hash_table_insert (cache, g_steal_pointer (&key), set);
    }
  g_mutex_unlock (&cache_lock);
  return set;
}

void
kepil_norms_mark_used (KepilDb *db, KepilNormSet *set)
{
  if (!db_usable (db) || set->used || kepil_db_is_read_only (db) || !kepil_db_check_writable (db, FALSE, NULL))
    return;
  if (kepil_db_begin (db, NULL))
    {
      if (kepil_store_norms_mark_used (db, set->name, set->version, NULL))
        {
          if (kepil_db_commit (db, NULL))
            set->used = TRUE;
        }
      else
        kepil_db_rollback (db);
    }
}

GPtrArray *
kepil_norms_list (KepilDb *db, GError **error)
{
  GPtrArray *out;
  Shipped *s;

  if (!kepil_norms_ensure (db, error))
    return NULL;
  if (db_usable (db))
    return kepil_store_norms_list (db, error);
  s = shipped ();
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < s->sets->len; i++)
    {
      KepilNormSet *ns = g_ptr_array_index (s->sets, i);
      JsonObject *o = json_object_new ();
      json_object_set_string_member (o, "name", ns->name);
      json_object_set_int_member (o, "version", ns->version);
      json_object_set_string_member (o, "parent", ns->parent);
      json_object_set_string_member (o, "legal_basis", ns->legal_basis);
      json_object_set_string_member (o, "status", ns->status);
      json_object_set_boolean_member (o, "shipped", TRUE);
      json_object_set_boolean_member (o, "default", ns->is_default);
      json_object_set_boolean_member (o, "used", FALSE);
      json_object_set_string_member (o, "created_at", "");
      json_object_set_int_member (o, "own_rows", ns->rows->len);
      g_ptr_array_add (out, o);
    }
  return out;
}

static void
set_bound (JsonObject *o, const char *name, const KepilNormRow *r, int b)
{
  if (r->has[b])
    json_object_set_double_member (o, name, r->bound[b]);
  else
    json_object_set_null_member (o, name);
}

JsonObject *
kepil_norm_row_to_json (const KepilNormRow *r)
{
  static const char *bcols[KEPIL_NORM_BOUNDS] = { "c1", "c2", "c3_1", "c3_2", "c3_3", "c3_4" };
  static const char *basis[] = { "ratio", "excess_db", "absolute", "grade" };
  JsonObject *o = json_object_new ();
  g_autoptr (GString) excl = g_string_new (NULL);

  json_object_set_int_member (o, "seq", r->seq);
  json_object_set_string_member (o, "factor", r->factor);
  json_object_set_string_member (o, "subgroup", r->subgroup);
  json_object_set_string_member (o, "agent", r->agent);
  json_object_set_string_member (o, "sex", r->sex);
  json_object_set_string_member (o, "label", r->label);
  json_object_set_string_member (o, "unit", r->unit);
  json_object_set_string_member (o, "basis", basis[r->basis]);
  json_object_set_string_member (o, "direction", r->down ? "down" : "up");
  for (int b = 0; b < KEPIL_NORM_BOUNDS; b++)
    {
      set_bound (o, bcols[b], r, b);
      if (r->exclusive[b])
        {
          if (excl->len)
            g_string_append_c (excl, ' ');
          g_string_append (excl, kepil_class_name (b == 0 ? 10 : b == 1 ? 20 : 29 + b));
        }
    }
  json_object_set_string_member (o, "top", r->top ? kepil_class_name (r->top) : "");
  json_object_set_string_member (o, "exclusive", excl->str);
  json_object_set_string_member (o, "status", r->status);
  json_object_set_string_member (o, "source", r->source);
  json_object_set_string_member (o, "norm_set", r->set_name ? r->set_name : "");
  json_object_set_int_member (o, "norm_set_version", r->set_version);
  return o;
}

JsonObject *
kepil_norms_show (KepilDb *db, const char *spec, GError **error)
{
  KepilNormSet *set = kepil_norms_get (db, spec, error);
  JsonObject *o, *params;
  JsonArray *rows;
  GHashTableIter it;
  gpointer k, v;

  if (set == NULL)
    return NULL;
  o = json_object_new ();
  json_object_set_string_member (o, "name", set->name);
  json_object_set_int_member (o, "version", set->version);
  json_object_set_string_member (o, "parent", set->parent);
  json_object_set_string_member (o, "legal_basis", set->legal_basis ? set->legal_basis : "");
  json_object_set_string_member (o, "status", set->status ? set->status : "");
  json_object_set_string_member (o, "source", set->source ? set->source : "");
  json_object_set_boolean_member (o, "shipped", set->shipped);
  json_object_set_boolean_member (o, "used", set->used);
  rows = json_array_new ();
  for (guint i = 0; i < set->rows->len; i++)
    json_array_add_object_element (rows, kepil_norm_row_to_json (g_ptr_array_index (set->rows, i)));
  json_object_set_array_member (o, "rows", rows);
  params = json_object_new ();
  g_hash_table_iter_init (&it, set->params);
  while (g_hash_table_iter_next (&it, &k, &v))
    json_object_set_string_member (params, k, v);
  json_object_set_object_member (o, "params", params);
  return o;
}

static void
csv_field (GString *s, const char *v, gboolean last)
{
  if (v == NULL)
    v = "";
  if (strpbrk (v, ",;\"\n") != NULL)
    {
      g_autofree char *e = NULL;
      g_auto (GStrv) parts = g_strsplit (v, "\"", -1);
      e = g_strjoinv ("\"\"", parts);
      g_string_append_printf (s, "\"%s\"", e);
    }
  else
    g_string_append (s, v);
  g_string_append_c (s, last ? '\n' : ',');
}

char *
kepil_norms_to_csv (KepilDb *db, const char *spec, GError **error)
{
  KepilNormSet *set = kepil_norms_get (db, spec, error);
  GString *s;

  if (set == NULL)
    return NULL;
  s = g_string_new ("norm_set,factor,subgroup,agent,sex,label,unit,basis,direction,c1,c2,c3_1,c3_2,c3_3,c3_4,top,exclusive,status,source\n");
  for (guint i = 0; i < set->rows->len; i++)
    {
      KepilNormRow *r = g_ptr_array_index (set->rows, i);
      g_autoptr (JsonObject) o = NULL;
      static const char *bcols[KEPIL_NORM_BOUNDS] = { "c1", "c2", "c3_1", "c3_2", "c3_3", "c3_4" };

      if (g_strcmp0 (r->set_name, set->name) != 0 || r->set_version != set->version)
        continue;
      o = kepil_norm_row_to_json (r);
      csv_field (s, set->name, FALSE);
      csv_field (s, r->factor, FALSE);
      csv_field (s, r->subgroup, FALSE);
      csv_field (s, r->agent, FALSE);
      csv_field (s, r->sex, FALSE);
      csv_field (s, r->label, FALSE);
      csv_field (s, r->unit, FALSE);
      csv_field (s, json_object_get_string_member (o, "basis"), FALSE);
      csv_field (s, r->down ? "down" : "up", FALSE);
      for (int b = 0; b < KEPIL_NORM_BOUNDS; b++)
        {
          g_autofree char *num = r->has[b] ? kepil_format_number_c (r->bound[b], 6) : g_strdup ("");
          (void) bcols;
          csv_field (s, num, FALSE);
        }
      csv_field (s, json_object_get_string_member (o, "top"), FALSE);
      csv_field (s, json_object_get_string_member (o, "exclusive"), FALSE);
      csv_field (s, r->status, FALSE);
      csv_field (s, r->source, TRUE);
    }
  return g_string_free (s, FALSE);
}

static gboolean
require_db (KepilDb *db, GError **error)
{
  if (db == NULL)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                   _("Norm sets can only be copied or loaded into a database: give one with --db."));
      return FALSE;
    }
  if (!kepil_norms_ensure (db, error))
    return FALSE;
  if (!kepil_db_check_writable (db, FALSE, error))
    return FALSE;
  if (!db_usable (db))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_READ_ONLY,
                   _("This database has no norm tables yet; open it for writing to upgrade it."));
      return FALSE;
    }
  return TRUE;
}

static int
save_new_version (KepilDb *db, KepilNormSet *set, const char *name, GError **error)
{
  int latest;

  if (name == NULL || *name == '\0' || strchr (name, '@') != NULL)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                   _("The name of a norm set must not be empty nor contain “@” (field name)."));
      return 0;
    }
  if (!kepil_db_begin (db, error))
    return 0;
  latest = kepil_store_norms_latest (db, name, error);
  if (latest < 0)
    {
      kepil_db_rollback (db);
      return 0;
    }
  g_free (set->name);
  set->name = g_strdup (name);
  set->version = latest + 1;
  set->shipped = FALSE;
  set->is_default = FALSE;
  for (guint i = 0; i < set->rows->len; i++)
    {
      KepilNormRow *r = g_ptr_array_index (set->rows, i);
      g_free (r->set_name);
      r->set_name = g_strdup (name);
      r->set_version = set->version;
      r->seq = (int) i + 1;
    }
  if (!kepil_store_norms_insert_set (db, set, error) || !kepil_db_commit (db, error))
    {
      kepil_db_rollback (db);
      return 0;
    }
  return set->version;
}

int
kepil_norms_copy (KepilDb *db, const char *spec, const char *new_name, GError **error)
{
  KepilNormSet *src;
  g_autoptr (GPtrArray) dummy = NULL;
  KepilNormSet *copy;
  int v;
  GHashTableIter it;
  gpointer k, val;

  if (!require_db (db, error))
    return 0;
  src = kepil_norms_get (db, spec, error);
  if (src == NULL)
    return 0;
  copy = kepil_norm_set_new (src->name, src->version);
  g_free (copy->parent);
  /* A copy holds every row it uses, its parent's included, so it does not move when they do. */
  copy->parent = g_strdup ("");
  copy->legal_basis = g_strdup (src->legal_basis);
  copy->status = g_strdup (src->status);
  copy->source = g_strdup_printf (_("copy of %s version %d"), src->name, src->version);
  for (guint i = 0; i < src->rows->len; i++)
    g_ptr_array_add (copy->rows, kepil_norm_row_copy (g_ptr_array_index (src->rows, i)));
  g_hash_table_iter_init (&it, src->params);
  while (g_hash_table_iter_next (&it, &k, &val))
    g_hash_table_insert (copy->params, g_strdup (k), g_strdup (val));
  g_hash_table_iter_init (&it, src->params_source);
  while (g_hash_table_iter_next (&it, &k, &val))
    g_hash_table_insert (copy->params_source, g_strdup (k), g_strdup (val));
  v = save_new_version (db, copy, new_name, error);
  kepil_norm_set_free (copy);
  return v;
}

int
kepil_norms_load_csv_text (KepilDb *db, const char *text, const char *origin, const char *name, const char *only_set,
                           const char *parent, GError **error)
{
  g_autoptr (GPtrArray) rows = NULL;
  KepilNormSet *set;
  GStrv header;
  char *seen_set = NULL;
  int v;

  if (!require_db (db, error))
    return 0;
  rows = kepil_csv_parse (text, origin, error);
  if (rows == NULL)
    return 0;
  if (rows->len < 2)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE, _("%s has no norm rows."), origin);
      return 0;
    }
  header = g_ptr_array_index (rows, 0);
  if (!g_strv_contains ((const char * const *) header, "factor") || !g_strv_contains ((const char * const *) header, "basis"))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                   _("%s: the first line must name the columns of factor-classes.csv (norm_set, factor, subgroup, unit, "
                     "basis, direction, c2 … c3_4, top, status, source)."), origin);
      return 0;
    }
  set = kepil_norm_set_new (name, 1);
  g_free (set->parent);
  if (parent == NULL)
    set->parent = g_strdup (shipped_default ());
  else
    set->parent = g_strdup (parent);
  if (*set->parent != '\0')
    {
      g_autofree char *pn = NULL;
      int pv;
      /* Pin the parent's version so that the new set reproduces. */
      if (!kepil_norms_resolve (db, set->parent, &pn, &pv, error))
        {
          kepil_norm_set_free (set);
          return 0;
        }
      g_free (set->parent);
      set->parent = g_strdup_printf ("%s@%d", pn, pv);
    }
  set->legal_basis = g_strdup_printf (_("loaded from %s"), origin);
  set->status = g_strdup ("UNVERIFIED");
  set->source = g_strdup (origin);
  for (guint i = 1; i < rows->len; i++)
    {
      GStrv f = g_ptr_array_index (rows, i);
      const char *ns = field_of (header, f, "norm_set");
      if (ns != NULL && only_set != NULL && !g_str_equal (ns, only_set))
        continue;
      if (ns != NULL && only_set == NULL)
        {
          if (seen_set == NULL)
            seen_set = g_strdup (ns);
          else if (!g_str_equal (seen_set, ns))
            {
              g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                           _("%s holds several norm sets (%s, %s): choose one with --set."), origin, seen_set, ns);
              g_free (seen_set);
              kepil_norm_set_free (set);
              return 0;
            }
        }
      if (!kepil_norm_rows_from_csv (header, f, origin, (int) i + 1, set->rows, error))
        {
          g_free (seen_set);
          kepil_norm_set_free (set);
          return 0;
        }
    }
  g_free (seen_set);
  if (set->rows->len == 0)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("%s has no rows of norm set “%s”."), origin,
                   only_set ? only_set : "");
      kepil_norm_set_free (set);
      return 0;
    }
  v = save_new_version (db, set, name, error);
  kepil_norm_set_free (set);
  return v;
}

int
kepil_norms_load_csv (KepilDb *db, const char *path, const char *name, const char *only_set, const char *parent,
                      GError **error)
{
  g_autofree char *text = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr (GError) local = NULL;

  if (!g_file_get_contents (path, &text, NULL, &local))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_IO, _("The file %s cannot be read: %s"), path, local->message);
      return 0;
    }
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE, _("The file %s is not UTF-8 text."), path);
      return 0;
    }
  return kepil_norms_load_csv_text (db, text, base, name, only_set, parent, error);
}

gboolean
kepil_norms_update_row (KepilDb *db, const char *spec, int seq, JsonObject *changes, GError **error)
{
  static const char *bcols[KEPIL_NORM_BOUNDS] = { "c1", "c2", "c3_1", "c3_2", "c3_3", "c3_4" };
  KepilNormSet *set;
  KepilNormRow *row = NULL;
  g_autoptr (KepilNormRow) r = NULL;
  double last = NAN;
  gboolean ok;

  if (!require_db (db, error))
    return FALSE;
  set = kepil_norms_get (db, spec, error);
  if (set == NULL)
    return FALSE;
  for (guint i = 0; i < set->rows->len; i++)
    {
      KepilNormRow *c = g_ptr_array_index (set->rows, i);
      if (c->seq == seq && g_strcmp0 (c->set_name, set->name) == 0 && c->set_version == set->version)
        row = c;
    }
  if (row == NULL || set->used || set->shipped)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_CONSTRAINT,
                   _("Row %d of norm set “%s” version %d cannot be changed: the version is shipped or was used already, "
                     "or has no such row; copy it to a new version and change that."), seq, set->name, set->version);
      return FALSE;
    }
  r = kepil_norm_row_copy (row);
  for (int b = 0; b < KEPIL_NORM_BOUNDS; b++)
    if (json_object_has_member (changes, bcols[b]))
      {
        JsonNode *n = json_object_get_member (changes, bcols[b]);
        r->has[b] = !JSON_NODE_HOLDS_NULL (n);
        if (r->has[b])
          r->bound[b] = json_node_get_double (n);
      }
  for (int b = 0; b < KEPIL_NORM_BOUNDS; b++)
    if (r->has[b])
      {
        if (!isnan (last) && (r->down ? r->bound[b] > last : r->bound[b] < last))
          {
            g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                         _("Bound %s of row %d must not be %s the bound before it."), bcols[b], seq,
                         r->down ? _("above") : _("below"));
            return FALSE;
          }
        last = r->bound[b];
      }
  if (json_object_has_member (changes, "top"))
    r->top = kepil_class_rank (json_object_get_string_member (changes, "top"));
  if (json_object_has_member (changes, "exclusive"))
    {
      const char *e = json_object_get_string_member (changes, "exclusive");
      g_auto (GStrv) parts = g_strsplit (e ? e : "", " ", -1);
      memset (r->exclusive, 0, sizeof r->exclusive);
      for (int i = 0; parts[i] != NULL; i++)
        {
          int rank = kepil_class_rank (parts[i]);
          int b = rank == 10 ? 0 : rank == 20 ? 1 : (rank >= 31 && rank <= 34) ? rank - 29 : -1;
          if (b >= 0)
            r->exclusive[b] = TRUE;
        }
    }
  if (json_object_has_member (changes, "status"))
    {
      const char *s = json_object_get_string_member (changes, "status");
      if (!is_status (s))
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("The status must be V1, V2, V3 or UNVERIFIED (field status)."));
          return FALSE;
        }
      g_free (r->status);
      r->status = g_strdup (s);
    }
  if (json_object_has_member (changes, "source"))
    {
      g_free (r->source);
      r->source = g_strdup (json_object_get_string_member (changes, "source"));
    }
  if (!kepil_db_begin (db, error))
    return FALSE;
  ok = kepil_store_norms_update_row (db, set->name, set->version, r, error);
  if (!ok || !kepil_db_commit (db, error))
    {
      kepil_db_rollback (db);
      return FALSE;
    }
  /* Drop the cached copy; the next read sees the change. */
  {
    g_autofree char *key = g_strdup_printf ("%s@%d", set->name, set->version);
    g_mutex_lock (&cache_lock);
    g_hash_table_remove (cache_of (db), key);
    g_mutex_unlock (&cache_lock);
  }
  return TRUE;
}

/* ---- substances ----------------------------------------------------------------------------- */

static GPtrArray *
substances_of (KepilDb *db)
{
  GPtrArray *a;
  if (!db_usable (db))
    return shipped ()->substances;
  a = g_object_get_data (G_OBJECT (db), "kepil-substances");
  if (a == NULL)
    {
      a = kepil_store_norms_read_substances (db, NULL);
      if (a == NULL)
        return shipped ()->substances;
      g_object_set_data_full (G_OBJECT (db), "kepil-substances", a, (GDestroyNotify) g_ptr_array_unref);
    }
  return a;
}

static GHashTable *
substance_index (GPtrArray *a)
{
  GHashTable *t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < a->len; i++)
    {
      KepilSubstance *s = g_ptr_array_index (a, i);
      const char *names[] = { s->key, s->formula, s->name_ru, s->name_en };
      for (guint k = 0; k < G_N_ELEMENTS (names); k++)
        if (names[k] != NULL && *names[k] != '\0')
          {
            char *f = g_utf8_casefold (names[k], -1);
            if (!g_hash_table_contains (t, f))
              g_hash_table_insert (t, f, s);
            else
              g_free (f);
          }
    }
  return t;
}

const KepilSubstance *
kepil_norms_substance (KepilDb *db, const char *name)
{
  static GHashTable *shipped_index;
  GHashTable *index;
  g_autofree char *f = NULL;

  if (name == NULL || *name == '\0')
    return NULL;
  kepil_norms_ensure (db, NULL);
  if (db_usable (db))
    {
      index = g_object_get_data (G_OBJECT (db), "kepil-substance-index");
      if (index == NULL)
        {
          index = substance_index (substances_of (db));
          g_object_set_data_full (G_OBJECT (db), "kepil-substance-index", index, (GDestroyNotify) g_hash_table_unref);
        }
    }
  else
    {
      if (g_once_init_enter (&shipped_index))
        g_once_init_leave (&shipped_index, substance_index (shipped ()->substances));
      index = shipped_index;
    }
  f = g_utf8_casefold (name, -1);
  return g_hash_table_lookup (index, f);
}

GPtrArray *
kepil_norms_substances (KepilDb *db, GError **error)
{
  GPtrArray *a, *out;
  if (!kepil_norms_ensure (db, error))
    return NULL;
  a = substances_of (db);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < a->len; i++)
    {
      KepilSubstance *s = g_ptr_array_index (a, i);
      JsonObject *o = json_object_new ();
      json_object_set_string_member (o, "key", s->key);
      json_object_set_string_member (o, "name_ru", s->name_ru);
      json_object_set_string_member (o, "name_en", s->name_en);
      json_object_set_string_member (o, "formula", s->formula);
      json_object_set_string_member (o, "kind", s->kind);
      if (isnan (s->pdk_max))
        json_object_set_null_member (o, "pdk_max");
      else
        json_object_set_double_member (o, "pdk_max", s->pdk_max);
      if (isnan (s->pdk_mean))
        json_object_set_null_member (o, "pdk_mean");
      else
        json_object_set_double_member (o, "pdk_mean", s->pdk_mean);
      json_object_set_int_member (o, "hazard_class", s->hazard_class);
      json_object_set_boolean_member (o, "acute", s->acute);
      json_object_set_boolean_member (o, "irritant", s->irritant);
      json_object_set_boolean_member (o, "carcinogen", s->carcinogen);
      json_object_set_boolean_member (o, "allergen", s->allergen);
      json_object_set_boolean_member (o, "fibrogenic", s->fibrogenic);
      json_object_set_string_member (o, "status", s->status);
      json_object_set_string_member (o, "source", s->source);
      g_ptr_array_add (out, o);
    }
  return out;
}

/* The names of the factor keys of the data, as messages to translate. */
const char *
kepil_factor_msgid (const char *factor)
{
  static const struct { const char *key, *msgid; } factors[] = {
    { "lighting", N_("Lighting") },
    { "microclimate", N_("Microclimate") },
    { "noise", N_("Noise") },
    { "emf", N_("Electromagnetic fields") },
    { "heaviness", N_("Heaviness of labour") },
    { "intensity", N_("Intensity of labour") },
    { "overall", N_("Overall assessment of working conditions") },
    { "chemical", N_("Chemical factor") },
    { "aerosol", N_("Fibrogenic aerosols (dust)") },
    { "dust", N_("Fibrogenic aerosols (dust)") },
    { "biological", N_("Biological factor") },
    { "infrasound", N_("Infrasound") },
    { "ultrasound", N_("Ultrasound") },
    { "ultrasound_air", N_("Airborne ultrasound") },
    { "ultrasound_contact", N_("Contact ultrasound") },
    { "vibration_local", N_("Local vibration") },
    { "vibration_general", N_("General vibration") },
    { "vibration", N_("Vibration") },
    { "non_ionising", N_("Non-ionising radiation") },
    { "ionising", N_("Ionising radiation") },
    { "thermal_radiation", N_("Thermal radiation") },
  };
  for (guint i = 0; factor != NULL && i < G_N_ELEMENTS (factors); i++)
    if (g_str_equal (factor, factors[i].key))
      return factors[i].msgid;
  return NULL;
}

const char *
kepil_factor_label (const char *factor)
{
  const char *msgid = kepil_factor_msgid (factor);
  return msgid != NULL ? _(msgid) : (factor != NULL ? factor : "");
}
