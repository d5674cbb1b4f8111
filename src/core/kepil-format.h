/* kepil-format.h — numbers and dates as Kazakh and Russian users write them
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Accepts "0,5", "0.5", "1 234,5" (space, no-break or thin space between
 * thousands), "-3", "1e-3".  Refuses empty text, letters, "1,234.5" (two
 * different separators), NaN and infinities, with a sentence naming @field. */
gboolean  kepil_parse_number   (const char  *text,
                                const char  *field,
                                double      *out,
                                GError     **error);
/* A whole number between @min and @max (counts, years) as users write it: "12", "1 234",
 * "12,0" and "12.0" are accepted; "0,5", text and values out of range are refused with
 * a sentence naming @field. */
gboolean  kepil_parse_count    (const char  *text,
                                const char  *field,
                                gint64       min,
                                gint64       max,
                                gint64      *out,
                                GError     **error);
/* Decimal comma, thousands separated by a no-break space, at most @decimals
 * digits after the comma with trailing zeros dropped. */
char     *kepil_format_number  (double       value,
                                int          decimals);
/* Same, with a plain dot and no grouping: for JSON-like and machine output. */
char     *kepil_format_number_c (double      value,
                                 int         decimals);
/* Accepts "dd.mm.yyyy", "d.m.yyyy" and ISO "yyyy-mm-dd"; gives ISO text. */
gboolean  kepil_parse_date     (const char  *text,
                                const char  *field,
                                char       **out_iso,
                                GError     **error);
/* ISO date → "dd.mm.yyyy"; anything else is returned as it is. */
char     *kepil_format_date    (const char  *iso);
/* An ISO 8601 time with its zone ("2026-11-22T08:05:30Z") → "dd.mm.yyyy HH:MM"
 * in the local time zone; anything else is returned as it is. */
char     *kepil_format_date_time (const char *iso);
/* A file's size for people, in units of 1000 with a decimal comma:
 * "512 B", "12 kB", "1,5 MB" (the unit translated). */
char     *kepil_format_size    (guint64      bytes);
/* Days from ISO date @a to ISO date @b, or G_MININT when either is invalid. */
int       kepil_days_between   (const char  *a,
                                const char  *b);
/* Today as ISO text; KEPIL_TODAY in the environment overrides it (tests). */
char     *kepil_today_iso      (void);

G_END_DECLS
