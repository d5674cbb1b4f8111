/* kepil-backup-dialog.h — pick one of the database's backups and restore it
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "kepil-window.h"

G_BEGIN_DECLS

#define KEPIL_TYPE_BACKUP_DIALOG (kepil_backup_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KepilBackupDialog, kepil_backup_dialog, KEPIL, BACKUP_DIALOG, AdwWindow)

/* Lists the backups of @window's database, the newest first. */
KepilBackupDialog *kepil_backup_dialog_new (KepilWindow *window);

G_END_DECLS
