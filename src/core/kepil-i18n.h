/* kepil-i18n.h — gettext for the core, the CLI and the app
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gi18n-lib.h>

G_BEGIN_DECLS

/* Binds the text domain.  @lang is "kk", "ru", "en" or NULL for the system's
 * language (Russian when the system's is neither Kazakh nor English). */
void         kepil_i18n_init         (const char *lang);
/* The language now in use: "kk", "ru" or "en". */
const char  *kepil_i18n_language     (void);
/* Translates @msgid into @lang ("kk", "ru", "en") whatever the current language:
 * exports choose their language on their own. */
const char  *kepil_i18n_gettext_in   (const char *lang, const char *msgid) G_GNUC_FORMAT (2);

G_END_DECLS

G_BEGIN_DECLS
const char  *kepil_gettext           (const char *msgid) G_GNUC_FORMAT (1);
const char  *kepil_ngettext          (const char *msgid, const char *msgid_plural, gulong n) G_GNUC_FORMAT (1) G_GNUC_FORMAT (2);
const char  *kepil_ngettext_in       (const char *lang, const char *msgid, const char *msgid_plural, gulong n) G_GNUC_FORMAT (2) G_GNUC_FORMAT (3);
G_END_DECLS

/* The core's own lookup replaces gettext's, see kepil-i18n.c. */
#undef _
#define _(s) kepil_gettext (s)
#undef ngettext
#define ngettext(s, p, n) kepil_ngettext ((s), (p), (n))
