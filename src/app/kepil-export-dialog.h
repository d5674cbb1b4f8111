/* kepil-export-dialog.h — choose a document, its campaign and language, write it in a thread
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
/* The campaign chosen (newest first; the latest by default), or 0 when the enterprise has none. */
gint64             kepil_export_dialog_get_campaign (KepilExportDialog *self);
/* Chooses @campaign_id as a user would in the list; FALSE when it is not the enterprise's. */
gboolean           kepil_export_dialog_set_campaign (KepilExportDialog *self,
                                                     gint64             campaign_id);
/* Exports the chosen campaign's @document without asking for a file (tests):
 * runs in the window's task thread. */
void               kepil_export_dialog_export_to (KepilExportDialog *self,
                                                  const char        *document,
                                                  const char        *lang,
                                                  const char        *path);

G_END_DECLS
