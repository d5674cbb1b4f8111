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
  kepil_app_set_tooltip (l, kepil_app_name (kepil_record_get_object (r)));
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
  kepil_app_set_tooltip (gtk_list_item_get_child (item), p);
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
  kepil_app_set_tooltip (gtk_list_item_get_child (item), s);
}

/* The flags of a row: one warning icon and, when there are several, their number; every flag's text
 * in the tooltip.  The widgets are made once per row (binding only sets them), so that showing the first
 * figures of a large enterprise does not make a thousand icons at once. */
static void
setup_flags_cb (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *img = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *count = gtk_label_new (NULL);
  gtk_widget_add_css_class (img, "warning");
  gtk_widget_add_css_class (count, "warning");
  gtk_widget_add_css_class (count, "caption-heading");
  gtk_box_append (GTK_BOX (box), img);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_item_set_child (item, box);
}

static void
bind_flags_cb (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *img = gtk_widget_get_first_child (box);
  GtkWidget *count = gtk_widget_get_next_sibling (img);
  JsonArray *flags = wp_flags (gtk_list_item_get_item (item));
  guint n = flags != NULL ? json_array_get_length (flags) : 0;
  g_autoptr (GString) tip = g_string_new (NULL);
  g_autofree char *num = g_strdup_printf ("%u", n);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *fl = json_array_get_object_element (flags, i);
      g_string_append_printf (tip, "%s%s: %s", i ? "\n" : "", kepil_json_str (fl, "code", ""), kepil_json_str (fl, "text", ""));
    }
  gtk_widget_set_visible (img, n > 0);
  gtk_widget_set_visible (count, n > 1);
  gtk_label_set_text (GTK_LABEL (count), num);
  kepil_app_set_tooltip (box, tip->str);
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

/* A cell draws its record again when the record changes (a recompute gives the same records new
 * figures), so that the rows keep their widgets instead of being made anew. */
typedef void (*BindFunc) (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data);

static void
on_record_changed_cb (KepilRecord *r, GtkListItem *item)
{
  GtkSignalListItemFactory *f = g_object_get_data (G_OBJECT (item), "kepil-factory");
  BindFunc bind = g_object_get_data (G_OBJECT (f), "kepil-bind");
  bind (f, item, g_object_get_data (G_OBJECT (f), "kepil-window"));
}

static void
bind_cell_cb (GtkSignalListItemFactory *f, GtkListItem *item, KepilWindow *self)
{
  BindFunc bind = g_object_get_data (G_OBJECT (f), "kepil-bind");
  gulong id;

  bind (f, item, self);
  id = g_signal_connect (gtk_list_item_get_item (item), "changed", G_CALLBACK (on_record_changed_cb), item);
  g_object_set_data (G_OBJECT (item), "kepil-changed-id", GSIZE_TO_POINTER (id));
  g_object_set_data (G_OBJECT (item), "kepil-factory", f);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *f, GtkListItem *item, KepilWindow *self)
{
  gulong id = GPOINTER_TO_SIZE (g_object_steal_data (G_OBJECT (item), "kepil-changed-id"));
  if (id != 0 && gtk_list_item_get_item (item) != NULL)
    g_signal_handler_disconnect (gtk_list_item_get_item (item), id);
}

static void
add_column (KepilWindow *self, const char *title, GCallback setup, GCallback bind, GCompareDataFunc cmp,
            gboolean expand)
{
  GtkListItemFactory *f = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *c;
  g_object_set_data (G_OBJECT (f), "kepil-bind", bind);
  g_object_set_data (G_OBJECT (f), "kepil-window", self);
  g_signal_connect (f, "setup", setup, self);
  g_signal_connect (f, "bind", G_CALLBACK (bind_cell_cb), self);
  g_signal_connect (f, "unbind", G_CALLBACK (unbind_cell_cb), self);
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

/* What the window shows, gathered from the database and an evaluation.  Made without GTK, so that a
 * recompute makes it in its worker thread and the main loop only swaps it in (issue 6: a 20,000-workplace
 * recompute must not stall the window). */
struct _KepilWindowData
{
  JsonObject *evaluation;        /* may be NULL */
  GHashTable *evals;             /* workplace id → JsonObject of evaluation.workplaces */
  GPtrArray  *ents, *units;      /* records (JsonObject) */
  GHashTable *profession_names;  /* id → name */
  GPtrArray  *items;             /* KepilRecord of each workplace, its evaluation as extra */
  GPtrArray  *flag_codes;        /* distinct flag codes of the evaluation, in order of appearance */
  KepilDashboardData *dashboard; /* the charts of the evaluation, or NULL when it is not new */
  gboolean    pages;             /* the enterprise and reference pages read the database again */
};

void
kepil_window_data_free (KepilWindowData *d)
{
  if (d == NULL)
    return;
  g_clear_pointer (&d->evals, g_hash_table_unref);
  g_clear_pointer (&d->evaluation, json_object_unref);
  g_clear_pointer (&d->ents, g_ptr_array_unref);
  g_clear_pointer (&d->units, g_ptr_array_unref);
  g_clear_pointer (&d->profession_names, g_hash_table_unref);
  g_clear_pointer (&d->items, g_ptr_array_unref);
  g_clear_pointer (&d->flag_codes, g_ptr_array_unref);
  g_clear_pointer (&d->dashboard, kepil_dashboard_data_free);
  g_free (d);
}

static KepilWindowData *
data_new (KepilDb *db, JsonObject *evaluation, gboolean with_charts, gboolean pages, GError **error)
{
  KepilWindowData *d = g_new0 (KepilWindowData, 1);
  g_autoptr (GPtrArray) profs = NULL, wps = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonNode *n;
  JsonArray *ewps;

  d->evaluation = evaluation != NULL ? json_object_ref (evaluation) : NULL;
  d->pages = pages;
  d->evals = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) json_object_unref);
  d->profession_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  d->items = g_ptr_array_new_with_free_func (g_object_unref);
  d->flag_codes = g_ptr_array_new_with_free_func (g_free);

  n = evaluation != NULL ? json_object_get_member (evaluation, "workplaces") : NULL;
  ewps = n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
  for (guint i = 0; ewps != NULL && i < json_array_get_length (ewps); i++)
    {
      JsonObject *w = json_array_get_object_element (ewps, i);
      gint64 id = kepil_json_int (w, "id", 0);
      JsonNode *fn = json_object_get_member (w, "flags");
      JsonArray *flags = fn != NULL && JSON_NODE_HOLDS_ARRAY (fn) ? json_node_get_array (fn) : NULL;
      g_hash_table_insert (d->evals, g_memdup2 (&id, sizeof id), json_object_ref (w));
      for (guint k = 0; flags != NULL && k < json_array_get_length (flags); k++)
        {
          const char *code = kepil_json_str (json_array_get_object_element (flags, k), "code", "");
          if (*code == '\0' || g_hash_table_contains (seen, code))
            continue;
          g_hash_table_add (seen, (gpointer) code);
          g_ptr_array_add (d->flag_codes, g_strdup (code));
        }
    }

  if (with_charts)
    d->dashboard = kepil_dashboard_data_new (evaluation);
  if (db == NULL)
    return d;
  d->ents = kepil_entity_list (db, "enterprise", NULL, 0, error);
  d->units = d->ents ? kepil_entity_list (db, "unit", NULL, 0, error) : NULL;
  profs = d->units ? kepil_entity_list (db, "profession", NULL, 0, error) : NULL;
  wps = profs ? kepil_entity_list (db, "workplace", NULL, 0, error) : NULL;
  if (wps == NULL)
    {
      kepil_window_data_free (d);
      return NULL;
    }
  for (guint i = 0; i < profs->len; i++)
    {
      JsonObject *p = g_ptr_array_index (profs, i);
      gint64 id = kepil_json_int (p, "id", 0);
      g_hash_table_insert (d->profession_names, g_memdup2 (&id, sizeof id), g_strdup (kepil_app_name (p)));
    }
  g_ptr_array_set_size (d->items, 0);
  for (guint i = 0; i < wps->len; i++)
    {
      JsonObject *w = g_ptr_array_index (wps, i);
      gint64 id = kepil_json_int (w, "id", 0);
      KepilRecord *r = kepil_record_new (w, 0);
      kepil_record_set_extra (r, g_hash_table_lookup (d->evals, &id));
      g_ptr_array_add (d->items, r);
    }
  return d;
}

/* @recompute: only the evaluation changed (the enterprise and reference pages are left as they are). */
KepilWindowData *
kepil_window_data_new (KepilDb *db, JsonObject *evaluation, gboolean recompute, GError **error)
{
  return data_new (db, evaluation, TRUE, !recompute, error);
}

/* A replaced evaluation of a large enterprise is hundreds of megabytes of small blocks: freeing it at
 * once would freeze the window for seconds.  Its workplaces are freed a few at a time when idle. */
#define RETIRE_BUDGET_US 8000

typedef struct
{
  JsonArray  *json;     /* elements removed from the end */
  GPtrArray  *ptrs;     /* elements removed from the end (its free function frees them) */
  GHashTable *hash;     /* entries removed a few at a time */
} Retired;

static void
retired_free (Retired *r)
{
  g_clear_pointer (&r->json, json_array_unref);
  g_clear_pointer (&r->ptrs, g_ptr_array_unref);
  g_clear_pointer (&r->hash, g_hash_table_unref);
  g_free (r);
}

/* Frees one element of @r (or a few hash entries); TRUE when it is empty. */
static gboolean
retired_step (Retired *r)
{
  if (r->json != NULL && json_array_get_length (r->json) > 0)
    json_array_remove_element (r->json, json_array_get_length (r->json) - 1);
  else if (r->ptrs != NULL && r->ptrs->len > 0)
    g_ptr_array_remove_index (r->ptrs, r->ptrs->len - 1);
  else if (r->hash != NULL && g_hash_table_size (r->hash) > 0)
    {
      GHashTableIter it;
      g_hash_table_iter_init (&it, r->hash);
      for (guint j = 0; j < 64 && g_hash_table_iter_next (&it, NULL, NULL); j++)
        g_hash_table_iter_remove (&it);
    }
  else
    return TRUE;
  return FALSE;
}

static gboolean
retire_idle (gpointer data)
{
  KepilWindow *self = data;
  gint64 until = g_get_monotonic_time () + RETIRE_BUDGET_US;

  while (!g_queue_is_empty (self->retired))
    {
      if (retired_step (g_queue_peek_head (self->retired)))
        retired_free (g_queue_pop_head (self->retired));
      else if (g_get_monotonic_time () >= until)
        return G_SOURCE_CONTINUE;
    }
  self->retire_source = 0;
  return G_SOURCE_REMOVE;
}

static void
retire (KepilWindow *self, JsonArray *json, GPtrArray *ptrs, GHashTable *hash)
{
  Retired *r = g_new0 (Retired, 1);
  r->json = json;
  r->ptrs = ptrs;
  r->hash = hash;
  g_queue_push_tail (self->retired, r);
  if (self->retire_source == 0)
    self->retire_source = g_idle_add_full (G_PRIORITY_LOW, retire_idle, self, NULL);
}

static void
retire_evaluation (KepilWindow *self, JsonObject *evaluation)
{
  JsonNode *n;

  if (evaluation == NULL)
    return;
  n = json_object_get_member (evaluation, "workplaces");
  if (n != NULL && JSON_NODE_HOLDS_ARRAY (n) && !json_object_is_immutable (evaluation))
    {
      retire (self, json_array_ref (json_node_get_array (n)), NULL, NULL);
      json_object_remove_member (evaluation, "workplaces");
    }
  json_object_unref (evaluation);
}

/* Frees what is left at once (the window is closing). */
void
kepil_window_retire_now (KepilWindow *self)
{
  g_clear_handle_id (&self->retire_source, g_source_remove);
  if (self->retired != NULL)
    g_queue_clear_full (self->retired, (GDestroyNotify) retired_free);
}

/* Whether a row would show @a and @b alike (only asked of the rows on screen). */
static char *
row_text (KepilRecord *r)
{
  JsonObject *e = kepil_record_get_extra (r);
  JsonArray *flags = wp_flags (r);
  g_autofree char *summary = summary_text (e);
  g_autoptr (GString) s = g_string_new (summary);
  g_string_append_printf (s, "|%s|%s|%.6g|", wp_class (r), kepil_json_str (e, "level", ""),
                          kepil_json_double (e, "r_ind", -1));
  for (guint i = 0; flags != NULL && i < json_array_get_length (flags); i++)
    {
      JsonObject *f = json_array_get_object_element (flags, i);
      g_string_append_printf (s, "%s:%s;", kepil_json_str (f, "code", ""), kepil_json_str (f, "text", ""));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static gboolean
same_row (KepilRecord *a, KepilRecord *b)
{
  g_autofree char *ta = NULL, *tb = NULL;
  if (!json_object_equal (kepil_record_get_object (a), kepil_record_get_object (b)))
    return FALSE;
  if ((kepil_record_get_extra (a) == NULL) != (kepil_record_get_extra (b) == NULL))
    return FALSE;
  ta = row_text (a);
  tb = row_text (b);
  return g_str_equal (ta, tb);
}

/* TRUE when the list holds the workplaces of @items, in the same order. */
static gboolean
same_workplaces (KepilWindow *self, GPtrArray *items)
{
  if (self->shown->len != items->len || items->len == 0)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    if (kepil_record_get_id (g_ptr_array_index (self->shown, i)) != kepil_record_get_id (g_ptr_array_index (items, i)))
      return FALSE;
  return TRUE;
}

static gboolean
filter_active (KepilWindow *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  return self->unit_ids != NULL || (search != NULL && *search != '\0') ||
         gtk_drop_down_get_selected (self->class_filter) > 0 || gtk_drop_down_get_selected (self->level_filter) > 0 ||
         gtk_drop_down_get_selected (self->flag_filter) > 0;
}

static void
set_flag_filter (KepilWindow *self, GPtrArray *codes)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  gtk_string_list_splice (self->flag_codes, 0, g_list_model_get_n_items (G_LIST_MODEL (self->flag_codes)), NULL);
  gtk_string_list_append (labels, _("Any or no flag"));
  gtk_string_list_append (labels, _("With a flag"));
  for (guint i = 0; i < codes->len; i++)
    {
      gtk_string_list_append (self->flag_codes, g_ptr_array_index (codes, i));
      gtk_string_list_append (labels, g_ptr_array_index (codes, i));
    }
  /* The items are replaced next, so a new model (selection back to "any") need not filter the old ones. */
  g_signal_handlers_block_by_func (self->flag_filter, on_filter_changed_cb, self);
  gtk_drop_down_set_model (self->flag_filter, G_LIST_MODEL (labels));
  g_signal_handlers_unblock_by_func (self->flag_filter, on_filter_changed_cb, self);
  g_object_unref (labels);
}

/* Swaps @d in (on the main thread).  @d->evaluation replaces the window's evaluation. */
void
kepil_window_apply_data (KepilWindow *self, KepilWindowData *d)
{
  JsonObject *old = self->evaluation;

  if (old != d->evaluation)
    {
      GHashTable *old_evals = self->evals;
      self->evaluation = g_steal_pointer (&d->evaluation);
      self->evals = g_steal_pointer (&d->evals);
      set_flag_filter (self, d->flag_codes);
      if (d->dashboard != NULL)
        kepil_dashboard_set_prepared (self->dashboard, d->dashboard);
      else
        kepil_dashboard_set_data (self->dashboard, self->db, self->evaluation);
      kepil_enterprise_page_set_evaluation (self->enterprise_page, self->evaluation);
      if (kepil_workplace_page_get_id (self->workplace_page) != 0)
        {
          gint64 id = kepil_workplace_page_get_id (self->workplace_page);
          kepil_workplace_page_set_evaluation (self->workplace_page, g_hash_table_lookup (self->evals, &id));
        }
      retire (self, NULL, NULL, old_evals);
      /* The list's items point into the old evaluation until they are replaced below. */
    }
  else
    old = NULL;

  if (self->db == NULL || d->items == NULL || d->ents == NULL)
    {
      retire_evaluation (self, old);
      return;
    }
  g_hash_table_unref (self->profession_names);
  self->profession_names = g_steal_pointer (&d->profession_names);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->units)) != d->units->len)
    {
      g_list_store_remove_all (self->units);
      add_units (self, d->units, 0, 0);
    }
  /* A large enterprise is filtered a part at a time, so that the window stays responsive. */
  gtk_filter_list_model_set_incremental (self->filtered, d->items->len > 2000);
  gtk_sort_list_model_set_incremental (self->sorted, d->items->len > 2000);
  if (same_workplaces (self, d->items))
    {
      /* The same workplaces with new figures: the records take the new data in place, the rows keep their
       * widgets and draw again; the former data are freed when idle. */
      GPtrArray *old_objects = g_ptr_array_new_full (d->items->len, (GDestroyNotify) json_object_unref);
      for (guint i = 0; i < d->items->len; i++)
        {
          KepilRecord *to = g_ptr_array_index (self->shown, i);
          KepilRecord *from = g_ptr_array_index (d->items, i);
          g_ptr_array_add (old_objects, kepil_record_replace (to, kepil_record_get_object (from),
                                                              kepil_record_get_extra (from),
                                                              kepil_record_is_watched (to) && !same_row (to, from)));
        }
      retire (self, NULL, old_objects, NULL);
      if (filter_active (self))
        gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
      if (gtk_sorter_get_order (gtk_column_view_get_sorter (self->workplace_view)) != GTK_SORTER_ORDER_NONE)
        gtk_sorter_changed (gtk_column_view_get_sorter (self->workplace_view), GTK_SORTER_CHANGE_DIFFERENT);
    }
  else
    {
      /* The old items (records of the database) are freed when idle, too. */
      guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->workplaces));
      retire (self, NULL, g_steal_pointer (&self->shown), NULL);
      self->shown = g_ptr_array_ref (d->items);
      g_list_store_splice (self->workplaces, 0, n_old, d->items->pdata, d->items->len);
    }
  adw_window_title_set_title (self->enterprise_title,
                              d->ents->len > 0 ? kepil_app_name (g_ptr_array_index (d->ents, 0)) : _("No enterprise yet"));
  {
    g_autofree char *base = g_path_get_basename (kepil_db_get_path (self->db));
    adw_window_title_set_subtitle (self->enterprise_title, base);
  }
  if (d->pages)
    {
      kepil_enterprise_page_set_undo (self->enterprise_page, self->undo);
      kepil_reference_page_set_db (self->reference_page, self->db);
    }
  update_subtitle (self);
  retire_evaluation (self, old);
}

void
kepil_window_reload (KepilWindow *self)
{
  g_autoptr (GError) error = NULL;
  KepilWindowData *d;

  if (self->db == NULL)
    return;
  d = data_new (self->db, self->evaluation, FALSE, TRUE, &error);
  if (d == NULL)
    {
      kepil_window_show_error (self, error);
      return;
    }
  kepil_window_apply_data (self, d);
  kepil_window_data_free (d);
}

void
kepil_window_apply_evaluation (KepilWindow *self, JsonObject *evaluation)
{
  g_autoptr (GError) error = NULL;
  KepilWindowData *d = kepil_window_data_new (self->db, evaluation, FALSE, &error);

  if (d == NULL)
    {
      kepil_window_show_error (self, error);
      d = kepil_window_data_new (NULL, evaluation, FALSE, NULL);
    }
  kepil_window_apply_data (self, d);
  kepil_window_data_free (d);
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
  g_ptr_array_set_size (self->shown, 0);
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
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_object (&self->flag_codes);
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->profession_names, g_hash_table_unref);
  g_clear_pointer (&self->unit_ids, g_hash_table_unref);
  g_clear_pointer (&self->evals, g_hash_table_unref);
  g_clear_pointer (&self->evaluation, json_object_unref);
  kepil_window_retire_now (self);
  g_clear_pointer (&self->retired, g_queue_free);
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
  self->retired = g_queue_new ();
  self->units = g_list_store_new (KEPIL_TYPE_RECORD);
  self->workplaces = g_list_store_new (KEPIL_TYPE_RECORD);
  self->shown = g_ptr_array_new_with_free_func (g_object_unref);
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
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered), NULL);
  self->workplace_selection = gtk_single_selection_new (G_LIST_MODEL (self->sorted));
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
  gtk_sort_list_model_set_sorter (self->sorted, gtk_column_view_get_sorter (self->workplace_view));

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
