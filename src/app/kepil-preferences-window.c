/* kepil-preferences-window.c — language, export language, author name, role
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-preferences-window.h"
#include "kepil-settings.h"
#include "kepil-i18n.h"

struct _KepilPreferencesWindow
{
  AdwPreferencesWindow   parent_instance;
  AdwPreferencesGroup   *general_group;
};

G_DEFINE_FINAL_TYPE (KepilPreferencesWindow, kepil_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char *const ui_langs[] = { "kk", "ru", "en", NULL };
static const char *const export_langs[] = { "kk", "ru", "kk+ru", NULL };
static const char *const roles[] = { "specialist", "commission", "inspector", NULL };

static void
save (KepilPreferencesWindow *self, const char *key, const char *value)
{
  g_autoptr (GError) error = NULL;
  if (!kepil_app_settings_set (key, value, &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

static void
on_combo_selected_cb (AdwComboRow *row, GParamSpec *p, KepilPreferencesWindow *self)
{
  const char *const *keys = g_object_get_data (G_OBJECT (row), "kepil-keys");
  const char *key = g_object_get_data (G_OBJECT (row), "kepil-key");
  save (self, key, keys[adw_combo_row_get_selected (row)]);
  if (g_str_equal (key, "language"))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                      adw_toast_new (_("The new language applies at the next start.")));
}

static void
on_name_apply_cb (AdwEntryRow *row, KepilPreferencesWindow *self)
{
  save (self, "user-name", gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
combo (KepilPreferencesWindow *self, const char *key, const char *title, const char *subtitle,
       const char *const *keys, const char *const *labels, const char *fallback)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr (GtkStringList) model = gtk_string_list_new (labels);
  g_autofree char *current = kepil_app_settings_get (key, fallback);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  for (guint i = 0; keys[i] != NULL; i++)
    if (g_str_equal (keys[i], current))
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
  g_object_set_data (G_OBJECT (row), "kepil-keys", (gpointer) keys);
  g_object_set_data (G_OBJECT (row), "kepil-key", (gpointer) key);
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_combo_selected_cb), self);
  adw_preferences_group_add (self->general_group, row);
}

static void
kepil_preferences_window_class_init (KepilPreferencesWindowClass *klass)
{
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);
  gtk_widget_class_set_template_from_resource (wc, "/kz/kepil/app/kepil-preferences-window.ui");
  gtk_widget_class_bind_template_child (wc, KepilPreferencesWindow, general_group);
}

static void
kepil_preferences_window_init (KepilPreferencesWindow *self)
{
  const char *ui_labels[] = { _("Kazakh"), _("Russian"), _("English"), NULL };
  const char *export_labels[] = { _("Kazakh"), _("Russian"), _("Kazakh and Russian side by side"), NULL };
  const char *role_labels[] = { _("OSH specialist (edits)"), _("Commission (edits and finalises)"),
                                _("Union inspector (reads, records findings)"), NULL };
  GtkWidget *name = adw_entry_row_new ();
  g_autofree char *user = kepil_app_settings_get ("user-name", g_get_real_name ());

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_title (GTK_WINDOW (self), _("Preferences"));
  adw_preferences_group_set_title (self->general_group, _("General"));
  combo (self, "language", _("Language of the window"), _("Applies at the next start"), ui_langs, ui_labels,
         kepil_i18n_language ());
  combo (self, "export-language", _("Language of exported documents"), NULL, export_langs, export_labels, "kk+ru");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), _("Your name for the audit log"));
  gtk_editable_set_text (GTK_EDITABLE (name), user);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (name), TRUE);
  g_signal_connect (name, "apply", G_CALLBACK (on_name_apply_cb), self);
  adw_preferences_group_add (self->general_group, name);
  combo (self, "role", _("Your role"), _("Applies when a database is opened"), roles, role_labels, "specialist");
}

KepilPreferencesWindow *
kepil_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (KEPIL_TYPE_PREFERENCES_WINDOW, "transient-for", parent, "modal", TRUE, NULL);
}
