/* kepil-export-dialog.c — choose a document and its language, write it in a thread
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-export-dialog.h"
#include "kepil-window-private.h"
#include "kepil-settings.h"

struct _KepilExportDialog
{
  AdwWindow         parent_instance;
  AdwWindowTitle   *title;
  GtkBox           *rows;
  GtkButton        *export_button;
  GtkLabel         *note_label;
  AdwComboRow      *document_row;
  AdwComboRow      *language_row;
  KepilWindow      *window;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (KepilExportDialog, kepil_export_dialog, ADW_TYPE_WINDOW)

static const char *const documents[] = { "act", "order", "protocols", "results", "comparison", "leave-roster", NULL };
static const char *const languages[] = { "kk", "ru", "kk+ru", NULL };

static const char *
document_title (const char *doc)
{
#ifdef KEPIL_HAVE_EXPORT
  if (kepil_export_document_title != NULL)
    return kepil_export_document_title (doc);
#endif
  {
    if (g_str_equal (doc, "act")) return _("Final act of the attestation commission");
  if (g_str_equal (doc, "order")) return _("Order creating the commission");
  if (g_str_equal (doc, "protocols")) return _("Protocols of measurements");
  if (g_str_equal (doc, "results")) return _("Report of results");
  if (g_str_equal (doc, "comparison")) return _("Comparison: the List and the risk model");
  return _("Roster of additional leave");
  }
}

typedef struct { char *document, *lang, *path; } Job;

static void
job_free (Job *j)
{
  g_free (j->document);
  g_free (j->lang);
  g_free (j->path);
  g_free (j);
}

static JsonObject *
export_func (KepilDb *db, gpointer data, GCancellable *c, GTask *task, GError **error)
{
  Job *j = data;
#ifdef KEPIL_HAVE_EXPORT
  JsonObject *o;
  if (kepil_export_document == NULL)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_FAILED, _("This build of Kepil cannot export documents."));
      return NULL;
    }
  if (!kepil_export_document (db, j->document, j->lang, 0, j->path, c, error))
    return NULL;
  o = json_object_new ();
  json_object_set_string_member (o, "path", j->path);
  return o;
#else
  g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_FAILED, _("This build of Kepil cannot export documents."));
  return NULL;
#endif
}

static void
export_done (KepilWindow *win, JsonObject *result, const GError *error, gpointer data)
{
  Job *j = data;
  if (error != NULL)
    {
      AdwMessageDialog *d = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (win), _("The document was not written"),
                                                                        error->message));
      adw_message_dialog_add_response (d, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (d));
      return;
    }
  {
    g_autofree char *t = g_strdup_printf (_("Written: %s"), j->path);
    kepil_window_toast (win, t);
  }
}

void
kepil_export_dialog_export_to (KepilExportDialog *self, const char *document, const char *lang, const char *path)
{
  Job *j = g_new0 (Job, 1);
  j->document = g_strdup (document);
  j->lang = g_strdup (lang);
  j->path = g_strdup (path);
  kepil_app_settings_set ("export-language", lang, NULL);
  kepil_window_run_task (self->window, _("Writing the document…"), export_func, export_done, j, (GDestroyNotify) job_free);
}

static void
on_chooser_response_cb (GtkNativeDialog *dialog, int response, KepilExportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      if (!g_str_has_suffix (path, ".xlsx"))
        {
          char *p = g_strconcat (path, ".xlsx", NULL);
          g_free (path);
          path = p;
        }
      kepil_export_dialog_export_to (self, documents[adw_combo_row_get_selected (self->document_row)],
                                     languages[adw_combo_row_get_selected (self->language_row)], path);
      gtk_window_close (GTK_WINDOW (self));
    }
  g_clear_object (&self->chooser);
}

static void
on_export_button_clicked_cb (GtkButton *b, KepilExportDialog *self)
{
  const char *doc = documents[adw_combo_row_get_selected (self->document_row)];
  const char *lang = languages[adw_combo_row_get_selected (self->language_row)];
  g_autofree char *name = g_strdup_printf ("%s-%s.xlsx", doc, lang);

  g_strdelimit (name, "+", '-');
  self->chooser = gtk_file_chooser_native_new (_("Export the document"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_document_row_selected_cb (GObject *o, GParamSpec *p, KepilExportDialog *self)
{
#ifdef KEPIL_HAVE_EXPORT
  const char *doc = documents[adw_combo_row_get_selected (self->document_row)];
  gboolean ok = kepil_export_document_available != NULL && kepil_export_document_available (doc);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), ok);
  gtk_label_set_text (self->note_label, ok ? _("The document is an Excel workbook the commission can edit before printing.")
                                           : _("This build cannot compute what this document needs."));
#else
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
  gtk_label_set_text (self->note_label, _("This build of Kepil cannot export documents."));
#endif
}

static void
kepil_export_dialog_dispose (GObject *o)
{
  KepilExportDialog *self = KEPIL_EXPORT_DIALOG (o);
  g_clear_object (&self->chooser);
  g_clear_weak_pointer (&self->window);
  gtk_widget_dispose_template (GTK_WIDGET (self), KEPIL_TYPE_EXPORT_DIALOG);
  G_OBJECT_CLASS (kepil_export_dialog_parent_class)->dispose (o);
}

static void
kepil_export_dialog_class_init (KepilExportDialogClass *klass)
{
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = kepil_export_dialog_dispose;
  gtk_widget_class_set_template_from_resource (wc, "/kz/kepil/app/kepil-export-dialog.ui");
  gtk_widget_class_bind_template_child (wc, KepilExportDialog, title);
  gtk_widget_class_bind_template_child (wc, KepilExportDialog, rows);
  gtk_widget_class_bind_template_child (wc, KepilExportDialog, export_button);
  gtk_widget_class_bind_template_child (wc, KepilExportDialog, note_label);
  gtk_widget_class_bind_template_callback (wc, on_export_button_clicked_cb);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kepil_export_dialog_init (KepilExportDialog *self)
{
  g_autoptr (GtkStringList) docs = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) langs = gtk_string_list_new (NULL);
  GtkWidget *list = gtk_list_box_new ();
  g_autofree char *lang = kepil_app_settings_get ("export-language", "kk+ru");

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_title (GTK_WINDOW (self), _("Export documents"));
  adw_window_title_set_title (self->title, _("Export documents"));
  gtk_button_set_label (self->export_button, _("_Export…"));
  gtk_button_set_use_underline (self->export_button, TRUE);
  for (guint i = 0; documents[i] != NULL; i++)
    gtk_string_list_append (docs, document_title (documents[i]));
  gtk_string_list_append (langs, _("Kazakh"));
  gtk_string_list_append (langs, _("Russian"));
  gtk_string_list_append (langs, _("Kazakh and Russian side by side"));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  self->document_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->document_row), _("Document"));
  adw_combo_row_set_model (self->document_row, G_LIST_MODEL (docs));
  g_signal_connect (self->document_row, "notify::selected", G_CALLBACK (on_document_row_selected_cb), self);
  self->language_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->language_row), _("Language"));
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (langs));
  for (guint i = 0; languages[i] != NULL; i++)
    if (g_str_equal (languages[i], lang))
      adw_combo_row_set_selected (self->language_row, i);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->document_row));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->language_row));
  gtk_box_prepend (self->rows, list);
  on_document_row_selected_cb (NULL, NULL, self);
}

KepilExportDialog *
kepil_export_dialog_new (KepilWindow *window)
{
  KepilExportDialog *self = g_object_new (KEPIL_TYPE_EXPORT_DIALOG, "transient-for", window, "modal", TRUE, NULL);
  g_set_weak_pointer (&self->window, window);
  return self;
}
