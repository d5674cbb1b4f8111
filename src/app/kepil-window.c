/* kepil-window.c — the main window: units, the workplace list, the pages
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-window-private.h"
#include "kepil-record.h"
#include "kepil-settings.h"

G_DEFINE_FINAL_TYPE (KepilWindow, kepil_window, ADW_TYPE_APPLICATION_WINDOW)

static const char *const class_keys[] = { "", "1", "2", "3.1", "3.2", "3.3", "3.4", "4", NULL };
static const char *const level_keys[] = { "", "low", "medium", "high", "very high", NULL };

void
kepil_window_toast (KepilWindow *self, const char *text)
{
  AdwToast *t = adw_toast_new (text);
  adw_toast_set_timeout (t, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

void
kepil_window_show_error (KepilWindow *self, const GError *error)
{
  AdwToast *t = adw_toast_new (error->message);
  adw_toast_set_timeout (t, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

KepilDb *
kepil_window_get_db (KepilWindow *self)
{
  return self->db;
}

JsonObject *
kepil_window_get_evaluation (KepilWindow *self, gint64 workplace_id)
{
  return g_hash_table_lookup (self->evals, &workplace_id);
}

/* ---- units ------------------------------------------------------------------------ */

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
update_subtitle (KepilWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint all = g_list_model_get_n_items (G_LIST_MODEL (self->workplaces));
  g_autofree char *sub = NULL;
  if (n == all)
    sub = g_strdup_printf (ngettext ("%u workplace", "%u workplaces", n), n);
  else
    sub = g_strdup_printf (ngettext ("%u of %u workplace", "%u of %u workplaces", all), n, all);
  adw_window_title_set_subtitle (self->unit_title, sub);
}

static void
on_unit_selected_cb (GtkSingleSelection *sel, GParamSpec *pspec, KepilWindow *self)
{
  KepilRecord *r = gtk_single_selection_get_selected_item (sel);
  g_clear_pointer (&self->unit_ids, g_hash_table_unref);
  if (r != NULL && self->db != NULL)
    {
      g_autoptr (GPtrArray) units = kepil_entity_list (self->db, "unit", NULL, 0, NULL);
      self->unit_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      if (units != NULL)
        collect_unit_ids (units, kepil_record_get_id (r), self->unit_ids);
    }
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  kepil_window_show_page (self, "workplaces");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* ---- the workplace list ---------------------------------------------------------------- */

static JsonObject *
wp_eval (gpointer item)
{
  return kepil_record_get_extra (KEPIL_RECORD (item));
}

static const char *
wp_class (gpointer item)
{
  JsonObject *e = wp_eval (item);
  JsonNode *c = e != NULL ? json_object_get_member (e, "classes") : NULL;
  if (c == NULL || !JSON_NODE_HOLDS_OBJECT (c))
    return "";
  return kepil_json_str (json_node_get_object (c), "overall", "");
}

static JsonArray *
wp_flags (gpointer item)
{
  JsonObject *e = wp_eval (item);
  JsonNode *n = e != NULL ? json_object_get_member (e, "flags") : NULL;
  return n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

static const char *
profession_of (KepilWindow *self, gpointer item)
{
  gint64 pid = kepil_record_get_int (KEPIL_RECORD (item), "profession_id");
  const char *name = g_hash_table_lookup (self->profession_names, &pid);
  return name != NULL ? name : "";
}

static const char *
selected_key (GtkDropDown *d, const char *const *keys)
{
  guint i = gtk_drop_down_get_selected (d);
  return i != GTK_INVALID_LIST_POSITION && i < g_strv_length ((char **) keys) ? keys[i] : "";
}

static gboolean
filter_func (gpointer item, gpointer data)
{
  KepilWindow *self = data;
  KepilRecord *r = item;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *klass = selected_key (self->class_filter, class_keys);
  const char *level = selected_key (self->level_filter, level_keys);
  guint flag_pos = gtk_drop_down_get_selected (self->flag_filter);
  gint64 unit = kepil_record_get_int (r, "unit_id");

  if (self->unit_ids != NULL && !g_hash_table_contains (self->unit_ids, &unit))
    return FALSE;
  if (search != NULL && *search != '\0')
    {
      g_autofree char *needle = g_utf8_casefold (search, -1);
      g_autofree char *code = g_utf8_casefold (kepil_record_get_string (r, "code"), -1);
      g_autofree char *prof = g_utf8_casefold (profession_of (self, item), -1);
      if (strstr (code, needle) == NULL && strstr (prof, needle) == NULL)
        return FALSE;
    }
  if (*klass != '\0' && !g_str_equal (wp_class (item), klass))
    return FALSE;
  if (*level != '\0')
    {
      const char *l = kepil_json_str (wp_eval (item), "level", "");
      g_autofree char *norm = g_strdelimit (g_strdup (l), "_", ' ');
      if (!g_str_equal (norm, level))
        return FALSE;
    }
  if (flag_pos != GTK_INVALID_LIST_POSITION && flag_pos > 0)
    {
      JsonArray *flags = wp_flags (item);
      guint n = flags != NULL ? json_array_get_length (flags) : 0;
      if (n == 0)
        return FALSE;
      if (flag_pos > 1)
        {
          const char *want = gtk_string_list_get_string (self->flag_codes, flag_pos - 2);
          gboolean found = FALSE;
          for (guint i = 0; i < n && !found; i++)
            found = g_strcmp0 (kepil_json_str (json_array_get_object_element (flags, i), "code", ""), want) == 0;
          if (!found)
            return FALSE;
        }
    }
  return TRUE;
}

static void
on_filter_changed_cb (GObject *o, GParamSpec *p, KepilWindow *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_search_entry_search_changed_cb (GtkSearchEntry *e, KepilWindow *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (!g_str_equal (kepil_window_get_page (self), "workplaces"))
    kepil_window_show_page (self, "workplaces");
}

static void
on_filtered_items_changed_cb (GListModel *m, guint pos, guint removed, guint added, KepilWindow *self)
{
  update_subtitle (self);
}

void
kepil_window_set_filter (KepilWindow *self, const char *search, const char *klass, const char *level,
                         const char *flag)
{
  guint i;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search != NULL ? search : "");
  for (i = 0; class_keys[i] != NULL; i++)
    if (g_str_equal (class_keys[i], klass != NULL ? klass : ""))
      gtk_drop_down_set_selected (self->class_filter, i);
  for (i = 0; level_keys[i] != NULL; i++)
    if (g_str_equal (level_keys[i], level != NULL ? level : ""))
      gtk_drop_down_set_selected (self->level_filter, i);
  if (flag == NULL || *flag == '\0')
    gtk_drop_down_set_selected (self->flag_filter, 0);
  else if (g_str_equal (flag, "any"))
    gtk_drop_down_set_selected (self->flag_filter, 1);
  else
    for (i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->flag_codes)); i++)
      if (g_str_equal (gtk_string_list_get_string (self->flag_codes, i), flag))
        gtk_drop_down_set_selected (self->flag_filter, i + 2);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

guint
kepil_window_n_visible_workplaces (KepilWindow *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

gint64
kepil_window_visible_workplace (KepilWindow *self, guint pos)
{
  g_autoptr (KepilRecord) r = g_list_model_get_item (G_LIST_MODEL (self->filtered), pos);
  return r != NULL ? kepil_record_get_id (r) : 0;
}

/* ---- cells ---------------------------------------------------------------------------- */

static void
setup_label_cb (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  GtkWidget *l = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_label_set_ellipsize (GTK_LABEL (l), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, l);
}

static void
bind_unit_cb (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  KepilRecord *r = gtk_list_item_get_item (item);
  GtkWidget *l = gtk_list_item_get_child (item);
  gtk_label_set_text (GTK_LABEL (l), kepil_app_name (kepil_record_get_object (r)));
  gtk_widget_set_tooltip_text (l, kepil_app_name (kepil_record_get_object (r)));
  gtk_widget_set_margin_start (l, 14 * (int) kepil_record_get_depth (r));
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
  const char *p = profession_of (self, gtk_list_item_get_item (item));
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), p);
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (item), p);
}

static gint64
headcount (gpointer item)
{
  return kepil_record_get_int (item, "men") + kepil_record_get_int (item, "women");
}

static void
bind_headcount_cb (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  g_autofree char *s = g_strdup_printf ("%ld", headcount (gtk_list_item_get_item (item)));
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), s);
}

static void
setup_badge_cb (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  gtk_list_item_set_child (item, kepil_app_class_badge ());
}

static void
bind_class_cb (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  kepil_app_class_badge_set (gtk_list_item_get_child (item), wp_class (gtk_list_item_get_item (item)));
}

static void
bind_rind_cb (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  JsonObject *e = wp_eval (gtk_list_item_get_item (item));
  g_autofree char *s = NULL;
  if (e != NULL && json_object_has_member (e, "r_ind"))
    {
      g_autofree char *n = kepil_format_number (kepil_json_double (e, "r_ind", 0), 2);
      s = g_strdup_printf ("%s · %s", n, kepil_app_level_name (kepil_json_str (e, "level", "")));
    }
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), s != NULL ? s : "");
}

/* "leave 12 → 6 d; pay 8 → 12 %": the kinds where the List and the model differ. */
static char *
summary_text (JsonObject *e)
{
  JsonNode *n = e != NULL ? json_object_get_member (e, "comparison") : NULL;
  JsonArray *cmp = n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
  g_autoptr (GString) s = g_string_new (NULL);
  for (guint i = 0; cmp != NULL && i < json_array_get_length (cmp); i++)
    {
      JsonObject *c = json_array_get_object_element (cmp, i);
      const char *kind = kepil_json_str (c, "kind", "");
      int which = 0;
      if (g_str_equal (kind, "leave_days") || g_str_equal (kind, "leave"))
        which = 1;
      else if (g_str_equal (kind, "hours") || g_str_equal (kind, "week_hours") || g_str_equal (kind, "shortened_week"))
        which = 2;
      else if (g_str_equal (kind, "pay_pct") || g_str_equal (kind, "pay"))
        which = 3;
      if (which == 0)
        continue;
      {
        g_autofree char *l = kepil_app_value_text (json_object_get_member (c, "list"));
        g_autofree char *m = kepil_app_value_text (json_object_get_member (c, "model"));
        if (g_str_equal (l, m))
          continue;
        if (s->len > 0)
          g_string_append (s, "; ");
        if (which == 1)
          g_string_append_printf (s, _("leave %s → %s d"), l, m);
        else if (which == 2)
          g_string_append_printf (s, _("week %s → %s h"), l, m);
        else
          g_string_append_printf (s, _("pay %s → %s %%"), l, m);
      }
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
bind_summary_cb (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  g_autofree char *s = summary_text (wp_eval (gtk_list_item_get_item (item)));
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), s);
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (item), *s ? s : NULL);
}

static void
setup_flags_cb (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  gtk_list_item_set_child (item, gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2));
}

static void
bind_flags_cb (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  JsonArray *flags = wp_flags (gtk_list_item_get_item (item));
  kepil_app_clear_box (box);
  for (guint i = 0; flags != NULL && i < json_array_get_length (flags); i++)
    {
      JsonObject *fl = json_array_get_object_element (flags, i);
      GtkWidget *img = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      g_autofree char *tip = g_strdup_printf ("%s: %s", kepil_json_str (fl, "code", ""), kepil_json_str (fl, "text", ""));
      gtk_widget_set_tooltip_text (img, tip);
      gtk_widget_add_css_class (img, "warning");
      gtk_box_append (GTK_BOX (box), img);
    }
}

/* ---- sorting -------------------------------------------------------------------------- */

static int
cmp_code (gconstpointer a, gconstpointer b, gpointer data)
{
  return g_strcmp0 (kepil_record_get_string ((gpointer) a, "code"), kepil_record_get_string ((gpointer) b, "code"));
}

static int
cmp_profession (gconstpointer a, gconstpointer b, gpointer data)
{
  return g_utf8_collate (profession_of (data, (gpointer) a), profession_of (data, (gpointer) b));
}

static int
cmp_headcount (gconstpointer a, gconstpointer b, gpointer data)
{
  gint64 x = headcount ((gpointer) a), y = headcount ((gpointer) b);
  return x < y ? -1 : x > y;
}

static int
cmp_class (gconstpointer a, gconstpointer b, gpointer data)
{
  return g_strcmp0 (wp_class ((gpointer) a), wp_class ((gpointer) b));
}

static int
cmp_rind (gconstpointer a, gconstpointer b, gpointer data)
{
  double x = kepil_json_double (wp_eval ((gpointer) a), "r_ind", -1);
  double y = kepil_json_double (wp_eval ((gpointer) b), "r_ind", -1);
  return x < y ? -1 : x > y;
}

static int
cmp_flags (gconstpointer a, gconstpointer b, gpointer data)
{
  JsonArray *x = wp_flags ((gpointer) a), *y = wp_flags ((gpointer) b);
  guint nx = x ? json_array_get_length (x) : 0, ny = y ? json_array_get_length (y) : 0;
  return nx < ny ? -1 : nx > ny;
}

static void
add_column (KepilWindow *self, const char *title, GCallback setup, GCallback bind, GCompareDataFunc cmp,
            gboolean expand)
{
  GtkListItemFactory *f = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *c;
  g_signal_connect (f, "setup", setup, self);
  g_signal_connect (f, "bind", bind, self);
  c = gtk_column_view_column_new (title, f);
  gtk_column_view_column_set_expand (c, expand);
  gtk_column_view_column_set_resizable (c, TRUE);
  if (cmp != NULL)
    {
      GtkCustomSorter *s = gtk_custom_sorter_new (cmp, self, NULL);
      gtk_column_view_column_set_sorter (c, GTK_SORTER (s));
      g_object_unref (s);
    }
  gtk_column_view_append_column (self->workplace_view, c);
  g_object_unref (c);
}

/* ---- pages ------------------------------------------------------------------------------ */

const char *
kepil_window_get_page (KepilWindow *self)
{
  return gtk_stack_get_visible_child_name (self->main_stack);
}

void
kepil_window_show_page (KepilWindow *self, const char *name)
{
  gtk_stack_set_visible_child_name (self->main_stack, name);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), g_str_equal (name, "workplace"));
  if (g_str_equal (name, "workplaces"))
    {
      KepilRecord *u = gtk_single_selection_get_selected_item (self->unit_selection);
      adw_window_title_set_title (self->unit_title, u != NULL ? kepil_app_name (kepil_record_get_object (u))
                                                             : _("All workplaces"));
      update_subtitle (self);
    }
  else
    {
      const char *t = g_str_equal (name, "enterprise") ? _("Enterprise")
                    : g_str_equal (name, "dashboard") ? _("Dashboard")
                    : g_str_equal (name, "reference") ? _("Reference data")
                    : _("Workplace");
      adw_window_title_set_title (self->unit_title, t);
      adw_window_title_set_subtitle (self->unit_title, "");
    }
}

GtkWidget *
kepil_window_get_workplace_page (KepilWindow *self)
{
  return GTK_WIDGET (self->workplace_page);
}

gboolean
kepil_window_select_workplace (KepilWindow *self, gint64 workplace_id)
{
  g_autoptr (JsonObject) wp = NULL;
  gint64 pid;
  const char *prof;

  if (self->db == NULL)
    return FALSE;
  wp = kepil_entity_get (self->db, "workplace", workplace_id, NULL);
  if (wp == NULL)
    return FALSE;
  pid = kepil_json_int (wp, "profession_id", 0);
  prof = g_hash_table_lookup (self->profession_names, &pid);
  kepil_workplace_page_set_workplace (self->workplace_page, self->undo, wp, prof != NULL ? prof : "",
                                      g_hash_table_lookup (self->evals, &workplace_id));
  kepil_window_show_page (self, "workplace");
  return TRUE;
}

static void
on_workplace_view_activate_cb (GtkColumnView *view, guint pos, KepilWindow *self)
{
  g_autoptr (KepilRecord) r = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)), pos);
  if (r != NULL)
    kepil_window_select_workplace (self, kepil_record_get_id (r));
}

static void
on_back_button_clicked_cb (GtkButton *b, KepilWindow *self)
{
  kepil_window_show_page (self, "workplaces");
}

static void
on_section_list_row_activated_cb (GtkListBox *box, GtkListBoxRow *row, KepilWindow *self)
{
  const char *name = g_object_get_data (G_OBJECT (row), "kepil-page");
  if (g_str_equal (name, "workplaces"))
    gtk_single_selection_set_selected (self->unit_selection, GTK_INVALID_LIST_POSITION);
  kepil_window_show_page (self, name);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* ---- data -------------------------------------------------------------------------------- */

void
kepil_window_reload (KepilWindow *self)
{
  g_autoptr (GPtrArray) ents = NULL, units = NULL, profs = NULL, wps = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->db == NULL)
    return;
  ents = kepil_entity_list (self->db, "enterprise", NULL, 0, &error);
  units = ents ? kepil_entity_list (self->db, "unit", NULL, 0, &error) : NULL;
  profs = units ? kepil_entity_list (self->db, "profession", NULL, 0, &error) : NULL;
  wps = profs ? kepil_entity_list (self->db, "workplace", NULL, 0, &error) : NULL;
  if (wps == NULL)
    {
      kepil_window_show_error (self, error);
      return;
    }
  g_hash_table_remove_all (self->profession_names);
  for (guint i = 0; i < profs->len; i++)
    {
      JsonObject *p = g_ptr_array_index (profs, i);
      gint64 id = kepil_json_int (p, "id", 0);
      g_hash_table_insert (self->profession_names, g_memdup2 (&id, sizeof id), g_strdup (kepil_app_name (p)));
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->units)) != units->len)
    {
      g_list_store_remove_all (self->units);
      add_units (self, units, 0, 0);
    }
  for (guint i = 0; i < wps->len; i++)
    {
      JsonObject *w = g_ptr_array_index (wps, i);
      gint64 id = kepil_json_int (w, "id", 0);
      KepilRecord *r = kepil_record_new (w, 0);
      kepil_record_set_extra (r, g_hash_table_lookup (self->evals, &id));
      g_ptr_array_add (items, r);
    }
  g_list_store_splice (self->workplaces, 0, g_list_model_get_n_items (G_LIST_MODEL (self->workplaces)),
                       items->pdata, items->len);
  adw_window_title_set_title (self->enterprise_title,
                              ents->len > 0 ? kepil_app_name (g_ptr_array_index (ents, 0)) : _("No enterprise yet"));
  {
    g_autofree char *base = g_path_get_basename (kepil_db_get_path (self->db));
    adw_window_title_set_subtitle (self->enterprise_title, base);
  }
  kepil_enterprise_page_set_undo (self->enterprise_page, self->undo);
  kepil_reference_page_set_db (self->reference_page, self->db);
  update_subtitle (self);
}

static void
rebuild_flag_filter (KepilWindow *self)
{
  GtkStringList *labels = gtk_string_list_new (NULL);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter it;
  gpointer v;

  gtk_string_list_splice (self->flag_codes, 0, g_list_model_get_n_items (G_LIST_MODEL (self->flag_codes)), NULL);
  gtk_string_list_append (labels, _("Any or no flag"));
  gtk_string_list_append (labels, _("With a flag"));
  g_hash_table_iter_init (&it, self->evals);
  while (g_hash_table_iter_next (&it, NULL, &v))
    {
      JsonNode *n = json_object_get_member (v, "flags");
      JsonArray *flags = n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
      for (guint i = 0; flags != NULL && i < json_array_get_length (flags); i++)
        {
          JsonObject *f = json_array_get_object_element (flags, i);
          const char *code = kepil_json_str (f, "code", "");
          if (*code == '\0' || g_hash_table_contains (seen, code))
            continue;
          g_hash_table_add (seen, (gpointer) code);
          gtk_string_list_append (self->flag_codes, code);
          gtk_string_list_append (labels, code);
        }
    }
  gtk_drop_down_set_model (self->flag_filter, G_LIST_MODEL (labels));
  g_object_unref (labels);
}

void
kepil_window_apply_evaluation (KepilWindow *self, JsonObject *evaluation)
{
  JsonNode *n;
  JsonArray *wps;

  g_hash_table_remove_all (self->evals);
  if (evaluation != NULL)
    json_object_ref (evaluation);
  g_clear_pointer (&self->evaluation, json_object_unref);
  self->evaluation = evaluation;
  n = evaluation != NULL ? json_object_get_member (evaluation, "workplaces") : NULL;
  wps = n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
  for (guint i = 0; wps != NULL && i < json_array_get_length (wps); i++)
    {
      JsonObject *w = json_array_get_object_element (wps, i);
      gint64 id = kepil_json_int (w, "id", 0);
      g_hash_table_insert (self->evals, g_memdup2 (&id, sizeof id), json_object_ref (w));
    }
  rebuild_flag_filter (self);
  kepil_window_reload (self);
  kepil_dashboard_set_data (self->dashboard, self->db, evaluation);
  kepil_enterprise_page_set_evaluation (self->enterprise_page, evaluation);
  if (kepil_workplace_page_get_id (self->workplace_page) != 0)
    {
      gint64 id = kepil_workplace_page_get_id (self->workplace_page);
      kepil_workplace_page_set_evaluation (self->workplace_page, g_hash_table_lookup (self->evals, &id));
    }
}

gboolean
kepil_window_open_file (KepilWindow *self, const char *path, GError **error)
{
  g_autoptr (KepilDb) db = kepil_db_open (path, KEPIL_DB_OPEN_CREATE, error);
  g_autofree char *user = NULL, *role = NULL;
  KepilRole r = KEPIL_ROLE_SPECIALIST;

  if (db == NULL)
    return FALSE;
  user = kepil_app_settings_get ("user-name", g_get_real_name ());
  role = kepil_app_settings_get ("role", "specialist");
  kepil_role_from_string (role, &r);
  kepil_db_set_actor (db, user, r);
  kepil_app_set_read_only (r == KEPIL_ROLE_INSPECTOR);
  if (self->task_cancellable != NULL)
    g_cancellable_cancel (self->task_cancellable);
  g_set_object (&self->db, db);
  kepil_window_update_actions (self);
  kepil_undo_set_db (self->undo, db);
  g_list_store_remove_all (self->units);
  g_list_store_remove_all (self->workplaces);
  kepil_workplace_page_set_workplace (self->workplace_page, self->undo, NULL, "", NULL);
  kepil_app_settings_set ("last-file", path, NULL);
  kepil_window_apply_evaluation (self, NULL);
  kepil_window_show_page (self, "workplaces");
  kepil_window_recompute (self);
  return TRUE;
}

static void
on_undo_changed_cb (KepilUndo *undo, const char *entity, KepilWindow *self)
{
  if (g_str_equal (entity, "enterprise") || g_str_equal (entity, "unit") || g_str_equal (entity, "workplace") ||
      g_str_equal (entity, "profession"))
    kepil_window_reload (self);
  kepil_window_schedule_recompute (self);
}

gboolean
kepil_window_undo (KepilWindow *self)
{
  g_autoptr (GError) error = NULL;
  if (kepil_undo_undo (self->undo, &error))
    {
      kepil_window_toast (self, _("Undone."));
      if (kepil_workplace_page_get_id (self->workplace_page) != 0)
        {
          gint64 id = kepil_workplace_page_get_id (self->workplace_page);
          kepil_workplace_page_set_evaluation (self->workplace_page, g_hash_table_lookup (self->evals, &id));
        }
      kepil_enterprise_page_set_undo (self->enterprise_page, self->undo);
      return TRUE;
    }
  if (error != NULL)
    kepil_window_show_error (self, error);
  else
    kepil_window_toast (self, _("Nothing to undo."));
  return FALSE;
}

gboolean
kepil_window_screenshot (KepilWindow *self, const char *png_path, GError **error)
{
  GtkWidget *w = GTK_WIDGET (self);
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (w);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (w));
  int width = gtk_widget_get_width (w), height = gtk_widget_get_height (w);

  if (renderer == NULL || width <= 0 || height <= 0)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_FAILED, _("The window is not shown, so it cannot be captured."));
      return FALSE;
    }
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_FAILED, _("The window drew nothing to capture."));
      return FALSE;
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, png_path))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_IO, _("Could not write the picture “%s”."), png_path);
      return FALSE;
    }
  return TRUE;
}

/* ---- the class ------------------------------------------------------------------------ */

static void
kepil_window_dispose (GObject *object)
{
  KepilWindow *self = KEPIL_WINDOW (object);
  if (self->task_cancellable != NULL)
    g_cancellable_cancel (self->task_cancellable);
  g_clear_object (&self->task_cancellable);
  g_clear_handle_id (&self->recompute_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), KEPIL_TYPE_WINDOW);
  g_clear_object (&self->db);
  g_clear_object (&self->undo);
  g_clear_object (&self->units);
  g_clear_object (&self->workplaces);
  g_clear_object (&self->flag_codes);
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->profession_names, g_hash_table_unref);
  g_clear_pointer (&self->unit_ids, g_hash_table_unref);
  g_clear_pointer (&self->evals, g_hash_table_unref);
  g_clear_pointer (&self->evaluation, json_object_unref);
  G_OBJECT_CLASS (kepil_window_parent_class)->dispose (object);
}

static void
kepil_window_class_init (KepilWindowClass *klass)
{
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kepil_window_dispose;
  g_type_ensure (KEPIL_TYPE_WORKPLACE_PAGE);
  g_type_ensure (KEPIL_TYPE_ENTERPRISE_PAGE);
  g_type_ensure (KEPIL_TYPE_DASHBOARD);
  g_type_ensure (KEPIL_TYPE_REFERENCE_PAGE);
  gtk_widget_class_set_template_from_resource (wc, "/kz/kepil/app/kepil-window.ui");
#define CHILD(n) gtk_widget_class_bind_template_child (wc, KepilWindow, n)
  CHILD (toast_overlay); CHILD (leaflet); CHILD (sidebar); CHILD (enterprise_title); CHILD (unit_title);
  CHILD (section_list); CHILD (units_label); CHILD (unit_list); CHILD (workplace_view);
  CHILD (menu_button); CHILD (open_button); CHILD (back_button); CHILD (export_button);
  CHILD (recompute_button); CHILD (search_button); CHILD (search_bar); CHILD (filter_box);
  CHILD (search_entry); CHILD (progress_revealer); CHILD (progress_label); CHILD (progress_bar);
  CHILD (cancel_button); CHILD (main_stack); CHILD (workplace_page); CHILD (enterprise_page);
  CHILD (dashboard); CHILD (reference_page);
#undef CHILD
  gtk_widget_class_bind_template_callback (wc, on_section_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (wc, on_back_button_clicked_cb);
  gtk_widget_class_bind_template_callback (wc, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (wc, on_workplace_view_activate_cb);
  kepil_window_install_actions (wc);
}

static GtkDropDown *
add_filter (KepilWindow *self, const char *tooltip, const char *const *labels)
{
  GtkDropDown *d = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (labels));
  gtk_widget_set_tooltip_text (GTK_WIDGET (d), tooltip);
  g_signal_connect (d, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
  gtk_box_append (self->filter_box, GTK_WIDGET (d));
  return d;
}

static void
add_section (KepilWindow *self, const char *name, const char *title, const char *icon)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon));
  gtk_box_append (GTK_BOX (box), gtk_label_new (title));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "kepil-page", (gpointer) name);
  gtk_widget_set_name (row, name);
  gtk_list_box_append (self->section_list, row);
}

static void
kepil_window_init (KepilWindow *self)
{
  GtkListItemFactory *uf;
  GtkSortListModel *sorted;

  gtk_widget_init_template (GTK_WIDGET (self));
  {
    /* Long enterprise and unit names would otherwise make the sidebar as wide as
     * their natural width and squeeze the workplace table: clamp it. */
    GtkWidget *sidebar = self->sidebar;
    GtkWidget *clamp = adw_clamp_new ();
    g_object_ref (sidebar);
    adw_leaflet_remove (self->leaflet, sidebar);
    adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 300);
    adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 300);
    adw_clamp_set_child (ADW_CLAMP (clamp), sidebar);
    g_object_unref (sidebar);
    adw_leaflet_prepend (self->leaflet, clamp);
  }
  gtk_window_set_title (GTK_WINDOW (self), _("Kepil"));
  self->profession_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->evals = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) json_object_unref);
  self->units = g_list_store_new (KEPIL_TYPE_RECORD);
  self->workplaces = g_list_store_new (KEPIL_TYPE_RECORD);
  self->flag_codes = gtk_string_list_new (NULL);
  self->undo = kepil_undo_new ();
  g_signal_connect (self->undo, "changed", G_CALLBACK (on_undo_changed_cb), self);

  add_section (self, "workplaces", _("Workplaces"), "view-list-symbolic");
  add_section (self, "enterprise", _("Enterprise"), "go-home-symbolic");
  add_section (self, "dashboard", _("Dashboard"), "view-grid-symbolic");
  add_section (self, "reference", _("Reference data"), "accessories-dictionary-symbolic");
  gtk_label_set_text (self->units_label, _("Structural units"));

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->open_button), _("Open a database (Ctrl+O)"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->back_button), _("Back to the workplaces"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->export_button), _("Export documents (Ctrl+E)"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->recompute_button), _("Recompute (F5)"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->search_button), _("Search and filter (Ctrl+F)"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), _("Main menu"));
  gtk_button_set_label (self->cancel_button, _("Cancel"));
  g_object_set (self->search_entry, "placeholder-text", _("Code or profession"), NULL);
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  {
    const char *classes[] = { _("All classes"), _("Class 1"), _("Class 2"), _("Class 3.1"), _("Class 3.2"),
                              _("Class 3.3"), _("Class 3.4"), _("Class 4"), NULL };
    const char *levels[] = { _("All risk levels"), _("low"), _("medium"), _("high"), _("very high"), NULL };
    const char *flags[] = { _("Any or no flag"), _("With a flag"), NULL };
    self->class_filter = add_filter (self, _("Overall class"), classes);
    self->level_filter = add_filter (self, _("Risk level"), levels);
    self->flag_filter = add_filter (self, _("Flags"), flags);
  }

  self->unit_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->units)));
  gtk_single_selection_set_autoselect (self->unit_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->unit_selection, TRUE);
  gtk_single_selection_set_selected (self->unit_selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect (self->unit_selection, "notify::selected", G_CALLBACK (on_unit_selected_cb), self);
  uf = gtk_signal_list_item_factory_new ();
  g_signal_connect (uf, "setup", G_CALLBACK (setup_label_cb), NULL);
  g_signal_connect (uf, "bind", G_CALLBACK (bind_unit_cb), self);
  gtk_list_view_set_factory (self->unit_list, uf);
  g_object_unref (uf);
  gtk_list_view_set_model (self->unit_list, GTK_SELECTION_MODEL (self->unit_selection));
  g_object_unref (self->unit_selection);

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->workplaces)), GTK_FILTER (self->filter));
  g_signal_connect (self->filtered, "items-changed", G_CALLBACK (on_filtered_items_changed_cb), self);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered), NULL);
  self->workplace_selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->workplace_selection, FALSE);
  gtk_column_view_set_model (self->workplace_view, GTK_SELECTION_MODEL (self->workplace_selection));
  g_object_unref (self->workplace_selection);

  add_column (self, _("Code"), G_CALLBACK (setup_label_cb), G_CALLBACK (bind_code_cb), cmp_code, FALSE);
  add_column (self, _("Profession"), G_CALLBACK (setup_label_cb), G_CALLBACK (bind_profession_cb), cmp_profession, TRUE);
  add_column (self, _("Workers"), G_CALLBACK (setup_label_cb), G_CALLBACK (bind_headcount_cb), cmp_headcount, FALSE);
  add_column (self, _("Class"), G_CALLBACK (setup_badge_cb), G_CALLBACK (bind_class_cb), cmp_class, FALSE);
  add_column (self, _("R_ind · level"), G_CALLBACK (setup_label_cb), G_CALLBACK (bind_rind_cb), cmp_rind, FALSE);
  add_column (self, _("List → model"), G_CALLBACK (setup_label_cb), G_CALLBACK (bind_summary_cb), NULL, TRUE);
  add_column (self, _("Flags"), G_CALLBACK (setup_flags_cb), G_CALLBACK (bind_flags_cb), cmp_flags, FALSE);
  gtk_sort_list_model_set_sorter (sorted, gtk_column_view_get_sorter (self->workplace_view));

  kepil_window_setup_menu (self);
  kepil_window_show_page (self, "workplaces");
}

KepilWindow *
kepil_window_new (KepilApplication *app)
{
  return g_object_new (KEPIL_TYPE_WINDOW, "application", app, NULL);
}

gboolean
kepil_window_is_read_only (KepilWindow *self)
{
  return self->db != NULL && kepil_db_get_role (self->db) == KEPIL_ROLE_INSPECTOR && kepil_app_is_read_only ();
}
