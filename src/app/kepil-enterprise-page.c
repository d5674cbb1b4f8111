/* kepil-enterprise-page.c — the enterprise: details, settings, campaigns, statistics, checklist
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-enterprise-page.h"
#include "kepil-app-private.h"
#if defined(__has_include)
# if __has_include("kepil-methodology.h")
#  include "kepil-methodology.h"
#  define KEPIL_HAVE_METHODOLOGY 1
#  pragma weak kepil_methodology_default_json
# endif
#endif

struct _KepilEnterprisePage
{
  AdwBin      parent_instance;
  GtkBox     *groups;
  GtkLabel   *risk_label;
  KepilUndo  *undo;
  gint64      enterprise_id;
};

G_DEFINE_FINAL_TYPE (KepilEnterprisePage, kepil_enterprise_page, ADW_TYPE_BIN)

typedef struct { const char *field; const char *title; gboolean number; } Field;

static void
toast (KepilEnterprisePage *self, const char *text)
{
  GtkWidget *w = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (w != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (w), adw_toast_new (text));
}

/* Saves one field of one record as soon as the user applies the row. */
static void
on_entry_row_apply_cb (AdwEntryRow *row, KepilEnterprisePage *self)
{
  const char *entity = g_object_get_data (G_OBJECT (row), "kepil-entity");
  const char *field = g_object_get_data (G_OBJECT (row), "kepil-field");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "kepil-id"));
  gboolean number = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "kepil-number"));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr (JsonObject) v = json_object_new ();
  g_autoptr (GError) error = NULL;

  if (number)
    {
      double d;
      if (!kepil_parse_number (text, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), &d, &error))
        {
          gtk_widget_add_css_class (GTK_WIDGET (row), "error");
          toast (self, error->message);
          return;
        }
      if (d == (double) (gint64) d && g_str_equal (field, "shifts_per_year"))
        json_object_set_int_member (v, field, (gint64) d);
      else
        json_object_set_double_member (v, field, d);
    }
  else
    json_object_set_string_member (v, field, text);
  if (!kepil_undo_update (self->undo, entity, id, v, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      toast (self, error->message);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static GtkWidget *
entry_row (KepilEnterprisePage *self, const char *entity, gint64 id, JsonObject *rec, const Field *f)
{
  GtkWidget *row = adw_entry_row_new ();
  JsonNode *n = json_object_get_member (rec, f->field);
  g_autofree char *text = NULL;

  if (n != NULL && !JSON_NODE_HOLDS_NULL (n))
    text = f->number ? kepil_format_number (json_node_get_double (n), 4) : g_strdup (json_node_get_string (n));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), f->title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "kepil-entity", (gpointer) g_intern_string (entity));
  g_object_set_data (G_OBJECT (row), "kepil-field", (gpointer) g_intern_string (f->field));
  g_object_set_data (G_OBJECT (row), "kepil-id", GSIZE_TO_POINTER ((gsize) id));
  g_object_set_data (G_OBJECT (row), "kepil-number", GINT_TO_POINTER (f->number));
  g_signal_connect (row, "apply", G_CALLBACK (on_entry_row_apply_cb), self);
  return row;
}

static GtkWidget *
group (KepilEnterprisePage *self, const char *title, const char *description)
{
  GtkWidget *g = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (g), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (g), description);
  gtk_box_append (self->groups, g);
  return g;
}

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
    toast (self, error->message);
}

static const char *
role_name (const char *role)
{
  if (g_str_equal (role, "chairman")) return _("Chairman");
  if (g_str_equal (role, "secretary")) return _("Secretary");
  if (g_str_equal (role, "union")) return _("Union representative");
  return _("Member");
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
    g = group (self, t, _("Switch on each requirement the enterprise meets."));
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
      g_signal_connect (sw, "notify::active", G_CALLBACK (on_checklist_switch_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
    }
}

void
kepil_enterprise_page_set_undo (KepilEnterprisePage *self, KepilUndo *undo)
{
  KepilDb *db = undo != NULL ? kepil_undo_get_db (undo) : NULL;
  g_autoptr (GPtrArray) ents = NULL, campaigns = NULL, stats = NULL;
  JsonObject *e;
  GtkWidget *g;
  static const Field details[] = {
    { "name_ru", N_("Name in Russian"), FALSE }, { "name_kk", N_("Name in Kazakh"), FALSE },
    { "bin", N_("BIN"), FALSE }, { "address", N_("Address"), FALSE },
  };
  static const Field settings[] = {
    { "sector", N_("Sector"), FALSE }, { "sector_coefficient", N_("Sectoral pay coefficient"), TRUE },
    { "ca_pay_percent", N_("Pay supplement of the collective agreement, %"), TRUE },
    { "average_wage", N_("Average monthly wage, ₸"), TRUE }, { "milk_price", N_("Milk price per litre, ₸"), TRUE },
    { "lpp_ration_cost", N_("Therapeutic ration cost per shift, ₸"), TRUE },
    { "shifts_per_year", N_("Shifts per year"), TRUE },
  };
  static const Field method[] = {
    { "norm_set", N_("Norm set"), FALSE }, { "methodology", N_("Risk methodology"), FALSE },
  };

  g_set_object (&self->undo, undo);
  kepil_app_clear_box (GTK_WIDGET (self->groups));
  self->enterprise_id = 0;
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
  g = group (self, _("Details"), NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (details); i++)
    {
      Field f = details[i];
      f.title = _(details[i].title);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), entry_row (self, "enterprise", self->enterprise_id, e, &f));
    }
  g = group (self, _("Settings and cost parameters"), _("Each value is saved when you press the tick."));
  for (gsize i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      Field f = settings[i];
      f.title = _(settings[i].title);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), entry_row (self, "enterprise", self->enterprise_id, e, &f));
    }
  g = group (self, _("Norm set and methodology"), _("Every act and comparison names them."));
  for (gsize i = 0; i < G_N_ELEMENTS (method); i++)
    {
      Field f = method[i];
      f.title = _(method[i].title);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), entry_row (self, "enterprise", self->enterprise_id, e, &f));
    }

  campaigns = kepil_entity_list (db, "campaign", "enterprise_id", self->enterprise_id, NULL);
  g = group (self, _("Attestation campaigns and commission"), NULL);
  for (guint i = 0; campaigns != NULL && i < campaigns->len; i++)
    {
      JsonObject *c = g_ptr_array_index (campaigns, i);
      GtkWidget *row = kepil_app_expander_row_new ();
      g_autofree char *date = kepil_format_date (kepil_json_str (c, "order_date", ""));
      g_autofree char *title = g_strdup_printf (_("Order No. %s of %s"), kepil_json_str (c, "order_no", ""), date);
      g_autoptr (GPtrArray) members = kepil_entity_list (db, "commission_member", "campaign_id",
                                                         kepil_json_int (c, "id", 0), NULL);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), kepil_json_str (c, "organisation", ""));
      for (guint m = 0; members != NULL && m < members->len; m++)
        {
          JsonObject *mem = g_ptr_array_index (members, m);
          GtkWidget *mr = kepil_app_action_row_new ();
          g_autofree char *sub = g_strdup_printf ("%s · %s", role_name (kepil_json_str (mem, "role", "")),
                                                  kepil_json_str (mem, "position", ""));
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (mr), kepil_json_str (mem, "full_name", ""));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (mr), sub);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), mr);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
    }

  stats = kepil_entity_list (db, "enterprise_stats", "enterprise_id", self->enterprise_id, NULL);
  g = group (self, _("Yearly statistics (P2)"), NULL);
  for (guint i = 0; stats != NULL && i < stats->len; i++)
    {
      JsonObject *s = g_ptr_array_index (stats, i);
      GtkWidget *row = kepil_app_action_row_new ();
      g_autofree char *title = g_strdup_printf ("%ld", kepil_json_int (s, "year", 0));
      g_autofree char *sub = g_strdup_printf (_("average headcount %ld; accidents %ld"
                                                ", fatal %ld; occupational disease cases %ld"
                                                "; days lost %ld"),
                                              kepil_json_int (s, "average_headcount", 0), kepil_json_int (s, "accidents", 0),
                                              kepil_json_int (s, "fatal_accidents", 0), kepil_json_int (s, "disease_cases", 0),
                                              kepil_json_int (s, "days_lost", 0));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
    }
  build_checklist (self, db);
  kepil_app_apply_read_only (GTK_WIDGET (self));
}

void
kepil_enterprise_page_set_evaluation (KepilEnterprisePage *self, JsonObject *evaluation)
{
  JsonNode *n = evaluation != NULL ? json_object_get_member (evaluation, "enterprises") : NULL;
  JsonArray *a = n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
  JsonObject *e = a != NULL && json_array_get_length (a) > 0 ? json_array_get_object_element (a, 0) : NULL;
  g_autofree char *t = NULL;

  if (e == NULL)
    {
      gtk_label_set_text (self->risk_label, _("The enterprise's risk is not computed."));
      return;
    }
  {
    g_autofree char *p1 = kepil_format_number (kepil_json_double (e, "p1", 0), 2);
    g_autofree char *p2 = kepil_format_number (kepil_json_double (e, "p2", 0), 2);
    g_autofree char *p3 = kepil_format_number (kepil_json_double (e, "p3", 0), 2);
    g_autofree char *p = kepil_format_number (kepil_json_double (e, "p", 0), 2);
    t = g_strdup_printf (_("Enterprise risk P = P1 + P2 + P3 = %s + %s + %s = %s, level: %s"), p1, p2, p3, p,
                         kepil_app_level_name (kepil_json_str (e, "level", "")));
  }
  gtk_label_set_text (self->risk_label, t);
}

static void
kepil_enterprise_page_dispose (GObject *o)
{
  KepilEnterprisePage *self = KEPIL_ENTERPRISE_PAGE (o);
  g_clear_object (&self->undo);
  g_clear_object (&self->risk_label);
  gtk_widget_dispose_template (GTK_WIDGET (self), KEPIL_TYPE_ENTERPRISE_PAGE);
  G_OBJECT_CLASS (kepil_enterprise_page_parent_class)->dispose (o);
}

static void
kepil_enterprise_page_class_init (KepilEnterprisePageClass *klass)
{
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = kepil_enterprise_page_dispose;
  gtk_widget_class_set_template_from_resource (wc, "/kz/kepil/app/kepil-enterprise-page.ui");
  gtk_widget_class_bind_template_child (wc, KepilEnterprisePage, groups);
}

static void
kepil_enterprise_page_init (KepilEnterprisePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->risk_label = GTK_LABEL (g_object_ref_sink (gtk_label_new (NULL)));
  gtk_label_set_xalign (self->risk_label, 0);
  gtk_label_set_wrap (self->risk_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->risk_label), "title-4");
  kepil_enterprise_page_set_evaluation (self, NULL);
}
