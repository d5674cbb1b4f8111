/* kepil-enterprise-page.c — the enterprise: details, settings, campaigns, statistics, checklist
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every value is saved through the undo stack as soon as the user applies it.  The page is
 * built from the database and built again when the data it shows changes; which rows were
 * expanded and which field had the focus survive the rebuild, and a rebuild that would show
 * the same data is skipped (a recompute rebuilds nothing).
 */
#include "kepil-config.h"
#include "kepil-enterprise-page-private.h"
#if defined(__has_include)
# if __has_include("kepil-methodology.h")
#  include "kepil-methodology.h"
#  define KEPIL_HAVE_METHODOLOGY 1
#  pragma weak kepil_methodology_default_json
# endif
#endif

G_DEFINE_FINAL_TYPE (KepilEnterprisePage, kepil_enterprise_page, ADW_TYPE_BIN)

static void rebuild (KepilEnterprisePage *self);

void
kepil_enterprise_toast (KepilEnterprisePage *self, const char *text)
{
  GtkWidget *w = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (w != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (w), adw_toast_new (text));
}

static gboolean
rebuild_idle_cb (gpointer data)
{
  KepilEnterprisePage *self = data;
  self->rebuild_source = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* Rebuilding from inside a row's own signal would pull the row away under it: wait for idle. */
void
kepil_enterprise_schedule_rebuild (KepilEnterprisePage *self)
{
  if (self->rebuild_source == 0)
    self->rebuild_source = g_idle_add (rebuild_idle_cb, self);
}

/* The key names the widget (tests and the focus after a rebuild find it by name). */
void
kepil_enterprise_set_key (GtkWidget *w, const char *key)
{
  gtk_widget_set_name (w, key);
  g_object_set_data_full (G_OBJECT (w), "kepil-key", g_strdup (key), g_free);
}

const char *
kepil_enterprise_choice_name (const Choice *choices, gsize n, const char *key)
{
  for (gsize i = 0; i < n; i++)
    if (g_strcmp0 (choices[i].key, key) == 0)
      return _(choices[i].name);
  return key != NULL ? key : "";
}

/* ---- one field of one record ------------------------------------------------------------ */

/* Saves one field of one record as soon as the user applies the row. */
static void
on_entry_row_apply_cb (AdwEntryRow *row, KepilEnterprisePage *self)
{
  const char *entity = g_object_get_data (G_OBJECT (row), "kepil-entity");
  const Field *f = g_object_get_data (G_OBJECT (row), "kepil-field");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "kepil-id"));
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr (JsonObject) v = json_object_new ();
  g_autoptr (GError) error = NULL;
  gboolean ok = TRUE;

  switch (f->kind)
    {
    case FIELD_NUMBER:
      {
        double d;
        if ((ok = kepil_parse_number (text, title, &d, &error)))
          json_object_set_double_member (v, f->field, d);
      }
      break;
    case FIELD_COUNT:
      {
        gint64 n;
        if ((ok = kepil_parse_count (text, title, f->min, f->max, &n, &error)))
          json_object_set_int_member (v, f->field, n);
      }
      break;
    case FIELD_DATE:
      if (*text == '\0' && !f->required)
        json_object_set_string_member (v, f->field, "");
      else
        {
          g_autofree char *iso = NULL;
          if ((ok = kepil_parse_date (text, title, &iso, &error)))
            json_object_set_string_member (v, f->field, iso);
        }
      break;
    case FIELD_TEXT:
    default:
      if (*text == '\0' && f->required)
        {
          g_set_error (&error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("%s: this cannot be left empty."), title);
          ok = FALSE;
        }
      json_object_set_string_member (v, f->field, text);
      break;
    }
  if (ok && f->kind == FIELD_COUNT && g_str_equal (entity, "enterprise_stats") && g_str_equal (f->field, "year"))
    ok = kepil_enterprise_year_free (self, json_object_get_int_member (v, "year"), id, &error);
  if (!ok || !kepil_undo_update (self->undo, entity, id, v, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      kepil_enterprise_toast (self, error->message);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

GtkWidget *
kepil_enterprise_entry_row (KepilEnterprisePage *self, const char *entity, gint64 id, JsonObject *rec, const Field *f)
{
  GtkWidget *row = adw_entry_row_new ();
  JsonNode *n = json_object_get_member (rec, f->field);
  g_autofree char *text = NULL, *key = NULL;

  if (n != NULL && !JSON_NODE_HOLDS_NULL (n))
    switch (f->kind)
      {
      case FIELD_NUMBER:
        text = kepil_format_number (json_node_get_double (n), 4);
        break;
      case FIELD_COUNT:
        text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (n));
        break;
      case FIELD_DATE:
        text = kepil_format_date (json_node_get_string (n));
        break;
      case FIELD_TEXT:
      default:
        text = g_strdup (json_node_get_string (n));
      }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(f->title));
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  key = g_strdup_printf ("%s-%" G_GINT64_FORMAT "-%s", entity, id, f->field);
  kepil_enterprise_set_key (row, key);
  g_object_set_data (G_OBJECT (row), "kepil-entity", (gpointer) g_intern_string (entity));
  g_object_set_data (G_OBJECT (row), "kepil-field", (gpointer) f);
  g_object_set_data (G_OBJECT (row), "kepil-id", GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect (row, "apply", G_CALLBACK (on_entry_row_apply_cb), self);
  return row;
}

static void
on_choice_row_selected_cb (AdwComboRow *row, GParamSpec *p, KepilEnterprisePage *self)
{
  const char *entity = g_object_get_data (G_OBJECT (row), "kepil-entity");
  const char *field = g_object_get_data (G_OBJECT (row), "kepil-field");
  const Choice *choices = g_object_get_data (G_OBJECT (row), "kepil-choices");
  guint old = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "kepil-selected"));
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "kepil-id"));
  guint sel = adw_combo_row_get_selected (row);
  g_autoptr (JsonObject) v = json_object_new ();
  g_autoptr (GError) error = NULL;

  if (sel == GTK_INVALID_LIST_POSITION || sel == old)
    return;
  json_object_set_string_member (v, field, choices[sel].key);
  if (!kepil_undo_update (self->undo, entity, id, v, &error))
    {
      kepil_enterprise_toast (self, error->message);
      /* Show the value that is still saved. */
      g_signal_handlers_block_by_func (row, on_choice_row_selected_cb, self);
      adw_combo_row_set_selected (row, old);
      g_signal_handlers_unblock_by_func (row, on_choice_row_selected_cb, self);
      return;
    }
  g_object_set_data (G_OBJECT (row), "kepil-selected", GUINT_TO_POINTER (sel));
}

static void
on_choice_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
on_choice_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkStringObject *s = gtk_list_item_get_item (item);
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), s != NULL ? gtk_string_object_get_string (s) : "");
}

/* The default factory of AdwComboRow 1.2 cuts values after 20 characters ("Представитель про…"). */
GtkListItemFactory *
kepil_enterprise_choice_factory (void)
{
  GtkListItemFactory *f = gtk_signal_list_item_factory_new ();
  g_signal_connect (f, "setup", G_CALLBACK (on_choice_setup_cb), NULL);
  g_signal_connect (f, "bind", G_CALLBACK (on_choice_bind_cb), NULL);
  return f;
}

GtkWidget *
kepil_enterprise_choice_row (KepilEnterprisePage *self, const char *entity, gint64 id, JsonObject *rec, const char *field,
            const char *title, const Choice *choices, gsize n)
{
  GtkWidget *row = adw_combo_row_new ();
  GtkStringList *names = gtk_string_list_new (NULL);
  const char *current = kepil_json_str (rec, field, "");
  guint sel = GTK_INVALID_LIST_POSITION;
  g_autofree char *key = g_strdup_printf ("%s-%" G_GINT64_FORMAT "-%s", entity, id, field);

  for (gsize i = 0; i < n; i++)
    {
      gtk_string_list_append (names, _(choices[i].name));
      if (g_str_equal (choices[i].key, current))
        sel = (guint) i;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  {
    g_autoptr (GtkListItemFactory) factory = kepil_enterprise_choice_factory ();
    adw_combo_row_set_factory (ADW_COMBO_ROW (row), factory);
  }
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
  g_object_unref (names);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), sel);
  kepil_enterprise_set_key (row, key);
  g_object_set_data (G_OBJECT (row), "kepil-entity", (gpointer) g_intern_string (entity));
  g_object_set_data (G_OBJECT (row), "kepil-field", (gpointer) g_intern_string (field));
  g_object_set_data (G_OBJECT (row), "kepil-choices", (gpointer) choices);
  g_object_set_data (G_OBJECT (row), "kepil-selected", GUINT_TO_POINTER (sel));
  g_object_set_data (G_OBJECT (row), "kepil-id", GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_choice_row_selected_cb), self);
  /* Read-only: a drop-down cannot be made "not editable", so it is made insensitive. */
  gtk_widget_set_sensitive (row, !kepil_app_is_read_only ());
  return row;
}

GtkWidget *
kepil_enterprise_group (KepilEnterprisePage *self, const char *title, const char *description)
{
  GtkWidget *g = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (g), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (g), description);
  gtk_box_append (self->groups, g);
  return g;
}

void
kepil_enterprise_add_fields (KepilEnterprisePage *self, GtkWidget *to, const char *entity, gint64 id, JsonObject *rec,
            const Field *fields, gsize n)
{
  for (gsize i = 0; i < n; i++)
    {
      GtkWidget *row = kepil_enterprise_entry_row (self, entity, id, rec, &fields[i]);
      if (ADW_IS_EXPANDER_ROW (to))
        adw_expander_row_add_row (ADW_EXPANDER_ROW (to), row);
      else
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (to), row);
    }
}

/* ---- expanders, additions and deletions -------------------------------------------------- */

static void
on_expander_expanded_cb (AdwExpanderRow *row, GParamSpec *p, KepilEnterprisePage *self)
{
  const char *key = g_object_get_data (G_OBJECT (row), "kepil-key");
  if (adw_expander_row_get_expanded (row))
    g_hash_table_add (self->expanded, g_strdup (key));
  else
    g_hash_table_remove (self->expanded, key);
}

GtkWidget *
kepil_enterprise_expander (KepilEnterprisePage *self, const char *entity, gint64 id, const char *title, const char *subtitle)
{
  GtkWidget *row = kepil_app_expander_row_new ();
  g_autofree char *key = g_strdup_printf ("%s-%" G_GINT64_FORMAT, entity, id);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  kepil_enterprise_set_key (row, key);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), g_hash_table_contains (self->expanded, key));
  g_signal_connect (row, "notify::expanded", G_CALLBACK (on_expander_expanded_cb), self);
  return row;
}

static void
on_delete_response_cb (AdwMessageDialog *d, const char *response, KepilEnterprisePage *self)
{
  const char *entity = g_object_get_data (G_OBJECT (d), "kepil-entity");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (d), "kepil-id"));
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "delete") || self->undo == NULL)
    return;
  if (!kepil_undo_delete (self->undo, entity, id, &error))
    kepil_enterprise_toast (self, error->message);
}

static void
on_delete_button_clicked_cb (GtkButton *b, KepilEnterprisePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *d;

  d = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                  g_object_get_data (G_OBJECT (b), "kepil-heading"),
                                                  g_object_get_data (G_OBJECT (b), "kepil-body")));
  adw_message_dialog_add_responses (d, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (d, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (d, "cancel");
  adw_message_dialog_set_close_response (d, "cancel");
  g_object_set_data (G_OBJECT (d), "kepil-entity", g_object_get_data (G_OBJECT (b), "kepil-entity"));
  g_object_set_data (G_OBJECT (d), "kepil-id", g_object_get_data (G_OBJECT (b), "kepil-id"));
  g_signal_connect_object (d, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (d));
}

/* A bin button on @row that asks before it deletes: @heading and @body are the question. */
void
kepil_enterprise_add_delete_button (KepilEnterprisePage *self, GtkWidget *row, const char *entity, gint64 id,
                   const char *tooltip, const char *heading, const char *body)
{
  GtkWidget *b = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *key = g_strdup_printf ("%s-%" G_GINT64_FORMAT "-delete", entity, id);

  gtk_widget_add_css_class (b, "flat");
  gtk_widget_set_valign (b, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (b, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (b), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  kepil_enterprise_set_key (b, key);
  g_object_set_data (G_OBJECT (b), "kepil-entity", (gpointer) g_intern_string (entity));
  g_object_set_data (G_OBJECT (b), "kepil-id", GSIZE_TO_POINTER ((gsize) id));
  g_object_set_data_full (G_OBJECT (b), "kepil-heading", g_strdup (heading), g_free);
  g_object_set_data_full (G_OBJECT (b), "kepil-body", g_strdup (body), g_free);
  g_signal_connect (b, "clicked", G_CALLBACK (on_delete_button_clicked_cb), self);
  gtk_widget_set_sensitive (b, !kepil_app_is_read_only ());
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), b);
}

static void
on_add_row_apply_cb (AdwEntryRow *row, KepilEnterprisePage *self)
{
  AddFunc add = g_object_get_data (G_OBJECT (row), "kepil-add");
  const char *entity = g_object_get_data (G_OBJECT (row), "kepil-entity");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr (GError) error = NULL;
  gint64 id;

  if (*text == '\0')
    return;
  id = add (self, GTK_WIDGET (row), text, &error);
  if (id == 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      kepil_enterprise_toast (self, error->message);
      return;
    }
  /* The new record opens, ready for its other fields. */
  g_hash_table_add (self->expanded, g_strdup_printf ("%s-%" G_GINT64_FORMAT, entity, id));
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  kepil_enterprise_schedule_rebuild (self);
}

/* An entry row at the end of a group: what the user types there starts a new record. */
GtkWidget *
kepil_enterprise_add_row (KepilEnterprisePage *self, const char *key, const char *entity, const char *title, AddFunc add,
         gint64 parent_id)
{
  GtkWidget *row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  kepil_enterprise_set_key (row, key);
  gtk_widget_add_css_class (row, "kepil-add-row");
  g_object_set_data (G_OBJECT (row), "kepil-add", add);
  g_object_set_data (G_OBJECT (row), "kepil-entity", (gpointer) g_intern_string (entity));
  g_object_set_data (G_OBJECT (row), "kepil-parent", GSIZE_TO_POINTER ((gsize) parent_id));
  g_signal_connect (row, "apply", G_CALLBACK (on_add_row_apply_cb), self);
  gtk_widget_set_sensitive (row, !kepil_app_is_read_only ());
  return row;
}

/* ---- the checklist (П3) ------------------------------------------------------------------ */

static void
on_checklist_switch_cb (GtkSwitch *sw, GParamSpec *p, KepilEnterprisePage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (sw), "kepil-id"));
  int question = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (sw), "kepil-question"));
  int year = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (sw), "kepil-year"));
  g_autoptr (JsonObject) v = json_object_new ();
  g_autoptr (GError) error = NULL;

  json_object_set_int_member (v, "answer", gtk_switch_get_active (sw) ? 1 : 0);
  if (id != 0)
    kepil_undo_update (self->undo, "checklist_answer", id, v, &error);
  else
    {
      json_object_set_int_member (v, "enterprise_id", self->enterprise_id);
      json_object_set_int_member (v, "year", year);
      json_object_set_int_member (v, "question", question);
      id = kepil_undo_insert (self->undo, "checklist_answer", v, &error);
      g_object_set_data (G_OBJECT (sw), "kepil-id", GSIZE_TO_POINTER ((gsize) id));
    }
  if (error != NULL)
    kepil_enterprise_toast (self, error->message);
}

static void
build_checklist (KepilEnterprisePage *self, KepilDb *db)
{
  g_autoptr (GPtrArray) answers = kepil_entity_list (db, "checklist_answer", "enterprise_id", self->enterprise_id, NULL);
  g_autoptr (JsonObject) meth = NULL;
  JsonArray *questions = NULL;
  int year = 0;
  GtkWidget *g;
  g_autofree char *today = kepil_today_iso ();

  for (guint i = 0; answers != NULL && i < answers->len; i++)
    year = MAX (year, (int) kepil_json_int (g_ptr_array_index (answers, i), "year", 0));
  if (year == 0)
    year = (int) g_ascii_strtoll (today, NULL, 10);
#ifdef KEPIL_HAVE_METHODOLOGY
  meth = kepil_methodology_default_json != NULL ? kepil_methodology_default_json (NULL) : NULL;
  if (meth != NULL && json_object_has_member (meth, "checklist"))
    {
      JsonNode *n = json_object_get_member (meth, "checklist");
      if (JSON_NODE_HOLDS_ARRAY (n))
        questions = json_node_get_array (n);
      else if (JSON_NODE_HOLDS_OBJECT (n) && json_object_has_member (json_node_get_object (n), "questions"))
        questions = json_object_get_array_member (json_node_get_object (n), "questions");
    }
#endif
  {
    g_autofree char *t = g_strdup_printf (_("Compliance checklist (P3), %d"), year);
    g = kepil_enterprise_group (self, t, _("Switch on each requirement the enterprise meets."));
  }
  for (int q = 1; q <= 15; q++)
    {
      GtkWidget *row = kepil_app_action_row_new ();
      GtkWidget *sw = gtk_switch_new ();
      gint64 id = 0;
      gboolean on = FALSE;
      const char *text = NULL;
      g_autofree char *title = NULL;
      if (questions != NULL && (guint) q <= json_array_get_length (questions))
        {
          JsonNode *n = json_array_get_element (questions, q - 1);
          if (JSON_NODE_HOLDS_OBJECT (n))
            {
              JsonObject *o = json_node_get_object (n);
              const char *lang = kepil_i18n_language ();
              text = kepil_json_str (o, lang, NULL);
              if (text == NULL)
                text = kepil_json_str (o, "text", kepil_json_str (o, "en", NULL));
            }
          else if (JSON_NODE_HOLDS_VALUE (n))
            text = json_node_get_string (n);
        }
      for (guint i = 0; answers != NULL && i < answers->len; i++)
        {
          JsonObject *a = g_ptr_array_index (answers, i);
          if (kepil_json_int (a, "year", 0) == year && kepil_json_int (a, "question", 0) == q)
            {
              id = kepil_json_int (a, "id", 0);
              on = kepil_json_int (a, "answer", 0) != 0;
            }
        }
      title = text != NULL ? g_strdup_printf ("%d. %s", q, text) : g_strdup_printf (_("Question %d"), q);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_switch_set_active (GTK_SWITCH (sw), on);
      gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (sw), "kepil-id", GSIZE_TO_POINTER ((gsize) id));
      g_object_set_data (G_OBJECT (sw), "kepil-question", GINT_TO_POINTER (q));
      g_object_set_data (G_OBJECT (sw), "kepil-year", GINT_TO_POINTER (year));
      {
        g_autofree char *key = g_strdup_printf ("checklist-%d", q);
        kepil_enterprise_set_key (sw, key);
      }
      g_signal_connect (sw, "notify::active", G_CALLBACK (on_checklist_switch_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
    }
}

/* ---- the page ---------------------------------------------------------------------------- */

static void
add_records (JsonArray *to, GPtrArray *records)
{
  for (guint i = 0; records != NULL && i < records->len; i++)
    json_array_add_object_element (to, json_object_ref (g_ptr_array_index (records, i)));
}

/* Everything the page shows, as text: equal text, equal page. */
static char *
page_data (KepilEnterprisePage *self, KepilDb *db)
{
  g_autoptr (JsonArray) all = json_array_new ();
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  g_autoptr (GPtrArray) ents = kepil_entity_list (db, "enterprise", NULL, 0, NULL);
  gint64 eid = ents != NULL && ents->len > 0 ? kepil_json_int (g_ptr_array_index (ents, 0), "id", 0) : 0;
  g_autoptr (GPtrArray) campaigns = kepil_entity_list (db, "campaign", "enterprise_id", eid, NULL);
  g_autoptr (GPtrArray) stats = kepil_entity_list (db, "enterprise_stats", "enterprise_id", eid, NULL);
  g_autoptr (GPtrArray) answers = kepil_entity_list (db, "checklist_answer", "enterprise_id", eid, NULL);
  g_autofree char *head = g_strdup_printf ("%s|%s|%d", kepil_db_get_path (db), kepil_i18n_language (),
                                           kepil_app_is_read_only ());
  g_autofree char *body = NULL;

  json_array_add_string_element (all, head);
  if (ents != NULL && ents->len > 0)
    json_array_add_object_element (all, json_object_ref (g_ptr_array_index (ents, 0)));
  add_records (all, campaigns);
  for (guint i = 0; campaigns != NULL && i < campaigns->len; i++)
    {
      g_autoptr (GPtrArray) members = kepil_entity_list (db, "commission_member", "campaign_id",
                                                         kepil_json_int (g_ptr_array_index (campaigns, i), "id", 0), NULL);
      add_records (all, members);
    }
  add_records (all, stats);
  add_records (all, answers);
  {
    /* Z statistics and the professions they name (the workplaces decide which are shown). */
    g_autoptr (GPtrArray) ps = kepil_entity_list (db, "profession_stats", NULL, 0, NULL);
    g_autoptr (GPtrArray) profs = kepil_enterprise_professions (db, eid);
    add_records (all, ps);
    add_records (all, profs);
  }
  json_node_set_array (node, all);
  body = kepil_json_to_string (node, FALSE);
  return g_steal_pointer (&body);
}

/* The key of the row that has the focus, so that the same row gets it back after a rebuild. */
static char *
focus_key (KepilEnterprisePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *w = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (; w != NULL && w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    if (g_object_get_data (G_OBJECT (w), "kepil-key") != NULL)
      return g_strdup (g_object_get_data (G_OBJECT (w), "kepil-key"));
  return NULL;
}

static GtkWidget *
find_key (GtkWidget *w, const char *key)
{
  if (g_strcmp0 (g_object_get_data (G_OBJECT (w), "kepil-key"), key) == 0)
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_key (c, key);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
build (KepilEnterprisePage *self, KepilDb *db)
{
  g_autoptr (GPtrArray) ents = NULL;
  JsonObject *e;
  GtkWidget *g;
  static const Field details[] = {
    { "name_ru", N_("Name in Russian"), FIELD_TEXT, 0, 0, TRUE }, { "name_kk", N_("Name in Kazakh"), FIELD_TEXT, 0, 0, FALSE },
    { "bin", N_("BIN"), FIELD_TEXT, 0, 0, FALSE }, { "address", N_("Address"), FIELD_TEXT, 0, 0, FALSE },
  };
  static const Field settings[] = {
    { "sector", N_("Sector"), FIELD_TEXT, 0, 0, FALSE },
    { "sector_coefficient", N_("Sectoral pay coefficient"), FIELD_NUMBER, 0, 0, FALSE },
    { "ca_pay_percent", N_("Pay supplement of the collective agreement, %"), FIELD_NUMBER, 0, 0, FALSE },
    { "average_wage", N_("Average monthly wage, ₸"), FIELD_NUMBER, 0, 0, FALSE },
    { "milk_price", N_("Milk price per litre, ₸"), FIELD_NUMBER, 0, 0, FALSE },
    { "lpp_ration_cost", N_("Therapeutic ration cost per shift, ₸"), FIELD_NUMBER, 0, 0, FALSE },
    { "shifts_per_year", N_("Shifts per year"), FIELD_COUNT, 1, G_MAXINT64, FALSE },
  };
  static const Field method[] = {
    { "norm_set", N_("Norm set"), FIELD_TEXT, 0, 0, FALSE }, { "methodology", N_("Risk methodology"), FIELD_TEXT, 0, 0, FALSE },
  };

  kepil_app_clear_box (GTK_WIDGET (self->groups));
  self->enterprise_id = 0;
  self->stats_group = NULL;
  if (db == NULL)
    return;
  ents = kepil_entity_list (db, "enterprise", NULL, 0, NULL);
  if (ents == NULL || ents->len == 0)
    {
      GtkWidget *s = adw_status_page_new ();
      adw_status_page_set_title (ADW_STATUS_PAGE (s), _("No enterprise in this database"));
      gtk_box_append (self->groups, s);
      return;
    }
  e = g_ptr_array_index (ents, 0);
  self->enterprise_id = kepil_json_int (e, "id", 0);
  gtk_box_append (self->groups, GTK_WIDGET (self->risk_label));
  g = kepil_enterprise_group (self, _("Details"), NULL);
  kepil_enterprise_add_fields (self, g, "enterprise", self->enterprise_id, e, details, G_N_ELEMENTS (details));
  g = kepil_enterprise_group (self, _("Settings and cost parameters"), _("Each value is saved when you press the tick."));
  kepil_enterprise_add_fields (self, g, "enterprise", self->enterprise_id, e, settings, G_N_ELEMENTS (settings));
  g = kepil_enterprise_group (self, _("Norm set and methodology"), _("Every act and comparison names them."));
  kepil_enterprise_add_fields (self, g, "enterprise", self->enterprise_id, e, method, G_N_ELEMENTS (method));
  kepil_enterprise_build_campaigns (self, db);
  kepil_enterprise_build_stats (self, db);
  kepil_enterprise_build_profession_stats (self, db);
  build_checklist (self, db);
  kepil_app_apply_read_only (GTK_WIDGET (self));
}

static void
rebuild (KepilEnterprisePage *self)
{
  KepilDb *db = self->undo != NULL ? kepil_undo_get_db (self->undo) : NULL;
  g_autofree char *data = db != NULL ? page_data (self, db) : g_strdup ("");
  g_autofree char *focus = NULL;

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  if (self->shown != NULL && g_str_equal (self->shown, data))
    return;
  focus = focus_key (self);
  g_free (self->shown);
  self->shown = g_steal_pointer (&data);
  build (self, db);
  if (focus != NULL)
    {
      GtkWidget *w = find_key (GTK_WIDGET (self->groups), focus);
      if (w != NULL)
        gtk_widget_grab_focus (w);
    }
}

static void
on_undo_changed_cb (KepilUndo *undo, const char *entity, KepilEnterprisePage *self)
{
  kepil_enterprise_schedule_rebuild (self);
}

void
kepil_enterprise_page_set_undo (KepilEnterprisePage *self, KepilUndo *undo)
{
  if (self->undo != undo)
    {
      if (self->undo != NULL)
        g_signal_handlers_disconnect_by_func (self->undo, on_undo_changed_cb, self);
      g_set_object (&self->undo, undo);
      if (undo != NULL)
        g_signal_connect_object (undo, "changed", G_CALLBACK (on_undo_changed_cb), self, 0);
      g_hash_table_remove_all (self->expanded);
      rebuild (self);
      return;
    }
  /* The same stack: the window calls here after every reload, often from inside an edit. */
  kepil_enterprise_schedule_rebuild (self);
}

void
kepil_enterprise_page_set_evaluation (KepilEnterprisePage *self, JsonObject *evaluation)
{
  JsonNode *n = evaluation != NULL ? json_object_get_member (evaluation, "enterprises") : NULL;
  JsonArray *a = n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
  JsonObject *e = NULL;
  g_autofree char *t = NULL;

  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    {
      JsonObject *o = json_array_get_object_element (a, i);
      if (e == NULL || kepil_json_int (o, "id", 0) == self->enterprise_id)
        e = o;
      if (kepil_json_int (o, "id", 0) == self->enterprise_id)
        break;
    }
  g_clear_pointer (&self->p2_how, g_free);
  if (e == NULL)
    {
      gtk_label_set_text (self->risk_label, _("The enterprise's risk is not computed."));
      kepil_enterprise_update_stats_description (self);
      return;
    }
  {
    g_autofree char *p1 = kepil_format_number (kepil_json_double (e, "p1", 0), 2);
    g_autofree char *p2 = kepil_format_number (kepil_json_double (e, "p2", 0), 2);
    g_autofree char *p3 = kepil_format_number (kepil_json_double (e, "p3", 0), 2);
    g_autofree char *p = kepil_format_number (kepil_json_double (e, "p", 0), 2);
    JsonNode *in = json_object_get_member (e, "inputs");
    JsonNode *p2n = in != NULL && JSON_NODE_HOLDS_OBJECT (in) ? json_object_get_member (json_node_get_object (in), "p2") : NULL;
    JsonObject *p2o = p2n != NULL && JSON_NODE_HOLDS_OBJECT (p2n) ? json_node_get_object (p2n) : NULL;
    t = g_strdup_printf (_("Enterprise risk P = P1 + P2 + P3 = %s + %s + %s = %s, level: %s"), p1, p2, p3, p,
                         kepil_app_level_name (kepil_json_str (e, "level", "")));
    self->p2_how = g_strdup (p2o != NULL ? kepil_json_str (p2o, "how", "") : "");
  }
  gtk_label_set_text (self->risk_label, t);
  kepil_enterprise_update_stats_description (self);
}

static void
kepil_enterprise_page_dispose (GObject *o)
{
  KepilEnterprisePage *self = KEPIL_ENTERPRISE_PAGE (o);
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  if (self->undo != NULL)
    g_signal_handlers_disconnect_by_func (self->undo, on_undo_changed_cb, self);
  g_clear_object (&self->undo);
  g_clear_object (&self->risk_label);
  self->stats_group = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), KEPIL_TYPE_ENTERPRISE_PAGE);
  G_OBJECT_CLASS (kepil_enterprise_page_parent_class)->dispose (o);
}

static void
kepil_enterprise_page_finalize (GObject *o)
{
  KepilEnterprisePage *self = KEPIL_ENTERPRISE_PAGE (o);
  g_free (self->shown);
  g_free (self->p2_how);
  g_hash_table_unref (self->expanded);
  G_OBJECT_CLASS (kepil_enterprise_page_parent_class)->finalize (o);
}

static void
kepil_enterprise_page_class_init (KepilEnterprisePageClass *klass)
{
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = kepil_enterprise_page_dispose;
  G_OBJECT_CLASS (klass)->finalize = kepil_enterprise_page_finalize;
  gtk_widget_class_set_template_from_resource (wc, "/kz/kepil/app/kepil-enterprise-page.ui");
  gtk_widget_class_bind_template_child (wc, KepilEnterprisePage, groups);
}

static void
kepil_enterprise_page_init (KepilEnterprisePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->risk_label = GTK_LABEL (g_object_ref_sink (gtk_label_new (NULL)));
  gtk_label_set_xalign (self->risk_label, 0);
  gtk_label_set_wrap (self->risk_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->risk_label), "title-4");
  gtk_widget_set_name (GTK_WIDGET (self->risk_label), "enterprise-risk");
  kepil_enterprise_page_set_evaluation (self, NULL);
}
