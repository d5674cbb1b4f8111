/* kepil-workplace-page.c — one workplace: measurements, classes, guarantees, risk
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-workplace-page.h"
#include "kepil-audit.h"
#include "kepil-entity.h"
#include "kepil-app-private.h"
#include "kepil-record.h"
#include "kepil-norms.h"

struct _KepilWorkplacePage
{
  AdwBin          parent_instance;

  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkWidget      *overall_badge;
  AdwViewStack   *view_stack;
  AdwViewSwitcher *view_switcher;
  GtkWidget      *measurements_box;
  GtkColumnView  *measurement_view;
  GtkButton      *add_button;
  GtkButton      *duplicate_button;
  GtkButton      *delete_button;
  GtkWidget      *classes_box;
  GtkWidget      *guarantees_box;
  GtkWidget      *risk_box;
  GtkWidget      *history_box;    /* the audit trail of this workplace */
  guint           history_rows;

  KepilUndo      *undo;
  JsonObject     *workplace;
  JsonObject     *evaluation;
  GListStore     *measurements;
  GtkSingleSelection *measurement_selection;
  GHashTable     *measurement_class;   /* id → class text, from the evaluation */

  /* risk view */
  GtkWidget      *whatif_spins[5];
  GtkWidget      *whatif_ppe;
  GtkWidget      *whatif_measurement;  /* GtkDropDown */
  GtkWidget      *whatif_value;        /* GtkEntry */
  GtkWidget      *whatif_result;
  GtkWidget      *keep_button;
  char           *whatif_text;
  gboolean        building;
  GString        *guarantees_text;
};

G_DEFINE_FINAL_TYPE (KepilWorkplacePage, kepil_workplace_page, ADW_TYPE_BIN)

static const char *const input_keys[5] = { "B", "T", "Ob", "PPE", "Z" };

static const char *
input_name (guint i)
{
  switch (i)
    {
    case 0: return _("Harmfulness (B)");
    case 1: return _("Injury hazard (T)");
    case 2: return _("Equipment safety (Ob)");
    case 3: return _("PPE provision (PPE)");
    default: return _("Morbidity (Z)");
    }
}

static void
toast (KepilWorkplacePage *self, const char *text)
{
  GtkWidget *w = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (w != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (w), adw_toast_new (text));
  else
    g_message ("%s", text);
}

/* ---- measurements ------------------------------------------------------------- */

static void
load_measurements (KepilWorkplacePage *self)
{
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint selected = gtk_single_selection_get_selected (self->measurement_selection);

  if (self->undo == NULL || self->workplace == NULL)
    {
      g_list_store_remove_all (self->measurements);
      return;
    }
  rows = kepil_entity_list (kepil_undo_get_db (self->undo), "measurement", "workplace_id",
                            kepil_json_int (self->workplace, "id", 0), &error);
  if (rows == NULL)
    {
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (items, kepil_record_new (g_ptr_array_index (rows, i), 0));
  g_list_store_splice (self->measurements, 0, g_list_model_get_n_items (G_LIST_MODEL (self->measurements)),
                       items->pdata, items->len);
  if (selected != GTK_INVALID_LIST_POSITION && selected < items->len)
    gtk_single_selection_set_selected (self->measurement_selection, selected);
}

static gboolean
field_is_number (const char *field)
{
  return g_str_equal (field, "value") || g_str_equal (field, "norm") || g_str_equal (field, "exposure_pct");
}

static const char *
field_title (const char *field)
{
  if (g_str_equal (field, "factor")) return _("Factor");
  if (g_str_equal (field, "agent")) return _("Agent or indicator");
  if (g_str_equal (field, "unit_of_measure")) return _("Unit of measure");
  if (g_str_equal (field, "value")) return _("Measured");
  if (g_str_equal (field, "norm")) return _("Norm (MPC/MPL)");
  if (g_str_equal (field, "exposure_pct")) return _("Share of shift, %");
  if (g_str_equal (field, "measured_on")) return _("Measured on");
  return field;
}

gboolean
kepil_workplace_page_commit_cell (KepilWorkplacePage *self, gint64 measurement_id, const char *field,
                                  const char *text, GError **error)
{
  g_autoptr (JsonObject) values = json_object_new ();
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  g_return_val_if_fail (self->undo != NULL, FALSE);
  if (field_is_number (field))
    {
      double v;
      if (g_str_equal (field, "norm") && *stripped == '\0')
        json_object_set_null_member (values, field);
      else if (!kepil_parse_number (stripped, field_title (field), &v, error))
        return FALSE;
      else if (g_str_equal (field, "exposure_pct") && (v < 0 || v > 100))
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                       _("The share of the shift must be between 0 and 100 %%."));
          return FALSE;
        }
      else
        json_object_set_double_member (values, field, v);
    }
  else if (g_str_equal (field, "measured_on"))
    {
      g_autofree char *iso = NULL;
      if (*stripped != '\0' && !kepil_parse_date (stripped, field_title (field), &iso, error))
        return FALSE;
      json_object_set_string_member (values, field, iso != NULL ? iso : "");
    }
  else
    {
      if (g_str_equal (field, "factor") && *stripped == '\0')
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("A measurement needs its factor."));
          return FALSE;
        }
      json_object_set_string_member (values, field, stripped);
    }
  return kepil_undo_update (self->undo, "measurement", measurement_id, values, error);
}

static char *
cell_text (KepilRecord *r, const char *field)
{
  JsonNode *n = json_object_get_member (kepil_record_get_object (r), field);
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return g_strdup ("");
  if (field_is_number (field))
    return kepil_format_number (json_node_get_double (n), 6);
  if (g_str_equal (field, "measured_on"))
    return kepil_format_date (json_node_get_string (n));
  return g_strdup (json_node_get_string (n));
}

static void
commit_entry (KepilWorkplacePage *self, GtkEntry *entry)
{
  KepilRecord *r = g_object_get_data (G_OBJECT (entry), "kepil-record");
  const char *field = g_object_get_data (G_OBJECT (entry), "kepil-field");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *old = NULL;
  g_autoptr (GError) error = NULL;

  if (r == NULL || field == NULL)
    return;
  old = cell_text (r, field);
  if (g_str_equal (old, text))
    return;
  if (!kepil_workplace_page_commit_cell (self, kepil_record_get_id (r), field, text, &error))
    {
      /* Inline validation: the cell stays as typed, marked, with the reason. */
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), error->message);
      toast (self, error->message);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

static void
on_cell_entry_activate_cb (GtkEntry *entry, KepilWorkplacePage *self)
{
  commit_entry (self, entry);
}

static void
on_cell_focus_leave_cb (GtkEventControllerFocus *c, KepilWorkplacePage *self)
{
  commit_entry (self, GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (c))));
}

static void
setup_entry_cb (GtkSignalListItemFactory *f, GtkListItem *item, KepilWorkplacePage *self)
{
  GtkWidget *e = gtk_entry_new ();
  GtkEventController *fc = gtk_event_controller_focus_new ();
  const char *field = g_object_get_data (G_OBJECT (f), "kepil-field");

  gtk_editable_set_width_chars (GTK_EDITABLE (e), field_is_number (field) ? 8 : 12);
  gtk_widget_add_css_class (e, "flat");
  gtk_editable_set_editable (GTK_EDITABLE (e), !kepil_app_is_read_only ());
  if (field_is_number (field))
    gtk_entry_set_alignment (GTK_ENTRY (e), 1.0);
  g_object_set_data (G_OBJECT (e), "kepil-field", (gpointer) field);
  g_signal_connect (e, "activate", G_CALLBACK (on_cell_entry_activate_cb), self);
  g_signal_connect (fc, "leave", G_CALLBACK (on_cell_focus_leave_cb), self);
  gtk_widget_add_controller (e, fc);
  gtk_list_item_set_child (item, e);
}

static void
bind_entry_cb (GtkSignalListItemFactory *f, GtkListItem *item, KepilWorkplacePage *self)
{
  KepilRecord *r = gtk_list_item_get_item (item);
  GtkWidget *e = gtk_list_item_get_child (item);
  const char *field = g_object_get_data (G_OBJECT (f), "kepil-field");
  g_autofree char *text = cell_text (r, field);

  /* Unbind first so that setting the text is not taken for an edit. */
  g_object_set_data (G_OBJECT (e), "kepil-record", NULL);
  gtk_editable_set_text (GTK_EDITABLE (e), text);
  gtk_widget_remove_css_class (e, "error");
  if (g_str_equal (field, "value") || g_str_equal (field, "norm"))
    {
      const char *unit = kepil_record_get_string (r, "unit_of_measure");
      g_autofree char *tip = *unit ? g_strdup_printf (_("In %s"), unit) : NULL;
      gtk_widget_set_tooltip_text (e, tip);
    }
  else
    gtk_widget_set_tooltip_text (e, NULL);
  g_object_set_data (G_OBJECT (e), "kepil-record", r);
}

static void
unbind_entry_cb (GtkSignalListItemFactory *f, GtkListItem *item, KepilWorkplacePage *self)
{
  GtkWidget *e = gtk_list_item_get_child (item);
  if (gtk_widget_has_focus (e) || gtk_widget_is_focus (gtk_widget_get_first_child (e) ? gtk_widget_get_first_child (e) : e))
    commit_entry (self, GTK_ENTRY (e));
  g_object_set_data (G_OBJECT (e), "kepil-record", NULL);
}

static void
setup_badge_cb (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  gtk_list_item_set_child (item, kepil_app_class_badge ());
}

static void
bind_badge_cb (GtkSignalListItemFactory *f, GtkListItem *item, KepilWorkplacePage *self)
{
  gint64 id = kepil_record_get_id (gtk_list_item_get_item (item));
  GtkWidget *badge = gtk_list_item_get_child (item);
  const char *klass = g_hash_table_lookup (self->measurement_class, &id);
  kepil_app_class_badge_set (badge, klass);
  gtk_widget_set_tooltip_text (badge, g_object_get_data (G_OBJECT (badge), "x"));
}

static void
add_measurement_column (KepilWorkplacePage *self, const char *field, gboolean expand)
{
  GtkListItemFactory *f = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *c;

  g_object_set_data (G_OBJECT (f), "kepil-field", (gpointer) g_intern_string (field));
  g_signal_connect (f, "setup", G_CALLBACK (setup_entry_cb), self);
  g_signal_connect (f, "bind", G_CALLBACK (bind_entry_cb), self);
  g_signal_connect (f, "unbind", G_CALLBACK (unbind_entry_cb), self);
  c = gtk_column_view_column_new (field_title (field), f);
  gtk_column_view_column_set_expand (c, expand);
  gtk_column_view_column_set_resizable (c, TRUE);
  gtk_column_view_append_column (self->measurement_view, c);
  g_object_unref (c);
}

static KepilRecord *
selected_measurement (KepilWorkplacePage *self)
{
  return gtk_single_selection_get_selected_item (self->measurement_selection);
}

static void
on_add_button_clicked_cb (GtkButton *b, KepilWorkplacePage *self)
{
  g_autoptr (JsonObject) v = json_object_new ();
  g_autoptr (GError) error = NULL;

  if (self->workplace == NULL)
    return;
  json_object_set_int_member (v, "workplace_id", kepil_json_int (self->workplace, "id", 0));
  json_object_set_string_member (v, "factor", "noise");
  json_object_set_string_member (v, "unit_of_measure", "dBA");
  json_object_set_double_member (v, "value", 0);
  if (kepil_undo_insert (self->undo, "measurement", v, &error) == 0)
    toast (self, error->message);
  load_measurements (self);
}

static void
on_duplicate_button_clicked_cb (GtkButton *b, KepilWorkplacePage *self)
{
  KepilRecord *r = selected_measurement (self);
  g_autoptr (JsonObject) v = NULL;
  g_autoptr (GError) error = NULL;

  if (r == NULL)
    return;
  v = json_object_new ();
  {
    JsonObject *src = kepil_record_get_object (r);
    g_autoptr (GList) members = json_object_get_members (src);
    for (GList *l = members; l != NULL; l = l->next)
      if (!g_str_equal (l->data, "id"))
        json_object_set_member (v, l->data, json_node_copy (json_object_get_member (src, l->data)));
  }
  if (kepil_undo_insert (self->undo, "measurement", v, &error) == 0)
    toast (self, error->message);
  load_measurements (self);
}

static void
on_delete_button_clicked_cb (GtkButton *b, KepilWorkplacePage *self)
{
  KepilRecord *r = selected_measurement (self);
  g_autoptr (GError) error = NULL;

  if (r == NULL)
    return;
  if (!kepil_undo_delete (self->undo, "measurement", kepil_record_get_id (r), &error))
    toast (self, error->message);
  load_measurements (self);
}

guint
kepil_workplace_page_n_measurements (KepilWorkplacePage *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->measurements));
}

/* ---- classes -------------------------------------------------------------------- */

static GtkWidget *
boxed_list (void)
{
  GtkWidget *l = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (l), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (l, "boxed-list");
  return l;
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *l = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_label_set_wrap (GTK_LABEL (l), TRUE);
  gtk_widget_add_css_class (l, "heading");
  gtk_widget_set_margin_top (l, 12);
  return l;
}

static GtkWidget *
not_computed (void)
{
  GtkWidget *s = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (s), "dialog-information-symbolic");
#ifdef KEPIL_HAVE_EVALUATE
  adw_status_page_set_title (ADW_STATUS_PAGE (s), _("Not computed yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (s), _("Press F5 to recompute the enterprise."));
#else
  adw_status_page_set_title (ADW_STATUS_PAGE (s), _("Evaluation is not available"));
  adw_status_page_set_description (ADW_STATUS_PAGE (s),
                                   _("This build of Kepil has no evaluation engine, so classes, guarantees and risk are not shown."));
#endif
  return s;
}

static char *
reasons_text (JsonObject *factor)
{
  JsonArray *reasons = json_object_has_member (factor, "reasons") ? json_object_get_array_member (factor, "reasons") : NULL;
  g_autoptr (GString) s = g_string_new (NULL);
  for (guint i = 0; reasons != NULL && i < json_array_get_length (reasons); i++)
    {
      JsonNode *n = json_array_get_element (reasons, i);
      const char *t = JSON_NODE_HOLDS_OBJECT (n) ? kepil_json_str (json_node_get_object (n), "text", "")
                    : JSON_NODE_HOLDS_VALUE (n) ? json_node_get_string (n) : "";
      if (t == NULL || *t == '\0')
        continue;
      if (s->len > 0)
        g_string_append_c (s, '\n');
      g_string_append (s, t);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static JsonObject *
member_object (JsonObject *o, const char *m)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, m) : NULL;
  return n != NULL && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

static JsonArray *
member_array (JsonObject *o, const char *m)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, m) : NULL;
  return n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

static void
build_classes (KepilWorkplacePage *self)
{
  JsonObject *classes = member_object (self->evaluation, "classes");
  JsonArray *factors = member_array (classes, "factors");
  GtkWidget *list;

  kepil_app_clear_box (self->classes_box);
  if (classes == NULL)
    {
      gtk_box_append (GTK_BOX (self->classes_box), not_computed ());
      return;
    }
  list = boxed_list ();
  {
    GtkWidget *row = kepil_app_action_row_new ();
    GtkWidget *badge = kepil_app_class_badge ();
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Overall class of the workplace"));
    kepil_app_class_badge_set (badge, kepil_json_str (classes, "overall", ""));
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
    gtk_list_box_append (GTK_LIST_BOX (list), row);
  }
  for (guint i = 0; factors != NULL && i < json_array_get_length (factors); i++)
    {
      JsonObject *f = json_array_get_object_element (factors, i);
      GtkWidget *row = kepil_app_action_row_new ();
      GtkWidget *badge = kepil_app_class_badge ();
      g_autofree char *why = reasons_text (f);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kepil_factor_label (kepil_json_str (f, "factor", "")));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), why);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      kepil_app_class_badge_set (badge, kepil_json_str (f, "class", ""));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (GTK_BOX (self->classes_box), heading (_("Each factor's class and why")));
  gtk_box_append (GTK_BOX (self->classes_box), list);
}

/* ---- guarantees: the three columns -------------------------------------------- */

static GtkWidget *
cell (const char *value, const char *rule, gboolean emphasis)
{
  GtkWidget *b = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *v = gtk_label_new (value);
  gtk_label_set_xalign (GTK_LABEL (v), 0);
  gtk_label_set_wrap (GTK_LABEL (v), TRUE);
  gtk_label_set_selectable (GTK_LABEL (v), FALSE);
  if (emphasis)
    gtk_widget_add_css_class (v, "heading");
  gtk_box_append (GTK_BOX (b), v);
  if (rule != NULL && *rule != '\0')
    {
      GtkWidget *r = gtk_label_new (rule);
      gtk_label_set_xalign (GTK_LABEL (r), 0);
      gtk_label_set_wrap (GTK_LABEL (r), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (r), 40);
      gtk_widget_add_css_class (r, "dim-label");
      gtk_widget_add_css_class (r, "caption");
      gtk_box_append (GTK_BOX (b), r);
    }
  gtk_widget_set_hexpand (b, TRUE);
  return b;
}

static void
grid_row (KepilWorkplacePage *self, GtkGrid *g, int row, const char *kind, const char *cells[3],
          const char *rules[3], gboolean emphasis)
{
  GtkWidget *k = gtk_label_new (kind);
  gtk_label_set_xalign (GTK_LABEL (k), 0);
  gtk_label_set_wrap (GTK_LABEL (k), TRUE);
  gtk_widget_set_valign (k, GTK_ALIGN_START);
  gtk_widget_add_css_class (k, "heading");
  gtk_grid_attach (g, k, 0, row, 1, 1);
  g_string_append_printf (self->guarantees_text, "%s", kind);
  for (int c = 0; c < 3; c++)
    {
      gtk_grid_attach (g, cell (cells[c], rules[c], emphasis), c + 1, row, 1, 1);
      g_string_append_printf (self->guarantees_text, "\t%s", cells[c] != NULL ? cells[c] : "");
    }
  g_string_append_c (self->guarantees_text, '\n');
}

static char *
cost_text (JsonObject *costs, const char *side)
{
  JsonObject *o = member_object (costs, side);
  if (o == NULL || !json_object_has_member (o, "total"))
    return g_strdup ("—");
  {
    g_autofree char *n = kepil_format_number (json_object_get_double_member (o, "total"), 0);
    return g_strdup_printf (_("%s ₸ a year"), n);
  }
}

static void
build_guarantees (KepilWorkplacePage *self)
{
  JsonArray *cmp = member_array (self->evaluation, "comparison");
  JsonObject *costs = member_object (self->evaluation, "costs");
  GtkWidget *grid;
  int row = 0;

  kepil_app_clear_box (self->guarantees_box);
  g_string_truncate (self->guarantees_text, 0);
  if (cmp == NULL)
    {
      gtk_box_append (GTK_BOX (self->guarantees_box), not_computed ());
      return;
    }
  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), FALSE);
  {
    const char *h[3] = { _("The List grants"), _("Attestation found"), _("The risk model grants") };
    const char *r[3] = { NULL, NULL, NULL };
    grid_row (self, GTK_GRID (grid), row++, _("Guarantee"), h, r, TRUE);
  }
  for (guint i = 0; i < json_array_get_length (cmp); i++)
    {
      JsonObject *c = json_array_get_object_element (cmp, i);
      g_autofree char *l = kepil_app_value_text (json_object_get_member (c, "list"));
      g_autofree char *a = kepil_app_value_text (json_object_get_member (c, "attestation"));
      g_autofree char *m = kepil_app_value_text (json_object_get_member (c, "model"));
      const char *cells[3] = { l, a, m };
      const char *rules[3] = { kepil_json_str (c, "rule_list", ""), kepil_json_str (c, "rule_attestation", ""),
                               kepil_json_str (c, "rule_model", "") };
      grid_row (self, GTK_GRID (grid), row++, kepil_app_kind_name (kepil_json_str (c, "kind", "")), cells, rules, FALSE);
    }
  {
    g_autofree char *cl = cost_text (costs, "list");
    g_autofree char *cm = cost_text (costs, "model");
    g_autofree char *diff = NULL;
    const char *cells[3] = { cl, "", cm };
    const char *rules[3] = { NULL, NULL, NULL };
    if (costs != NULL && json_object_has_member (costs, "difference"))
      {
        g_autofree char *n = kepil_format_number (json_object_get_double_member (costs, "difference"), 0);
        diff = g_strdup_printf (_("Difference: %s ₸ a year"), n);
        rules[2] = diff;
      }
    grid_row (self, GTK_GRID (grid), row++, _("Yearly cost for the employer"), cells, rules, TRUE);
  }
  gtk_box_append (GTK_BOX (self->guarantees_box), grid);
}

char *
kepil_workplace_page_guarantees_text (KepilWorkplacePage *self)
{
  return g_strdup (self->guarantees_text->str);
}

/* ---- risk and what-if ------------------------------------------------------------ */

static char *
package_text (JsonObject *package)
{
  g_autoptr (GString) s = g_string_new (NULL);
  g_autoptr (GList) kinds = package != NULL ? json_object_get_members (package) : NULL;
  for (GList *l = kinds; l != NULL; l = l->next)
    {
      JsonNode *n = json_object_get_member (package, l->data);
      g_autofree char *v = kepil_app_value_text (JSON_NODE_HOLDS_OBJECT (n)
                                                 ? json_object_get_member (json_node_get_object (n), "value") : n);
      g_string_append_printf (s, "%s%s: %s", s->len ? "; " : "", kepil_app_kind_name (l->data), v);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
show_whatif (KepilWorkplacePage *self, JsonObject *result, const GError *error)
{
  g_autoptr (GString) s = g_string_new (NULL);

  if (result == NULL)
    g_string_assign (s, error != NULL ? error->message : _("No result."));
  else
    {
      g_autofree char *r = kepil_format_number (kepil_json_double (result, "r_ind", 0), 2);
      g_autofree char *was = kepil_format_number (kepil_json_double (self->evaluation, "r_ind", 0), 2);
      g_autofree char *pkg = package_text (member_object (result, "package"));
      g_autofree char *cost = cost_text (member_object (result, "costs"), "model");
      g_string_append_printf (s, _("R_ind %s → %s, level: %s"), was, r,
                              kepil_app_level_name (kepil_json_str (result, "level", "")));
      g_string_append_printf (s, "\n%s\n", pkg);
      g_string_append_printf (s, _("Yearly cost of the model: %s"), cost);
    }
  g_free (self->whatif_text);
  self->whatif_text = g_strdup (s->str);
  gtk_label_set_text (GTK_LABEL (self->whatif_result), s->str);
}

static JsonObject *
collect_changes (KepilWorkplacePage *self, gboolean *storable)
{
  JsonObject *inputs = member_object (self->evaluation, "inputs");
  JsonObject *changes = json_object_new ();
  gboolean only_storable = TRUE;

  for (guint i = 0; i < 5; i++)
    {
      double v = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->whatif_spins[i]));
      double was = kepil_json_double (member_object (inputs, input_keys[i]), "score", 0);
      if (fabs (v - was) > 1e-9)
        {
          json_object_set_double_member (changes, input_keys[i], v);
          only_storable = FALSE;
        }
    }
  if (gtk_widget_get_sensitive (self->whatif_ppe) &&
      GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self->whatif_ppe), "kepil-touched")))
    json_object_set_double_member (changes, "ppe_pct", gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->whatif_ppe)));
  {
    KepilRecord *m = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (self->whatif_measurement));
    const char *text = gtk_editable_get_text (GTK_EDITABLE (self->whatif_value));
    double v;
    if (m != NULL && *text != '\0' && kepil_parse_number (text, _("Measured"), &v, NULL))
      {
        g_autofree char *key = g_strdup_printf ("measurement:%ld", kepil_record_get_id (m));
        json_object_set_double_member (changes, key, v);
      }
  }
  *storable = only_storable && json_object_get_size (changes) > 0;
  return changes;
}

static void
recompute_whatif (KepilWorkplacePage *self)
{
  gboolean storable = FALSE;
  g_autoptr (JsonObject) changes = NULL;

  if (self->building || self->workplace == NULL || self->whatif_result == NULL)
    return;
  changes = collect_changes (self, &storable);
  gtk_widget_set_sensitive (self->keep_button, storable);
#ifdef KEPIL_HAVE_EVALUATE
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (JsonObject) r = kepil_whatif == NULL ? NULL : kepil_whatif (kepil_undo_get_db (self->undo), kepil_json_int (self->workplace, "id", 0),
                                             changes, &error);
    show_whatif (self, r, error);
  }
#else
  show_whatif (self, NULL, NULL);
#endif
}

static void
on_whatif_changed_cb (GtkWidget *w, KepilWorkplacePage *self)
{
  if (w == self->whatif_ppe)
    g_object_set_data (G_OBJECT (w), "kepil-touched", GINT_TO_POINTER (1));
  recompute_whatif (self);
}

static void
on_whatif_dropdown_cb (GObject *o, GParamSpec *p, KepilWorkplacePage *self)
{
  KepilRecord *m = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (self->whatif_measurement));
  if (m != NULL && !self->building)
    {
      g_autofree char *t = cell_text (m, "value");
      self->building = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->whatif_value), t);
      self->building = FALSE;
    }
  recompute_whatif (self);
}

/* Keep: writes the changed measurement and the PPE provision into the database;
 * a score typed over by hand has no place in the data and is not kept. */
static void
on_keep_button_clicked_cb (GtkButton *b, KepilWorkplacePage *self)
{
  gboolean storable = FALSE;
  g_autoptr (JsonObject) changes = collect_changes (self, &storable);
  g_autoptr (GList) keys = json_object_get_members (changes);
  g_autoptr (GError) error = NULL;

  for (GList *l = keys; l != NULL && error == NULL; l = l->next)
    {
      const char *k = l->data;
      double v = json_object_get_double_member (changes, k);
      if (g_str_has_prefix (k, "measurement:"))
        {
          g_autoptr (JsonObject) values = json_object_new ();
          json_object_set_double_member (values, "value", v);
          kepil_undo_update (self->undo, "measurement", g_ascii_strtoll (k + 12, NULL, 10), values, &error);
        }
      else if (g_str_equal (k, "ppe_pct"))
        {
          g_autoptr (GPtrArray) items = kepil_entity_list (kepil_undo_get_db (self->undo), "ppe_provision",
                                                           "workplace_id", kepil_json_int (self->workplace, "id", 0), &error);
          for (guint i = 0; items != NULL && i < items->len && error == NULL; i++)
            {
              JsonObject *it = g_ptr_array_index (items, i);
              g_autoptr (JsonObject) values = json_object_new ();
              json_object_set_int_member (values, "issued",
                                          (gint64) floor (kepil_json_int (it, "required", 0) * v / 100.0 + 0.5));
              kepil_undo_update (self->undo, "ppe_provision", kepil_json_int (it, "id", 0), values, &error);
            }
        }
    }
  if (error != NULL)
    toast (self, error->message);
  else
    toast (self, _("Kept. The enterprise is being recomputed."));
  load_measurements (self);
}

const char *
kepil_workplace_page_whatif (KepilWorkplacePage *self, JsonObject *changes)
{
  g_autoptr (GList) keys = json_object_get_members (changes);

  self->building = TRUE;
  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *k = l->data;
      double v = json_object_get_double_member (changes, k);
      for (guint i = 0; i < 5; i++)
        if (g_str_equal (k, input_keys[i]))
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->whatif_spins[i]), v);
      if (g_str_equal (k, "ppe_pct"))
        {
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->whatif_ppe), v);
          g_object_set_data (G_OBJECT (self->whatif_ppe), "kepil-touched", GINT_TO_POINTER (1));
        }
      if (g_str_has_prefix (k, "measurement:"))
        {
          gint64 id = g_ascii_strtoll (k + 12, NULL, 10);
          for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->measurements)); i++)
            {
              g_autoptr (KepilRecord) r = g_list_model_get_item (G_LIST_MODEL (self->measurements), i);
              if (kepil_record_get_id (r) == id)
                {
                  g_autofree char *t = kepil_format_number (v, 6);
                  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->whatif_measurement), i);
                  gtk_editable_set_text (GTK_EDITABLE (self->whatif_value), t);
                }
            }
        }
    }
  self->building = FALSE;
  recompute_whatif (self);
  return self->whatif_text;
}

static char *
measurement_label (KepilRecord *r)
{
  g_autofree char *v = cell_text (r, "value");
  return g_strdup_printf ("%s %s %s %s", kepil_factor_label (kepil_record_get_string (r, "factor")),
                          kepil_record_get_string (r, "agent"),
                          v, kepil_record_get_string (r, "unit_of_measure"));
}

static void
build_risk (KepilWorkplacePage *self)
{
  JsonObject *inputs = member_object (self->evaluation, "inputs");
  GtkWidget *list, *wl, *row;
  GtkExpression *expr;

  kepil_app_clear_box (self->risk_box);
  self->whatif_result = NULL;
  if (inputs == NULL)
    {
      gtk_box_append (GTK_BOX (self->risk_box), not_computed ());
      return;
    }
  self->building = TRUE;
  list = boxed_list ();
  wl = boxed_list ();
  for (guint i = 0; i < 5; i++)
    {
      JsonObject *in = member_object (inputs, input_keys[i]);
      g_autofree char *score = kepil_format_number (kepil_json_double (in, "score", 0), 2);
      GtkWidget *l = gtk_label_new (score);
      row = kepil_app_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), input_name (i));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), kepil_json_str (in, "how", ""));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_add_css_class (l, "heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), l);
      gtk_list_box_append (GTK_LIST_BOX (list), row);

      row = kepil_app_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), input_name (i));
      self->whatif_spins[i] = gtk_spin_button_new_with_range (0, 5, 1);
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (self->whatif_spins[i]), 0);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->whatif_spins[i]), kepil_json_double (in, "score", 0));
      gtk_widget_set_valign (self->whatif_spins[i], GTK_ALIGN_CENTER);
      g_signal_connect (self->whatif_spins[i], "value-changed", G_CALLBACK (on_whatif_changed_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->whatif_spins[i]);
      gtk_list_box_append (GTK_LIST_BOX (wl), row);
    }
  {
    g_autofree char *r = kepil_format_number (kepil_json_double (self->evaluation, "r_ind", 0), 2);
    g_autofree char *t = g_strdup_printf (_("R_ind = %s, level: %s"), r,
                                          kepil_app_level_name (kepil_json_str (self->evaluation, "level", "")));
    g_autofree char *pkg = package_text (member_object (self->evaluation, "package"));
    row = kepil_app_action_row_new ();
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), t);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), pkg);
    adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
    gtk_list_box_append (GTK_LIST_BOX (list), row);
  }
  row = kepil_app_action_row_new ();
  /* xgettext:no-c-format */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("PPE provision, % of required"));
  self->whatif_ppe = gtk_spin_button_new_with_range (0, 100, 5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->whatif_ppe), 100);
  gtk_widget_set_valign (self->whatif_ppe, GTK_ALIGN_CENTER);
  g_signal_connect (self->whatif_ppe, "value-changed", G_CALLBACK (on_whatif_changed_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->whatif_ppe);
  gtk_list_box_append (GTK_LIST_BOX (wl), row);

  row = kepil_app_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("A measured value"));
  expr = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL, G_CALLBACK (measurement_label), NULL, NULL);
  self->whatif_measurement = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->measurements)), expr);
  gtk_widget_set_valign (self->whatif_measurement, GTK_ALIGN_CENTER);
  g_signal_connect (self->whatif_measurement, "notify::selected", G_CALLBACK (on_whatif_dropdown_cb), self);
  self->whatif_value = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (self->whatif_value), 8);
  gtk_widget_set_valign (self->whatif_value, GTK_ALIGN_CENTER);
  g_signal_connect (self->whatif_value, "changed", G_CALLBACK (on_whatif_changed_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->whatif_measurement);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->whatif_value);
  gtk_list_box_append (GTK_LIST_BOX (wl), row);

  self->whatif_result = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->whatif_result), 0);
  gtk_label_set_wrap (GTK_LABEL (self->whatif_result), TRUE);
  gtk_widget_add_css_class (self->whatif_result, "card");
  gtk_widget_set_margin_top (self->whatif_result, 6);
  self->keep_button = gtk_button_new_with_mnemonic (_("_Keep this change"));
  gtk_widget_set_visible (self->keep_button, !kepil_app_is_read_only ());
  gtk_widget_set_halign (self->keep_button, GTK_ALIGN_END);
  gtk_widget_add_css_class (self->keep_button, "suggested-action");
  gtk_widget_set_tooltip_text (self->keep_button,
                               _("Saves the changed measurement or PPE provision; a score typed by hand is only a what-if."));
  g_signal_connect (self->keep_button, "clicked", G_CALLBACK (on_keep_button_clicked_cb), self);

  gtk_box_append (GTK_BOX (self->risk_box), heading (_("How the risk was scored")));
  gtk_box_append (GTK_BOX (self->risk_box), list);
  gtk_box_append (GTK_BOX (self->risk_box), heading (_("What if…")));
  gtk_box_append (GTK_BOX (self->risk_box), wl);
  gtk_box_append (GTK_BOX (self->risk_box), self->whatif_result);
  gtk_box_append (GTK_BOX (self->risk_box), self->keep_button);
  self->building = FALSE;
  gtk_widget_set_sensitive (self->keep_button, FALSE);
  gtk_label_set_text (GTK_LABEL (self->whatif_result), _("Change a control to see the new level, package and cost."));
}

/* ---- the page ------------------------------------------------------------------------ */

void
kepil_workplace_page_set_evaluation (KepilWorkplacePage *self, JsonObject *evaluation)
{
  JsonObject *classes;
  JsonArray *ms;

  if (evaluation != NULL)
    json_object_ref (evaluation);
  g_clear_pointer (&self->evaluation, json_object_unref);
  self->evaluation = evaluation;
  g_hash_table_remove_all (self->measurement_class);
  classes = member_object (evaluation, "classes");
  ms = member_array (classes, "measurements");
  for (guint i = 0; ms != NULL && i < json_array_get_length (ms); i++)
    {
      JsonObject *m = json_array_get_object_element (ms, i);
      gint64 id = kepil_json_int (m, "id", 0);
      g_hash_table_insert (self->measurement_class, g_memdup2 (&id, sizeof id),
                           g_strdup (kepil_json_str (m, "class", "")));
    }
  kepil_app_class_badge_set (self->overall_badge, kepil_json_str (classes, "overall", ""));
  load_measurements (self);
  build_classes (self);
  build_guarantees (self);
  build_risk (self);
}

void
kepil_workplace_page_set_workplace (KepilWorkplacePage *self, KepilUndo *undo, JsonObject *workplace,
                                    const char *profession, JsonObject *evaluation)
{
  g_autofree char *sub = NULL;
  g_set_object (&self->undo, undo);
  if (workplace != NULL)
    json_object_ref (workplace);
  g_clear_pointer (&self->workplace, json_object_unref);
  self->workplace = workplace;
  if (workplace == NULL)
    return;
  gtk_label_set_text (self->title_label, profession);
  /* In the inspector role the add, duplicate, delete and keep buttons are gone. */
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), !kepil_app_is_read_only ());
  gtk_widget_set_visible (GTK_WIDGET (self->duplicate_button), !kepil_app_is_read_only ());
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), !kepil_app_is_read_only ());
  if (self->keep_button != NULL)
    gtk_widget_set_visible (self->keep_button, !kepil_app_is_read_only ());
  sub = g_strdup_printf (_("Workplace %s · %ld identical · %ld workers"),
                         kepil_json_str (workplace, "code", ""), kepil_json_int (workplace, "count", 1),
                         kepil_json_int (workplace, "men", 0) + kepil_json_int (workplace, "women", 0));
  gtk_label_set_text (self->subtitle_label, sub);
  gtk_single_selection_set_selected (self->measurement_selection, GTK_INVALID_LIST_POSITION);
  kepil_workplace_page_set_evaluation (self, evaluation);
}

gint64
kepil_workplace_page_get_id (KepilWorkplacePage *self)
{
  return self->workplace != NULL ? kepil_json_int (self->workplace, "id", 0) : 0;
}

const char *
kepil_workplace_page_overall_class (KepilWorkplacePage *self)
{
  return kepil_json_str (member_object (self->evaluation, "classes"), "overall", "");
}

void
kepil_workplace_page_show_view (KepilWorkplacePage *self, const char *name)
{
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

static void
kepil_workplace_page_dispose (GObject *o)
{
  KepilWorkplacePage *self = KEPIL_WORKPLACE_PAGE (o);
  g_clear_object (&self->undo);
  g_clear_pointer (&self->workplace, json_object_unref);
  g_clear_pointer (&self->evaluation, json_object_unref);
  g_clear_pointer (&self->measurement_class, g_hash_table_unref);
  g_clear_pointer (&self->whatif_text, g_free);
  if (self->guarantees_text != NULL)
    g_string_free (g_steal_pointer (&self->guarantees_text), TRUE);
  gtk_widget_dispose_template (GTK_WIDGET (self), KEPIL_TYPE_WORKPLACE_PAGE);
  g_clear_object (&self->measurements);
  G_OBJECT_CLASS (kepil_workplace_page_parent_class)->dispose (o);
}

static void
kepil_workplace_page_class_init (KepilWorkplacePageClass *klass)
{
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kepil_workplace_page_dispose;
  gtk_widget_class_set_template_from_resource (wc, "/kz/kepil/app/kepil-workplace-page.ui");
  gtk_widget_class_bind_template_child (wc, KepilWorkplacePage, title_label);
  gtk_widget_class_bind_template_child (wc, KepilWorkplacePage, subtitle_label);
  gtk_widget_class_bind_template_child (wc, KepilWorkplacePage, view_stack);
  gtk_widget_class_bind_template_child (wc, KepilWorkplacePage, view_switcher);
  gtk_widget_class_bind_template_child (wc, KepilWorkplacePage, measurements_box);
  gtk_widget_class_bind_template_child (wc, KepilWorkplacePage, measurement_view);
  gtk_widget_class_bind_template_child (wc, KepilWorkplacePage, add_button);
  gtk_widget_class_bind_template_child (wc, KepilWorkplacePage, duplicate_button);
  gtk_widget_class_bind_template_child (wc, KepilWorkplacePage, delete_button);
  gtk_widget_class_bind_template_child (wc, KepilWorkplacePage, classes_box);
  gtk_widget_class_bind_template_child (wc, KepilWorkplacePage, guarantees_box);
  gtk_widget_class_bind_template_child (wc, KepilWorkplacePage, risk_box);
  gtk_widget_class_bind_template_child (wc, KepilWorkplacePage, history_box);
  gtk_widget_class_bind_template_callback (wc, on_add_button_clicked_cb);
  gtk_widget_class_bind_template_callback (wc, on_duplicate_button_clicked_cb);
  gtk_widget_class_bind_template_callback (wc, on_delete_button_clicked_cb);
}

/* The audit trail: every change to this workplace and its measurements, newest first. */
static void
build_history (KepilWorkplacePage *self)
{
  KepilDb *db = self->undo != NULL ? kepil_undo_get_db (self->undo) : NULL;
  g_autoptr (JsonArray) rows = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *list;
  guint n;

  kepil_app_clear_box (self->history_box);
  self->history_rows = 0;
  if (db == NULL || self->workplace == NULL)
    return;
  rows = kepil_audit_history (db, "workplace", kepil_json_int (self->workplace, "id", 0), TRUE, &error);
  if (rows == NULL)
    {
      gtk_box_append (GTK_BOX (self->history_box), gtk_label_new (error->message));
      return;
    }
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  n = json_array_get_length (rows);
  for (guint i = n; i > 0 && self->history_rows < 500; i--)
    {
      JsonObject *r = json_array_get_object_element (rows, i - 1);
      GtkWidget *row = kepil_app_action_row_new ();
      const char *action = kepil_json_str (r, "action", "");
      const char *field = kepil_json_str (r, "field", "");
      g_autofree char *when = g_strndup (kepil_json_str (r, "at", ""), 16);
      g_autofree char *title = NULL, *sub = NULL;

      when[10] = when[10] ? ' ' : when[10];
      if (g_str_equal (action, "update"))
        title = g_strdup_printf (_("%s %ld: %s changed from “%s” to “%s”"),
                                 kepil_entity_label (kepil_json_str (r, "entity", "")), kepil_json_int (r, "entity_id", 0),
                                 field, kepil_json_str (r, "old_value", ""), kepil_json_str (r, "new_value", ""));
      else if (g_str_equal (action, "insert"))
        title = g_strdup_printf (_("%s %ld added"), kepil_entity_label (kepil_json_str (r, "entity", "")),
                                 kepil_json_int (r, "entity_id", 0));
      else
        title = g_strdup_printf (_("%s %ld deleted"), kepil_entity_label (kepil_json_str (r, "entity", "")),
                                 kepil_json_int (r, "entity_id", 0));
      sub = g_strdup_printf ("%s · %s", when, kepil_json_str (r, "who", ""));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      self->history_rows++;
    }
  gtk_box_append (GTK_BOX (self->history_box), list);
}

guint
kepil_workplace_page_n_history_rows (KepilWorkplacePage *self)
{
  build_history (self);
  return self->history_rows;
}

static void
on_view_changed (KepilWorkplacePage *self)
{
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "history") == 0)
    build_history (self);
}

static void
set_view_title (KepilWorkplacePage *self, const char *name, const char *title, const char *icon)
{
  AdwViewStackPage *p = adw_view_stack_get_page (self->view_stack,
                                                 adw_view_stack_get_child_by_name (self->view_stack, name));
  adw_view_stack_page_set_title (p, title);
  adw_view_stack_page_set_icon_name (p, icon);
}

static void
kepil_workplace_page_init (KepilWorkplacePage *self)
{
  GtkListItemFactory *f;
  GtkColumnViewColumn *c;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->measurement_class = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->guarantees_text = g_string_new (NULL);
  self->measurements = g_list_store_new (KEPIL_TYPE_RECORD);
  self->overall_badge = kepil_app_class_badge ();
  gtk_widget_insert_after (self->overall_badge, gtk_widget_get_parent (GTK_WIDGET (self->title_label)),
                           GTK_WIDGET (self->title_label));
  self->measurement_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->measurements)));
  gtk_single_selection_set_autoselect (self->measurement_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->measurement_selection, TRUE);
  gtk_column_view_set_model (self->measurement_view, GTK_SELECTION_MODEL (self->measurement_selection));
  g_object_unref (self->measurement_selection);
  add_measurement_column (self, "factor", FALSE);
  add_measurement_column (self, "agent", TRUE);
  add_measurement_column (self, "unit_of_measure", FALSE);
  add_measurement_column (self, "value", FALSE);
  add_measurement_column (self, "norm", FALSE);
  add_measurement_column (self, "exposure_pct", FALSE);
  add_measurement_column (self, "measured_on", FALSE);
  f = gtk_signal_list_item_factory_new ();
  g_signal_connect (f, "setup", G_CALLBACK (setup_badge_cb), self);
  g_signal_connect (f, "bind", G_CALLBACK (bind_badge_cb), self);
  c = gtk_column_view_column_new (_("Class"), f);
  gtk_column_view_append_column (self->measurement_view, c);
  g_object_unref (c);

  gtk_button_set_label (self->add_button, _("_Add"));
  gtk_button_set_use_underline (self->add_button, TRUE);
  gtk_button_set_label (self->duplicate_button, _("_Duplicate"));
  gtk_button_set_use_underline (self->duplicate_button, TRUE);
  gtk_button_set_label (self->delete_button, _("De_lete"));
  gtk_button_set_use_underline (self->delete_button, TRUE);
  set_view_title (self, "measurements", _("Measurements"), "view-list-symbolic");
  set_view_title (self, "classes", _("Classes"), "emblem-important-symbolic");
  set_view_title (self, "guarantees", _("Guarantees"), "view-dual-symbolic");
  set_view_title (self, "risk", _("Risk"), "dialog-warning-symbolic");
  set_view_title (self, "history", _("History"), "document-open-recent-symbolic");
  g_signal_connect_swapped (self->view_stack, "notify::visible-child-name", G_CALLBACK (on_view_changed), self);
}
