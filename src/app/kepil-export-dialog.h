/* kepil-export-dialog.h — choose a document and its language, write it in a thread
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "kepil-window.h"

G_BEGIN_DECLS

#define KEPIL_TYPE_EXPORT_DIALOG (kepil_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KepilExportDialog, kepil_export_dialog, KEPIL, EXPORT_DIALOG, AdwWindow)

KepilExportDialog *kepil_export_dialog_new (KepilWindow *window);
/* Exports without asking for a file (tests): runs in the window's task thread. */
void               kepil_export_dialog_export_to (KepilExportDialog *self,
                                                  const char        *document,
                                                  const char        *lang,
                                                  const char        *path);

G_END_DECLS
