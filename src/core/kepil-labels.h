/* kepil-labels.h — names of the norm data's indicator keys from the official forms (kk, ru)
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The form ("heaviness" or "tension") and its row number ("2.1") of an indicator key of the norm
 * sets ("lift-single"); FALSE when @agent is not an indicator. */
gboolean    kepil_indicator_form_row (const char  *agent,
                                      const char **form,
                                      const char **row);
/* The indicator's name in the forms of appendices 2 and 3 (labels-1057.csv) in @lang ("kk" or "ru";
 * a Kazakh name the source does not give is its Russian one); NULL when unknown or for another language. */
const char *kepil_indicator_label    (const char  *agent,
                                      const char  *lang);

G_END_DECLS
