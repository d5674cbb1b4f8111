/* kepil-classify.c — classes of working conditions: one value, a workplace, a database
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every number comes from the norm set (rows and parameters); the rules here are the shapes of the
 * tables: a value against the bounds of a row, the highest class of a factor, the final class of
 * heaviness and intensity, the overall class with its escalation.
 */
#include "kepil-config.h"
#include "kepil-classify.h"
#include "kepil-labels.h"
#include "kepil-error.h"
#include "kepil-format.h"
#include "kepil-i18n.h"
#include "kepil-json.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int
kepil_norm_bound_rank (int b)
{
  static const int ranks[KEPIL_NORM_BOUNDS] = { 10, 20, 31, 32, 33, 34 };
  return b >= 0 && b < KEPIL_NORM_BOUNDS ? ranks[b] : 0;
}

int
kepil_norm_row_classify (const KepilNormRow *r, double q, int *bound_index)
{
  for (int b = 0; b < KEPIL_NORM_BOUNDS; b++)
    {
      gboolean within;
      if (!r->has[b])
        continue;
      if (r->down)
        within = r->exclusive[b] ? q > r->bound[b] : q >= r->bound[b];
      else
        within = r->exclusive[b] ? q < r->bound[b] : q <= r->bound[b];
      if (within)
        {
          if (bound_index)
            *bound_index = b;
          return kepil_norm_bound_rank (b);
        }
    }
  if (bound_index)
    *bound_index = -1;
  return r->top;
}

/* A number for a sentence: decimal comma, up to 6 significant digits (cheaper than kepil_format_number,
 * which is needed for hundreds of thousands of reasons). */
static char *
num (double v)
{
  char buf[48];
  char *p;

  if (fabs (v) < 1e9 && v == (double) (gint64) v)
    {
      /* The digits of an integer, as "%" G_GINT64_FORMAT writes them (no printf: a sentence has several). */
      gint64 i = (gint64) v;
      guint64 u = i < 0 ? (guint64) (-i) : (guint64) i;
      p = buf + sizeof buf;
      *--p = '\0';
      do
        *--p = (char) ('0' + u % 10);
      while ((u /= 10) != 0);
      if (i < 0)
        *--p = '-';
      return g_strdup (p);
    }
  g_snprintf (buf, sizeof buf, "%.6g", v);
  for (p = buf; *p; p++)
    if (*p == '.')
      *p = ',';
  return g_strdup (buf);
}

/* g_strdup_printf for the sentences of a classification, written here when the format has only %s, %d and %%
 * (every sentence of this file, in every catalogue): the same text, without printf's machinery, which cost
 * more than the rest of a measurement's classification.  Any other format goes to g_strdup_vprintf. */
static char *say (const char *fmt, ...) G_GNUC_PRINTF (1, 2);

static char *
say (const char *fmt, ...)
{
  va_list ap, ap2;
  gsize len = 0;
  const char *p, *q;
  char *out, *o;
  char ibuf[24];

  /* Lengths first (jumping from one % to the next), then the text. */
  va_start (ap, fmt);
  va_copy (ap2, ap);
  for (p = fmt; (q = strchr (p, '%')) != NULL; p = q + 2)
    {
      len += (gsize) (q - p);
      if (q[1] == 's')
        {
          const char *a = va_arg (ap, const char *);
          len += strlen (a ? a : "(null)");
        }
      else if (q[1] == 'd')
        {
          (void) va_arg (ap, int);
          len += 11;  /* at most "-2147483648" */
        }
      else if (q[1] == '%')
        len++;
      else
        {
          va_end (ap);
          va_end (ap2);
          va_start (ap, fmt);
          out = g_strdup_vprintf (fmt, ap);
          va_end (ap);
          return out;
        }
    }
  len += strlen (p);
  va_end (ap);

  out = o = g_malloc (len + 1);
  for (p = fmt; (q = strchr (p, '%')) != NULL; p = q + 2)
    {
      memcpy (o, p, (gsize) (q - p));
      o += q - p;
      if (q[1] == 's')
        {
          const char *a = va_arg (ap2, const char *);
          gsize n;
          if (a == NULL)
            a = "(null)";
          n = strlen (a);
          memcpy (o, a, n);
          o += n;
        }
      else if (q[1] == 'd')
        {
          int v = va_arg (ap2, int);
          guint u = v < 0 ? 0u - (guint) v : (guint) v;
          char *d = ibuf + sizeof ibuf;
          do
            *--d = (char) ('0' + u % 10);
          while ((u /= 10) != 0);
          if (v < 0)
            *--d = '-';
          memcpy (o, d, (gsize) (ibuf + sizeof ibuf - d));
          o += ibuf + sizeof ibuf - d;
        }
      else
        *o++ = '%';
    }
  va_end (ap2);
  strcpy (o, p);
  return out;
}

static const char *
group_of (const char *factor)
{
  if (g_str_equal (factor, "chemical") || g_str_equal (factor, "dust") || g_str_equal (factor, "biological"))
    return factor;
  if (g_str_equal (factor, "heaviness") || g_str_equal (factor, "intensity"))
    return "labour";
  return "physical";
}

/* ---- one value -------------------------------------------------------------------------- */

typedef struct {
  KepilDb      *db;
  KepilNormSet *set;
  const char   *factor;
  const char   *subgroup;
  const char   *agent;
  const char   *category;
  const char   *sex;
  const char   *unit;
  double        value;
  double        norm;
  gboolean      check_only;   /* validation: a missing norm is not an error */
  gboolean      compact;      /* whole database: explanation = row, quantity, class and the sentence */
  struct Memo  *memo;         /* whole database: what repeats between measurements, or NULL */
} Input;

/* The whole database: what does not depend on a measurement's value is worked out once per distinct input
 * (substances by name, unit conversions, number texts of norms, the bound part of a sentence per row and
 * bound).  Each is what the plain call gives; the memo only keeps it. */
typedef struct Memo {
  GHashTable *subs;     /* agent base → const KepilSubstance* (&memo_none: not in the catalogue) */
  GHashTable *units;    /* "from\x1fto" → double* factor (NAN: the unit does not fit) */
  GHashTable *nums;     /* gint64* bits of a norm → its text (num) */
  GHashTable *bparts;   /* KepilNormRow* → char*[KEPIL_NORM_BOUNDS + 1], ", " + the bound text per b + 1 */
  GHashTable *strs;     /* a string value that repeats (factor keys, classes, groups…) → one sealed node */
} Memo;

static const KepilSubstance *memo_none = (const KepilSubstance *) &memo_none;

static void
bparts_free (gpointer p)
{
  char **a = p;
  for (int i = 0; i <= KEPIL_NORM_BOUNDS; i++)
    g_free (a[i]);
  g_free (a);
}

static Memo *
memo_new (void)
{
  Memo *m = g_new0 (Memo, 1);
  m->subs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m->units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  m->nums = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  m->bparts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, bparts_free);
  m->strs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
  return m;
}

static void
memo_free (Memo *m)
{
  if (m == NULL)
    return;
  g_hash_table_unref (m->subs);
  g_hash_table_unref (m->units);
  g_hash_table_unref (m->nums);
  g_hash_table_unref (m->bparts);
  g_hash_table_unref (m->strs);
  g_free (m);
}

/* json_object_set_string_member, with one sealed node per distinct value when there is a memo (the value is
 * the same; only the node is shared, which json-glib's reference counting allows). */
static void
set_str (Memo *m, JsonObject *o, const char *member, const char *value)
{
  JsonNode *n;
  if (m == NULL || value == NULL)
    {
      json_object_set_string_member (o, member, value);
      return;
    }
  n = g_hash_table_lookup (m->strs, value);
  if (n == NULL)
    {
      n = json_node_init_string (json_node_alloc (), value);
      json_node_seal (n);
      g_hash_table_insert (m->strs, g_strdup (value), n);
    }
  json_object_set_member (o, member, json_node_ref (n));
}

static const KepilSubstance *
substance_of (Input *in, const char *name)
{
  const KepilSubstance *sub;
  if (in->memo == NULL)
    return kepil_norms_substance (in->db, name);
  sub = g_hash_table_lookup (in->memo->subs, name);
  if (sub == NULL)
    {
      sub = kepil_norms_substance (in->db, name);
      g_hash_table_insert (in->memo->subs, g_strdup (name), (gpointer) (sub ? sub : memo_none));
    }
  return sub == memo_none ? NULL : sub;
}

static gboolean
unit_factor (Input *in, const char *from, const char *to, double *factor)
{
  g_autofree char *k = NULL;
  double *f;
  if (in->memo == NULL)
    return kepil_norms_unit_factor (from, to, factor);
  k = g_strconcat (from, "\x1f", to, NULL);
  f = g_hash_table_lookup (in->memo->units, k);
  if (f == NULL)
    {
      f = g_new (double, 1);
      if (!kepil_norms_unit_factor (from, to, f))
        *f = NAN;
      g_hash_table_insert (in->memo->units, g_steal_pointer (&k), f);
    }
  if (isnan (*f))
    return FALSE;
  *factor = *f;
  return TRUE;
}

/* num() of a norm, kept by the memo (norms repeat; values do not). */
static char *
num_norm (Input *in, double v)
{
  gint64 bits;
  const char *t;
  if (in->memo == NULL)
    return num (v);
  memcpy (&bits, &v, sizeof bits);
  t = g_hash_table_lookup (in->memo->nums, &bits);
  if (t == NULL)
    {
      gint64 *k = g_new (gint64, 1);
      *k = bits;
      t = num (v);
      g_hash_table_insert (in->memo->nums, k, (gpointer) t);
    }
  return g_strdup (t);
}

/* Picks the rows of the set that apply. */
static GPtrArray *
select_rows (Input *in, const char *subgroup, GError **error)
{
  GPtrArray *all = kepil_norm_set_rows_of (in->set, in->factor);
  GPtrArray *out = g_ptr_array_new ();
  g_autoptr (GPtrArray) subgroups = g_ptr_array_new ();
  gboolean labour = g_str_equal (in->factor, "heaviness") || g_str_equal (in->factor, "intensity");
  const char *sg = subgroup ? subgroup : "";
  const char *sex = in->sex && *in->sex ? in->sex : "m";

  if (all == NULL)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                   _("Norm set %s version %d has no row for factor “%s” (field factor)."), in->set->name, in->set->version,
                   in->factor);
      g_ptr_array_unref (out);
      return NULL;
    }
  for (guint i = 0; i < all->len; i++)
    {
      KepilNormRow *r = g_ptr_array_index (all, i);
      gboolean known = FALSE;
      for (guint j = 0; j < subgroups->len; j++)
        known |= g_str_equal (g_ptr_array_index (subgroups, j), r->subgroup);
      if (!known)
        g_ptr_array_add (subgroups, r->subgroup);
    }
  if (!labour && *sg == '\0' && subgroups->len == 1)
    sg = g_ptr_array_index (subgroups, 0);
  if (!labour)
    {
      gboolean known = FALSE;
      for (guint j = 0; j < subgroups->len; j++)
        known |= g_str_equal (g_ptr_array_index (subgroups, j), sg);
      if (!known)
        {
          g_autoptr (GString) list = g_string_new (NULL);
          for (guint j = 0; j < subgroups->len; j++)
            g_string_append_printf (list, "%s%s", j ? ", " : "", (char *) g_ptr_array_index (subgroups, j));
          if (*sg == '\0')
            g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                         _("Factor “%s” needs a subgroup (field subgroup): one of %s."), in->factor, list->str);
          else
            g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                         _("Factor “%s” has no subgroup “%s” (field subgroup); known: %s."), in->factor, sg, list->str);
          g_ptr_array_unref (out);
          return NULL;
        }
    }
  for (guint i = 0; i < all->len; i++)
    {
      KepilNormRow *r = g_ptr_array_index (all, i);
      if (!labour && !g_str_equal (r->subgroup, sg))
        continue;
      if (*r->agent != '\0')
        {
          const char *want = labour ? in->agent : (in->category && *in->category ? in->category : in->agent);
          if (g_strcmp0 (want, r->agent) != 0)
            continue;
        }
      else if (labour)
        continue;
      if (*r->sex != '\0' && !g_str_equal (r->sex, sex))
        continue;
      g_ptr_array_add (out, r);
    }
  if (out->len == 0)
    {
      if (labour)
        g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                     _("“%s” is not an indicator of %s in norm set %s (field agent)."),
                     in->agent ? in->agent : "", in->factor, in->set->name);
      else
        g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                     _("Factor “%s”, subgroup “%s” needs the work category Ia, Ib, IIa, IIb or III of the workplace "
                       "(field work_category); “%s” is not one."), in->factor, sg,
                     in->category && *in->category ? in->category : (in->agent ? in->agent : ""));
      g_ptr_array_unref (out);
      return NULL;
    }
  return out;
}

static gboolean
check_value (const char *factor, double v, GError **error)
{
  double min, max;
  if (!isfinite (v))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("The value of factor “%s” is empty or not a number (field value)."),
                   factor);
      return FALSE;
    }
  if (kepil_norms_limits (factor, &min, &max))
    {
      if (v < 0 && min >= 0)
        {
          g_autofree char *t = num (v);
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                       _("The value %s of factor “%s” is negative (field value)."), t, factor);
          return FALSE;
        }
      if (v < min || v > max)
        {
          g_autofree char *t = num (v);
          g_autofree char *a = num (min);
          g_autofree char *b = num (max);
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                       _("The value %s of factor “%s” is absurd: it must lie between %s and %s (field value)."), t, factor,
                       a, b);
          return FALSE;
        }
    }
  return TRUE;
}

typedef struct {
  double      norm;
  const char *norm_source;
} NormChoice;

/* Classifies against one row and one norm; fills @e (explanation) and returns the rank. */
static int
classify_row (Input *in, KepilNormRow *r, double norm, const char *norm_source, const KepilSubstance *sub,
              JsonObject **out, char **text_out, GError **error)
{
  JsonObject *e = NULL;
  double factor = 1.0, v = in->value, n = norm, q;
  const char *unit = in->unit && *in->unit ? in->unit : "";
  const char *canon = NULL;
  int rank, b = -1;
  g_autofree char *qtext = NULL;
  g_autofree char *btext = NULL;
  g_autofree char *sv = NULL;
  char **bparts = NULL;
  const char *bpart_memo = NULL;

  if (*unit != '\0' && *r->unit != '\0')
    {
      if (!unit_factor (in, unit, r->unit, &factor))
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                       _("The unit “%s” does not fit factor “%s” (field unit): its norm row is in %s."), unit, in->factor,
                       r->unit);
          return -1;
        }
      canon = r->unit;
      v *= factor;
      if (!isnan (n) && g_strcmp0 (norm_source, "measurement") == 0)
        n *= factor;
    }
  if (!check_value (in->factor, v, error))
    return -1;
  if (in->check_only && isnan (n))
    n = r->basis == KEPIL_BASIS_RATIO ? (v > 0 ? v : 1.0) : v;
  switch (r->basis)
    {
    case KEPIL_BASIS_RATIO:
      if (isnan (n) || n <= 0)
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                       isnan (n) ? _("Factor “%s” is classified by the ratio to its norm (ПДК, ПДУ, Ен): give the norm (field norm).")
                                 : _("The norm of factor “%s” must be above zero (field norm)."), in->factor);
          return -1;
        }
      q = v / n;
      break;
    case KEPIL_BASIS_EXCESS_DB:
      if (isnan (n))
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                       _("Factor “%s” is classified by the excess over the ПДУ of the workplace in norm set %s: give the ПДУ "
                         "(field norm)."), in->factor, in->set->name);
          return -1;
        }
      q = v - n;
      break;
    case KEPIL_BASIS_GRADE:
      {
        g_autofree char *t = kepil_format_number_c (v, 1);
        if (kepil_class_rank (t) == 0 || fabs (v * 10 - round (v * 10)) > 1e-9)
          {
            g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                         _("Indicator “%s” is given as the class the lab assessed: 1, 2, 3.1 or 3.2, not %s (field value)."),
                         r->agent, t);
            return -1;
          }
      }
      q = v;
      break;
    case KEPIL_BASIS_ABSOLUTE:
    default:
      q = v;
      break;
    }
  rank = kepil_norm_row_classify (r, q, &b);
  if (rank == 0)
    {
      g_autofree char *t = num (v);
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                   _("The value %s lies beyond the last class of row %d of %s (field value)."), t, r->seq,
                   r->set_name);
      return -1;
    }

  /* The bound of the next better class, which the value went beyond. */
  {
    int prev = -1;
    for (int k = (b >= 0 ? b : KEPIL_NORM_BOUNDS) - 1; k >= 0; k--)
      if (r->has[k])
        {
          prev = k;
          break;
        }
    if (!in->compact)
      {
        e = json_object_new ();
        json_object_set_object_member (e, "row", kepil_norm_row_json_shared (r));
      }
    if (in->memo != NULL)
      {
        bparts = g_hash_table_lookup (in->memo->bparts, r);
        if (bparts == NULL)
          {
            bparts = g_new0 (char *, KEPIL_NORM_BOUNDS + 1);
            g_hash_table_insert (in->memo->bparts, r, bparts);
          }
        bpart_memo = bparts[b + 1];
      }
    if (bpart_memo != NULL)
      ;  /* the sentence's bound part is known for this row and bound */
    else if (prev >= 0)
      {
        g_autofree char *bt = num (r->bound[prev]);
        btext = say (r->down ? _("below the bound %s of class %s") : _("above the bound %s of class %s"),
                                 bt, kepil_class_name (kepil_norm_bound_rank (prev)));
      }
    else if (b >= 0)
      {
        g_autofree char *bt = num (r->bound[b]);
        btext = say (r->down ? _("not below the bound %s of class %s") : _("not above the bound %s of class %s"),
                                 bt, kepil_class_name (kepil_norm_bound_rank (b)));
      }
    if (!in->compact)
      {
        json_object_set_double_member (e, "quantity", q);
        json_object_set_string_member (e, "norm_set", in->set->name);
        json_object_set_int_member (e, "norm_set_version", in->set->version);
        json_object_set_double_member (e, "value", v);
        json_object_set_string_member (e, "unit", *r->unit ? r->unit : unit);
        if (canon != NULL && (factor != 1.0 || !g_str_equal (unit, r->unit)))
          {
            JsonObject *c = json_object_new ();
            json_object_set_double_member (c, "from_value", in->value);
            json_object_set_string_member (c, "from_unit", unit);
            json_object_set_double_member (c, "to_value", v);
            json_object_set_string_member (c, "to_unit", r->unit);
            json_object_set_double_member (c, "factor", factor);
            json_object_set_object_member (e, "converted", c);
          }
        if (isnan (n))
          json_object_set_null_member (e, "norm");
        else
          json_object_set_double_member (e, "norm", n);
        json_object_set_string_member (e, "norm_source", norm_source ? norm_source : "");
        if (sub != NULL)
          json_object_set_string_member (e, "substance", sub->key);
        if (r->basis == KEPIL_BASIS_RATIO)
          json_object_set_double_member (e, "ratio", q);
        else if (r->basis == KEPIL_BASIS_EXCESS_DB)
          json_object_set_double_member (e, "excess_db", q);
        if (b >= 0)
          json_object_set_double_member (e, "bound", r->bound[b]);
        else
          json_object_set_null_member (e, "bound");
        if (prev >= 0)
          {
            JsonObject *c = json_object_new ();
            json_object_set_string_member (c, "class", kepil_class_name (kepil_norm_bound_rank (prev)));
            json_object_set_double_member (c, "bound", r->bound[prev]);
            json_object_set_boolean_member (c, "strict", r->exclusive[prev]);
            json_object_set_object_member (e, "bound_crossed", c);
          }
        else
          json_object_set_null_member (e, "bound_crossed");
        json_object_set_string_member (e, "class", kepil_class_name (rank));
      }
  }

  sv = num (v);
  switch (r->basis)
    {
    case KEPIL_BASIS_RATIO:
      {
        g_autofree char *nt = num_norm (in, n);
        g_autofree char *qt = num (q);
        qtext = say (_("%s %s is %s times the norm %s"), sv, *r->unit ? r->unit : unit, qt, nt);
      }
      break;
    case KEPIL_BASIS_EXCESS_DB:
      {
        g_autofree char *nt = num_norm (in, n);
        g_autofree char *qt = num (q);
        qtext = say (_("%s %s against the ПДУ %s: excess %s dB"), sv, *r->unit ? r->unit : unit, nt, qt);
      }
      break;
    case KEPIL_BASIS_GRADE:
      qtext = say (_("the lab assessed class %s"), sv);
      break;
    case KEPIL_BASIS_ABSOLUTE:
    default:
      qtext = say ("%s %s", sv, *r->unit ? r->unit : unit);
      break;
    }
  {
    g_autofree char *conv = NULL;
    g_autofree char *text = NULL;
    if (canon != NULL && (factor != 1.0 || !g_str_equal (unit, r->unit)))
      {
        g_autofree char *fv = num (in->value);
        conv = say (_(" (converted from %s %s)"), fv, unit);
      }
    g_autofree char *bpart_own = NULL;
    const char *bpart = bpart_memo;
    if (bpart == NULL)
      {
        bpart_own = btext ? g_strconcat (", ", btext, NULL) : g_strdup ("");
        bpart = bpart_own;
        if (bparts != NULL)
          bparts[b + 1] = g_strdup (bpart_own);
      }
    /* The row by its number in the set: the labels of the norm data are English descriptions, and the
     * sentence is in the user's language (the row itself is in the explanation and in the set's CSV). */
    /* An indicator of heaviness or intensity by its name in the official form, in the user's language. */
    const char *agent_name = in->agent && !sub ? kepil_indicator_label (in->agent, kepil_i18n_language ()) : NULL;
    text = say (_("%s%s%s: %s%s%s, so class %s (row %d of %s version %d, %s)."),
                            sub ? sub->name_ru : kepil_factor_label (in->factor),
                            agent_name ? " — " : in->agent && *in->agent && !sub ? " " : "",
                            agent_name ? agent_name : in->agent && !sub ? in->agent : "", qtext, conv ? conv : "", bpart,
                            kepil_class_name (rank), r->seq, r->set_name, r->set_version, r->status);
    if (e != NULL)
      json_object_set_string_member (e, "text", text);
    if (text_out != NULL)
      *text_out = g_steal_pointer (&text);
  }
  *out = e;
  return rank;
}

/* The class of one input; *explanation gets the reasons of the worst row and norm. */
static int
classify_input (Input *in, JsonObject **explanation, char **text_out, GError **error)
{
  g_autofree char *best_text = NULL;
  const KepilSubstance *sub = NULL;
  g_autofree char *agent_base = NULL;
  const char *which = NULL;
  const char *subgroup = in->subgroup;
  NormChoice norms[2];
  int n_norms = 0;
  g_autoptr (GPtrArray) rows = NULL;
  JsonObject *best = NULL;
  JsonArray *alts = NULL;
  int best_rank = -1;

  if (in->factor == NULL || *in->factor == '\0')
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("The factor is empty (field factor)."));
      return -1;
    }
  if (!g_strv_contains (kepil_norms_factor_keys (), in->factor))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) kepil_norms_factor_keys ());
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("Unknown factor “%s” (field factor); known: %s."), in->factor,
                   list);
      return -1;
    }
  if (!isfinite (in->value))
    return check_value (in->factor, in->value, error) ? -1 : -1;
  if ((g_str_equal (in->factor, "heaviness") || g_str_equal (in->factor, "intensity")) &&
      (in->agent == NULL || *in->agent == '\0'))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                   _("A %s measurement names its indicator in the field agent."), in->factor);
      return -1;
    }

  /* Chemicals and dusts: the substance of the catalogue gives the ПДК and the subgroup. */
  if ((g_str_equal (in->factor, "chemical") || g_str_equal (in->factor, "dust")) && in->agent && *in->agent)
    {
      const char *colon = strrchr (in->agent, ':');
      if (colon != NULL && (g_str_equal (colon, ":max") || g_str_equal (colon, ":mean")))
        {
          agent_base = g_strndup (in->agent, colon - in->agent);
          which = colon + 1;
        }
      else
        agent_base = g_strdup (in->agent);
      sub = substance_of (in, agent_base);
    }
  if (sub != NULL && (subgroup == NULL || *subgroup == '\0'))
    {
      if (g_str_equal (in->factor, "dust"))
        {
          double p = !isnan (sub->pdk_mean) ? sub->pdk_mean : sub->pdk_max;
          double pm = !isnan (sub->pdk_max) ? sub->pdk_max : p;
          subgroup = MIN (p, pm) <= 2.0 ? "fibrogenic-high" : "fibrogenic-low";
        }
      else
        subgroup = sub->carcinogen ? "carcinogen" : sub->acute ? "acute" : sub->irritant ? "irritant"
                   : sub->allergen ? "allergen" : sub->hazard_class <= 2 ? "hazard-1-2" : "hazard-3-4";
    }
  if (!isnan (in->norm))
    norms[n_norms++] = (NormChoice) { in->norm, "measurement" };
  else if (sub != NULL)
    {
      if (which == NULL || g_str_equal (which, "max"))
        if (!isnan (sub->pdk_max))
          norms[n_norms++] = (NormChoice) { sub->pdk_max, "substance pdk_max" };
      if (which == NULL || g_str_equal (which, "mean"))
        if (!isnan (sub->pdk_mean))
          norms[n_norms++] = (NormChoice) { sub->pdk_mean, "substance pdk_mean" };
    }
  if (n_norms == 0)
    {
      if ((g_str_equal (in->factor, "chemical") || g_str_equal (in->factor, "dust")) && !in->check_only)
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                       _("The ПДК of “%s” is unknown: give it (field norm) or name a substance of the catalogue (field agent)."),
                       in->agent && *in->agent ? in->agent : in->factor);
          return -1;
        }
      norms[n_norms++] = (NormChoice) { NAN, "" };
    }

  rows = select_rows (in, subgroup, error);
  if (rows == NULL)
    return -1;
  for (guint i = 0; i < rows->len; i++)
    for (int k = 0; k < n_norms; k++)
      {
        JsonObject *e = NULL;
        char *t = NULL;
        int rank = classify_row (in, g_ptr_array_index (rows, i), norms[k].norm, norms[k].norm_source, sub, &e,
                                 in->compact ? &t : NULL, error);
        if (rank < 0)
          {
            if (best)
              json_object_unref (best);
            if (alts)
              json_array_unref (alts);
            return -1;
          }
        if (n_norms > 1 && !in->compact)
          {
            JsonObject *a = json_object_new ();
            if (alts == NULL)
              alts = json_array_new ();
            json_object_set_string_member (a, "norm_source", norms[k].norm_source);
            json_object_set_double_member (a, "norm", norms[k].norm);
            json_object_set_string_member (a, "class", kepil_class_name (rank));
            json_array_add_object_element (alts, a);
          }
        if (rank > best_rank)
          {
            if (best)
              json_object_unref (best);
            best = e;
            g_free (best_text);
            best_text = t;
            best_rank = rank;
          }
        else
          {
            if (e)
              json_object_unref (e);
            g_free (t);
          }
      }
  if (in->compact)
    {
      /* The whole database: the sentence alone, no explanation object. */
      if (n_norms > 1)
        {
          char *t = say (_("%s The substance has two ПДК (maximum and shift average): the worse class counts."),
                                     best_text);
          g_free (best_text);
          best_text = t;
        }
      *explanation = NULL;
      if (text_out != NULL)
        *text_out = g_steal_pointer (&best_text);
      return best_rank;
    }
  if (alts != NULL)
    {
      g_autofree char *t = g_strdup_printf (_("%s The substance has two ПДК (maximum and shift average): the worse class counts."),
                                            json_object_get_string_member (best, "text"));
      json_object_set_array_member (best, "alternatives", alts);
      json_object_set_string_member (best, "text", t);
      json_object_set_string_member (best, "rule", "two-pdk-worse");
    }
  *explanation = best;
  return best_rank;
}

JsonObject *
kepil_classify_value_full (KepilDb *db, const char *norm_set, const char *factor, const char *subgroup,
                           const char *agent, const char *work_category, const char *sex,
                           double value, double norm, const char *unit, GError **error)
{
  Input in = { 0 };
  JsonObject *e = NULL, *o;
  int rank;

  in.db = db;
  in.set = kepil_norms_get (db, norm_set, error);
  if (in.set == NULL)
    return NULL;
  in.factor = factor;
  in.subgroup = subgroup;
  in.agent = agent;
  in.category = work_category;
  in.sex = sex;
  in.unit = unit;
  in.value = value;
  in.norm = norm;
  rank = classify_input (&in, &e, NULL, error);
  if (rank < 0)
    return NULL;
  o = json_object_new ();
  json_object_set_string_member (o, "class", kepil_class_name (rank));
  json_object_set_int_member (o, "rank", rank);
  json_object_set_object_member (o, "explanation", e);
  return o;
}

JsonObject *
kepil_classify_value (KepilDb *db, const char *norm_set, const char *factor, const char *subgroup, const char *agent,
                      double value, double norm, const char *unit, GError **error)
{
  return kepil_classify_value_full (db, norm_set, factor, subgroup, agent, NULL, NULL, value, norm, unit, error);
}

gboolean
kepil_norms_check_measurement (KepilDb *db, const char *norm_set, const char *factor, const char *subgroup,
                               const char *agent, const char *unit, double value, double *converted_value,
                               char **converted_unit, GError **error)
{
  Input in = { 0 };
  JsonObject *e = NULL;
  int rank;

  in.db = db;
  in.set = kepil_norms_get (db, norm_set, error);
  if (in.set == NULL)
    return FALSE;
  in.factor = factor;
  in.subgroup = subgroup;
  in.agent = agent;
  /* The check does not know the workplace: any work category reaches the microclimate rows. */
  in.category = factor != NULL && g_str_equal (factor, "microclimate") && (agent == NULL || *agent == '\0') ? "IIb" : NULL;
  in.unit = unit;
  in.value = value;
  in.norm = NAN;
  in.check_only = TRUE;
  rank = classify_input (&in, &e, NULL, error);
  if (rank < 0)
    return FALSE;
  if (converted_value)
    *converted_value = json_object_get_double_member (e, "value");
  if (converted_unit)
    *converted_unit = g_strdup (json_object_get_string_member (e, "unit"));
  json_object_unref (e);
  return TRUE;
}

/* ---- a workplace ------------------------------------------------------------------------ */

typedef struct {
  gint64      id;
  char       *factor;
  char       *subgroup;
  char       *agent;
  char       *unit;
  double      value;
  double      norm;
  int         rank;        /* 0 when it could not be classified */
  int         rank_m;      /* heaviness: men's and women's scales */
  int         rank_f;
  JsonObject *expl;        /* full form (a workplace alone) */
  char       *text;        /* compact form (the whole database): the sentence only */
  char       *error;
} Item;

static void
item_free (Item *it)
{
  g_free (it->factor);
  g_free (it->subgroup);
  g_free (it->agent);
  g_free (it->unit);
  if (it->expl)
    json_object_unref (it->expl);
  g_free (it->text);
  g_free (it->error);
  g_free (it);
}

typedef struct {
  KepilDb      *db;
  KepilNormSet *set;
  gint64        workplace_id;
  char         *category;
  gint64        men;
  gint64        women;
  GPtrArray    *items;
  gboolean      compact;
  Memo         *memo;
} Wp;

static void
wp_add (Wp *wp, gint64 id, const char *factor, const char *subgroup, const char *agent, const char *unit, double value,
        double norm)
{
  Item *it = g_new0 (Item, 1);
  Input in = { 0 };
  GError *error = NULL;
  JsonObject *e = NULL;

  it->id = id;
  it->factor = g_strdup (factor ? factor : "");
  it->subgroup = g_strdup (subgroup ? subgroup : "");
  it->agent = g_strdup (agent ? agent : "");
  it->unit = g_strdup (unit ? unit : "");
  it->value = value;
  it->norm = norm;
  in.db = wp->db;
  in.set = wp->set;
  in.factor = it->factor;
  in.subgroup = it->subgroup;
  in.agent = it->agent;
  in.category = wp->category;
  in.unit = it->unit;
  in.value = value;
  in.norm = norm;
  in.compact = wp->compact;
  in.memo = wp->memo;
  if (g_str_equal (it->factor, "heaviness"))
    {
      /* Men's and women's scales; the workplace uses those of the people working there. */
      gboolean men = wp->men > 0 || wp->women == 0;
      gboolean women = wp->women > 0;
      JsonObject *em = NULL, *ef = NULL;
      char *tm = NULL, *tf = NULL;
      gboolean has_m = FALSE, has_f = FALSE;
      if (men)
        {
          in.sex = "m";
          it->rank_m = classify_input (&in, &em, &tm, &error);
          has_m = error == NULL;
        }
      if (women && error == NULL)
        {
          in.sex = "f";
          it->rank_f = classify_input (&in, &ef, &tf, &error);
          has_f = error == NULL;
        }
      if (error == NULL)
        {
          if (has_f && (!has_m || it->rank_f > it->rank_m))
            {
              e = ef;
              it->text = tf;
              if (em)
                json_object_unref (em);
              g_free (tm);
            }
          else
            {
              e = em;
              it->text = tm;
              if (ef)
                json_object_unref (ef);
              g_free (tf);
            }
          it->rank = MAX (it->rank_m, it->rank_f);
        }
      else
        {
          if (em)
            json_object_unref (em);
          if (ef)
            json_object_unref (ef);
          g_free (tm);
          g_free (tf);
        }
    }
  else
    {
      int r = classify_input (&in, &e, &it->text, &error);
      it->rank = r > 0 ? r : 0;
    }
  if (error != NULL)
    {
      it->rank = 0;
      it->error = g_strdup (error->message);
      g_error_free (error);
    }
  it->expl = e;
  g_ptr_array_add (wp->items, it);
}

static const char *
count_key (KepilNormSet *set, const char *factor)
{
  g_autofree char *k = g_strconcat ("count_as.", factor, NULL);
  const char *v = kepil_norm_set_param (set, k);
  return v ? v : factor;
}

static JsonObject *
reason_obj (const char *rule, const char *text)
{
  JsonObject *o = json_object_new ();
  json_object_set_string_member (o, "rule", rule);
  json_object_set_string_member (o, "text", text);
  return o;
}

/* Heaviness on one scale: the highest indicator, raised by the counts of the norm set. */
static int
heaviness_scale (Wp *wp, gboolean women, JsonArray *reasons)
{
  g_autoptr (GHashTable) per = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter hi;
  gpointer k, v;
  int top = 0, n31 = 0, n32 = 0, result;
  double e31 = kepil_norm_set_param_num (wp->set, "heaviness.escalate.3.1", 0);
  double e32 = kepil_norm_set_param_num (wp->set, "heaviness.escalate.3.2", 0);
  const char *top_agent = "";

  for (guint i = 0; i < wp->items->len; i++)
    {
      Item *it = g_ptr_array_index (wp->items, i);
      int r = women ? it->rank_f : it->rank_m;
      if (!g_str_equal (it->factor, "heaviness") || it->rank == 0)
        continue;
      if (r > GPOINTER_TO_INT (g_hash_table_lookup (per, it->agent)))
        g_hash_table_insert (per, it->agent, GINT_TO_POINTER (r));
    }
  if (g_hash_table_size (per) == 0)
    return 0;
  g_hash_table_iter_init (&hi, per);
  while (g_hash_table_iter_next (&hi, &k, &v))
    {
      int r = GPOINTER_TO_INT (v);
      if (r > top || (r == top && strcmp (k, top_agent) < 0))
        {
          top = r;
          top_agent = k;
        }
      n31 += r == 31;
      n32 += r == 32;
    }
  result = top;
  {
    g_autofree char *t = g_strdup_printf (women ? _("Women's scale: the highest indicator is %s, class %s.")
                                                : _("Men's scale: the highest indicator is %s, class %s."),
                                          kepil_indicator_label (top_agent, kepil_i18n_language ())
                                          ? kepil_indicator_label (top_agent, kepil_i18n_language ()) : top_agent,
                                          kepil_class_name (top));
    JsonObject *o = reason_obj ("highest", t);
    json_object_set_string_member (o, "scale", women ? "women" : "men");
    json_array_add_object_element (reasons, o);
  }
  if (e31 > 0 && n31 >= e31 && result < 32)
    {
      g_autofree char *t = g_strdup_printf (_("%d indicators at class 3.1 (at least %d in norm set %s) give class 3.2."),
                                            n31, (int) e31, wp->set->name);
      JsonObject *o = reason_obj ("escalation", t);
      json_object_set_string_member (o, "scale", women ? "women" : "men");
      json_array_add_object_element (reasons, o);
      result = 32;
    }
  if (e32 > 0 && n32 >= e32 && result < 33)
    {
      g_autofree char *t = g_strdup_printf (_("%d indicators at class 3.2 (at least %d in norm set %s) give class 3.3."),
                                            n32, (int) e32, wp->set->name);
      JsonObject *o = reason_obj ("escalation", t);
      json_object_set_string_member (o, "scale", women ? "women" : "men");
      json_array_add_object_element (reasons, o);
      result = 33;
    }
  return result;
}

static gboolean
range_match (const char *range, int n)
{
  int lo = 0, hi = 0;
  if (sscanf (range, "%d-%d", &lo, &hi) != 2)
    return FALSE;
  return n >= lo && n <= hi;
}

/* Intensity: counts of indicators per class against the rules of the norm set. */
static int
intensity_class (Wp *wp, JsonArray *reasons)
{
  g_autoptr (GHashTable) per = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter hi;
  gpointer v;
  int total = (int) kepil_norm_set_param_num (wp->set, "intensity.indicators", 22);
  int min1 = (int) kepil_norm_set_param_num (wp->set, "intensity.class1_min", 17);
  const char *rules = kepil_norm_set_param (wp->set, "intensity.rules");
  int n1, n2 = 0, n31 = 0, n32 = 0, result = 0;
  g_autofree char *why = NULL;

  for (guint i = 0; i < wp->items->len; i++)
    {
      Item *it = g_ptr_array_index (wp->items, i);
      if (!g_str_equal (it->factor, "intensity") || it->rank == 0)
        continue;
      if (it->rank > GPOINTER_TO_INT (g_hash_table_lookup (per, it->agent)))
        g_hash_table_insert (per, it->agent, GINT_TO_POINTER (it->rank));
    }
  if (g_hash_table_size (per) == 0)
    return 0;
  g_hash_table_iter_init (&hi, per);
  while (g_hash_table_iter_next (&hi, NULL, &v))
    {
      int r = GPOINTER_TO_INT (v);
      n2 += r == 20;
      n31 += r == 31;
      n32 += r >= 32;
    }
  /* Indicators absent from the job score class 1. */
  n1 = MAX (0, total - n2 - n31 - n32);
  if (rules != NULL)
    {
      g_auto (GStrv) alts = g_strsplit (rules, ";", -1);
      for (int i = 0; alts[i] != NULL && result == 0; i++)
        {
          g_auto (GStrv) cls = g_strsplit (alts[i], ":", 2);
          g_auto (GStrv) ranges = NULL;
          if (cls[0] == NULL || cls[1] == NULL)
            continue;
          ranges = g_strsplit (cls[1], ",", 2);
          if (ranges[0] && ranges[1] && range_match (ranges[0], n31) && range_match (ranges[1], n32))
            {
              result = kepil_class_rank (g_strstrip (cls[0]));
              why = g_strdup_printf (_("rule %s of norm set %s"), alts[i], wp->set->name);
            }
        }
    }
  if (result == 0)
    {
      result = (n1 >= min1 && n31 + n32 == 0) ? 10 : 20;
      why = result == 10 ? g_strdup_printf (_("at least %d indicators at class 1 and none at class 3"), min1)
                         : g_strdup (_("no rule of class 3 matches"));
    }
  {
    g_autofree char *t = g_strdup_printf (_("Intensity: of %d indicators %d are at class 1 (absent ones included), %d at 2, "
                                            "%d at 3.1, %d at 3.2: class %s (%s)."),
                                          total, n1, n2, n31, n32, kepil_class_name (result), why);
    JsonObject *o = reason_obj ("intensity-counts", t);
    json_object_set_int_member (o, "n1", n1);
    json_object_set_int_member (o, "n2", n2);
    json_object_set_int_member (o, "n3_1", n31);
    json_object_set_int_member (o, "n3_2", n32);
    json_array_add_object_element (reasons, o);
  }
  return result;
}

typedef struct {
  char      *key;
  const char *group;
  int        rank;
  JsonArray *reasons;
} Factor;

static void
factor_free (Factor *f)
{
  g_free (f->key);
  if (f->reasons)
    json_array_unref (f->reasons);
  g_free (f);
}

static JsonObject *
wp_finish (Wp *wp)
{
  JsonObject *o = json_object_new ();
  JsonArray *ms = json_array_new ();
  JsonArray *fs = json_array_new ();
  JsonArray *ors = json_array_new ();
  g_autoptr (GPtrArray) factors = g_ptr_array_new_with_free_func ((GDestroyNotify) factor_free);
  int overall = 0, errors = 0;

  json_object_set_int_member (o, "workplace_id", wp->workplace_id);
  for (guint i = 0; i < wp->items->len; i++)
    {
      Item *it = g_ptr_array_index (wp->items, i);
      JsonObject *m = json_object_new ();
      Factor *f = NULL;
      const char *key;

      json_object_set_int_member (m, "id", it->id);
      set_str (wp->memo, m, "factor", it->factor);
      if (!wp->compact)
        {
          json_object_set_string_member (m, "subgroup", it->subgroup);
          json_object_set_string_member (m, "agent", it->agent);
          json_object_set_double_member (m, "value", it->value);
          if (isnan (it->norm))
            json_object_set_null_member (m, "norm");
          else
            json_object_set_double_member (m, "norm", it->norm);
          json_object_set_string_member (m, "unit", it->unit);
        }
      if (it->rank > 0)
        set_str (wp->memo, m, "class", kepil_class_name (it->rank));
      else
        json_object_set_null_member (m, "class");
      json_object_set_int_member (m, "rank", it->rank);
      if (it->expl)
        json_object_set_object_member (m, "explanation", json_object_ref (it->expl));
      if (it->text)
        json_object_set_string_member (m, "text", it->text);
      if (it->error)
        {
          json_object_set_string_member (m, "error", it->error);
          errors++;
        }
      json_array_add_object_element (ms, m);
      if (it->rank == 0)
        continue;

      key = count_key (wp->set, it->factor);
      for (guint j = 0; j < factors->len; j++)
        if (g_str_equal (((Factor *) g_ptr_array_index (factors, j))->key, key))
          f = g_ptr_array_index (factors, j);
      if (f == NULL)
        {
          f = g_new0 (Factor, 1);
          f->key = g_strdup (key);
          f->group = group_of (it->factor);
          f->reasons = json_array_new ();
          g_ptr_array_add (factors, f);
        }
      if (g_str_equal (it->factor, "heaviness") || g_str_equal (it->factor, "intensity"))
        continue;
      if (it->rank > f->rank)
        {
          JsonObject *r = json_object_new ();
          f->rank = it->rank;
          /* Keep the reason of the worst measurement first. */
          set_str (wp->memo, r, "rule", "highest");
          json_object_set_string_member (r, "text", it->text ? it->text : json_object_get_string_member (it->expl, "text"));
          json_object_set_int_member (r, "measurement_id", it->id);
          json_array_unref (f->reasons);
          f->reasons = json_array_new ();
          json_array_add_object_element (f->reasons, r);
        }
    }
  for (guint j = 0; j < factors->len; j++)
    {
      Factor *f = g_ptr_array_index (factors, j);
      if (g_str_equal (f->key, "heaviness"))
        {
          int rm = (wp->men > 0 || wp->women == 0) ? heaviness_scale (wp, FALSE, f->reasons) : 0;
          int rf = wp->women > 0 ? heaviness_scale (wp, TRUE, f->reasons) : 0;
          f->rank = MAX (rm, rf);
        }
      else if (g_str_equal (f->key, "intensity"))
        f->rank = intensity_class (wp, f->reasons);
    }

  /* Overall: the highest, then the escalation counts of the norm set. */
  {
    const char *top_key = NULL;
    static const int subs[] = { 31, 32, 33, 34 };
    for (guint j = 0; j < factors->len; j++)
      {
        Factor *f = g_ptr_array_index (factors, j);
        if (f->rank > overall)
          {
            overall = f->rank;
            top_key = f->key;
          }
      }
    if (overall > 0)
      {
        g_autofree char *t = g_strdup_printf (_("The highest class among the factors is %s (%s)."),
                                              kepil_class_name (overall), kepil_factor_label (top_key));
        json_array_add_object_element (ors, reason_obj ("highest", t));
      }
    for (guint s = 0; s < G_N_ELEMENTS (subs); s++)
      {
        g_autofree char *pk = g_strdup_printf ("overall.escalate.%s", kepil_class_name (subs[s]));
        double need = kepil_norm_set_param_num (wp->set, pk, 0);
        int next = subs[s] == 34 ? 40 : subs[s] + 1;
        g_autoptr (GString) names = g_string_new (NULL);
        int n = 0;

        for (guint j = 0; j < factors->len; j++)
          {
            Factor *f = g_ptr_array_index (factors, j);
            if (f->rank == subs[s])
              {
                g_string_append_printf (names, "%s%s", n ? ", " : "", f->key);
                n++;
              }
          }
        if (need > 0 && n >= need && overall < next)
          {
            g_autofree char *t = g_strdup_printf (_("%d factors at class %s (%s; at least %d in norm set %s version %d) "
                                                    "raise the overall class to %s."),
                                                  n, kepil_class_name (subs[s]), names->str, (int) need, wp->set->name,
                                                  wp->set->version, kepil_class_name (next));
            JsonObject *r = reason_obj ("escalation", t);
            json_object_set_int_member (r, "count", n);
            json_object_set_string_member (r, "from", kepil_class_name (subs[s]));
            json_object_set_string_member (r, "to", kepil_class_name (next));
            json_array_add_object_element (ors, r);
            overall = next;
          }
      }
  }
  for (guint j = 0; j < factors->len; j++)
    {
      Factor *f = g_ptr_array_index (factors, j);
      JsonObject *fo = json_object_new ();
      set_str (wp->memo, fo, "factor", f->key);
      set_str (wp->memo, fo, "group", f->group);
      set_str (wp->memo, fo, "class", kepil_class_name (f->rank));
      json_object_set_int_member (fo, "rank", f->rank);
      json_object_set_array_member (fo, "reasons", json_array_ref (f->reasons));
      json_array_add_object_element (fs, fo);
    }
  if (overall > 0)
    set_str (wp->memo, o, "overall", kepil_class_name (overall));
  else
    json_object_set_null_member (o, "overall");
  json_object_set_int_member (o, "overall_rank", overall);
  set_str (wp->memo, o, "norm_set", wp->set->name);
  json_object_set_int_member (o, "norm_set_version", wp->set->version);
  json_object_set_array_member (o, "factors", fs);
  json_object_set_array_member (o, "overall_reasons", ors);
  json_object_set_array_member (o, "measurements", ms);
  json_object_set_int_member (o, "errors", errors);
  return o;
}

static void
wp_reset (Wp *wp)
{
  g_clear_pointer (&wp->category, g_free);
  g_ptr_array_set_size (wp->items, 0);
  wp->workplace_id = 0;
}

JsonObject *
kepil_classify_measurements (KepilDb *db, const char *norm_set, GPtrArray *measurements, const char *work_category,
                             gint64 men, gint64 women, GError **error)
{
  Wp wp = { 0 };
  JsonObject *o;

  wp.db = db;
  wp.set = kepil_norms_get (db, norm_set, error);
  if (wp.set == NULL)
    return NULL;
  wp.category = g_strdup (work_category);
  wp.men = men;
  wp.women = women;
  wp.items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  for (guint i = 0; measurements != NULL && i < measurements->len; i++)
    {
      JsonObject *m = g_ptr_array_index (measurements, i);
      JsonNode *nn = json_object_get_member (m, "norm");
      JsonNode *vn = json_object_get_member (m, "value");
      double norm = (nn == NULL || JSON_NODE_HOLDS_NULL (nn)) ? NAN : json_node_get_double (nn);
      double value = (vn == NULL || JSON_NODE_HOLDS_NULL (vn)) ? NAN : json_node_get_double (vn);
      const char *unit = json_object_has_member (m, "unit_of_measure") ? kepil_json_str (m, "unit_of_measure", "")
                                                                        : kepil_json_str (m, "unit", "");
      if (wp.workplace_id == 0)
        wp.workplace_id = kepil_json_int (m, "workplace_id", 0);
      wp_add (&wp, kepil_json_int (m, "id", 0), kepil_json_str (m, "factor", ""), kepil_json_str (m, "subgroup", ""),
              kepil_json_str (m, "agent", ""), unit, value, norm);
    }
  o = wp_finish (&wp);
  wp_reset (&wp);
  g_ptr_array_unref (wp.items);
  return o;
}

typedef struct {
  KepilDb    *db;
  const char *norm_set;
  GHashTable *sets;     /* spec → KepilNormSet* (borrowed) */
  GHashTable *out;
  Wp          wp;
} Scan;

static gboolean
scan_flush (Scan *sc)
{
  if (sc->wp.workplace_id != 0)
    {
      gint64 *k = g_new (gint64, 1);
      *k = sc->wp.workplace_id;
      g_hash_table_insert (sc->out, k, wp_finish (&sc->wp));
    }
  wp_reset (&sc->wp);
  return TRUE;
}

static gboolean
scan_row (const KepilMeasurementScan *m, gpointer user_data, GError **error)
{
  Scan *sc = user_data;

  if (m->workplace_id != sc->wp.workplace_id)
    {
      const char *spec = sc->norm_set ? sc->norm_set : m->enterprise_norm_set;
      KepilNormSet *set;

      scan_flush (sc);
      set = g_hash_table_lookup (sc->sets, spec);
      if (set == NULL)
        {
          set = kepil_norms_get (sc->db, *spec ? spec : NULL, error);
          if (set == NULL)
            return FALSE;
          g_hash_table_insert (sc->sets, g_strdup (spec), set);
          kepil_norms_mark_used (sc->db, set);
        }
      sc->wp.set = set;
      sc->wp.workplace_id = m->workplace_id;
      sc->wp.category = g_strdup (m->work_category);
      sc->wp.men = m->men;
      sc->wp.women = m->women;
    }
  if (m->measurement_id != 0)
    wp_add (&sc->wp, m->measurement_id, m->factor, m->subgroup, m->agent, m->unit, m->value, m->norm);
  return TRUE;
}

static GHashTable *
classify_scan (KepilDb *db, gint64 workplace_id, const char *norm_set, GError **error)
{
  Scan sc = { 0 };
  gboolean ok;

  if (db == NULL)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("Classifying workplaces needs a database."));
      return NULL;
    }
  if (!kepil_norms_ensure (db, error))
    return NULL;
  sc.db = db;
  sc.norm_set = norm_set;
  sc.sets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sc.out = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) json_object_unref);
  sc.wp.db = db;
  /* The whole database: lean explanations (a workplace alone gets the full ones). */
  sc.wp.compact = workplace_id <= 0;
  sc.wp.memo = sc.wp.compact ? memo_new () : NULL;
  sc.wp.items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  ok = kepil_store_norms_scan (db, workplace_id, scan_row, &sc, error);
  if (ok)
    scan_flush (&sc);
  wp_reset (&sc.wp);
  g_ptr_array_unref (sc.wp.items);
  memo_free (sc.wp.memo);
  g_hash_table_unref (sc.sets);
  if (!ok)
    {
      g_hash_table_unref (sc.out);
      return NULL;
    }
  return sc.out;
}

GHashTable *
kepil_classify_database (KepilDb *db, const char *norm_set, GError **error)
{
  return classify_scan (db, 0, norm_set, error);
}

JsonObject *
kepil_classify_workplace (KepilDb *db, gint64 workplace_id, const char *norm_set, GError **error)
{
  g_autoptr (GHashTable) all = NULL;
  JsonObject *o;

  if (workplace_id <= 0)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("There is no workplace %ld."), workplace_id);
      return NULL;
    }
  all = classify_scan (db, workplace_id, norm_set, error);
  if (all == NULL)
    return NULL;
  o = g_hash_table_lookup (all, &workplace_id);
  if (o == NULL)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND, _("There is no workplace %ld."), workplace_id);
      return NULL;
    }
  return json_object_ref (o);
}
