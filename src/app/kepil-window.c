/* kepil-window.c — the main window
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-window.h"
#include "kepil-record.h"
#include "kepil-db.h"
#include "kepil-entity.h"
#include "kepil-i18n.h"
#include "kepil-json.h"

struct _KepilWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwLeaflet      *leaflet;
  AdwWindowTitle  *enterprise_title;
  AdwWindowTitle  *unit_title;
  GtkListView     *unit_list;
  GtkColumnView   *workplace_view;

  KepilDb         *db;
  GListStore      *units;
  GListStore      *workplaces;
  GtkSingleSelection *unit_selection;
  GHashTable      *profession_names;   /* id → name */
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (KepilWindow, kepil_window, ADW_TYPE_APPLICATION_WINDOW)

void
kepil_window_show_error (KepilWindow *self, const GError *error)
{
  AdwToast *t = adw_toast_new (error->message);
  adw_toast_set_timeout (t, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
add_units (KepilWindow *self, GPtrArray *units, gint64 parent, guint depth)
{
  for (guint i = 0; i < units->len; i++)
    {
      JsonObject *u = g_ptr_array_index (units, i);
      if (kepil_json_int (u, "parent_id", 0) != parent)
        continue;
      {
        g_autoptr (KepilRecord) r = kepil_record_new (u, depth);
        g_list_store_append (self->units, r);
      }
      add_units (self, units, kepil_json_int (u, "id", 0), depth + 1);
    }
}

static void
collect_unit_ids (GPtrArray *units, gint64 root, GHashTable *out)
{
  g_hash_table_add (out, g_memdup2 (&root, sizeof root));
  for (guint i = 0; i < units->len; i++)
    {
      JsonObject *u = g_ptr_array_index (units, i);
      if (kepil_json_int (u, "parent_id", 0) == root)
        collect_unit_ids (units, kepil_json_int (u, "id", 0), out);
    }
}

static void
show_workplaces (KepilWindow *self, KepilRecord *unit)
{
  g_autoptr (GPtrArray) units = NULL, wps = NULL;
  g_autoptr (GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_list_store_remove_all (self->workplaces);
  if (self->db == NULL)
    return;
  units = kepil_entity_list (self->db, "unit", NULL, 0, NULL);
  wps = kepil_entity_list (self->db, "workplace", NULL, 0, NULL);
  if (units == NULL || wps == NULL)
    return;
  if (unit != NULL)
    {
      collect_unit_ids (units, kepil_record_get_id (unit), ids);
      adw_window_title_set_title (self->unit_title, kepil_record_get_string (unit, "name_ru"));
    }
  for (guint i = 0; i < wps->len; i++)
    {
      JsonObject *w = g_ptr_array_index (wps, i);
      gint64 uid = kepil_json_int (w, "unit_id", 0);
      if (unit == NULL || g_hash_table_contains (ids, &uid))
        {
          g_autoptr (KepilRecord) r = kepil_record_new (w, 0);
          g_list_store_append (self->workplaces, r);
        }
    }
  {
    g_autofree char *sub = g_strdup_printf (ngettext ("%u workplace", "%u workplaces",
                                                      g_list_model_get_n_items (G_LIST_MODEL (self->workplaces))),
                                            g_list_model_get_n_items (G_LIST_MODEL (self->workplaces)));
    adw_window_title_set_subtitle (self->unit_title, sub);
  }
}

static void
on_unit_selected_cb (GtkSingleSelection *sel, GParamSpec *pspec, KepilWindow *self)
{
  KepilRecord *r = gtk_single_selection_get_selected_item (sel);
  show_workplaces (self, r);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

gboolean
kepil_window_open_file (KepilWindow *self, const char *path, GError **error)
{
  g_autoptr (KepilDb) db = kepil_db_open (path, KEPIL_DB_OPEN_CREATE, error);
  g_autoptr (GPtrArray) ents = NULL, units = NULL, profs = NULL;

  if (db == NULL)
    return FALSE;
  ents = kepil_entity_list (db, "enterprise", NULL, 0, error);
  if (ents == NULL)
    return FALSE;
  units = kepil_entity_list (db, "unit", NULL, 0, error);
  profs = kepil_entity_list (db, "profession", NULL, 0, error);
  if (units == NULL || profs == NULL)
    return FALSE;
  g_set_object (&self->db, db);
  g_hash_table_remove_all (self->profession_names);
  for (guint i = 0; i < profs->len; i++)
    {
      JsonObject *p = g_ptr_array_index (profs, i);
      gint64 id = kepil_json_int (p, "id", 0);
      g_hash_table_insert (self->profession_names, g_memdup2 (&id, sizeof id),
                           g_strdup (kepil_json_str (p, "name_ru", "")));
    }
  g_list_store_remove_all (self->units);
  add_units (self, units, 0, 0);
  if (ents->len > 0)
    adw_window_title_set_title (self->enterprise_title, kepil_json_str (g_ptr_array_index (ents, 0), "name_ru", ""));
  {
    g_autofree char *base = g_path_get_basename (path);
    adw_window_title_set_subtitle (self->enterprise_title, base);
  }
  show_workplaces (self, gtk_single_selection_get_selected_item (self->unit_selection));
  return TRUE;
}

/* ---- list item factories ------------------------------------------------------- */

static void
setup_label_cb (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  GtkWidget *l = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_list_item_set_child (item, l);
}

static void
bind_unit_cb (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  KepilRecord *r = gtk_list_item_get_item (item);
  GtkWidget *l = gtk_list_item_get_child (item);
  gtk_label_set_text (GTK_LABEL (l), kepil_record_get_string (r, "name_ru"));
  gtk_widget_set_margin_start (l, 12 * (int) kepil_record_get_depth (r));
}

static void
bind_code_cb (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      kepil_record_get_string (gtk_list_item_get_item (item), "code"));
}

static void
bind_profession_cb (GtkSignalListItemFactory *f, GtkListItem *item, KepilWindow *self)
{
  gint64 pid = kepil_record_get_int (gtk_list_item_get_item (item), "profession_id");
  const char *name = g_hash_table_lookup (self->profession_names, &pid);
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), name ? name : "");
}

static void
bind_headcount_cb (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  KepilRecord *r = gtk_list_item_get_item (item);
  g_autofree char *s = g_strdup_printf ("%" G_GINT64_FORMAT,
                                        kepil_record_get_int (r, "men") + kepil_record_get_int (r, "women"));
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), s);
}

static void
add_column (KepilWindow *self, const char *title, GCallback bind, gboolean expand)
{
  GtkListItemFactory *f = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *c;
  g_signal_connect (f, "setup", G_CALLBACK (setup_label_cb), NULL);
  g_signal_connect (f, "bind", bind, self);
  c = gtk_column_view_column_new (title, f);
  gtk_column_view_column_set_expand (c, expand);
  gtk_column_view_append_column (self->workplace_view, c);
  g_object_unref (c);
}

/* ---- actions --------------------------------------------------------------------- */

static void
on_chooser_response_cb (GtkNativeDialog *dialog, int response, KepilWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr (GError) error = NULL;
      if (!kepil_window_open_file (self, path, &error))
        kepil_window_show_error (self, error);
    }
  g_clear_object (&self->chooser);
}

static void
open_action (GtkWidget *widget, const char *name, GVariant *param)
{
  KepilWindow *self = KEPIL_WINDOW (widget);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  self->chooser = gtk_file_chooser_native_new (_("Open a Kepil database"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Kepil databases"));
  gtk_file_filter_add_pattern (filter, "*.kepil");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
kepil_window_dispose (GObject *object)
{
  KepilWindow *self = KEPIL_WINDOW (object);
  g_clear_object (&self->db);
  g_clear_object (&self->units);
  g_clear_object (&self->workplaces);
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->profession_names, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), KEPIL_TYPE_WINDOW);
  G_OBJECT_CLASS (kepil_window_parent_class)->dispose (object);
}

static void
kepil_window_class_init (KepilWindowClass *klass)
{
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kepil_window_dispose;
  gtk_widget_class_set_template_from_resource (wc, "/kz/kepil/app/kepil-window.ui");
  gtk_widget_class_bind_template_child (wc, KepilWindow, toast_overlay);
  gtk_widget_class_bind_template_child (wc, KepilWindow, leaflet);
  gtk_widget_class_bind_template_child (wc, KepilWindow, enterprise_title);
  gtk_widget_class_bind_template_child (wc, KepilWindow, unit_title);
  gtk_widget_class_bind_template_child (wc, KepilWindow, unit_list);
  gtk_widget_class_bind_template_child (wc, KepilWindow, workplace_view);
  gtk_widget_class_install_action (wc, "win.open", NULL, open_action);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
}

static void
kepil_window_init (KepilWindow *self)
{
  GtkListItemFactory *uf;
  GtkNoSelection *ns;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->profession_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->units = g_list_store_new (KEPIL_TYPE_RECORD);
  self->workplaces = g_list_store_new (KEPIL_TYPE_RECORD);

  self->unit_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->units)));
  gtk_single_selection_set_autoselect (self->unit_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->unit_selection, TRUE);
  g_signal_connect (self->unit_selection, "notify::selected", G_CALLBACK (on_unit_selected_cb), self);
  uf = gtk_signal_list_item_factory_new ();
  g_signal_connect (uf, "setup", G_CALLBACK (setup_label_cb), NULL);
  g_signal_connect (uf, "bind", G_CALLBACK (bind_unit_cb), self);
  gtk_list_view_set_factory (self->unit_list, uf);
  g_object_unref (uf);
  gtk_list_view_set_model (self->unit_list, GTK_SELECTION_MODEL (self->unit_selection));
  g_object_unref (self->unit_selection);

  ns = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->workplaces)));
  gtk_column_view_set_model (self->workplace_view, GTK_SELECTION_MODEL (ns));
  g_object_unref (ns);
  add_column (self, _("Code"), G_CALLBACK (bind_code_cb), FALSE);
  add_column (self, _("Profession"), G_CALLBACK (bind_profession_cb), TRUE);
  add_column (self, _("Headcount"), G_CALLBACK (bind_headcount_cb), FALSE);
}

KepilWindow *
kepil_window_new (KepilApplication *app)
{
  return g_object_new (KEPIL_TYPE_WINDOW, "application", app, NULL);
}
