/* kepil-app-util.c — small helpers the window's classes share
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-app-private.h"
#include "kepil-risk.h"

char *
kepil_app_class_css (const char *klass)
{
  g_autofree char *k = g_strdup (klass != NULL ? klass : "");
  g_strdelimit (k, ".", '-');
  return g_strconcat ("class-", k, NULL);
}

GtkWidget *
kepil_app_class_badge (void)
{
  GtkWidget *l = gtk_label_new (NULL);
  gtk_widget_add_css_class (l, "class-badge");
  gtk_widget_set_halign (l, GTK_ALIGN_START);
  gtk_widget_set_valign (l, GTK_ALIGN_CENTER);
  return l;
}

void
kepil_app_class_badge_set (GtkWidget *badge, const char *klass)
{
  char *old = g_object_get_data (G_OBJECT (badge), "kepil-css");
  if (old != NULL)
    gtk_widget_remove_css_class (badge, old);
  if (klass == NULL || *klass == '\0')
    {
      gtk_label_set_text (GTK_LABEL (badge), "");
      gtk_widget_set_visible (badge, FALSE);
      g_object_set_data (G_OBJECT (badge), "kepil-css", NULL);
      return;
    }
  {
    char *css = kepil_app_class_css (klass);
    gtk_widget_add_css_class (badge, css);
    g_object_set_data_full (G_OBJECT (badge), "kepil-css", css, g_free);
  }
  gtk_label_set_text (GTK_LABEL (badge), klass);
  gtk_widget_set_visible (badge, TRUE);
}

const char *
kepil_app_level_name (const char *level)
{
  const char *msgid;
  if (level == NULL || *level == '\0')
    return "";
  msgid = kepil_risk_level_msgid (level);
  return msgid != NULL ? _(msgid) : level;
}

const char *
kepil_app_kind_name (const char *kind)
{
  static const struct { const char *key; const char *name; } kinds[] = {
    { "leave_days", N_("Additional leave, days") },
    { "leave", N_("Additional leave, days") },
    { "hours", N_("Working week, hours") },
    { "hours_per_week", N_("Working week, hours") },
    { "pay_percent", N_("Increased pay, %") },
    { "list1", N_("List No. 1 (state special allowance)") },
    { "list2", N_("List No. 2 (state special allowance)") },
    { "week_hours", N_("Working week, hours") },
    { "shortened_week", N_("Working week, hours") },
    { "pay_pct", N_("Increased pay, %") },
    { "pay", N_("Increased pay, %") },
    { "milk", N_("Milk") },
    { "lpp", N_("Therapeutic nutrition (LPP)") },
    { "oppv", N_("Pension contributions (OPPV 5 %)") },
    { "early_pension", N_("Early pension") },
    { "medical", N_("Periodic medical examination") },
    { "ppe", N_("PPE per norms") },
  };
  if (kind == NULL)
    return "";
  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kind, kinds[i].key))
      return _(kinds[i].name);
  return kind;
}

const char *
kepil_app_name (JsonObject *o)
{
  const char *kk = kepil_json_str (o, "name_kk", "");
  if (g_str_equal (kepil_i18n_language (), "kk") && *kk != '\0')
    return kk;
  return kepil_json_str (o, "name_ru", kepil_json_str (o, "name", ""));
}

char *
kepil_app_value_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("—");
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType t = json_node_get_value_type (node);
      if (t == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? _("yes") : _("no"));
      if (t == G_TYPE_INT64 || t == G_TYPE_DOUBLE)
        return kepil_format_number (json_node_get_double (node), 2);
      return g_strdup (json_node_get_string (node));
    }
  return kepil_json_to_string (node, FALSE);
}

void
kepil_app_clear_box (GtkWidget *box)
{
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

GtkWidget *
kepil_app_action_row_new (void)
{
  GtkWidget *row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  return row;
}

GtkWidget *
kepil_app_expander_row_new (void)
{
  GtkWidget *row = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  return row;
}

static gboolean app_read_only;

void
kepil_app_set_read_only (gboolean read_only)
{
  app_read_only = read_only;
}

gboolean
kepil_app_is_read_only (void)
{
  return app_read_only;
}

void
kepil_app_apply_read_only (GtkWidget *root)
{
  if (root == NULL)
    return;
  if (GTK_IS_SPIN_BUTTON (root) || GTK_IS_SEARCH_ENTRY (root))
    return;
  if (gtk_widget_has_css_class (root, "kepil-edit"))
    gtk_widget_set_visible (root, !app_read_only);
  else if (GTK_IS_EDITABLE (root) && !GTK_IS_TEXT (root))
    gtk_editable_set_editable (GTK_EDITABLE (root), !app_read_only);
  else if (GTK_IS_SWITCH (root) || GTK_IS_CHECK_BUTTON (root))
    gtk_widget_set_sensitive (root, !app_read_only);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    kepil_app_apply_read_only (c);
}

static gboolean
lazy_tooltip_cb (GtkWidget *w, int x, int y, gboolean keyboard, GtkTooltip *tooltip, gpointer data)
{
  const char *text = g_object_get_data (G_OBJECT (w), "kepil-tooltip");
  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Like gtk_widget_set_tooltip_text(), but the text is only read when the tooltip is about to show.
 * gtk_widget_set_tooltip_text() asks the display where the pointer is each time (a round trip to the
 * X server), which in rows bound by the thousand while scrolling or after a recompute adds up. */
void
kepil_app_set_tooltip (GtkWidget *w, const char *text)
{
  if (g_object_get_data (G_OBJECT (w), "kepil-tooltip-set") == NULL)
    {
      g_object_set_data (G_OBJECT (w), "kepil-tooltip-set", GINT_TO_POINTER (1));
      g_signal_connect (w, "query-tooltip", G_CALLBACK (lazy_tooltip_cb), NULL);
      gtk_widget_set_has_tooltip (w, TRUE);
    }
  g_object_set_data_full (G_OBJECT (w), "kepil-tooltip", g_strdup (text), g_free);
}
