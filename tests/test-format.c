/* test-format.c — numbers and dates as users write them
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-test.h"
#include "kepil-error.h"
#include "kepil-format.h"

#include <string.h>

static void
test_parse_numbers (void)
{
  struct { const char *in; double out; } good[] = {
    { "0,5", 0.5 }, { "0.5", 0.5 }, { "1 234,5", 1234.5 }, { "1\u00a0234,5", 1234.5 },
    { "-3", -3 }, { "1e-3", 0.001 }, { " 12 ", 12 }, { "\u22122,5", -2.5 },
  };
  const char *bad[] = { "", "abc", "1,234.5", "1,2,3", "nan", "inf", "12 мг", "0,5.", "--1" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;
      double v = -999;
      g_assert_true (kepil_parse_number (good[i].in, "value", &v, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat_with_epsilon (v, good[i].out, 1e-12);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      double v;
      g_assert_false (kepil_parse_number (bad[i], "value", &v, &error));
      g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "value"));
    }
}

/* Plain numbers take a path without strtod: it must give strtod's bits, for the
 * short decimals it handles and the long ones it hands on (a fixed seed). */
static void
test_parse_numbers_exact (void)
{
  g_autoptr (GRand) r = g_rand_new_with_seed (11);
  const char *fixed[] = { "0", "-0", "0.1", "0,3", "157.081284160766", "9007199254740993", "1e22", "1e23",
                          "123456789012345e-22", "1234567890123456e-22", "4.9e-324", "1.7976931348623157e308",
                          "0.000000000000000000000000001", "5.", ".5", "+7" };
  for (guint k = 0; k < G_N_ELEMENTS (fixed) + 200000; k++)
    {
      char buf[64], want_buf[64];
      double v = -1, want;
      char *end;
      if (k < G_N_ELEMENTS (fixed))
        g_strlcpy (buf, fixed[k], sizeof buf);
      else
        {
          int p = 0, nd = g_rand_int_range (r, 1, 19), point = g_rand_int_range (r, -1, nd);
          if (g_rand_int_range (r, 0, 4) == 0)
            buf[p++] = '-';
          for (int i = 0; i < nd; i++)
            {
              if (i == point)
                buf[p++] = g_rand_boolean (r) ? '.' : ',';
              buf[p++] = (char) ('0' + g_rand_int_range (r, 0, 10));
            }
          if (g_rand_int_range (r, 0, 3) == 0)
            p += g_snprintf (buf + p, sizeof buf - p, "e%d", g_rand_int_range (r, -30, 31));
          buf[p] = '\0';
        }
      g_strlcpy (want_buf, buf, sizeof want_buf);
      g_strdelimit (want_buf, ",", '.');
      want = g_ascii_strtod (want_buf, &end);
      g_assert_true (kepil_parse_number (buf, "value", &v, NULL));
      if (memcmp (&v, &want, sizeof v) != 0)
        g_error ("“%s”: %.17g, strtod gives %.17g", buf, v, want);
    }
}

static void
test_parse_counts (void)
{
  struct { const char *in; gint64 out; } good[] = {
    { "12", 12 }, { "1 234", 1234 }, { "12,0", 12 }, { "12.0", 12 }, { "0", 0 }, { "2100", 2100 },
  };
  const char *bad[] = { "0,5", "0.5", "", "двенадцать", "-1", "2101", "1e30" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 v = -999;
      g_assert_true (kepil_parse_count (good[i].in, "count", 0, 2100, &v, &error));
      g_assert_no_error (error);
      g_assert_cmpint (v, ==, good[i].out);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 v = -999;
      g_assert_false (kepil_parse_count (bad[i], "count", 0, 2100, &v, &error));
      g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "count"));
      g_assert_cmpint (v, ==, -999);
    }
  {
    g_autoptr (GError) error = NULL;
    gint64 v = 0;
    /* Without an upper bound the message names only the lower one. */
    g_assert_false (kepil_parse_count ("-3", "accidents", 0, G_MAXINT64, &v, &error));
    g_assert_nonnull (strstr (error->message, "less than 0"));
    g_clear_error (&error);
    g_assert_true (kepil_parse_count ("1 000 000", "accidents", 0, G_MAXINT64, &v, &error));
    g_assert_cmpint (v, ==, 1000000);
  }
}

static void
test_format_numbers (void)
{
  struct { double v; int d; const char *out; } cases[] = {
    { 0.5, 2, "0,5" }, { 1234567.891, 2, "1\u00a0234\u00a0567,89" }, { 12, 2, "12" },
    { -1234.5, 1, "-1\u00a0234,5" }, { 1.75, 2, "1,75" }, { 0, 3, "0" }, { 999, 0, "999" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = kepil_format_number (cases[i].v, cases[i].d);
      g_assert_cmpstr (s, ==, cases[i].out);
    }
}

static void
test_dates (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *iso = NULL, *iso2 = NULL, *back = NULL;

  g_assert_true (kepil_parse_date ("20.01.2023", "date", &iso, &error));
  g_assert_cmpstr (iso, ==, "2023-01-20");
  g_assert_true (kepil_parse_date ("2023-01-20", "date", &iso2, &error));
  g_assert_cmpstr (iso2, ==, "2023-01-20");
  back = kepil_format_date (iso);
  g_assert_cmpstr (back, ==, "20.01.2023");
  g_assert_false (kepil_parse_date ("31.02.2023", "date", NULL, &error));
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kepil_parse_date ("2023/01/20", "date", NULL, &error));
  g_clear_error (&error);
  g_assert_false (kepil_parse_date ("", "date", NULL, &error));
  g_clear_error (&error);
  g_assert_cmpint (kepil_days_between ("2023-01-20", "2028-01-20"), ==, 1826);
}

static void
test_date_times_and_sizes (void)
{
  struct { const char *in; const char *out; } times[] = {
    /* main() sets the zone to UTC+5 (POSIX "KZT-5"): the date moves on too. */
    { "2026-11-22T20:05:30Z", "23.11.2026 01:05" },
    { "2026-01-02T03:04:00+05:00", "02.01.2026 03:04" },
    { "yesterday", "yesterday" }, { "", "" },
  };
  struct { guint64 bytes; const char *out; } sizes[] = {
    { 0, "0 B" }, { 999, "999 B" }, { 12345, "12 kB" }, { 1500000, "1,5 MB" }, { 2000000000, "2 GB" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autofree char *s = kepil_format_date_time (times[i].in);
      g_assert_cmpstr (s, ==, times[i].out);
    }
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *s = kepil_format_size (sizes[i].bytes);
      g_assert_cmpstr (s, ==, sizes[i].out);
    }
}

int
main (int argc, char **argv)
{
  g_setenv ("TZ", "KZT-5", TRUE);
  kepil_test_init (&argc, &argv);
  g_test_add_func ("/format/parse-numbers", test_parse_numbers);
  g_test_add_func ("/format/parse-counts", test_parse_counts);
  g_test_add_func ("/format/parse-numbers-exact", test_parse_numbers_exact);
  g_test_add_func ("/format/format-numbers", test_format_numbers);
  g_test_add_func ("/format/dates", test_dates);
  g_test_add_func ("/format/date-times-and-sizes", test_date_times_and_sizes);
  return g_test_run ();
}
