/* kepil-export-dialog.c — choose a document, its campaign and language, write it in a thread
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
  AdwComboRow      *campaign_row;
  GArray           *campaign_ids;   /* gint64 per item of campaign_row, newest first; empty when none */
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

typedef struct { char *document, *lang, *path; gint64 campaign; } Job;

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
  if (!kepil_export_document (db, j->document, j->lang, j->campaign, j->path, c, error))
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

/* ---- the campaigns ------------------------------------------------------------------------- */

/* Newest first, as the core picks the latest: by order date, then by id. */
static gint
by_newest (gconstpointer a, gconstpointer b)
{
  JsonObject *x = *(JsonObject **) a, *y = *(JsonObject **) b;
  int c = g_strcmp0 (kepil_json_str (y, "order_date", ""), kepil_json_str (x, "order_date", ""));
  gint64 ix = kepil_json_int (x, "id", 0), iy = kepil_json_int (y, "id", 0);
  return c != 0 ? c : (iy > ix) - (iy < ix);
}

/* "Order No. 45 of 20.01.2023 · measurements 01.02.2023 – 15.03.2023 · Periodic · Completed" */
static char *
campaign_text (JsonObject *c)
{
  const char *no = kepil_json_str (c, "order_no", "");
  const char *from = kepil_json_str (c, "measured_from", ""), *to = kepil_json_str (c, "measured_to", "");
  g_autofree char *date = kepil_format_date (kepil_json_str (c, "order_date", ""));
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, _("Order No. %s of %s"), *no != '\0' ? no : "—", date);
  if (*from != '\0' || *to != '\0')
    {
      g_autofree char *f = kepil_format_date (from), *t = kepil_format_date (to);
      g_string_append (s, " · ");
      g_string_append_printf (s, _("measurements %s – %s"), *f != '\0' ? f : "…", *t != '\0' ? t : "…");
    }
  g_string_append_printf (s, " · %s · %s", kepil_app_campaign_kind_name (kepil_json_str (c, "kind", "")),
                          kepil_app_campaign_status_name (kepil_json_str (c, "status", "")));
  return g_string_free (s, FALSE);
}

/* The campaigns of the window's enterprise (the first, as the window shows it), newest first. */
static void
load_campaigns (KepilExportDialog *self)
{
  KepilDb *db = self->window != NULL ? kepil_window_get_db (self->window) : NULL;
  g_autoptr (GtkStringList) items = gtk_string_list_new (NULL);
  g_autoptr (GPtrArray) ents = db != NULL ? kepil_entity_list (db, "enterprise", NULL, 0, NULL) : NULL;
  g_autoptr (GPtrArray) camps = NULL;

  g_array_set_size (self->campaign_ids, 0);
  if (ents != NULL && ents->len > 0)
    camps = kepil_entity_list (db, "campaign", "enterprise_id", kepil_json_int (g_ptr_array_index (ents, 0), "id", 0), NULL);
  if (camps != NULL)
    {
      g_ptr_array_sort (camps, by_newest);
      for (guint i = 0; i < camps->len; i++)
        {
          JsonObject *c = g_ptr_array_index (camps, i);
          gint64 id = kepil_json_int (c, "id", 0);
          g_autofree char *t = campaign_text (c);
          g_array_append_val (self->campaign_ids, id);
          gtk_string_list_append (items, t);
        }
    }
  if (self->campaign_ids->len == 0)
    gtk_string_list_append (items, _("No attestation campaign yet"));
  adw_combo_row_set_model (self->campaign_row, G_LIST_MODEL (items));
  adw_combo_row_set_selected (self->campaign_row, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->campaign_row), self->campaign_ids->len > 0);
}

gint64
kepil_export_dialog_get_campaign (KepilExportDialog *self)
{
  guint i;
  g_return_val_if_fail (KEPIL_IS_EXPORT_DIALOG (self), 0);
  i = adw_combo_row_get_selected (self->campaign_row);
  return i < self->campaign_ids->len ? g_array_index (self->campaign_ids, gint64, i) : 0;
}

gboolean
kepil_export_dialog_set_campaign (KepilExportDialog *self, gint64 campaign_id)
{
  g_return_val_if_fail (KEPIL_IS_EXPORT_DIALOG (self), FALSE);
  for (guint i = 0; i < self->campaign_ids->len; i++)
    if (g_array_index (self->campaign_ids, gint64, i) == campaign_id)
      {
        adw_combo_row_set_selected (self->campaign_row, i);
        return TRUE;
      }
  return FALSE;
}

/* ---- exporting ----------------------------------------------------------------------------- */

void
kepil_export_dialog_export_to (KepilExportDialog *self, const char *document, const char *lang, const char *path)
{
  Job *j = g_new0 (Job, 1);
  j->document = g_strdup (document);
  j->lang = g_strdup (lang);
  j->path = g_strdup (path);
  /* -1 (none) when the enterprise has none, rather than the latest of another enterprise:
   * the documents that need one were made unavailable. */
  j->campaign = self->campaign_ids->len > 0 ? kepil_export_dialog_get_campaign (self) : -1;
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
  gboolean no_campaign = self->campaign_ids->len == 0 && kepil_export_document_needs_campaign != NULL &&
                         kepil_export_document_needs_campaign (doc);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), ok && !no_campaign);
  gtk_label_set_text (self->note_label,
                      !ok ? _("This build cannot compute what this document needs.")
                      : no_campaign ? _("This document is made for an attestation campaign, and the enterprise has none yet: "
                                        "enter the order that starts the attestation on the Enterprise page first.")
                      : _("The document is an Excel workbook the commission can edit before printing."));
#else
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
  gtk_label_set_text (self->note_label, _("This build of Kepil cannot export documents."));
#endif
}

/* ---- the lists of choices ------------------------------------------------------------------ */

/* libadwaita's own list cuts a choice after 20 characters; a document's title or a campaign in
 * Kazakh is longer, so the lists wrap it, with the check mark on the chosen one. */
static void
update_check (GtkListItem *item)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  AdwComboRow *row = g_object_get_data (G_OBJECT (item), "kepil-row");
  if (box != NULL && row != NULL)
    gtk_widget_set_opacity (gtk_widget_get_last_child (box),
                            gtk_list_item_get_position (item) == adw_combo_row_get_selected (row) ? 1 : 0);
}

static void
on_choice_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, AdwComboRow *row)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
  g_object_set_data (G_OBJECT (item), "kepil-row", row);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (update_check), item, G_CONNECT_SWAPPED);
}

static void
on_choice_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, AdwComboRow *row)
{
  GtkStringObject *o = gtk_list_item_get_item (item);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (gtk_list_item_get_child (item))),
                      o != NULL ? gtk_string_object_get_string (o) : "");
  update_check (item);
}

/* A choice row whose chosen item shows in full under @title. */
static AdwComboRow *
choice_row_new (const char *title)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_use_subtitle (row, TRUE);
  g_signal_connect (factory, "setup", G_CALLBACK (on_choice_setup_cb), row);
  g_signal_connect (factory, "bind", G_CALLBACK (on_choice_bind_cb), row);
  adw_combo_row_set_list_factory (row, factory);
  return row;
}

static void
kepil_export_dialog_dispose (GObject *o)
{
  KepilExportDialog *self = KEPIL_EXPORT_DIALOG (o);
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->campaign_ids, g_array_unref);
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
  self->campaign_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
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
  /* The choices show in full under the titles (beside them they would be cut short in Kazakh and
   * Russian); a campaign needs its number, dates, kind and status to be told apart. */
  self->document_row = choice_row_new (_("Document"));
  adw_combo_row_set_model (self->document_row, G_LIST_MODEL (docs));
  g_signal_connect (self->document_row, "notify::selected", G_CALLBACK (on_document_row_selected_cb), self);
  self->campaign_row = choice_row_new (_("Attestation campaign"));
  self->language_row = choice_row_new (_("Language"));
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (langs));
  for (guint i = 0; languages[i] != NULL; i++)
    if (g_str_equal (languages[i], lang))
      adw_combo_row_set_selected (self->language_row, i);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->document_row));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->campaign_row));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->language_row));
  gtk_box_prepend (self->rows, list);
}

KepilExportDialog *
kepil_export_dialog_new (KepilWindow *window)
{
  KepilExportDialog *self = g_object_new (KEPIL_TYPE_EXPORT_DIALOG, "transient-for", window, "modal", TRUE, NULL);
  g_set_weak_pointer (&self->window, window);
  load_campaigns (self);
  on_document_row_selected_cb (NULL, NULL, self);
  return self;
}
