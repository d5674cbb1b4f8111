/* kepil-dashboard.c — the enterprise at a glance: bar charts drawn with cairo
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-dashboard.h"
#include "kepil-app-private.h"

typedef struct
{
  char   *key;
  char   *title;
  GArray *values;     /* double */
  GPtrArray *labels;  /* char* */
  GtkWidget *area;
} Chart;

struct _KepilDashboard
{
  AdwBin      parent_instance;
  GtkFlowBox *charts_box;
  GtkLabel   *note_label;
  GPtrArray  *charts;   /* Chart* */
};

G_DEFINE_FINAL_TYPE (KepilDashboard, kepil_dashboard, ADW_TYPE_BIN)

static void
chart_free (Chart *c)
{
  g_free (c->key);
  g_free (c->title);
  g_array_unref (c->values);
  g_ptr_array_unref (c->labels);
  g_free (c);
}

static void
draw_chart (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  Chart *c = data;
  GdkRGBA fg, accent = { 0.21, 0.52, 0.89, 1 };
  double max = 0, bar_h, label_w = MIN (220, width * 0.45);
  PangoLayout *layout;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  for (guint i = 0; i < c->values->len; i++)
    max = MAX (max, g_array_index (c->values, double, i));
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);
  if (c->values->len == 0)
    {
      pango_layout_set_text (layout, _("No data: recompute (F5)."), -1);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, 4, 4);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
      return;
    }
  bar_h = MIN (28, (double) height / c->values->len);
  for (guint i = 0; i < c->values->len; i++)
    {
      double v = g_array_index (c->values, double, i);
      double w = max > 0 ? (width - label_w - 90) * v / max : 0;
      double y = i * bar_h;
      g_autofree char *num = kepil_format_number (v, 0);
      const char *label = g_ptr_array_index (c->labels, i);
      g_autofree char *css = kepil_app_class_css (label);

      gdk_cairo_set_source_rgba (cr, &fg);
      pango_layout_set_width (layout, (int) (label_w - 8) * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_text (layout, label, -1);
      cairo_move_to (cr, 0, y + 4);
      pango_cairo_show_layout (cr, layout);
      gdk_cairo_set_source_rgba (cr, &accent);
      cairo_rectangle (cr, label_w, y + 4, MAX (w, 1), bar_h - 8);
      cairo_fill (cr);
      gdk_cairo_set_source_rgba (cr, &fg);
      pango_layout_set_width (layout, -1);
      pango_layout_set_text (layout, num, -1);
      cairo_move_to (cr, label_w + w + 6, y + 4);
      pango_cairo_show_layout (cr, layout);
    }
  g_object_unref (layout);
}

static Chart *
chart_new (KepilDashboard *self, const char *key, const char *title)
{
  Chart *c = g_new0 (Chart, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *l = gtk_label_new (title);
  c->key = g_strdup (key);
  c->title = g_strdup (title);
  c->values = g_array_new (FALSE, TRUE, sizeof (double));
  c->labels = g_ptr_array_new_with_free_func (g_free);
  c->area = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (c->area), 500);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (c->area), 200);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (c->area), draw_chart, c, NULL);
  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_widget_add_css_class (l, "heading");
  gtk_box_append (GTK_BOX (box), l);
  gtk_box_append (GTK_BOX (box), c->area);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_margin_start (c->area, 12);
  gtk_widget_set_margin_end (c->area, 12);
  gtk_widget_set_margin_bottom (c->area, 12);
  gtk_widget_set_margin_start (l, 12);
  gtk_widget_set_margin_top (l, 12);
  gtk_flow_box_append (self->charts_box, box);
  g_ptr_array_add (self->charts, c);
  return c;
}

static Chart *
chart_get (KepilDashboard *self, const char *key)
{
  for (guint i = 0; i < self->charts->len; i++)
    if (g_str_equal (((Chart *) g_ptr_array_index (self->charts, i))->key, key))
      return g_ptr_array_index (self->charts, i);
  return NULL;
}

double
kepil_dashboard_get_bar (KepilDashboard *self, const char *chart, const char *label)
{
  Chart *c = chart_get (self, chart);
  for (guint i = 0; c != NULL && i < c->labels->len; i++)
    if (g_str_equal (g_ptr_array_index (c->labels, i), label))
      return g_array_index (c->values, double, i);
  return -1;
}

static JsonObject *
obj (JsonObject *o, const char *m)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, m) : NULL;
  return n != NULL && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

static gboolean
granted (JsonNode *n)
{
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return FALSE;
  if (JSON_NODE_HOLDS_OBJECT (n))
    return granted (json_object_get_member (json_node_get_object (n), "value"));
  if (!JSON_NODE_HOLDS_VALUE (n))
    return FALSE;
  if (json_node_get_value_type (n) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (n);
  if (json_node_get_value_type (n) == G_TYPE_STRING)
    return *json_node_get_string (n) != '\0';
  return json_node_get_double (n) > 0;
}

/* The bars of the five charts, computed without GTK (a recompute does it in its worker thread). */
static const char *const chart_keys[] = { "classes", "levels", "flags", "costs", "guarantees" };
enum { C_CLASSES, C_LEVELS, C_FLAGS, C_COSTS, C_GUARANTEES, N_CHARTS };

struct _KepilDashboardData
{
  gboolean  computed;
  GArray   *values[N_CHARTS];   /* double */
  GPtrArray *labels[N_CHARTS];  /* char* */
};

static void
series_add (KepilDashboardData *d, int k, const char *label, double v)
{
  GPtrArray *labels = d->labels[k];
  for (guint i = 0; i < labels->len; i++)
    if (g_str_equal (g_ptr_array_index (labels, i), label))
      {
        g_array_index (d->values[k], double, i) += v;
        return;
      }
  g_ptr_array_add (labels, g_strdup (label));
  g_array_append_val (d->values[k], v);
}

void
kepil_dashboard_data_free (KepilDashboardData *d)
{
  if (d == NULL)
    return;
  for (int k = 0; k < N_CHARTS; k++)
    {
      g_clear_pointer (&d->values[k], g_array_unref);
      g_clear_pointer (&d->labels[k], g_ptr_array_unref);
    }
  g_free (d);
}

KepilDashboardData *
kepil_dashboard_data_new (JsonObject *evaluation)
{
  KepilDashboardData *d = g_new0 (KepilDashboardData, 1);
  JsonNode *n = evaluation != NULL ? json_object_get_member (evaluation, "workplaces") : NULL;
  JsonArray *wps = n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
  static const char *const class_order[] = { "1", "2", "3.1", "3.2", "3.3", "3.4", "4" };
  static const char *const level_order[] = { "low", "medium", "high", "very high" };
  const char *list_label = _("The List"), *model_label = _("The risk model");
  double list_total = 0, model_total = 0;

  for (int k = 0; k < N_CHARTS; k++)
    {
      d->values[k] = g_array_new (FALSE, FALSE, sizeof (double));
      d->labels[k] = g_ptr_array_new_with_free_func (g_free);
    }
  d->computed = wps != NULL;
  if (wps == NULL)
    return d;
  for (gsize i = 0; i < G_N_ELEMENTS (class_order); i++)
    series_add (d, C_CLASSES, class_order[i], 0);
  for (gsize i = 0; i < G_N_ELEMENTS (level_order); i++)
    series_add (d, C_LEVELS, kepil_app_level_name (level_order[i]), 0);
  for (guint i = 0; i < json_array_get_length (wps); i++)
    {
      JsonObject *w = json_array_get_object_element (wps, i);
      const char *k = kepil_json_str (obj (w, "classes"), "overall", "");
      g_autofree char *lvl = g_strdelimit (g_strdup (kepil_json_str (w, "level", "")), "_", ' ');
      JsonNode *fn = json_object_get_member (w, "flags");
      JsonObject *pkg = obj (w, "package");
      double hc = (double) kepil_json_int (w, "headcount", 0);
      if (*k != '\0')
        series_add (d, C_CLASSES, k, 1);
      if (*lvl != '\0')
        series_add (d, C_LEVELS, kepil_app_level_name (lvl), 1);
      if (fn != NULL && JSON_NODE_HOLDS_ARRAY (fn))
        for (guint f = 0; f < json_array_get_length (json_node_get_array (fn)); f++)
          series_add (d, C_FLAGS, kepil_json_str (json_array_get_object_element (json_node_get_array (fn), f), "code", "?"), 1);
      list_total += kepil_json_double (obj (obj (w, "costs"), "list"), "total", 0);
      model_total += kepil_json_double (obj (obj (w, "costs"), "model"), "total", 0);
      if (pkg != NULL)
        {
          g_autoptr (GList) kinds = json_object_get_members (pkg);
          for (GList *l = kinds; l != NULL; l = l->next)
            if (granted (json_object_get_member (pkg, l->data)))
              series_add (d, C_GUARANTEES, kepil_app_kind_name (l->data), hc);
        }
    }
  series_add (d, C_COSTS, list_label, list_total);
  series_add (d, C_COSTS, model_label, model_total);
  return d;
}

/* Takes the bars of @d (which is left empty). */
void
kepil_dashboard_set_prepared (KepilDashboard *self, KepilDashboardData *d)
{
  for (int k = 0; k < N_CHARTS; k++)
    {
      Chart *c = chart_get (self, chart_keys[k]);
      g_array_unref (c->values);
      g_ptr_array_unref (c->labels);
      c->values = g_steal_pointer (&d->values[k]);
      c->labels = g_steal_pointer (&d->labels[k]);
      d->values[k] = g_array_new (FALSE, FALSE, sizeof (double));
      d->labels[k] = g_ptr_array_new_with_free_func (g_free);
    }
  gtk_label_set_text (self->note_label, d->computed ? _("Workplaces per class and risk level, flags by kind, yearly cost (₸) and "
                                                        "workers per guarantee of the risk model.")
                                                    : _("Not computed yet: charts appear after a recompute (F5)."));
  for (guint i = 0; i < self->charts->len; i++)
    {
      Chart *c = g_ptr_array_index (self->charts, i);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (c->area), MAX (60, 28 * (int) c->values->len));
      gtk_widget_queue_draw (c->area);
    }
}

void
kepil_dashboard_set_data (KepilDashboard *self, KepilDb *db, JsonObject *evaluation)
{
  KepilDashboardData *d = kepil_dashboard_data_new (evaluation);
  kepil_dashboard_set_prepared (self, d);
  kepil_dashboard_data_free (d);
}

static void
kepil_dashboard_dispose (GObject *o)
{
  KepilDashboard *self = KEPIL_DASHBOARD (o);
  gtk_widget_dispose_template (GTK_WIDGET (self), KEPIL_TYPE_DASHBOARD);
  g_clear_pointer (&self->charts, g_ptr_array_unref);
  G_OBJECT_CLASS (kepil_dashboard_parent_class)->dispose (o);
}

static void
kepil_dashboard_class_init (KepilDashboardClass *klass)
{
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = kepil_dashboard_dispose;
  gtk_widget_class_set_template_from_resource (wc, "/kz/kepil/app/kepil-dashboard.ui");
  gtk_widget_class_bind_template_child (wc, KepilDashboard, charts_box);
  gtk_widget_class_bind_template_child (wc, KepilDashboard, note_label);
}

static void
kepil_dashboard_init (KepilDashboard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->charts = g_ptr_array_new_with_free_func ((GDestroyNotify) chart_free);
  chart_new (self, "classes", _("Workplaces per overall class"));
  chart_new (self, "levels", _("Workplaces per risk level"));
  chart_new (self, "flags", _("Flags by kind"));
  chart_new (self, "costs", _("Yearly cost: the List and the risk model, ₸"));
  chart_new (self, "guarantees", _("Workers per guarantee of the risk model"));
  kepil_dashboard_set_data (self, NULL, NULL);
}
