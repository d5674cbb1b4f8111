/* kepil-import-dialog.c — import a laboratory's protocol or a workplace register: preview, mapping, import
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-import-dialog.h"
#include "kepil-window-private.h"
#include "kepil-import.h"

#include <string.h>

/* Rows of data shown under the header, and problems listed at most (the rest are counted). */
#define PREVIEW_ROWS 8
#define MAX_PROBLEM_ROWS 500

static const char *const kinds[] = { "measurements", "workplaces", NULL };

/* What the import thread knows of the dialog: a weak reference, shared with the
 * messages it posts, so that a closed dialog is simply not told. */
typedef struct
{
  GWeakRef dialog;
} Link;

static Link *
link_new (gpointer dialog)
{
  Link *l = g_atomic_rc_box_new0 (Link);
  g_weak_ref_init (&l->dialog, dialog);
  return l;
}

static void
link_clear (gpointer p)
{
  g_weak_ref_clear (&((Link *) p)->dialog);
}

static void
link_unref (Link *l)
{
  g_atomic_rc_box_release_full (l, link_clear);
}

typedef struct
{
  char       *kind;
  char       *path;
  char       *mapping;
  Link       *link;
  GTask      *task;      /* set in the thread, for the window's progress bar */
  JsonObject *report;    /* the core's report, kept even if Cancel came after the write */
} Job;

static void
job_free (Job *j)
{
  g_free (j->kind);
  g_free (j->path);
  g_free (j->mapping);
  link_unref (j->link);
  g_clear_pointer (&j->report, json_object_unref);
  g_free (j);
}

struct _KepilImportDialog
{
  AdwWindow          parent_instance;
  KepilWindow       *window;            /* weak */
  Link              *link;
  GtkFileChooserNative *chooser;

  AdwToastOverlay   *toasts;
  AdwWindowTitle    *title;
  GtkWidget         *settings;
  AdwActionRow      *file_row;
  AdwComboRow       *kind_row;
  AdwComboRow       *saved_row;
  GtkSpinButton     *skip_spin;
  AdwEntryRow       *source_row;
  GtkWidget         *preview_box;
  GtkGrid           *grid;
  GtkLabel          *status_label;
  GtkWidget         *problems_box;
  GtkLabel          *problems_heading;
  GtkListBox        *problems_list;
  GtkProgressBar    *progress_bar;
  GtkButton         *cancel_button;
  GtkButton         *template_button;
  GtkButton         *import_button;

  char              *path;
  JsonObject        *inspect;           /* kepil_import_inspect's answer, or NULL */
  GPtrArray         *dropdowns;         /* a GtkDropDown per column */
  GPtrArray         *field_names;       /* the field behind each drop-down item; [0] = "" */
  GStrv              sources;           /* behind saved_row's items after "None" */
  guint              n_problems;
  gboolean           updating;          /* widgets are being filled: their signals do nothing */
  gboolean           running;
  Job               *pending;           /* waiting for the window's work (a recompute) to end */
  guint              wait_source;
  guint              pulse_source;
};

G_DEFINE_FINAL_TYPE (KepilImportDialog, kepil_import_dialog, ADW_TYPE_WINDOW)

static void update_state (KepilImportDialog *self);

static void
set_status (KepilImportDialog *self, const char *text)
{
  gtk_label_set_text (self->status_label, text);
}

static KepilDb *
dialog_db (KepilImportDialog *self)
{
  return self->window != NULL ? kepil_window_get_db (self->window) : NULL;
}

static const char *
current_kind (KepilImportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->kind_row);
  return i < G_N_ELEMENTS (kinds) - 1 ? kinds[i] : kinds[0];
}

static const char *
field_label (KepilImportDialog *self, const char *name)
{
  JsonArray *fields = self->inspect ? json_object_get_array_member (self->inspect, "fields") : NULL;
  for (guint i = 0; fields != NULL && i < json_array_get_length (fields); i++)
    {
      JsonObject *f = json_array_get_object_element (fields, i);
      if (g_strcmp0 (kepil_json_str (f, "name", ""), name) == 0)
        return kepil_json_str (f, "label", name);
    }
  return name;
}

/* ---- the problems ------------------------------------------------------------------------ */

static void
clear_problems (KepilImportDialog *self)
{
  kepil_app_clear_box (GTK_WIDGET (self->problems_list));
  self->n_problems = 0;
  gtk_widget_set_visible (self->problems_box, FALSE);
}

static void
add_problem_row (KepilImportDialog *self, const char *message, const char *where)
{
  GtkWidget *row = kepil_app_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), message);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
  gtk_list_box_append (self->problems_list, row);
}

static void
show_problems (KepilImportDialog *self, JsonObject *report)
{
  JsonArray *problems = json_object_get_array_member (report, "problems");
  guint n = json_array_get_length (problems);
  g_autofree char *base = g_path_get_basename (kepil_json_str (report, "file", self->path ? self->path : ""));
  g_autofree char *heading = g_strdup_printf (_("Problems in %s"), base);

  clear_problems (self);
  for (guint i = 0; i < n && i < MAX_PROBLEM_ROWS; i++)
    {
      JsonObject *p = json_array_get_object_element (problems, i);
      guint row = (guint) kepil_json_int (p, "row", 0);
      const char *column = kepil_json_str (p, "column", "");
      const char *field = kepil_json_str (p, "field", "");
      g_autofree char *where = NULL;

      if (*column != '\0' && *field != '\0')
        where = g_strdup_printf (_("Row %u · column %s · %s"), row, column, field_label (self, field));
      else if (*column != '\0')
        where = g_strdup_printf (_("Row %u · column %s"), row, column);
      else if (*field != '\0')
        where = g_strdup_printf (_("Row %u · %s"), row, field_label (self, field));
      else
        where = g_strdup_printf (_("Row %u"), row);
      add_problem_row (self, kepil_json_str (p, "message", ""), where);
    }
  if (n > MAX_PROBLEM_ROWS)
    {
      g_autofree char *more = g_strdup_printf (_("Problems not listed here: %u."), n - MAX_PROBLEM_ROWS);
      add_problem_row (self, more, "");
    }
  self->n_problems = n;
  gtk_label_set_text (self->problems_heading, heading);
  gtk_widget_set_visible (self->problems_box, n > 0);
}

/* ---- the preview and the mapping --------------------------------------------------------- */

static JsonArray *
inspect_columns (KepilImportDialog *self)
{
  return self->inspect != NULL ? json_object_get_array_member (self->inspect, "columns") : NULL;
}

static const char *
column_field (KepilImportDialog *self, guint column)
{
  guint i;
  if (column >= self->dropdowns->len)
    return "";
  i = gtk_drop_down_get_selected (g_ptr_array_index (self->dropdowns, column));
  return i < self->field_names->len ? g_ptr_array_index (self->field_names, i) : "";
}

static void
on_dropdown_selected_cb (GtkDropDown *d, GParamSpec *pspec, KepilImportDialog *self)
{
  guint chosen = gtk_drop_down_get_selected (d);

  if (self->updating)
    return;
  /* A field comes from one column: the column that gave it before gives nothing now. */
  self->updating = TRUE;
  for (guint i = 0; chosen != 0 && i < self->dropdowns->len; i++)
    {
      GtkDropDown *other = g_ptr_array_index (self->dropdowns, i);
      if (other != d && gtk_drop_down_get_selected (other) == chosen)
        gtk_drop_down_set_selected (other, 0);
    }
  self->updating = FALSE;
  update_state (self);
}

static GtkWidget *
cell_label (const char *text, gboolean dim)
{
  GtkWidget *l = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_label_set_ellipsize (GTK_LABEL (l), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (l), 22);
  gtk_label_set_single_line_mode (GTK_LABEL (l), TRUE);
  if (g_utf8_strlen (text, -1) > 22)
    gtk_widget_set_tooltip_text (l, text);
  if (dim)
    gtk_widget_add_css_class (l, "dim-label");
  return l;
}

static void
clear_grid (KepilImportDialog *self)
{
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  g_ptr_array_set_size (self->dropdowns, 0);
  g_ptr_array_set_size (self->field_names, 0);
}

static void
build_grid (KepilImportDialog *self)
{
  JsonArray *fields = json_object_get_array_member (self->inspect, "fields");
  JsonArray *columns = inspect_columns (self);
  JsonArray *rows = json_object_get_array_member (self->inspect, "rows");
  g_autoptr (GtkStringList) items = gtk_string_list_new (NULL);
  g_autofree char *header_row = g_strdup_printf ("%ld", (long) kepil_json_int (self->inspect, "header_row", 0));

  clear_grid (self);
  gtk_string_list_append (items, _("Not imported"));
  g_ptr_array_add (self->field_names, g_strdup (""));
  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonObject *f = json_array_get_object_element (fields, i);
      g_autofree char *label = json_object_get_boolean_member_with_default (f, "required", FALSE)
                                 ? g_strdup_printf ("%s *", kepil_json_str (f, "label", ""))
                                 : g_strdup (kepil_json_str (f, "label", ""));
      gtk_string_list_append (items, label);
      g_ptr_array_add (self->field_names, g_strdup (kepil_json_str (f, "name", "")));
    }

  /* Column 0: the row numbers as the spreadsheet shows them. */
  gtk_grid_attach (self->grid, cell_label (header_row, TRUE), 0, 0, 1, 1);
  for (guint r = 0; r < json_array_get_length (rows); r++)
    {
      g_autofree char *n = g_strdup_printf ("%ld", (long) kepil_json_int (json_array_get_object_element (rows, r),
                                                                          "row", 0));
      gtk_grid_attach (self->grid, cell_label (n, TRUE), 0, (int) r + 2, 1, 1);
    }
  for (guint c = 0; c < json_array_get_length (columns); c++)
    {
      JsonObject *col = json_array_get_object_element (columns, c);
      const char *header = kepil_json_str (col, "header", "");
      const char *field = kepil_json_str (col, "field", "");
      g_autofree char *title = *header != '\0' ? g_strdup_printf ("%s · %s", kepil_json_str (col, "letter", ""), header)
                                               : g_strdup (kepil_json_str (col, "letter", ""));
      GtkWidget *head = cell_label (title, FALSE);
      GtkWidget *d = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (items)), NULL);
      g_autofree char *tip = g_strdup_printf (_("What column %s is imported as"), kepil_json_str (col, "letter", ""));

      gtk_widget_add_css_class (head, "heading");
      gtk_grid_attach (self->grid, head, (int) c + 1, 0, 1, 1);
      for (guint k = 1; k < self->field_names->len; k++)
        if (g_str_equal (g_ptr_array_index (self->field_names, k), field))
          gtk_drop_down_set_selected (GTK_DROP_DOWN (d), k);
      if (*field == '\0')
        gtk_drop_down_set_selected (GTK_DROP_DOWN (d), 0);
      gtk_widget_set_tooltip_text (d, tip);
      g_signal_connect (d, "notify::selected", G_CALLBACK (on_dropdown_selected_cb), self);
      gtk_grid_attach (self->grid, d, (int) c + 1, 1, 1, 1);
      g_ptr_array_add (self->dropdowns, d);
      for (guint r = 0; r < json_array_get_length (rows); r++)
        {
          JsonArray *cells = json_object_get_array_member (json_array_get_object_element (rows, r), "cells");
          const char *text = c < json_array_get_length (cells) ? json_array_get_string_element (cells, c) : "";
          gtk_grid_attach (self->grid, cell_label (text, FALSE), (int) c + 1, (int) r + 2, 1, 1);
        }
    }
}

/* The remembered mappings of the kind, after "None". */
static void
fill_saved (KepilImportDialog *self, const char *kind, const char *source)
{
  g_autoptr (GtkStringList) items = gtk_string_list_new (NULL);
  KepilDb *db = dialog_db (self);
  guint selected = 0;

  g_clear_pointer (&self->sources, g_strfreev);
  self->sources = db != NULL ? kepil_import_list_mappings (db, kind, NULL) : NULL;
  if (self->sources == NULL)
    self->sources = g_new0 (char *, 1);
  gtk_string_list_append (items, _("None"));
  for (guint i = 0; self->sources[i] != NULL; i++)
    {
      gtk_string_list_append (items, self->sources[i]);
      if (source != NULL && g_str_equal (self->sources[i], source))
        selected = i + 1;
    }
  adw_combo_row_set_model (self->saved_row, G_LIST_MODEL (items));
  adw_combo_row_set_selected (self->saved_row, selected);
}

static void
show_inspect (KepilImportDialog *self)
{
  const char *kind = kepil_json_str (self->inspect, "kind", "measurements");
  const char *source = kepil_json_str (self->inspect, "source", "");
  g_autofree char *base = g_path_get_basename (self->path);
  g_autofree char *format = g_ascii_strup (kepil_json_str (self->inspect, "format", ""), -1);
  const char *encoding = kepil_json_str (self->inspect, "encoding", "");
  g_autofree char *subtitle = *encoding != '\0' && g_str_equal (format, "CSV")
                                ? g_strdup_printf ("%s · %s, %s", base, format, encoding)
                                : g_strdup_printf ("%s · %s", base, format);

  self->updating = TRUE;
  adw_action_row_set_subtitle (self->file_row, subtitle);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->file_row), self->path);
  adw_combo_row_set_selected (self->kind_row, g_str_equal (kind, "workplaces") ? 1 : 0);
  fill_saved (self, kind, source);
  gtk_spin_button_set_value (self->skip_spin, (double) kepil_json_int (self->inspect, "skip_rows", 0));
  gtk_editable_set_text (GTK_EDITABLE (self->source_row), source);
  build_grid (self);
  self->updating = FALSE;
  gtk_widget_set_visible (self->preview_box, TRUE);
  update_state (self);
}

/* Reads the file again as @kind with @mapping (NULL: the names of the header, or a remembered mapping). */
static gboolean
inspect (KepilImportDialog *self, const char *kind, const char *mapping, GError **error)
{
  g_autoptr (JsonObject) o = NULL;
  KepilDb *db = dialog_db (self);

  if (self->path == NULL)
    return FALSE;
  o = kepil_import_inspect (db, self->path, kind, mapping, PREVIEW_ROWS, error);
  clear_problems (self);
  g_clear_pointer (&self->inspect, json_object_unref);
  if (o == NULL)
    {
      clear_grid (self);
      gtk_widget_set_visible (self->preview_box, FALSE);
      update_state (self);
      return FALSE;
    }
  self->inspect = g_steal_pointer (&o);
  show_inspect (self);
  return TRUE;
}

static void
reinspect (KepilImportDialog *self, const char *kind, const char *mapping)
{
  g_autoptr (GError) error = NULL;
  if (!inspect (self, kind, mapping, &error) && error != NULL)
    set_status (self, error->message);
}

/* Only the lines before the header: the header's names give the fields. */
static char *
skip_only_mapping (KepilImportDialog *self)
{
  return g_strdup_printf ("{\"skip_rows\": %d, \"columns\": {}}", gtk_spin_button_get_value_as_int (self->skip_spin));
}

/* The mapping as the drop-downs show it, as the core's JSON text. */
static char *
mapping_json (KepilImportDialog *self)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) g = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  JsonArray *columns = inspect_columns (self);
  g_autofree char *source = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->source_row))));

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "source");
  json_builder_add_string_value (b, source);
  json_builder_set_member_name (b, "skip_rows");
  json_builder_add_int_value (b, kepil_json_int (self->inspect, "skip_rows", 0));
  json_builder_set_member_name (b, "columns");
  json_builder_begin_object (b);
  for (guint i = 0; columns != NULL && i < json_array_get_length (columns); i++)
    {
      const char *header = kepil_json_str (json_array_get_object_element (columns, i), "header", "");
      const char *field = column_field (self, i);
      if (*header == '\0' && *field == '\0')
        continue;
      json_builder_set_member_name (b, header);
      json_builder_add_string_value (b, *field != '\0' ? field : "ignore");
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (g, root);
  return json_generator_to_data (g, NULL);
}

/* The required fields no column gives, as their labels. */
static char *
missing_fields (KepilImportDialog *self)
{
  JsonArray *fields = json_object_get_array_member (self->inspect, "fields");
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonObject *f = json_array_get_object_element (fields, i);
      const char *name = kepil_json_str (f, "name", "");
      gboolean given = FALSE;
      if (!json_object_get_boolean_member_with_default (f, "required", FALSE))
        continue;
      for (guint c = 0; c < self->dropdowns->len && !given; c++)
        given = g_str_equal (column_field (self, c), name);
      if (!given)
        g_string_append_printf (s, "%s%s", s->len ? ", " : "", kepil_json_str (f, "label", name));
    }
  return g_string_free (s, s->len == 0);
}

static gboolean
read_only (KepilImportDialog *self)
{
  return self->window == NULL || dialog_db (self) == NULL || kepil_window_is_read_only (self->window);
}

/* The buttons' state and the status line from what the dialog now shows. */
static void
update_state (KepilImportDialog *self)
{
  g_autofree char *missing = NULL;
  gboolean ready = FALSE;

  gtk_widget_set_sensitive (self->settings, !self->running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->grid), !self->running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->template_button), !self->running);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), self->running);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), self->running);
  if (self->running)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
      return;
    }
  if (read_only (self))
    set_status (self, _("The inspector reads the data only: importing is not available."));
  else if (self->path == NULL)
    set_status (self, _("Choose a CSV or XLSX file: a laboratory's protocol of measurements or the enterprise's "
                        "workplace register."));
  else if (self->inspect == NULL)
    ;   /* the error of the reading is shown */
  else if (self->dropdowns->len == 0)
    set_status (self, _("The file has no header and no rows."));
  else if ((missing = missing_fields (self)) != NULL)
    {
      g_autofree char *t = g_strdup_printf (_("Choose a column for each required field (marked *): %s."), missing);
      set_status (self, t);
    }
  else
    {
      g_autofree char *t = g_strdup_printf (_("The header is in row %ld. Check what each column is imported as, "
                                              "then import."), (long) kepil_json_int (self->inspect, "header_row", 0));
      set_status (self, t);
      ready = TRUE;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), ready && !read_only (self));
}

static void
on_kind_selected_cb (GObject *o, GParamSpec *pspec, KepilImportDialog *self)
{
  if (self->updating || self->path == NULL)
    return;
  if (gtk_spin_button_get_value_as_int (self->skip_spin) > 0)
    {
      g_autofree char *m = skip_only_mapping (self);
      reinspect (self, current_kind (self), m);
    }
  else
    reinspect (self, current_kind (self), NULL);
}

static void
on_saved_selected_cb (GObject *o, GParamSpec *pspec, KepilImportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->saved_row);
  g_autofree char *m = NULL;

  if (self->updating || self->path == NULL)
    return;
  if (i > 0 && i <= g_strv_length (self->sources))
    reinspect (self, current_kind (self), self->sources[i - 1]);
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->source_row), "");
      m = skip_only_mapping (self);
      reinspect (self, current_kind (self), m);
    }
}

static void
on_skip_changed_cb (GtkSpinButton *spin, KepilImportDialog *self)
{
  g_autofree char *m = NULL;
  if (self->updating || self->path == NULL)
    return;
  m = skip_only_mapping (self);
  reinspect (self, current_kind (self), m);
}

/* ---- the file ---------------------------------------------------------------------------- */

gboolean
kepil_import_dialog_set_file (KepilImportDialog *self, const char *path, GError **error)
{
  g_autoptr (GError) local = NULL;
  gboolean ok;

  g_return_val_if_fail (KEPIL_IS_IMPORT_DIALOG (self), FALSE);
  if (self->running)
    return FALSE;
  g_free (self->path);
  self->path = g_strdup (path);
  {
    g_autofree char *base = g_path_get_basename (path);
    adw_action_row_set_subtitle (self->file_row, base);
  }
  ok = inspect (self, NULL, NULL, &local);
  if (!ok)
    {
      set_status (self, local->message);
      g_propagate_error (error, g_steal_pointer (&local));
    }
  return ok;
}

static void
on_chooser_response_cb (GtkNativeDialog *dialog, int response, KepilImportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      if (path != NULL)
        kepil_import_dialog_set_file (self, path, NULL);
    }
  g_clear_object (&self->chooser);
}

static void
on_choose_clicked_cb (GtkButton *b, KepilImportDialog *self)
{
  g_autoptr (GtkFileFilter) tables = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Choose the file to import"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (tables, _("Tables (CSV, XLSX)"));
  gtk_file_filter_add_pattern (tables, "*.csv");
  gtk_file_filter_add_pattern (tables, "*.CSV");
  gtk_file_filter_add_pattern (tables, "*.xlsx");
  gtk_file_filter_add_pattern (tables, "*.XLSX");
  gtk_file_filter_add_pattern (tables, "*.txt");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), tables);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- the template ------------------------------------------------------------------------ */

gboolean
kepil_import_dialog_save_template_to (KepilImportDialog *self, const char *path, GError **error)
{
  const char *lang = kepil_i18n_language ();
  return kepil_import_write_template_kind (path, current_kind (self), g_str_equal (lang, "en") ? NULL : lang, error);
}

static void
on_template_response_cb (GtkNativeDialog *dialog, int response, KepilImportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr (GError) error = NULL;
      if (path != NULL && !g_str_has_suffix (path, ".xlsx") && !g_str_has_suffix (path, ".csv"))
        {
          char *p = g_strconcat (path, ".xlsx", NULL);
          g_free (path);
          path = p;
        }
      if (path != NULL)
        {
          g_autofree char *text = NULL;
          if (kepil_import_dialog_save_template_to (self, path, &error))
            text = g_strdup_printf (_("The template was written: %s"), path);
          adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text != NULL ? text : error->message));
        }
    }
  g_clear_object (&self->chooser);
}

static void
on_template_clicked_cb (GtkButton *b, KepilImportDialog *self)
{
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Save the import template"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                     g_str_equal (current_kind (self), "workplaces") ? "kepil-register.xlsx"
                                                                                     : "kepil-measurements.xlsx");
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_template_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- the import ------------------------------------------------------------------------- */

typedef struct
{
  Link *link;
  guint done, total;
} Tick;

static gboolean
tick_idle (gpointer data)
{
  Tick *t = data;
  g_autoptr (KepilImportDialog) self = g_weak_ref_get (&t->link->dialog);

  if (self != NULL && self->running)
    {
      g_autofree char *text = g_strdup_printf (_("Writing rows: %u of %u"), t->done, t->total);
      if (self->pulse_source != 0 && gtk_widget_get_sensitive (GTK_WIDGET (self->cancel_button)))
        set_status (self, _("Writing to the database; Cancel leaves it as it was."));
      g_clear_handle_id (&self->pulse_source, g_source_remove);
      gtk_progress_bar_set_fraction (self->progress_bar, t->total > 0 ? (double) t->done / t->total : 1);
      gtk_progress_bar_set_text (self->progress_bar, text);
    }
  link_unref (t->link);
  g_free (t);
  return G_SOURCE_REMOVE;
}

/* In the thread. */
static void
import_progress (guint done, guint total, gpointer data)
{
  Job *j = data;
  Tick *t = g_new0 (Tick, 1);

  kepil_window_task_progress (j->task, total > 0 ? (double) done / total : 1, NULL);
  t->link = g_atomic_rc_box_acquire (j->link);
  t->done = done;
  t->total = total;
  g_main_context_invoke (NULL, tick_idle, t);
}

/* In the thread, with its own connection to the database. */
static JsonObject *
import_func (KepilDb *db, gpointer data, GCancellable *c, GTask *task, GError **error)
{
  Job *j = data;
  JsonObject *report;

  j->task = task;
  report = kepil_import_file_full (db, j->kind, j->path, j->mapping, FALSE, FALSE, import_progress, j, c, error);
  if (report != NULL)
    j->report = json_object_ref (report);
  return report;
}

static void
finish_running (KepilImportDialog *self)
{
  self->running = FALSE;
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  g_clear_handle_id (&self->wait_source, g_source_remove);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  update_state (self);
}

static void
import_done (KepilWindow *win, JsonObject *result, const GError *error, gpointer data)
{
  Job *j = data;
  g_autoptr (KepilImportDialog) self = g_weak_ref_get (&j->link->dialog);
  /* The core's report counts even when Cancel came too late to stop the write. */
  JsonObject *report = j->report != NULL ? j->report : result;

  if (report != NULL && json_array_get_length (json_object_get_array_member (report, "problems")) == 0)
    {
      JsonObject *created = json_object_get_object_member (report, "created");
      g_autofree char *text = g_strdup_printf (_("Imported rows: %u. New workplaces: %u, units: %u, professions: %u."),
                                               (guint) kepil_json_int (report, "imported", 0),
                                               (guint) kepil_json_int (created, "workplaces", 0),
                                               (guint) kepil_json_int (created, "units", 0),
                                               (guint) kepil_json_int (created, "professions", 0));
      kepil_window_toast (win, text);
      kepil_window_reload (win);
      kepil_window_recompute (win);
      if (self != NULL)
        {
          finish_running (self);
          set_status (self, text);
          gtk_window_close (GTK_WINDOW (self));
        }
      return;
    }
  if (self == NULL)
    {
      if (report != NULL)
        kepil_window_toast (win, _("Nothing was imported: the file has problems."));
      return;
    }
  finish_running (self);
  if (report != NULL)
    {
      g_autofree char *t = g_strdup_printf (_("Problems found: %u. Nothing was imported and the database is "
                                              "unchanged; correct the file and import again."),
                                            (guint) json_array_get_length (json_object_get_array_member (report,
                                                                                                         "problems")));
      show_problems (self, report);
      set_status (self, t);
    }
  else if (error != NULL && (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
                             g_error_matches (error, KEPIL_ERROR, KEPIL_ERROR_CANCELLED)))
    set_status (self, _("The import was cancelled; the database is unchanged."));
  else
    {
      g_autofree char *t = g_strdup_printf (_("Nothing was imported: %s"), error != NULL ? error->message : "?");
      set_status (self, t);
    }
}

static void
start_job (KepilImportDialog *self)
{
  Job *j = g_steal_pointer (&self->pending);
  g_clear_handle_id (&self->wait_source, g_source_remove);
  kepil_window_run_task (self->window, _("Importing…"), import_func, import_done, j, (GDestroyNotify) job_free);
}

/* The window runs one piece of long work at a time: a recompute in progress is let finish. */
static gboolean
wait_window_cb (gpointer data)
{
  KepilImportDialog *self = data;
  if (self->window == NULL)
    {
      self->wait_source = 0;
      g_clear_pointer (&self->pending, job_free);
      finish_running (self);
      return G_SOURCE_REMOVE;
    }
  if (self->window->busy)
    return G_SOURCE_CONTINUE;
  self->wait_source = 0;
  start_job (self);
  return G_SOURCE_REMOVE;
}

static gboolean
pulse_cb (gpointer data)
{
  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (data));
  return G_SOURCE_CONTINUE;
}

gboolean
kepil_import_dialog_can_import (KepilImportDialog *self)
{
  return gtk_widget_get_sensitive (GTK_WIDGET (self->import_button)) && !self->running;
}

gboolean
kepil_import_dialog_import (KepilImportDialog *self)
{
  Job *j;

  g_return_val_if_fail (KEPIL_IS_IMPORT_DIALOG (self), FALSE);
  if (!kepil_import_dialog_can_import (self) || read_only (self))
    return FALSE;
  j = g_new0 (Job, 1);
  j->kind = g_strdup (current_kind (self));
  j->path = g_strdup (self->path);
  j->mapping = mapping_json (self);
  j->link = g_atomic_rc_box_acquire (self->link);
  self->pending = j;
  self->running = TRUE;
  clear_problems (self);
  update_state (self);
  set_status (self, _("Reading and checking every row…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  gtk_progress_bar_set_show_text (self->progress_bar, TRUE);
  self->pulse_source = g_timeout_add (120, pulse_cb, self->progress_bar);
  if (self->window->busy)
    self->wait_source = g_timeout_add (100, wait_window_cb, self);
  else
    start_job (self);
  return TRUE;
}

void
kepil_import_dialog_cancel (KepilImportDialog *self)
{
  g_return_if_fail (KEPIL_IS_IMPORT_DIALOG (self));
  if (!self->running)
    return;
  if (self->pending != NULL)
    {
      /* Not started yet. */
      g_clear_pointer (&self->pending, job_free);
      finish_running (self);
      set_status (self, _("The import was cancelled; the database is unchanged."));
      return;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
  set_status (self, _("Cancelling…"));
  if (self->window != NULL)
    kepil_window_cancel (self->window);
}

static void
on_import_clicked_cb (GtkButton *b, KepilImportDialog *self)
{
  kepil_import_dialog_import (self);
}

static void
on_cancel_clicked_cb (GtkButton *b, KepilImportDialog *self)
{
  kepil_import_dialog_cancel (self);
}

/* Closing while the import runs cancels it; the dialog stays to say so. */
static gboolean
on_close_request_cb (GtkWindow *w, KepilImportDialog *self)
{
  if (!self->running)
    return FALSE;
  kepil_import_dialog_cancel (self);
  return self->running;
}

/* ---- for the tests ---------------------------------------------------------------------- */

const char *
kepil_import_dialog_get_kind (KepilImportDialog *self)
{
  return current_kind (self);
}

void
kepil_import_dialog_set_kind (KepilImportDialog *self, const char *kind)
{
  adw_combo_row_set_selected (self->kind_row, g_strcmp0 (kind, "workplaces") == 0 ? 1 : 0);
}

void
kepil_import_dialog_set_skip_rows (KepilImportDialog *self, guint n)
{
  gtk_spin_button_set_value (self->skip_spin, n);
}

guint
kepil_import_dialog_n_columns (KepilImportDialog *self)
{
  return self->dropdowns->len;
}

const char *
kepil_import_dialog_get_column_field (KepilImportDialog *self, guint column)
{
  return column_field (self, column);
}

gboolean
kepil_import_dialog_set_column_field (KepilImportDialog *self, guint column, const char *field)
{
  if (column >= self->dropdowns->len)
    return FALSE;
  for (guint i = 0; i < self->field_names->len; i++)
    if (g_str_equal (g_ptr_array_index (self->field_names, i), field != NULL ? field : ""))
      {
        gtk_drop_down_set_selected (g_ptr_array_index (self->dropdowns, column), i);
        return TRUE;
      }
  return FALSE;
}

guint
kepil_import_dialog_n_preview_rows (KepilImportDialog *self)
{
  return self->inspect != NULL ? json_array_get_length (json_object_get_array_member (self->inspect, "rows")) : 0;
}

const char *
kepil_import_dialog_get_source (KepilImportDialog *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->source_row));
}

void
kepil_import_dialog_set_source (KepilImportDialog *self, const char *source)
{
  gtk_editable_set_text (GTK_EDITABLE (self->source_row), source);
}

const char *
kepil_import_dialog_get_saved_mapping (KepilImportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->saved_row);
  return self->sources != NULL && i > 0 && i <= g_strv_length (self->sources) ? self->sources[i - 1] : "";
}

gboolean
kepil_import_dialog_is_running (KepilImportDialog *self)
{
  return self->running;
}

const char *
kepil_import_dialog_get_status (KepilImportDialog *self)
{
  return gtk_label_get_text (self->status_label);
}

guint
kepil_import_dialog_n_problems (KepilImportDialog *self)
{
  return self->n_problems;
}

char *
kepil_import_dialog_problem_text (KepilImportDialog *self, guint index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->problems_list, (int) index);
  if (row == NULL || !ADW_IS_ACTION_ROW (row))
    return NULL;
  return g_strdup_printf ("%s — %s", adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                          adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
}

/* ---- the class ---------------------------------------------------------------------------- */

static void
kepil_import_dialog_dispose (GObject *o)
{
  KepilImportDialog *self = KEPIL_IMPORT_DIALOG (o);
  g_clear_handle_id (&self->wait_source, g_source_remove);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  g_clear_pointer (&self->pending, job_free);
  g_clear_object (&self->chooser);
  g_clear_weak_pointer (&self->window);
  G_OBJECT_CLASS (kepil_import_dialog_parent_class)->dispose (o);
}

static void
kepil_import_dialog_finalize (GObject *o)
{
  KepilImportDialog *self = KEPIL_IMPORT_DIALOG (o);
  g_free (self->path);
  g_clear_pointer (&self->inspect, json_object_unref);
  g_clear_pointer (&self->dropdowns, g_ptr_array_unref);
  g_clear_pointer (&self->field_names, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_strfreev);
  link_unref (self->link);
  G_OBJECT_CLASS (kepil_import_dialog_parent_class)->finalize (o);
}

static void
kepil_import_dialog_class_init (KepilImportDialogClass *klass)
{
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = kepil_import_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = kepil_import_dialog_finalize;
  gtk_widget_class_add_binding_action (wc, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  gtk_widget_set_hexpand (list, TRUE);
  return list;
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *l = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_label_set_wrap (GTK_LABEL (l), TRUE);
  gtk_widget_add_css_class (l, "heading");
  return l;
}

static void
kepil_import_dialog_init (KepilImportDialog *self)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *left = boxed_list (), *right = boxed_list ();
  GtkWidget *choose = gtk_button_new_with_mnemonic (_("_Choose…"));
  GtkWidget *skip_row = kepil_app_action_row_new ();
  GtkWidget *scroll = gtk_scrolled_window_new ();
  GtkWidget *pscroll = gtk_scrolled_window_new ();
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  g_autoptr (GtkStringList) kind_items = gtk_string_list_new (NULL);

  self->link = link_new (self);
  self->dropdowns = g_ptr_array_new ();
  self->field_names = g_ptr_array_new_with_free_func (g_free);
  gtk_window_set_title (GTK_WINDOW (self), _("Import"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1000, 640);

  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Import measurements or a workplace register"), ""));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (outer), header);
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->toasts), TRUE);
  adw_toast_overlay_set_child (self->toasts, body);
  gtk_box_append (GTK_BOX (outer), GTK_WIDGET (self->toasts));
  gtk_widget_set_margin_start (body, 18);
  gtk_widget_set_margin_end (body, 18);
  gtk_widget_set_margin_top (body, 12);
  gtk_widget_set_margin_bottom (body, 18);

  /* The settings: the file, its kind and the lines before its header; a remembered mapping. */
  self->settings = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  gtk_box_set_homogeneous (GTK_BOX (self->settings), TRUE);
  self->file_row = ADW_ACTION_ROW (kepil_app_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), _("File"));
  adw_action_row_set_subtitle (self->file_row, _("No file chosen"));
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  g_signal_connect (choose, "clicked", G_CALLBACK (on_choose_clicked_cb), self);
  adw_action_row_add_suffix (self->file_row, choose);
  adw_action_row_set_activatable_widget (self->file_row, choose);
  gtk_list_box_append (GTK_LIST_BOX (left), GTK_WIDGET (self->file_row));

  gtk_string_list_append (kind_items, _("Measurements"));
  gtk_string_list_append (kind_items, _("Workplace register"));
  self->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), _("Kind of data"));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kind_items));
  g_signal_connect (self->kind_row, "notify::selected", G_CALLBACK (on_kind_selected_cb), self);
  gtk_list_box_append (GTK_LIST_BOX (left), GTK_WIDGET (self->kind_row));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (skip_row), _("Lines before the header"));
  self->skip_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 1000, 1));
  gtk_widget_set_valign (GTK_WIDGET (self->skip_spin), GTK_ALIGN_CENTER);
  g_signal_connect (self->skip_spin, "value-changed", G_CALLBACK (on_skip_changed_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (skip_row), GTK_WIDGET (self->skip_spin));
  gtk_list_box_append (GTK_LIST_BOX (left), skip_row);

  self->saved_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->saved_row), _("Saved column mapping"));
  {
    g_autoptr (GtkStringList) none = gtk_string_list_new ((const char *[]) { _("None"), NULL });
    adw_combo_row_set_model (self->saved_row, G_LIST_MODEL (none));
  }
  g_signal_connect (self->saved_row, "notify::selected", G_CALLBACK (on_saved_selected_cb), self);
  gtk_list_box_append (GTK_LIST_BOX (right), GTK_WIDGET (self->saved_row));
  self->source_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->source_row), _("Remember the mapping as"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->source_row),
                               _("For example, the laboratory's name: the mapping is then offered for its files"));
  gtk_list_box_append (GTK_LIST_BOX (right), GTK_WIDGET (self->source_row));
  gtk_box_append (GTK_BOX (self->settings), left);
  gtk_box_append (GTK_BOX (self->settings), right);
  gtk_box_append (GTK_BOX (body), self->settings);

  /* The columns: a drop-down of fields over each, then the first rows. */
  self->preview_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (self->preview_box), heading (_("What each column is imported as")));
  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->grid, 18);
  gtk_grid_set_row_spacing (self->grid, 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->grid), 6);
  {
    /* The columns as wide as their text wants (up to 22 characters); the window scrolls sideways. */
    GtkWidget *viewport = gtk_viewport_new (NULL, NULL);
    gtk_scrollable_set_hscroll_policy (GTK_SCROLLABLE (viewport), GTK_SCROLL_NATURAL);
    gtk_viewport_set_child (GTK_VIEWPORT (viewport), GTK_WIDGET (self->grid));
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), viewport);
  }
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroll, TRUE);
  gtk_widget_add_css_class (scroll, "card");
  gtk_widget_set_size_request (scroll, -1, 160);
  {
    /* Room inside the card's border. */
    gtk_widget_set_margin_start (GTK_WIDGET (self->grid), 12);
    gtk_widget_set_margin_end (GTK_WIDGET (self->grid), 12);
    gtk_widget_set_margin_top (GTK_WIDGET (self->grid), 12);
  }
  gtk_box_append (GTK_BOX (self->preview_box), scroll);
  gtk_widget_set_vexpand (self->preview_box, TRUE);
  gtk_widget_set_visible (self->preview_box, FALSE);
  gtk_box_append (GTK_BOX (body), self->preview_box);

  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->status_label, 0);
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_label_set_selectable (self->status_label, FALSE);
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->status_label));

  /* The core's report: row, column, field, what is wrong. */
  self->problems_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->problems_heading = GTK_LABEL (heading (""));
  gtk_box_append (GTK_BOX (self->problems_box), GTK_WIDGET (self->problems_heading));
  self->problems_list = GTK_LIST_BOX (boxed_list ());
  gtk_widget_set_margin_start (GTK_WIDGET (self->problems_list), 2);
  gtk_widget_set_margin_end (GTK_WIDGET (self->problems_list), 2);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (pscroll), GTK_WIDGET (self->problems_list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (pscroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (pscroll, -1, 140);
  gtk_widget_set_vexpand (pscroll, TRUE);
  gtk_box_append (GTK_BOX (self->problems_box), pscroll);
  gtk_widget_set_visible (self->problems_box, FALSE);
  gtk_box_append (GTK_BOX (body), self->problems_box);

  /* The buttons: the template at the left; progress, Cancel and Import at the right. */
  self->template_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("Save the import _template…")));
  g_signal_connect (self->template_button, "clicked", G_CALLBACK (on_template_clicked_cb), self);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->template_button),
                               _("An empty table with the columns Kepil reads, for the chosen kind of data"));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->template_button));
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (GTK_BOX (bar), spacer);
  self->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->progress_bar), GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (GTK_WIDGET (self->progress_bar), 280, -1);
  gtk_progress_bar_set_ellipsize (self->progress_bar, PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->progress_bar));
  self->cancel_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Cancel")));
  g_signal_connect (self->cancel_button, "clicked", G_CALLBACK (on_cancel_clicked_cb), self);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->cancel_button));
  self->import_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Import")));
  gtk_widget_add_css_class (GTK_WIDGET (self->import_button), "suggested-action");
  g_signal_connect (self->import_button, "clicked", G_CALLBACK (on_import_clicked_cb), self);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->import_button));
  gtk_box_append (GTK_BOX (body), bar);

  adw_window_set_content (ADW_WINDOW (self), outer);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request_cb), self);
}

KepilImportDialog *
kepil_import_dialog_new (KepilWindow *window)
{
  KepilImportDialog *self = g_object_new (KEPIL_TYPE_IMPORT_DIALOG, "transient-for", window, "modal", TRUE, NULL);
  g_set_weak_pointer (&self->window, window);
  update_state (self);
  return self;
}
