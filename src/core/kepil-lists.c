/* kepil-lists.c — the legal Lists: shipped data, matching API, and what the List grants per workplace
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The grants follow the rules that connect the List with attestation (brief §2):
 * (a) a valid attestation with a harmful class (≥ 3.1) confirms the List → "confirmed";
 * (b) no valid attestation → the List is granted in full → "no_attestation";
 * (c) a valid attestation with class ≤ 2 → the List value stays as what the List would
 *     grant, and the employer may reduce it → "employer_may_reduce".
 * The numbers (validity period, ОППВ rate, milk per shift, thresholds) are in
 * resources/data/lists/rules.json.
 */
#include "kepil-config.h"
#include "kepil-lists.h"
#include "kepil-match.h"
#include "kepil-error.h"
#include "kepil-format.h"
#include "kepil-i18n.h"
#include "kepil-json.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char * const list_names[] = { "1053", "oppv", "list1", "list2", "milk", "lpp", NULL };

const char * const *
kepil_lists_names (void)
{
  return list_names;
}

gboolean
kepil_lists_is_known (const char *list)
{
  return list != NULL && g_strv_contains (list_names, list);
}

void
kepil_list_entry_free (KepilListEntry *e)
{
  if (e == NULL)
    return;
  g_free (e->list);
  g_free (e->section);
  g_free (e->chapter);
  g_free (e->item);
  g_free (e->name_ru);
  g_free (e->name_kk);
  g_free (e->condition);
  g_free (e->production);
  g_free (e->aliases);
  g_free (e->source);
  g_free (e->status);
  g_free (e);
}

void
kepil_list_section_free (KepilListSection *s)
{
  if (s == NULL)
    return;
  g_free (s->list);
  g_free (s->section);
  g_free (s->name_ru);
  g_free (s->name_kk);
  g_free (s->source);
  g_free (s->status);
  g_free (s);
}

void
kepil_list_version_info_clear (KepilListVersionInfo *v)
{
  g_free (v->list);
  g_free (v->label);
  g_free (v->origin);
  g_free (v->act_key);
  g_free (v->act_number);
  g_free (v->act_date);
  g_free (v->act_registration);
  g_free (v->act_title_ru);
  g_free (v->act_title_kk);
  g_free (v->act_source);
  g_free (v->act_status);
  g_free (v->file);
  memset (v, 0, sizeof *v);
}

/* ---- shipped data --------------------------------------------------------------------- */

static JsonObject *
rules (void)
{
  static gsize once = 0;
  static JsonObject *obj;

  if (g_once_init_enter (&once))
    {
      JsonNode *n = kepil_json_from_resource ("/kz/kepil/lists/rules.json", NULL);
      obj = n && JSON_NODE_HOLDS_OBJECT (n) ? json_object_ref (json_node_get_object (n)) : json_object_new ();
      if (n)
        json_node_unref (n);
      g_once_init_leave (&once, 1);
    }
  return obj;
}

JsonNode *
kepil_lists_rule (const char *key)
{
  JsonObject *r = rules ();
  JsonNode *n = json_object_get_member (r, key);
  if (n == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (n) && json_object_has_member (json_node_get_object (n), "value"))
    return json_object_get_member (json_node_get_object (n), "value");
  return n;
}

static double
rule_num (const char *key, double fallback)
{
  JsonNode *n = kepil_lists_rule (key);
  return n && JSON_NODE_HOLDS_VALUE (n) ? json_node_get_double (n) : fallback;
}

static GPtrArray *
resource_csv (const char *name, GError **error)
{
  g_autofree char *path = g_strconcat ("/kz/kepil/lists/", name, NULL);
  g_autoptr (GBytes) b = g_resources_lookup_data (path, 0, error);
  gsize len;
  const char *text;

  if (b == NULL)
    return NULL;
  text = g_bytes_get_data (b, &len);
  return kepil_lists_csv_read (text, len, name, error);
}

void
kepil_lists_act_info (const char *list, KepilListVersionInfo *v)
{
  g_autoptr (GPtrArray) rows = resource_csv ("acts.csv", NULL);

  v->list = g_strdup (list);
  for (guint i = 1; rows != NULL && i < rows->len; i++)
    {
      KepilCsvRow *r = g_ptr_array_index (rows, i);
      if (g_strv_length (r->fields) < 10 || !g_str_equal (r->fields[0], list))
        continue;
      v->act_key = g_strdup (r->fields[1]);
      v->act_number = g_strdup (r->fields[2]);
      v->act_date = g_strdup (r->fields[3]);
      v->act_registration = g_strdup (r->fields[4]);
      v->act_title_ru = g_strdup (r->fields[5]);
      v->act_title_kk = g_strdup (r->fields[6]);
      v->act_source = g_strdup (r->fields[8]);
      v->act_status = g_strconcat (r->fields[9], r->fields[7][0] ? "; " : "", r->fields[7], NULL);
      break;
    }
}

GPtrArray *
kepil_lists_shipped_sections (GError **error)
{
  g_autoptr (GPtrArray) rows = resource_csv ("sections.csv", error);
  GPtrArray *out;

  if (rows == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) kepil_list_section_free);
  for (guint i = 1; i < rows->len; i++)
    {
      KepilCsvRow *r = g_ptr_array_index (rows, i);
      KepilListSection *s;
      if (g_strv_length (r->fields) < 7)
        continue;
      s = g_new0 (KepilListSection, 1);
      s->list = g_strdup (r->fields[0]);
      s->section = g_strdup (r->fields[1]);
      s->name_ru = g_strdup (r->fields[2]);
      s->name_kk = g_strdup (r->fields[3]);
      s->general = g_str_equal (r->fields[4], "1");
      s->source = g_strdup (r->fields[5]);
      s->status = g_strdup (r->fields[6]);
      g_ptr_array_add (out, s);
    }
  return out;
}

static const char *
shipped_version (void)
{
  JsonNode *n = json_object_get_member (rules (), "version");
  return n ? json_node_get_string (n) : "unknown";
}

typedef struct {
  GPtrArray *sections;
} SeedJob;

static gboolean
seed_tx (KepilDb *db, gpointer user_data, GError **error)
{
  SeedJob *job = user_data;

  if (!kepil_store_lists_replace_sections (db, job->sections, error))
    return FALSE;
  for (const char * const *l = list_names; *l; l++)
    {
      g_autofree char *file = g_strconcat (*l, ".csv", NULL);
      g_autoptr (GBytes) b = NULL;
      g_autoptr (GHashTable) secs = kepil_store_lists_sections (db, *l, error);
      g_autoptr (GPtrArray) entries = NULL;
      KepilListVersionInfo info = { 0 };
      const char *text;
      gsize len;
      gboolean ok;

      if (secs == NULL)
        return FALSE;
      g_autofree char *path = g_strconcat ("/kz/kepil/lists/", file, NULL);
      b = g_resources_lookup_data (path, 0, error);
      if (b == NULL)
        return FALSE;
      text = g_bytes_get_data (b, &len);
      entries = kepil_lists_parse_csv (*l, file, text, len, secs, error);
      if (entries == NULL)
        return FALSE;
      kepil_lists_act_info (*l, &info);
      info.origin = g_strdup ("shipped");
      info.label = g_strdup_printf (_("reference data shipped with Kepil (%s)"), shipped_version ());
      info.file = g_strdup (file);
      ok = kepil_lists_store_validated (db, &info, entries, error);
      kepil_list_version_info_clear (&info);
      if (!ok)
        return FALSE;
    }
  return kepil_db_set_meta (db, "lists.shipped_version", shipped_version (), error);
}

gboolean
kepil_lists_ensure_loaded (KepilDb *db, GError **error)
{
  g_autofree char *have = NULL;
  g_autoptr (GPtrArray) sections = NULL;
  SeedJob job;

  if (!kepil_store_lists_shipped_version (db, &have, error))
    return FALSE;
  if (have != NULL && g_str_equal (have, shipped_version ()))
    return TRUE;
  if (kepil_db_is_read_only (db))
    {
      if (have != NULL)
        return TRUE;   /* an older shipped version is still usable */
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_READ_ONLY,
                   _("The Lists are not loaded in this file, and it is open read-only."));
      return FALSE;
    }
  sections = kepil_lists_shipped_sections (error);
  if (sections == NULL)
    return FALSE;
  job.sections = sections;
  return kepil_db_transaction (db, seed_tx, &job, error);
}

/* ---- show, decide, match ------------------------------------------------------------- */

static JsonObject *
entry_to_json (KepilListEntry *e)
{
  JsonObject *o = json_object_new ();
  json_object_set_string_member (o, "list", e->list);
  json_object_set_int_member (o, "entry_id", e->id);
  json_object_set_string_member (o, "section", e->section);
  json_object_set_string_member (o, "chapter", e->chapter);
  json_object_set_string_member (o, "item", e->item);
  json_object_set_string_member (o, "name_ru", e->name_ru);
  json_object_set_string_member (o, "name_kk", e->name_kk);
  if (e->leave_days > 0)
    json_object_set_int_member (o, "leave_days", e->leave_days);
  else
    json_object_set_null_member (o, "leave_days");
  if (e->hours_per_week > 0)
    json_object_set_double_member (o, "hours_per_week", e->hours_per_week);
  else
    json_object_set_null_member (o, "hours_per_week");
  if (e->time_share_pct > 0)
    json_object_set_double_member (o, "time_share_pct", e->time_share_pct);
  json_object_set_string_member (o, "condition", e->condition);
  json_object_set_boolean_member (o, "general", e->general);
  json_object_set_string_member (o, "source", e->source);
  json_object_set_string_member (o, "status", e->status);
  return o;
}

JsonObject *
kepil_lists_show (KepilDb *db, const char *list, GError **error)
{
  g_autoptr (JsonObject) out = json_object_new ();
  JsonArray *versions;

  if (list != NULL && !kepil_lists_is_known (list))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                   _("Unknown list “%s”: use 1053, oppv, list1, list2, milk or lpp."), list);
      return NULL;
    }
  if (!kepil_lists_ensure_loaded (db, error))
    return NULL;
  versions = kepil_store_lists_versions (db, error);
  if (versions == NULL)
    return NULL;
  json_object_set_array_member (out, "versions", versions);
  if (list != NULL)
    {
      g_autoptr (GPtrArray) entries = kepil_store_lists_active_entries (db, list, error);
      JsonArray *a;
      if (entries == NULL)
        return NULL;
      a = json_array_new ();
      for (guint i = 0; i < entries->len; i++)
        json_array_add_object_element (a, entry_to_json (g_ptr_array_index (entries, i)));
      json_object_set_array_member (out, "entries", a);
    }
  return g_steal_pointer (&out);
}

gboolean
kepil_lists_decide (KepilDb *db, gint64 workplace_id, gint64 entry_id, gboolean confirm, GError **error)
{
  if (!kepil_db_check_writable (db, FALSE, error))
    return FALSE;
  if (!kepil_store_lists_entry_exists (db, entry_id, error))
    return FALSE;
  if (!kepil_db_begin (db, error))
    return FALSE;
  if (!kepil_store_lists_decide (db, workplace_id, entry_id, confirm ? "confirmed" : "rejected", error))
    {
      kepil_db_rollback (db);
      return FALSE;
    }
  return kepil_db_commit (db, error);
}

JsonArray *
kepil_lists_match (KepilDb *db, const char *production, const char *profession, guint limit, GError **error)
{
  g_autoptr (KepilMatcher) m = kepil_matcher_new (db, error);
  GPtrArray *cands;
  JsonArray *out;

  if (m == NULL)
    return NULL;
  cands = kepil_matcher_candidates (m, production, NULL, profession, NULL, error);
  if (cands == NULL)
    return NULL;
  out = json_array_new ();
  for (guint i = 0; i < cands->len && (limit == 0 || i < limit); i++)
    {
      KepilMatchCandidate *c = g_ptr_array_index (cands, i);
      JsonObject *o = json_object_new ();
      json_object_set_string_member (o, "list", c->entry->list);
      json_object_set_int_member (o, "entry_id", c->entry->id);
      json_object_set_string_member (o, "section", c->entry->section);
      json_object_set_string_member (o, "item", c->entry->item);
      json_object_set_string_member (o, "name_ru", c->entry->name_ru);
      json_object_set_string_member (o, "name_kk", c->entry->name_kk);
      if (c->entry->leave_days > 0)
        json_object_set_int_member (o, "leave_days", c->entry->leave_days);
      else
        json_object_set_null_member (o, "leave_days");
      if (c->entry->hours_per_week > 0)
        json_object_set_double_member (o, "hours_per_week", c->entry->hours_per_week);
      else
        json_object_set_null_member (o, "hours_per_week");
      json_object_set_double_member (o, "score", round (c->score * 1000) / 1000);
      json_object_set_boolean_member (o, "general", c->general);
      json_array_add_object_element (out, o);
    }
  return out;
}

/* ---- what the List grants -------------------------------------------------------------- */

typedef struct {
  KepilMatcher *m;
  GHashTable   *decisions;   /* workplace → (entry → status) */
  char         *today;
  int           validity_years;
  int           min_rank;
  double        normal_hours;
  double        oppv_rate;
  double        milk_litres;
  gboolean      lpp_excludes_milk;
} EvalCtx;

static void
eval_ctx_clear (EvalCtx *c)
{
  g_clear_pointer (&c->m, kepil_matcher_free);
  g_clear_pointer (&c->decisions, g_hash_table_unref);
  g_clear_pointer (&c->today, g_free);
}

static gboolean
eval_ctx_init (EvalCtx *c, KepilDb *db, GError **error)
{
  JsonNode *ex;

  memset (c, 0, sizeof *c);
  c->m = kepil_matcher_new (db, error);
  if (c->m == NULL)
    return FALSE;
  c->decisions = kepil_store_lists_all_decisions (db, error);
  if (c->decisions == NULL)
    {
      eval_ctx_clear (c);
      return FALSE;
    }
  c->today = kepil_today_iso ();
  c->validity_years = (int) rule_num ("attestation_validity_years", 5);
  c->min_rank = (int) rule_num ("harmful_class_min_rank", 31);
  c->normal_hours = rule_num ("normal_hours_per_week", 40);
  c->oppv_rate = rule_num ("oppv_rate_percent", 5);
  c->milk_litres = rule_num ("milk_litres_per_shift", 0.5);
  ex = kepil_lists_rule ("lpp_excludes_milk");
  c->lpp_excludes_milk = ex == NULL || (JSON_NODE_HOLDS_VALUE (ex) && json_node_get_boolean (ex));
  return TRUE;
}

static char *
add_years (const char *iso, int years)
{
  int y, mo, d;
  GDate *date;
  char buf[16];

  if (iso == NULL || sscanf (iso, "%d-%d-%d", &y, &mo, &d) != 3 || !g_date_valid_dmy (d, mo, y))
    return NULL;
  date = g_date_new_dmy (d, mo, y);
  g_date_add_years (date, years);
  g_snprintf (buf, sizeof buf, "%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
              g_date_get_day (date));
  g_date_free (date);
  return g_strdup (buf);
}

static JsonObject *
grant_new (JsonObject *grants, const char *name)
{
  JsonObject *g = json_object_new ();
  json_object_set_object_member (grants, name, g);
  return g;
}

static void
grant_rule (JsonObject *g, gboolean granted, const char *rule, KepilListEntry *e, const char *basis)
{
  json_object_set_string_member (g, "rule", granted ? rule : "none");
  if (e != NULL && granted)
    json_object_set_int_member (g, "entry_id", e->id);
  else
    json_object_set_null_member (g, "entry_id");
  json_object_set_string_member (g, "basis", basis ? basis : "");
}

static char *
entry_basis (KepilMatcher *m, KepilListEntry *e)
{
  const char *sec = kepil_matcher_section_name (m, e->list, e->section);
  const char *what = g_str_equal (e->list, "1053") ? _("Order 1053")
                     : g_str_equal (e->list, "oppv") ? _("ОППВ list (Decree 1562)")
                     : g_str_equal (e->list, "list1") ? _("List No. 1 (Decree 1930)")
                     : g_str_equal (e->list, "list2") ? _("List No. 2 (Decree 1930)")
                     : _("Order 1056");
  return g_strdup_printf (_("%s, section %s%s%s, item %s: %s [%s]"), what, e->section, sec && *sec ? " " : "",
                          sec && *sec ? sec : "", e->item, e->name_ru, e->status);
}

static void
add_match (JsonArray *matches, KepilListEntry *e, double score, const char *status, gboolean counted)
{
  JsonObject *o = json_object_new ();
  json_object_set_string_member (o, "list", e->list);
  json_object_set_int_member (o, "entry_id", e->id);
  json_object_set_string_member (o, "section", e->section);
  json_object_set_string_member (o, "item", e->item);
  json_object_set_string_member (o, "name_ru", e->name_ru);
  json_object_set_double_member (o, "score", round (score * 1000) / 1000);
  json_object_set_string_member (o, "status", status);
  json_object_set_boolean_member (o, "general", e->general);
  json_object_set_boolean_member (o, "counted", counted);
  json_object_set_string_member (o, "entry_status", e->status);
  json_array_add_object_element (matches, o);
}

static JsonObject *
evaluate_one (EvalCtx *c, JsonObject *wp, JsonObject *cls, GError **error)
{
  gint64 id = json_object_get_int_member (wp, "workplace_id");
  GHashTable *dec = g_hash_table_lookup (c->decisions, &id);
  JsonObject *out = json_object_new ();
  JsonObject *att = json_object_new ();
  JsonArray *matches = json_array_new ();
  JsonObject *grants = json_object_new ();
  const char *att_status = "none";
  const char *rule;
  gint64 rank = 0;
  const char *overall = NULL;
  GPtrArray *cands;
  KepilListEntry *counted[4] = { NULL, NULL, NULL, NULL };   /* best of 1053 (leave), oppv, list1, list2 */
  KepilListEntry *hours_entry = NULL;
  g_autoptr (GPtrArray) leave_entries = g_ptr_array_new ();
  const char *lists4[] = { "1053", "oppv", "list1", "list2" };

  json_object_set_int_member (out, "workplace_id", id);
  json_object_set_string_member (out, "code", json_object_get_string_member (wp, "code"));
  json_object_set_string_member (out, "profession", json_object_get_string_member (wp, "profession_ru"));
  json_object_set_string_member (out, "production", json_object_get_string_member (wp, "production"));

  /* Attestation. */
  if (json_object_has_member (wp, "attestation_date"))
    {
      const char *d = json_object_get_string_member (wp, "attestation_date");
      g_autofree char *until = add_years (d, c->validity_years);
      json_object_set_int_member (att, "campaign_id", json_object_get_int_member (wp, "attestation_campaign_id"));
      json_object_set_string_member (att, "date", d);
      if (until)
        json_object_set_string_member (att, "valid_until", until);
      else
        json_object_set_null_member (att, "valid_until");
      att_status = until != NULL && strcmp (until, c->today) >= 0 ? "valid" : "expired";
    }
  else
    {
      json_object_set_null_member (att, "campaign_id");
      json_object_set_null_member (att, "date");
      json_object_set_null_member (att, "valid_until");
    }
  json_object_set_string_member (att, "status", att_status);
  json_object_set_object_member (out, "attestation", att);
  if (cls != NULL)
    {
      JsonNode *n = json_object_get_member (cls, "overall");
      if (n != NULL && JSON_NODE_HOLDS_VALUE (n))
        overall = json_node_get_string (n);
      rank = kepil_json_int (cls, "overall_rank", 0);
    }
  if (overall)
    json_object_set_string_member (out, "overall_class", overall);
  else
    json_object_set_null_member (out, "overall_class");

  if (g_str_equal (att_status, "valid") && rank >= c->min_rank)
    rule = "confirmed";
  else if (g_str_equal (att_status, "valid") && rank > 0)
    rule = "employer_may_reduce";
  else
    rule = "no_attestation";

  /* Matches of the four title-matched lists. */
  cands = kepil_matcher_candidates (c->m, json_object_get_string_member (wp, "production"),
                                    json_object_get_string_member (wp, "units"),
                                    json_object_get_string_member (wp, "profession_ru"),
                                    json_object_get_string_member (wp, "profession_kk"), error);
  if (cands == NULL)
    {
      json_object_unref (out);
      json_object_unref (grants);
      json_array_unref (matches);
      return NULL;
    }
  for (guint l = 0; l < G_N_ELEMENTS (lists4); l++)
    {
      gboolean any_confirmed = FALSE;
      /* Decisions of the commission first. */
      if (dec != NULL)
        {
          GHashTableIter it;
          gpointer k, v;
          g_hash_table_iter_init (&it, dec);
          while (g_hash_table_iter_next (&it, &k, &v))
            {
              KepilListEntry *e = kepil_matcher_entry (c->m, *(gint64 *) k);
              double score = 0;
              if (e == NULL || !g_str_equal (e->list, lists4[l]))
                continue;
              for (guint i = 0; i < cands->len; i++)
                if (((KepilMatchCandidate *) g_ptr_array_index (cands, i))->entry == e)
                  score = ((KepilMatchCandidate *) g_ptr_array_index (cands, i))->score;
              if (g_str_equal (v, "confirmed"))
                {
                  any_confirmed = TRUE;
                  add_match (matches, e, score, "confirmed", TRUE);
                  if (l == 0)
                    g_ptr_array_add (leave_entries, e);
                  else if (counted[l] == NULL)
                    counted[l] = e;
                }
              else
                add_match (matches, e, score, "rejected", FALSE);
            }
        }
      if (any_confirmed)
        continue;
      for (guint i = 0; i < cands->len; i++)
        {
          KepilMatchCandidate *cd = g_ptr_array_index (cands, i);
          if (cd->score < kepil_matcher_threshold (c->m))
            break;    /* sorted best first */
          if (!g_str_equal (cd->entry->list, lists4[l]))
            continue;
          if (dec != NULL && g_hash_table_contains (dec, &cd->entry->id))
            continue;   /* rejected */
          add_match (matches, cd->entry, cd->score, "candidate", TRUE);
          if (l == 0)
            g_ptr_array_add (leave_entries, cd->entry);
          else
            counted[l] = cd->entry;
          break;
        }
    }
  json_object_set_array_member (out, "matches", matches);

  /* Leave and hours from Order 1053. */
  for (guint i = 0; i < leave_entries->len; i++)
    {
      KepilListEntry *e = g_ptr_array_index (leave_entries, i);
      if (counted[0] == NULL || e->leave_days > counted[0]->leave_days)
        counted[0] = e;
      if (e->hours_per_week > 0 && (hours_entry == NULL || e->hours_per_week < hours_entry->hours_per_week))
        hours_entry = e;
    }
  {
    JsonObject *g = grant_new (grants, "leave_days");
    gboolean has = counted[0] != NULL && counted[0]->leave_days > 0;
    g_autofree char *basis = has ? entry_basis (c->m, counted[0]) : NULL;
    json_object_set_int_member (g, "value", has ? counted[0]->leave_days : 0);
    grant_rule (g, has, rule, counted[0], basis);
  }
  {
    JsonObject *g = grant_new (grants, "hours_per_week");
    g_autofree char *basis = hours_entry ? entry_basis (c->m, hours_entry) : NULL;
    json_object_set_double_member (g, "value", hours_entry ? hours_entry->hours_per_week : c->normal_hours);
    grant_rule (g, hours_entry != NULL, rule, hours_entry, basis);
  }
  {
    JsonObject *g = grant_new (grants, "pay_percent");
    gboolean has = counted[0] != NULL;
    double pct = json_object_get_double_member (wp, "ca_pay_percent");
    double coef = json_object_get_double_member (wp, "sector_coefficient");
    gboolean apply = json_object_get_boolean_member (wp, "apply_sector_coefficient");
    double value = has ? (apply ? pct * coef : pct) : 0;
    g_autofree char *entry = has ? entry_basis (c->m, counted[0]) : NULL;
    g_autofree char *basis = NULL;
    if (has && apply)
      basis = g_strdup_printf (_("collective agreement %g %% × sector coefficient %g; %s"), pct, coef, entry);
    else if (has)
      basis = g_strdup_printf (_("collective agreement %g %%; %s"), pct, entry);
    json_object_set_double_member (g, "value", round (value * 100) / 100);
    grant_rule (g, has && value > 0, rule, counted[0], basis);
  }
  {
    JsonObject *g = grant_new (grants, "oppv");
    g_autofree char *basis = counted[1] ? entry_basis (c->m, counted[1]) : NULL;
    json_object_set_boolean_member (g, "value", counted[1] != NULL);
    json_object_set_double_member (g, "rate_percent", counted[1] ? c->oppv_rate : 0);
    grant_rule (g, counted[1] != NULL, rule, counted[1], basis);
  }
  for (guint l = 2; l < 4; l++)
    {
      JsonObject *g = grant_new (grants, lists4[l]);
      g_autofree char *basis = counted[l] ? entry_basis (c->m, counted[l]) : NULL;
      json_object_set_boolean_member (g, "value", counted[l] != NULL);
      grant_rule (g, counted[l] != NULL, rule, counted[l], basis);
    }

  /* Milk and ЛПП: by the substances measured and by the production. */
  {
    g_autoptr (GPtrArray) milk = kepil_matcher_milk (c->m, json_object_get_string_member (wp, "agents"));
    g_autoptr (GPtrArray) lpp = kepil_matcher_lpp (c->m, json_object_get_string_member (wp, "production"),
                                                   json_object_get_string_member (wp, "units"));
    KepilListEntry *milk_e = NULL, *lpp_e = NULL;
    JsonObject *gm = grant_new (grants, "milk");
    JsonObject *gl = grant_new (grants, "lpp");

    for (guint i = 0; i < lpp->len && lpp_e == NULL; i++)
      {
        KepilListEntry *e = g_ptr_array_index (lpp, i);
        const char *d = dec ? g_hash_table_lookup (dec, &e->id) : NULL;
        if (d == NULL || g_str_equal (d, "confirmed"))
          {
            lpp_e = e;
            add_match (matches, e, 1.0, d ? d : "candidate", TRUE);
          }
        else
          add_match (matches, e, 1.0, d, FALSE);
      }
    for (guint i = 0; i < milk->len; i++)
      {
        KepilListEntry *e = g_ptr_array_index (milk, i);
        const char *d = dec ? g_hash_table_lookup (dec, &e->id) : NULL;
        gboolean ok = d == NULL || g_str_equal (d, "confirmed");
        add_match (matches, e, 1.0, d ? d : "candidate", ok && milk_e == NULL);
        if (ok && milk_e == NULL)
          milk_e = e;
      }
    {
      g_autofree char *basis = lpp_e ? entry_basis (c->m, lpp_e) : NULL;
      json_object_set_boolean_member (gl, "value", lpp_e != NULL);
      if (lpp_e)
        json_object_set_string_member (gl, "ration", lpp_e->item);
      else
        json_object_set_null_member (gl, "ration");
      grant_rule (gl, lpp_e != NULL, rule, lpp_e, basis);
    }
    if (milk_e != NULL && lpp_e != NULL && c->lpp_excludes_milk)
      {
        g_autofree char *basis = g_strdup_printf (_("no milk: ЛПП ration %s is granted, and a worker who receives "
                                                    "ЛПП gets no milk (Order 1054 p.12)"), lpp_e->item);
        json_object_set_boolean_member (gm, "value", FALSE);
        json_object_set_double_member (gm, "litres_per_shift", 0);
        json_object_set_string_member (gm, "excluded_by", "lpp");
        grant_rule (gm, FALSE, rule, NULL, basis);
      }
    else
      {
        g_autofree char *basis = milk_e ? entry_basis (c->m, milk_e) : NULL;
        json_object_set_boolean_member (gm, "value", milk_e != NULL);
        json_object_set_double_member (gm, "litres_per_shift", milk_e ? c->milk_litres : 0);
        grant_rule (gm, milk_e != NULL, rule, milk_e, basis);
      }
  }
  json_object_set_object_member (out, "grants", grants);
  json_object_set_string_member (out, "rule", rule);
  return out;
}

JsonObject *
kepil_lists_evaluate_workplace (KepilDb *db, gint64 workplace_id, JsonObject *classes, GError **error)
{
  g_autoptr (GPtrArray) wps = NULL;
  EvalCtx c;
  JsonObject *out;

  if (!eval_ctx_init (&c, db, error))
    return NULL;
  wps = kepil_store_lists_workplaces (db, workplace_id, error);
  if (wps == NULL)
    {
      eval_ctx_clear (&c);
      return NULL;
    }
  if (wps->len == 0)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND,
                   _("There is no workplace with the id %ld."), workplace_id);
      eval_ctx_clear (&c);
      return NULL;
    }
  out = evaluate_one (&c, g_ptr_array_index (wps, 0), classes, error);
  eval_ctx_clear (&c);
  return out;
}

GHashTable *
kepil_lists_evaluate (KepilDb *db, GHashTable *classes, GError **error)
{
  g_autoptr (GPtrArray) wps = NULL;
  GHashTable *out;
  EvalCtx c;

  if (!eval_ctx_init (&c, db, error))
    return NULL;
  wps = kepil_store_lists_workplaces (db, 0, error);
  if (wps == NULL)
    {
      eval_ctx_clear (&c);
      return NULL;
    }
  out = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) json_object_unref);
  for (guint i = 0; i < wps->len; i++)
    {
      JsonObject *wp = g_ptr_array_index (wps, i);
      gint64 id = json_object_get_int_member (wp, "workplace_id");
      JsonObject *cls = classes ? g_hash_table_lookup (classes, &id) : NULL;
      JsonObject *r = evaluate_one (&c, wp, cls, error);
      if (r == NULL)
        {
          g_hash_table_unref (out);
          eval_ctx_clear (&c);
          return NULL;
        }
      g_hash_table_insert (out, g_memdup2 (&id, sizeof id), r);
    }
  eval_ctx_clear (&c);
  return out;
}
