/* kepil-enterprise-records.c — the enterprise page's records: campaigns and the commission,
 * yearly statistics (П2), occupational disease by profession (Z)
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-enterprise-page-private.h"

static const Choice campaign_kinds[] = {
  { "periodic", N_("Periodic") }, { "extraordinary", N_("Extraordinary") }, { "initial", N_("Initial") },
};
static const Choice campaign_statuses[] = {
  { "draft", N_("In progress") }, { "final", N_("Completed") },
};
/* The words of a campaign's kind and status (also shown by the export dialog). */
const char *
kepil_app_campaign_kind_name (const char *kind)
{
  return kepil_enterprise_choice_name (campaign_kinds, G_N_ELEMENTS (campaign_kinds), kind);
}

const char *
kepil_app_campaign_status_name (const char *status)
{
  return kepil_enterprise_choice_name (campaign_statuses, G_N_ELEMENTS (campaign_statuses), status);
}

static const Choice member_roles[] = {
  { "chairman", N_("Chairman") }, { "member", N_("Member") }, { "secretary", N_("Secretary") },
  { "union", N_("Union representative") },
};

static const char *
role_name (const char *role)
{
  return kepil_enterprise_choice_name (member_roles, G_N_ELEMENTS (member_roles), role);
}

/* One record of statistics per year: say so in words before the database refuses it. */
gboolean
kepil_enterprise_year_free (KepilEnterprisePage *self, gint64 year, gint64 except_id, GError **error)
{
  g_autoptr (GPtrArray) stats = kepil_entity_list (kepil_undo_get_db (self->undo), "enterprise_stats", "enterprise_id",
                                                   self->enterprise_id, error);
  if (stats == NULL)
    return FALSE;
  for (guint i = 0; i < stats->len; i++)
    {
      JsonObject *s = g_ptr_array_index (stats, i);
      if (kepil_json_int (s, "year", 0) == year && kepil_json_int (s, "id", 0) != except_id)
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_CONSTRAINT,
                       _("The statistics of %d are already there; change them above."), (int) year);
          return FALSE;
        }
    }
  return TRUE;
}

/* ---- campaigns and the commission ---------------------------------------------------------- */

static gint64
add_campaign (KepilEnterprisePage *self, GtkWidget *row, const char *text, GError **error)
{
  g_autoptr (JsonObject) v = json_object_new ();
  g_autofree char *today = kepil_today_iso ();

  json_object_set_int_member (v, "enterprise_id", self->enterprise_id);
  json_object_set_string_member (v, "order_no", text);
  json_object_set_string_member (v, "order_date", today);
  json_object_set_string_member (v, "kind", "periodic");
  json_object_set_string_member (v, "status", "draft");
  return kepil_undo_insert (self->undo, "campaign", v, error);
}

static gint64
add_member (KepilEnterprisePage *self, GtkWidget *row, const char *text, GError **error)
{
  gint64 campaign = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "kepil-parent"));
  g_autoptr (GPtrArray) members = kepil_entity_list (kepil_undo_get_db (self->undo), "commission_member",
                                                     "campaign_id", campaign, error);
  g_autoptr (JsonObject) v = json_object_new ();
  gint64 last = 0;

  if (members == NULL)
    return 0;
  for (guint i = 0; i < members->len; i++)
    last = MAX (last, kepil_json_int (g_ptr_array_index (members, i), "sort_order", 0));
  json_object_set_int_member (v, "campaign_id", campaign);
  json_object_set_string_member (v, "full_name", text);
  json_object_set_string_member (v, "role", "member");
  json_object_set_int_member (v, "sort_order", last + 1);
  return kepil_undo_insert (self->undo, "commission_member", v, error);
}

static int
compare_members (gconstpointer a, gconstpointer b)
{
  JsonObject *x = *(JsonObject **) a, *y = *(JsonObject **) b;
  gint64 d = kepil_json_int (x, "sort_order", 0) - kepil_json_int (y, "sort_order", 0);
  if (d == 0)
    d = kepil_json_int (x, "id", 0) - kepil_json_int (y, "id", 0);
  return d < 0 ? -1 : d > 0;
}

static void
build_commission (KepilEnterprisePage *self, KepilDb *db, JsonObject *c)
{
  static const Field fields[] = {
    { "full_name", N_("Full name"), FIELD_TEXT, 0, 0, TRUE },
    { "position", N_("Position"), FIELD_TEXT, 0, 0, FALSE },
  };
  static const Field order_field = { "sort_order", N_("Place in the signature list"), FIELD_COUNT, 0, G_MAXINT64, FALSE };
  gint64 cid = kepil_json_int (c, "id", 0);
  g_autoptr (GPtrArray) members = kepil_entity_list (db, "commission_member", "campaign_id", cid, NULL);
  g_autofree char *date = kepil_format_date (kepil_json_str (c, "order_date", ""));
  const char *no = kepil_json_str (c, "order_no", "");
  g_autofree char *title = g_strdup_printf (_("Attestation commission, order No. %s of %s"), *no != '\0' ? no : "—", date);
  g_autofree char *add_key = g_strdup_printf ("commission_member-add-%" G_GINT64_FORMAT, cid);
  GtkWidget *g = kepil_enterprise_group (self, title, _("The chairman, the members and the secretary sign the final act."));

  if (members != NULL)
    g_ptr_array_sort (members, compare_members);
  for (guint m = 0; members != NULL && m < members->len; m++)
    {
      JsonObject *mem = g_ptr_array_index (members, m);
      gint64 id = kepil_json_int (mem, "id", 0);
      const char *name = kepil_json_str (mem, "full_name", "");
      const char *position = kepil_json_str (mem, "position", "");
      g_autofree char *sub = *position != '\0' ? g_strdup_printf ("%s · %s", role_name (kepil_json_str (mem, "role", "")), position)
                                               : g_strdup (role_name (kepil_json_str (mem, "role", "")));
      GtkWidget *row = kepil_enterprise_expander (self, "commission_member", id, *name != '\0' ? name : _("Name not given"), sub);
      g_autofree char *body = g_strdup_printf (_("%s will be removed from the commission. Ctrl+Z brings the record back."),
                                               *name != '\0' ? name : _("Name not given"));

      kepil_enterprise_add_fields (self, row, "commission_member", id, mem, fields, G_N_ELEMENTS (fields));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                kepil_enterprise_choice_row (self, "commission_member", id, mem, "role", _("Role in the commission"),
                                            member_roles, G_N_ELEMENTS (member_roles)));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), kepil_enterprise_entry_row (self, "commission_member", id, mem, &order_field));
      kepil_enterprise_add_delete_button (self, row, "commission_member", id, _("Remove from the commission"),
                         _("Remove the commission member?"), body);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g),
                             kepil_enterprise_add_row (self, add_key, "commission_member", _("New member: full name"), add_member, cid));
}

void
kepil_enterprise_build_campaigns (KepilEnterprisePage *self, KepilDb *db)
{
  static const Field fields[] = {
    { "order_no", N_("Order number"), FIELD_TEXT, 0, 0, TRUE },
    { "order_date", N_("Order date"), FIELD_DATE, 0, 0, TRUE },
    { "organisation", N_("Accredited organisation"), FIELD_TEXT, 0, 0, FALSE },
    { "certificate_no", N_("Accreditation certificate number"), FIELD_TEXT, 0, 0, FALSE },
    { "certificate_valid_to", N_("Certificate valid until"), FIELD_DATE, 0, 0, FALSE },
    { "measured_from", N_("Measurements from"), FIELD_DATE, 0, 0, FALSE },
    { "measured_to", N_("Measurements until"), FIELD_DATE, 0, 0, FALSE },
    { "completed_on", N_("Completed on"), FIELD_DATE, 0, 0, FALSE },
  };
  g_autoptr (GPtrArray) campaigns = kepil_entity_list (db, "campaign", "enterprise_id", self->enterprise_id, NULL);
  GtkWidget *g = kepil_enterprise_group (self, _("Attestation campaigns"),
                        _("Each value is saved when you press the tick; Ctrl+Z undoes the last change."));

  for (guint i = 0; campaigns != NULL && i < campaigns->len; i++)
    {
      JsonObject *c = g_ptr_array_index (campaigns, i);
      gint64 id = kepil_json_int (c, "id", 0);
      g_autofree char *date = kepil_format_date (kepil_json_str (c, "order_date", ""));
      const char *no = kepil_json_str (c, "order_no", "");
      g_autofree char *title = g_strdup_printf (_("Order No. %s of %s"), *no != '\0' ? no : "—", date);
      const char *org = kepil_json_str (c, "organisation", "");
      const char *status = kepil_enterprise_choice_name (campaign_statuses, G_N_ELEMENTS (campaign_statuses), kepil_json_str (c, "status", ""));
      g_autofree char *sub = *org != '\0' ? g_strdup_printf ("%s · %s", status, org) : g_strdup (status);
      g_autofree char *body = g_strdup_printf (_("Order No. %s of %s will be deleted with its commission. Measurements stay "
                                                 "but lose the link to the campaign. Ctrl+Z brings it all back."),
                                               *no != '\0' ? no : "—", date);
      GtkWidget *row = kepil_enterprise_expander (self, "campaign", id, title, sub);

      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                kepil_enterprise_choice_row (self, "campaign", id, c, "kind", _("Kind of attestation"),
                                            campaign_kinds, G_N_ELEMENTS (campaign_kinds)));
      kepil_enterprise_add_fields (self, row, "campaign", id, c, fields, G_N_ELEMENTS (fields));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                kepil_enterprise_choice_row (self, "campaign", id, c, "status", _("Status"),
                                            campaign_statuses, G_N_ELEMENTS (campaign_statuses)));
      kepil_enterprise_add_delete_button (self, row, "campaign", id, _("Delete the campaign"),
                         _("Delete the attestation campaign?"), body);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g),
                             kepil_enterprise_add_row (self, "campaign-add", "campaign", _("New campaign: order number"), add_campaign, 0));
  for (guint i = 0; campaigns != NULL && i < campaigns->len; i++)
    build_commission (self, db, g_ptr_array_index (campaigns, i));
}

/* ---- yearly statistics (П2) ------------------------------------------------------------- */

static gint64
add_year (KepilEnterprisePage *self, GtkWidget *row, const char *text, GError **error)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  g_autoptr (JsonObject) v = json_object_new ();
  gint64 year;

  if (!kepil_parse_count (text, title, 1990, 2100, &year, error) || !kepil_enterprise_year_free (self, year, 0, error))
    return 0;
  json_object_set_int_member (v, "enterprise_id", self->enterprise_id);
  json_object_set_int_member (v, "year", year);
  return kepil_undo_insert (self->undo, "enterprise_stats", v, error);
}

static int
compare_years (gconstpointer a, gconstpointer b)
{
  gint64 d = kepil_json_int (*(JsonObject **) a, "year", 0) - kepil_json_int (*(JsonObject **) b, "year", 0);
  return d < 0 ? -1 : d > 0;
}

void
kepil_enterprise_update_stats_description (KepilEnterprisePage *self)
{
  g_autofree char *d = NULL;
  if (self->stats_group == NULL)
    return;
  if (self->p2_how != NULL && *self->p2_how != '\0')
    d = g_strdup_printf (_("P2 is computed from the latest year. %s"), self->p2_how);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->stats_group),
                                         d != NULL ? d : _("P2 is computed from the latest year."));
}

void
kepil_enterprise_build_stats (KepilEnterprisePage *self, KepilDb *db)
{
  static const Field fields[] = {
    { "year", N_("Year"), FIELD_COUNT, 1990, 2100, FALSE },
    { "average_headcount", N_("Average headcount"), FIELD_COUNT, 0, G_MAXINT64, FALSE },
    { "accidents", N_("Accidents at work"), FIELD_COUNT, 0, G_MAXINT64, FALSE },
    { "fatal_accidents", N_("Of them fatal"), FIELD_COUNT, 0, G_MAXINT64, FALSE },
    { "disease_cases", N_("Occupational disease cases"), FIELD_COUNT, 0, G_MAXINT64, FALSE },
    { "days_lost", N_("Days lost"), FIELD_COUNT, 0, G_MAXINT64, FALSE },
  };
  g_autoptr (GPtrArray) stats = kepil_entity_list (db, "enterprise_stats", "enterprise_id", self->enterprise_id, NULL);
  GtkWidget *g = kepil_enterprise_group (self, _("Yearly statistics (P2)"), NULL);

  self->stats_group = g;
  kepil_enterprise_update_stats_description (self);
  if (stats != NULL)
    g_ptr_array_sort (stats, compare_years);
  for (guint i = 0; stats != NULL && i < stats->len; i++)
    {
      JsonObject *s = g_ptr_array_index (stats, i);
      gint64 id = kepil_json_int (s, "id", 0), year = kepil_json_int (s, "year", 0);
      g_autofree char *title = g_strdup_printf ("%" G_GINT64_FORMAT, year);
      g_autofree char *sub = g_strdup_printf (_("average headcount %ld; accidents %ld"
                                                ", fatal %ld; occupational disease cases %ld"
                                                "; days lost %ld"),
                                              kepil_json_int (s, "average_headcount", 0), kepil_json_int (s, "accidents", 0),
                                              kepil_json_int (s, "fatal_accidents", 0), kepil_json_int (s, "disease_cases", 0),
                                              kepil_json_int (s, "days_lost", 0));
      g_autofree char *heading = g_strdup_printf (_("Delete the statistics of %d?"), (int) year);
      GtkWidget *row = kepil_enterprise_expander (self, "enterprise_stats", id, title, sub);

      kepil_enterprise_add_fields (self, row, "enterprise_stats", id, s, fields, G_N_ELEMENTS (fields));
      kepil_enterprise_add_delete_button (self, row, "enterprise_stats", id, _("Delete the year"), heading,
                         _("P2 is computed from the latest year. Ctrl+Z brings the record back."));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g),
                             kepil_enterprise_add_row (self, "enterprise_stats-add", "enterprise_stats", _("Add a year"), add_year, 0));
}

/* ---- occupational disease by profession (Z of each workplace) ---------------------------- */

/* The professions of the enterprise's workplaces, in the order of the profession list. */
GPtrArray *
kepil_enterprise_professions (KepilDb *db, gint64 enterprise_id)
{
  g_autoptr (GPtrArray) units = kepil_entity_list (db, "unit", "enterprise_id", enterprise_id, NULL);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GPtrArray) profs = kepil_entity_list (db, "profession", NULL, 0, NULL);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = 0; units != NULL && i < units->len; i++)
    {
      g_autoptr (GPtrArray) wps = kepil_entity_list (db, "workplace", "unit_id",
                                                     kepil_json_int (g_ptr_array_index (units, i), "id", 0), NULL);
      for (guint k = 0; wps != NULL && k < wps->len; k++)
        {
          gint64 pid = kepil_json_int (g_ptr_array_index (wps, k), "profession_id", 0);
          if (!g_hash_table_contains (seen, &pid))
            g_hash_table_add (seen, g_memdup2 (&pid, sizeof pid));
        }
    }
  for (guint i = 0; profs != NULL && i < profs->len; i++)
    {
      gint64 pid = kepil_json_int (g_ptr_array_index (profs, i), "id", 0);
      if (g_hash_table_contains (seen, &pid))
        g_ptr_array_add (out, json_object_ref (g_ptr_array_index (profs, i)));
    }
  return out;
}

static void
on_profession_add_clicked_cb (GtkButton *b, KepilEnterprisePage *self)
{
  AdwComboRow *row = g_object_get_data (G_OBJECT (b), "kepil-combo");
  GArray *ids = g_object_get_data (G_OBJECT (row), "kepil-ids");
  guint sel = adw_combo_row_get_selected (row);
  g_autoptr (JsonObject) v = json_object_new ();
  g_autoptr (GError) error = NULL;
  gint64 id;

  if (ids == NULL || sel >= ids->len)
    return;
  json_object_set_int_member (v, "profession_id", g_array_index (ids, gint64, sel));
  json_object_set_int_member (v, "disease_cases_5y", 0);
  json_object_set_int_member (v, "workers", 0);
  id = kepil_undo_insert (self->undo, "profession_stats", v, &error);
  if (id == 0)
    {
      kepil_enterprise_toast (self, error->message);
      return;
    }
  g_hash_table_add (self->expanded, g_strdup_printf ("profession_stats-%" G_GINT64_FORMAT, id));
  kepil_enterprise_schedule_rebuild (self);
}

void
kepil_enterprise_build_profession_stats (KepilEnterprisePage *self, KepilDb *db)
{
  static const Field fields[] = {
    { "disease_cases_5y", N_("New occupational disease cases in 5 years"), FIELD_COUNT, 0, G_MAXINT64, FALSE },
    { "workers", N_("Workers of the profession"), FIELD_COUNT, 0, G_MAXINT64, FALSE },
  };
  g_autoptr (GPtrArray) profs = kepil_enterprise_professions (db, self->enterprise_id);
  g_autoptr (GPtrArray) stats = kepil_entity_list (db, "profession_stats", NULL, 0, NULL);
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkWidget *g = kepil_enterprise_group (self, _("Occupational disease by profession"),
                        _("The score Z of each workplace comes from the statistics of its profession."));
  GtkWidget *add, *button;

  for (guint i = 0; i < profs->len; i++)
    {
      JsonObject *p = g_ptr_array_index (profs, i);
      gint64 pid = kepil_json_int (p, "id", 0);
      JsonObject *st = NULL;
      for (guint k = 0; stats != NULL && k < stats->len && st == NULL; k++)
        if (kepil_json_int (g_ptr_array_index (stats, k), "profession_id", 0) == pid)
          st = g_ptr_array_index (stats, k);
      if (st == NULL)
        {
          gtk_string_list_append (names, kepil_app_name (p));
          g_array_append_val (ids, pid);
          continue;
        }
      {
        gint64 id = kepil_json_int (st, "id", 0);
        g_autofree char *sub = g_strdup_printf (_("%ld cases in 5 years among %ld workers"),
                                                kepil_json_int (st, "disease_cases_5y", 0), kepil_json_int (st, "workers", 0));
        g_autofree char *heading = g_strdup_printf (_("Delete the statistics of “%s”?"), kepil_app_name (p));
        GtkWidget *row = kepil_enterprise_expander (self, "profession_stats", id, kepil_app_name (p), sub);
        kepil_enterprise_add_fields (self, row, "profession_stats", id, st, fields, G_N_ELEMENTS (fields));
        kepil_enterprise_add_delete_button (self, row, "profession_stats", id, _("Delete the statistics"), heading,
                           _("Without them Z of the profession's workplaces is scored as having no statistics. "
                             "Ctrl+Z brings the record back."));
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
      }
    }
  if (ids->len == 0)
    {
      g_array_unref (ids);
      return;
    }
  add = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add), _("Add statistics for"));
  {
    g_autoptr (GtkListItemFactory) factory = kepil_enterprise_choice_factory ();
    adw_combo_row_set_factory (ADW_COMBO_ROW (add), factory);
  }
  adw_combo_row_set_model (ADW_COMBO_ROW (add), G_LIST_MODEL (names));
  kepil_enterprise_set_key (add, "profession_stats-add");
  g_object_set_data_full (G_OBJECT (add), "kepil-ids", ids, (GDestroyNotify) g_array_unref);
  button = gtk_button_new_with_label (_("Add"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  kepil_enterprise_set_key (button, "profession_stats-add-button");
  g_object_set_data (G_OBJECT (button), "kepil-combo", add);
  g_signal_connect (button, "clicked", G_CALLBACK (on_profession_add_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (add), button);
  gtk_widget_add_css_class (add, "kepil-add-row");
  gtk_widget_set_sensitive (add, !kepil_app_is_read_only ());
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), add);
}
