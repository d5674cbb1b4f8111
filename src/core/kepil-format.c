/* kepil-format.c — numbers and dates as Kazakh and Russian users write them
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-format.h"
#include "kepil-error.h"
#include "kepil-i18n.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* What strtod gives, without it, for "[+-]digits[.digits][e[+-]digits]" with at
 * most 15 significant digits and a power of ten within ±22: the digits and the
 * power are then exact doubles, and one IEEE multiplication or division rounds
 * correctly (Clinger's fast path).  FALSE for anything else. */
static gboolean
exact_short_decimal (const char *s, double *out)
{
  static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
                                  1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
  gboolean negative = FALSE, any = FALSE;
  guint64 m = 0;
  int digits = 0, scale = 0, exp10 = 0;
  double v;

#if !defined(FLT_EVAL_METHOD) || FLT_EVAL_METHOD != 0
  return FALSE;   /* x87-style extended precision would round twice */
#endif
  if (*s == '+' || *s == '-')
    negative = *s++ == '-';
  for (; g_ascii_isdigit (*s); s++, any = TRUE)
    if (m != 0 || *s != '0')
      {
        if (++digits > 15)
          return FALSE;
        m = m * 10 + (guint64) (*s - '0');
      }
  if (*s == '.')
    for (s++; g_ascii_isdigit (*s); s++, any = TRUE)
      {
        scale--;
        if (m != 0 || *s != '0')
          {
            if (++digits > 15)
              return FALSE;
            m = m * 10 + (guint64) (*s - '0');
          }
      }
  if (!any)
    return FALSE;
  if (*s == 'e' || *s == 'E')
    {
      gboolean eneg = FALSE;
      int n = 0;
      s++;
      if (*s == '+' || *s == '-')
        eneg = *s++ == '-';
      if (!g_ascii_isdigit (*s))
        return FALSE;
      for (; g_ascii_isdigit (*s); s++)
        {
          if (++n > 4)
            return FALSE;
          exp10 = exp10 * 10 + (*s - '0');
        }
      if (eneg)
        exp10 = -exp10;
    }
  if (*s != '\0')
    return FALSE;
  exp10 += scale;
  if (m == 0)
    v = 0.0;
  else if (exp10 >= 0 && exp10 <= 22)
    v = (double) m * pow10[exp10];
  else if (exp10 < 0 && exp10 >= -22)
    v = (double) m / pow10[-exp10];
  else
    return FALSE;
  *out = negative ? -v : v;
  return TRUE;
}

/* The common case, "85", "85,5", "1.5e-3": only ASCII digits, signs, e/E and at
 * most one decimal comma or point.  TRUE with @out set when the text is such a
 * number; FALSE sends it to the full parser below, which gives the same value
 * for these texts and a message for the others. */
static gboolean
parse_plain_number (const char *text, double *out)
{
  char buf[64];
  char *end = NULL;
  gsize n = 0;
  guint seps = 0;
  double v;

  for (const char *p = text; *p != '\0'; p++)
    {
      char c = *p;
      if (n + 1 >= sizeof buf)
        return FALSE;
      if (c == ',' || c == '.')
        {
          seps++;
          c = '.';
        }
      else if (!(g_ascii_isdigit (c) || c == '-' || c == '+' || c == 'e' || c == 'E'))
        return FALSE;
      buf[n++] = c;
    }
  if (n == 0 || seps > 1)
    return FALSE;
  buf[n] = '\0';
  if (exact_short_decimal (buf, out))
    return TRUE;
  v = g_ascii_strtod (buf, &end);
  if (end != buf + n || !isfinite (v))
    return FALSE;
  *out = v;
  return TRUE;
}

gboolean
kepil_parse_number (const char *text, const char *field, double *out, GError **error)
{
  g_autoptr (GString) clean = NULL;
  const char *p;
  char *end = NULL;
  double v;
  gboolean comma = FALSE, dot = FALSE;
  const char *f;

  if (text == NULL)
    text = "";
  if (parse_plain_number (text, out))
    return TRUE;
  clean = g_string_new (NULL);
  f = field ? field : _("value");
  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("%s: the text is not valid UTF-8."), f);
          return FALSE;
        }
      if (c == ' ' || c == 0x00A0 || c == 0x202F || c == 0x2009 || c == '\t')
        continue;
      if (c == ',')
        {
          comma = TRUE;
          g_string_append_c (clean, '.');
        }
      else if (c == '.')
        {
          dot = TRUE;
          g_string_append_c (clean, '.');
        }
      else if (c == 0x2212)  /* minus sign */
        g_string_append_c (clean, '-');
      else if (c < 128)
        g_string_append_c (clean, (char) c);
      else
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("%s: “%s” is not a number."), f, text);
          return FALSE;
        }
    }
  if (clean->len == 0)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("%s: a number is needed, the cell is empty."), f);
      return FALSE;
    }
  if (comma && dot)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                   _("%s: “%s” mixes a comma and a point; write the decimal part with one of them."), f, text);
      return FALSE;
    }
  if (strchr (clean->str, '.') != strrchr (clean->str, '.'))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("%s: “%s” is not a number."), f, text);
      return FALSE;
    }
  for (p = clean->str; *p; p++)
    if (!(g_ascii_isdigit (*p) || *p == '.' || *p == '-' || *p == '+' || *p == 'e' || *p == 'E'))
      {
        g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("%s: “%s” is not a number."), f, text);
        return FALSE;
      }
  v = g_ascii_strtod (clean->str, &end);
  if (end == clean->str || *end != '\0' || !isfinite (v))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("%s: “%s” is not a number."), f, text);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

gboolean
kepil_parse_count (const char *text, const char *field, gint64 min, gint64 max, gint64 *out, GError **error)
{
  const char *f = field ? field : _("value");
  double v;

  if (!kepil_parse_number (text, field, &v, error))
    return FALSE;
  if (v != floor (v))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("%s: a whole number is needed, not “%s”."), f, text);
      return FALSE;
    }
  /* The last test keeps the conversion below defined for huge values. */
  if (v < (double) min || v > (double) max || fabs (v) >= 9.2e18)
    {
      if (max == G_MAXINT64)
        g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("%s: the number cannot be less than %lld."), f,
                     (long long) min);
      else
        g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("%s: the number must be from %lld to %lld."), f,
                     (long long) min, (long long) max);
      return FALSE;
    }
  *out = (gint64) v;
  return TRUE;
}

static char *
format_plain (double value, int decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char fmt[8];
  char *s, *dotp;

  if (decimals < 0)
    decimals = 0;
  if (decimals > 9)
    decimals = 9;
  g_snprintf (fmt, sizeof fmt, "%%.%df", decimals);
  g_ascii_formatd (buf, sizeof buf, fmt, value);
  s = g_strdup (buf);
  dotp = strchr (s, '.');
  if (dotp != NULL)
    {
      char *e = s + strlen (s) - 1;
      while (e > dotp && *e == '0')
        *e-- = '\0';
      if (e == dotp)
        *e = '\0';
    }
  if (g_str_equal (s, "-0"))
    {
      g_free (s);
      s = g_strdup ("0");
    }
  return s;
}

char *
kepil_format_number_c (double value, int decimals)
{
  return format_plain (value, decimals);
}

char *
kepil_format_number (double value, int decimals)
{
  g_autofree char *plain = format_plain (value, decimals);
  GString *out = g_string_new (NULL);
  const char *p = plain, *dotp;
  gsize int_len;

  if (*p == '-')
    {
      g_string_append_c (out, '-');
      p++;
    }
  dotp = strchr (p, '.');
  int_len = dotp ? (gsize) (dotp - p) : strlen (p);
  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append (out, "\u00a0");
      g_string_append_c (out, p[i]);
    }
  if (dotp != NULL)
    {
      g_string_append_c (out, ',');
      g_string_append (out, dotp + 1);
    }
  return g_string_free (out, FALSE);
}

/* The common case: exactly "yyyy-mm-dd" or "dd.mm.yyyy" in digits, a real day
 * from 1900 to 2200.  FALSE sends the text to the full parser below (the same
 * day for these texts, a message for the others). */
static gboolean
parse_plain_date (const char *t, char **out_iso)
{
  unsigned d, m, y;
#define DIG(i) ((unsigned) (t[i] - '0'))
  for (int i = 0; i < 10; i++)
    if (t[i] == '\0' || (!g_ascii_isdigit (t[i]) && i != 2 && i != 4 && i != 5 && i != 7))
      return FALSE;
  if (t[10] != '\0')
    return FALSE;
  if (t[4] == '-' && t[7] == '-' && g_ascii_isdigit (t[2]) && g_ascii_isdigit (t[5]))
    {
      y = DIG (0) * 1000 + DIG (1) * 100 + DIG (2) * 10 + DIG (3);
      m = DIG (5) * 10 + DIG (6);
      d = DIG (8) * 10 + DIG (9);
    }
  else if (t[2] == '.' && t[5] == '.' && g_ascii_isdigit (t[4]) && g_ascii_isdigit (t[7]))
    {
      d = DIG (0) * 10 + DIG (1);
      m = DIG (3) * 10 + DIG (4);
      y = DIG (6) * 1000 + DIG (7) * 100 + DIG (8) * 10 + DIG (9);
    }
  else
    return FALSE;
#undef DIG
  if (y < 1900 || y > 2200 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  if (out_iso)
    {
      char *iso = g_malloc (11);
      if (t[4] == '-')
        memcpy (iso, t, 10);
      else
        {
          memcpy (iso, t + 6, 4);
          iso[4] = '-';
          memcpy (iso + 5, t + 3, 2);
          iso[7] = '-';
          memcpy (iso + 8, t, 2);
        }
      iso[10] = '\0';
      *out_iso = iso;
    }
  return TRUE;
}

gboolean
kepil_parse_date (const char *text, const char *field, char **out_iso, GError **error)
{
  unsigned d = 0, m = 0, y = 0;
  char tail;
  g_autofree char *t = NULL;
  const char *f;

  if (text != NULL && parse_plain_date (text, out_iso))
    return TRUE;
  t = g_strstrip (g_strdup (text ? text : ""));
  f = field ? field : _("date");

  if (sscanf (t, "%4u-%2u-%2u%c", &y, &m, &d, &tail) == 3 && strlen (t) == 10)
    ;
  else if (sscanf (t, "%2u.%2u.%4u%c", &d, &m, &y, &tail) == 3 && y >= 1000)
    ;
  else
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                   _("%s: “%s” is not a date; write it as dd.mm.yyyy."), f, t);
      return FALSE;
    }
  if (y < 1900 || y > 2200 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                   _("%s: there is no such day as “%s”."), f, t);
      return FALSE;
    }
  if (out_iso)
    *out_iso = g_strdup_printf ("%04u-%02u-%02u", y, m, d);
  return TRUE;
}

char *
kepil_format_date (const char *iso)
{
  unsigned d, m, y;
  if (iso != NULL && strlen (iso) == 10 && sscanf (iso, "%4u-%2u-%2u", &y, &m, &d) == 3)
    return g_strdup_printf ("%02u.%02u.%04u", d, m, y);
  return g_strdup (iso ? iso : "");
}

char *
kepil_format_date_time (const char *iso)
{
  g_autoptr (GDateTime) t = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr (GDateTime) local = t != NULL ? g_date_time_to_local (t) : NULL;

  if (local == NULL)
    return g_strdup (iso ? iso : "");
  return g_date_time_format (local, "%d.%m.%Y %H:%M");
}

char *
kepil_format_size (guint64 bytes)
{
  double v = (double) bytes;
  guint u = 0;
  g_autofree char *num = NULL;

  while (v >= 1000 && u < 3)
    {
      v /= 1000;
      u++;
    }
  /* One decimal below ten ("1,5 MB"), none above ("12 kB"), as file managers do. */
  num = kepil_format_number (v, u == 0 || v >= 10 ? 0 : 1);
  switch (u)
    {
    /* Translators: file sizes; %s is a number with a decimal comma. */
    case 0: return g_strdup_printf (_("%s B"), num);
    case 1: return g_strdup_printf (_("%s kB"), num);
    case 2: return g_strdup_printf (_("%s MB"), num);
    default: return g_strdup_printf (_("%s GB"), num);
    }
}

static gboolean
to_gdate (const char *iso, GDate *out)
{
  unsigned d, m, y;
  if (iso == NULL || strlen (iso) != 10 || sscanf (iso, "%4u-%2u-%2u", &y, &m, &d) != 3 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

int
kepil_days_between (const char *a, const char *b)
{
  GDate da, db;
  if (!to_gdate (a, &da) || !to_gdate (b, &db))
    return G_MININT;
  return g_date_days_between (&da, &db);
}

char *
kepil_today_iso (void)
{
  const char *env = g_getenv ("KEPIL_TODAY");
  g_autoptr (GDateTime) now = NULL;

  if (env != NULL && strlen (env) == 10)
    return g_strdup (env);
  now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}
