/* kepil-settings.h — the user's settings in a key file
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Stored in g_get_user_config_dir()/kepil/settings.ini, group [kepil]:
 * language (kk|ru|en, applied at next start), export-language (kk|ru|kk+ru),
 * user-name (the author in the audit log), role (specialist|commission|inspector),
 * last-file (the database opened last).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *kepil_app_settings_path (void);
/* The value of @key, or a copy of @fallback when it is not set. */
char     *kepil_app_settings_get  (const char *key,
                               const char *fallback);
/* Writes at once; FALSE with @error when the file cannot be written. */
gboolean  kepil_app_settings_set  (const char *key,
                               const char *value,
                               GError    **error);

G_END_DECLS
