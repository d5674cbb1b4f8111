/* kepil-reference-page.c — browse and search the Lists, the norm sets and the methodologies
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-reference-page.h"
#include "kepil-app-private.h"
#if defined(__has_include)
# if __has_include("kepil-lists.h") && __has_include("kepil-norms.h") && __has_include("kepil-methodology.h")
#  include "kepil-lists.h"
#  include "kepil-norms.h"
#  include "kepil-methodology.h"
#  define KEPIL_HAVE_REFERENCE 1
#  pragma weak kepil_lists_names
#  pragma weak kepil_lists_show
#  pragma weak kepil_norms_list
#  pragma weak kepil_norms_copy
#  pragma weak kepil_methodology_list
#  pragma weak kepil_methodology_copy
# endif
#endif

struct _KepilReferencePage
{
  AdwBin          parent_instance;
  GtkBox         *toolbar;
  GtkSearchEntry *search_entry;
  GtkListBox     *rows;
  GtkLabel       *count_label;
  GtkDropDown    *source;
  KepilDb        *db;
  guint           n_lists;
};

G_DEFINE_FINAL_TYPE (KepilReferencePage, kepil_reference_page, ADW_TYPE_BIN)

/* Enough rows to read; the search narrows the rest. */
#define MAX_ROWS 300

static void
toast (KepilReferencePage *self, const char *text)
{
  GtkWidget *w = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (w != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (w), adw_toast_new (text));
}

static gboolean
matches (const char *needle, const char *a, const char *b)
{
  g_autofree char *x = NULL, *y = NULL;
  if (needle == NULL || *needle == '\0')
    return TRUE;
  x = g_utf8_casefold (a != NULL ? a : "", -1);
  y = g_utf8_casefold (b != NULL ? b : "", -1);
  return strstr (x, needle) != NULL || strstr (y, needle) != NULL;
}

static void
on_copy_clicked_cb (GtkButton *b, KepilReferencePage *self)
{
  const char *kind = g_object_get_data (G_OBJECT (b), "kepil-kind");
  const char *spec = g_object_get_data (G_OBJECT (b), "kepil-spec");
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_strdup_printf (_("%s (own copy)"), (const char *) g_object_get_data (G_OBJECT (b), "kepil-name"));
  g_autofree char *msg = NULL;

#ifdef KEPIL_HAVE_REFERENCE
  if (g_str_equal (kind, "norms") && kepil_norms_copy != NULL)
    {
      int v = kepil_norms_copy (self->db, spec, name, &error);
      if (v > 0)
        msg = g_strdup_printf (_("Copied as “%s”, version %d; choose it on the enterprise page."), name, v);
    }
  else if (kepil_methodology_copy != NULL)
    {
      g_autoptr (JsonObject) edits = json_object_new ();
      g_autofree char *label = NULL;
      if (kepil_methodology_copy (self->db, spec, name, edits, &label, &error))
        msg = g_strdup_printf (_("Copied as “%s”; choose it on the enterprise page."), label);
    }
#endif
  if (msg == NULL && error == NULL)
    g_set_error (&error, KEPIL_ERROR, KEPIL_ERROR_FAILED, _("This build cannot copy %s."), kind);
  toast (self, error != NULL ? error->message : msg);
  kepil_reference_page_show (self, gtk_drop_down_get_selected (self->source),
                             gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
add_row (KepilReferencePage *self, const char *title, const char *subtitle, const char *kind, const char *spec,
         const char *name)
{
  GtkWidget *row = kepil_app_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  if (kind != NULL)
    {
      GtkWidget *b = gtk_button_new_with_label (_("Copy to edit"));
      gtk_widget_set_valign (b, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (b), "kepil-kind", g_strdup (kind), g_free);
      g_object_set_data_full (G_OBJECT (b), "kepil-spec", g_strdup (spec), g_free);
      g_object_set_data_full (G_OBJECT (b), "kepil-name", g_strdup (name), g_free);
      g_signal_connect (b, "clicked", G_CALLBACK (on_copy_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), b);
    }
  gtk_list_box_append (self->rows, row);
}

guint
kepil_reference_page_show (KepilReferencePage *self, guint pos, const char *search)
{
  g_autofree char *needle = g_utf8_casefold (search != NULL ? search : "", -1);
  g_autoptr (GError) error = NULL;
  guint shown = 0, total = 0;

  kepil_app_clear_box (GTK_WIDGET (self->rows));
  if (self->db == NULL)
    return 0;
#ifdef KEPIL_HAVE_REFERENCE
  if (pos < self->n_lists)
    {
      const char *list = kepil_lists_names ()[pos];
      g_autoptr (JsonObject) o = kepil_lists_show != NULL ? kepil_lists_show (self->db, list, &error) : NULL;
      JsonNode *n = o != NULL ? json_object_get_member (o, "entries") : NULL;
      JsonArray *a = n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
      for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
        {
          JsonObject *e = json_array_get_object_element (a, i);
          const char *ru = kepil_json_str (e, "name_ru", ""), *kk = kepil_json_str (e, "name_kk", "");
          if (!matches (needle, ru, kk))
            continue;
          total++;
          if (shown < MAX_ROWS)
            {
              g_autofree char *sub = g_strdup_printf (_("Section %s · leave %s d · week %s h"),
                                                      kepil_json_str (e, "section", "—"),
                                                      kepil_app_value_text (json_object_get_member (e, "leave_days")),
                                                      kepil_app_value_text (json_object_get_member (e, "hours_per_week")));
              add_row (self, g_str_equal (kepil_i18n_language (), "kk") && *kk ? kk : ru, sub, NULL, NULL, NULL);
              shown++;
            }
        }
    }
  else if (pos == self->n_lists)
    {
      g_autoptr (GPtrArray) sets = kepil_norms_list != NULL ? kepil_norms_list (self->db, &error) : NULL;
      for (guint i = 0; sets != NULL && i < sets->len; i++)
        {
          JsonObject *s = g_ptr_array_index (sets, i);
          const char *name = kepil_json_str (s, "name", "");
          g_autofree char *spec = g_strdup_printf ("%s@%ld", name, kepil_json_int (s, "version", 1));
          g_autofree char *sub = g_strdup_printf (_("%s · %ld rows · %s"), kepil_json_str (s, "status", ""),
                                                  kepil_json_int (s, "rows", 0), kepil_json_str (s, "legal_basis", ""));
          if (!matches (needle, spec, sub))
            continue;
          total++;
          shown++;
          add_row (self, spec, sub, "norms", spec, name);
        }
    }
  else
    {
      g_autoptr (GPtrArray) ms = kepil_methodology_list != NULL ? kepil_methodology_list (self->db, &error) : NULL;
      for (guint i = 0; ms != NULL && i < ms->len; i++)
        {
          JsonObject *m = g_ptr_array_index (ms, i);
          const char *label = kepil_json_str (m, "label", "");
          g_autofree char *spec = g_strdup_printf ("%s@%ld", kepil_json_str (m, "name", ""),
                                                   kepil_json_int (m, "version", 1));
          g_autofree char *sub = g_strdup_printf (_("made %s by %s"), kepil_json_str (m, "created_at", ""),
                                                  kepil_json_str (m, "created_by", ""));
          if (!matches (needle, label, sub))
            continue;
          total++;
          shown++;
          add_row (self, label, sub, "methodology", spec, kepil_json_str (m, "name", ""));
        }
    }
#endif
  if (error != NULL)
    toast (self, error->message);
  {
    g_autofree char *t = shown < total ? g_strdup_printf (_("%u of %u shown; search to narrow"), shown, total)
                                       : g_strdup_printf (ngettext ("%u row", "%u rows", total), total);
    gtk_label_set_text (self->count_label, t);
  }
  return shown;
}

static void
refresh (KepilReferencePage *self)
{
  kepil_reference_page_show (self, gtk_drop_down_get_selected (self->source),
                             gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_search_entry_search_changed_cb (GtkSearchEntry *e, KepilReferencePage *self)
{
  refresh (self);
}

static void
on_source_selected_cb (GObject *o, GParamSpec *p, KepilReferencePage *self)
{
  refresh (self);
}

static void
on_map_cb (GtkWidget *w, KepilReferencePage *self)
{
  refresh (self);
}

void
kepil_reference_page_set_db (KepilReferencePage *self, KepilDb *db)
{
  g_set_object (&self->db, db);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
}

static void
kepil_reference_page_dispose (GObject *o)
{
  KepilReferencePage *self = KEPIL_REFERENCE_PAGE (o);
  g_clear_object (&self->db);
  gtk_widget_dispose_template (GTK_WIDGET (self), KEPIL_TYPE_REFERENCE_PAGE);
  G_OBJECT_CLASS (kepil_reference_page_parent_class)->dispose (o);
}

static void
kepil_reference_page_class_init (KepilReferencePageClass *klass)
{
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = kepil_reference_page_dispose;
  gtk_widget_class_set_template_from_resource (wc, "/kz/kepil/app/kepil-reference-page.ui");
  gtk_widget_class_bind_template_child (wc, KepilReferencePage, toolbar);
  gtk_widget_class_bind_template_child (wc, KepilReferencePage, search_entry);
  gtk_widget_class_bind_template_child (wc, KepilReferencePage, rows);
  gtk_widget_class_bind_template_child (wc, KepilReferencePage, count_label);
  gtk_widget_class_bind_template_callback (wc, on_search_entry_search_changed_cb);
}

static void
kepil_reference_page_init (KepilReferencePage *self)
{
  g_autoptr (GtkStringList) sources = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
#ifdef KEPIL_HAVE_REFERENCE
  for (const char * const *l = kepil_lists_names != NULL ? kepil_lists_names () : NULL; l != NULL && *l != NULL; l++)
    {
      g_autofree char *t = g_strdup_printf (_("List %s"), *l);
      gtk_string_list_append (sources, t);
      self->n_lists++;
    }
#endif
  gtk_string_list_append (sources, _("Norm sets"));
  gtk_string_list_append (sources, _("Risk methodologies"));
  self->source = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (sources)), NULL));
  g_signal_connect (self->source, "notify::selected", G_CALLBACK (on_source_selected_cb), self);
  gtk_box_prepend (self->toolbar, GTK_WIDGET (self->source));
  g_object_set (self->search_entry, "placeholder-text", _("Search by name"), NULL);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), self);
}
