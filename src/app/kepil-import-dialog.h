/* kepil-import-dialog.h — import a laboratory's protocol or a workplace register: preview, mapping, import
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dialog shows the chosen file as the core reads it (kepil_import_inspect):
 * its header and first rows, with a drop-down per column for the field it is
 * taken for, pre-filled by the core's guess or by a remembered mapping.  Import
 * runs kepil_import_file_full in the window's task thread with a progress bar
 * and Cancel; problems are listed by row, column and field, and the database is
 * then unchanged (the core guarantees it).  The functions below do what the
 * widgets do, so that the tests can drive the dialog.
 */
#pragma once

#include <adwaita.h>
#include "kepil-window.h"

G_BEGIN_DECLS

#define KEPIL_TYPE_IMPORT_DIALOG (kepil_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KepilImportDialog, kepil_import_dialog, KEPIL, IMPORT_DIALOG, AdwWindow)

KepilImportDialog *kepil_import_dialog_new            (KepilWindow       *window);
/* As if @path had been chosen: reads it and shows its columns (kind guessed). */
gboolean           kepil_import_dialog_set_file       (KepilImportDialog *self,
                                                       const char        *path,
                                                       GError           **error);
/* "measurements" or "workplaces". */
const char        *kepil_import_dialog_get_kind       (KepilImportDialog *self);
void               kepil_import_dialog_set_kind       (KepilImportDialog *self,
                                                       const char        *kind);
/* Lines of the file before its header. */
void               kepil_import_dialog_set_skip_rows  (KepilImportDialog *self,
                                                       guint              n);
/* The file's columns and the field each is taken for ("" = not imported). */
guint              kepil_import_dialog_n_columns      (KepilImportDialog *self);
const char        *kepil_import_dialog_get_column_field (KepilImportDialog *self,
                                                         guint              column);
gboolean           kepil_import_dialog_set_column_field (KepilImportDialog *self,
                                                         guint              column,
                                                         const char        *field);
/* Rows of data shown under the header. */
guint              kepil_import_dialog_n_preview_rows (KepilImportDialog *self);
/* The name the mapping is remembered under after a successful import ("" = not remembered). */
const char        *kepil_import_dialog_get_source     (KepilImportDialog *self);
void               kepil_import_dialog_set_source     (KepilImportDialog *self,
                                                       const char        *source);
/* The remembered mapping chosen in the dialog, or "" when none. */
const char        *kepil_import_dialog_get_saved_mapping (KepilImportDialog *self);
/* Whether Import can be pressed: a file is read, every required field has a column, nothing runs. */
gboolean           kepil_import_dialog_can_import     (KepilImportDialog *self);
/* Presses Import (FALSE when it cannot be pressed now) and Cancel. */
gboolean           kepil_import_dialog_import         (KepilImportDialog *self);
void               kepil_import_dialog_cancel         (KepilImportDialog *self);
/* TRUE from Import until the report is shown. */
gboolean           kepil_import_dialog_is_running     (KepilImportDialog *self);
/* The status line under the preview. */
const char        *kepil_import_dialog_get_status     (KepilImportDialog *self);
/* The problems listed after a refused import, each as shown ("Row 3 · column H · Value: …"). */
guint              kepil_import_dialog_n_problems     (KepilImportDialog *self);
char              *kepil_import_dialog_problem_text   (KepilImportDialog *self,
                                                       guint              index);
/* Writes the empty template of the chosen kind (.csv or .xlsx by the name). */
gboolean           kepil_import_dialog_save_template_to (KepilImportDialog *self,
                                                         const char        *path,
                                                         GError           **error);

G_END_DECLS
