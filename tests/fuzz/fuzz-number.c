/* fuzz-number.c — number and date parsing never crash, and what parses is finite
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"
#include "kepil-format.h"
#include <math.h>

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *s = g_strndup ((const char *) data, size);
  double v;
  g_autofree char *iso = NULL;

  fuzz_init_once ();
  if (kepil_parse_number (s, "value", &v, NULL))
    {
      g_autofree char *f = kepil_format_number (v, 3);
      if (!isfinite (v) || f == NULL)
        abort ();
    }
  if (kepil_parse_date (s, "date", &iso, NULL))
    {
      g_autofree char *back = kepil_format_date (iso);
      g_autofree char *again = NULL;
      if (!kepil_parse_date (back, "date", &again, NULL) || g_strcmp0 (iso, again) != 0)
        abort ();
    }
  return 0;
}
