/* test-review.c — roles, the audit trail, finalised acts, verification, findings, packages
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-test.h"
#include "kepil-audit.h"
#include "kepil-demo.h"
#include "kepil-entity.h"
#include "kepil-error.h"
#include "kepil-json.h"
#include "kepil-package.h"
#include "kepil-review.h"

#include <string.h>

/* One record of every entity, with a second workplace so that children and
 * whole-enterprise findings can be told apart. */
static const char dataset_json[] =
  "{"
  " \"enterprise\": [ { \"key\": \"e\", \"name_ru\": \"Завод\", \"bin\": \"123456789012\" } ],"
  " \"unit\": [ { \"key\": \"u\", \"enterprise_id\": \"e\", \"name_ru\": \"Цех 5\", \"headcount\": 20 } ],"
  " \"profession\": [ { \"key\": \"p\", \"name_ru\": \"Электрогазосварщик\", \"name_kk\": \"Электргазбен дәнекерлеуші\" } ],"
  " \"workplace\": [ { \"key\": \"w1\", \"unit_id\": \"u\", \"profession_id\": \"p\", \"code\": \"01 001 001\" },"
  "                  { \"key\": \"w2\", \"unit_id\": \"u\", \"profession_id\": \"p\", \"code\": \"01 001 002\" } ],"
  " \"campaign\": [ { \"key\": \"c\", \"enterprise_id\": \"e\", \"order_no\": \"45\", \"order_date\": \"2023-01-20\" } ],"
  " \"commission_member\": [ { \"campaign_id\": \"c\", \"full_name\": \"Иванов И.И.\", \"role\": \"chairman\" } ],"
  " \"measurement\": [ { \"workplace_id\": \"w1\", \"campaign_id\": \"c\", \"factor\": \"noise\", \"value\": 85.5, \"norm\": 80 },"
  "                    { \"workplace_id\": \"w2\", \"campaign_id\": \"c\", \"factor\": \"noise\", \"value\": 70, \"norm\": 80 } ],"
  " \"safety_assessment\": [ { \"workplace_id\": \"w1\", \"equipment\": \"Сварочный аппарат\" } ],"
  " \"ppe_provision\": [ { \"workplace_id\": \"w1\", \"item\": \"Щиток сварщика\" } ],"
  " \"enterprise_stats\": [ { \"enterprise_id\": \"e\", \"year\": 2025, \"average_headcount\": 20 } ],"
  " \"profession_stats\": [ { \"profession_id\": \"p\", \"workers\": 2 } ],"
  " \"checklist_answer\": [ { \"enterprise_id\": \"e\", \"year\": 2025, \"question\": 1, \"answer\": 1 } ]"
  "}";

/* A change of one field per entity; every entity of kepil_entity_names () must be here. */
static const struct {
  const char *entity;
  const char *field;
  const char *json_value;
} updates[] = {
  { "enterprise", "note", "\"changed\"" },
  { "unit", "name_ru", "\"Цех 6\"" },
  { "profession", "nko_code", "\"7212\"" },
  { "workplace", "note", "\"changed\"" },
  { "campaign", "organisation", "\"Лаборатория\"" },
  { "commission_member", "position", "\"главный инженер\"" },
  { "measurement", "value", "91.25" },
  { "safety_assessment", "reasons", "\"нет\"" },
  { "ppe_provision", "issued", "0" },
  { "enterprise_stats", "accidents", "2" },
  { "profession_stats", "workers", "5" },
  { "checklist_answer", "confirmed_by", "\"ТОО Аудит\"" },
};

typedef struct {
  char    *dir;
  KepilDb *db;
} Fixture;

static void
load_dataset (KepilDb *db)
{
  g_autoptr (JsonParser) p = json_parser_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (json_parser_load_from_data (p, dataset_json, -1, &error));
  g_assert_no_error (error);
  g_assert_true (kepil_dataset_load (db, json_parser_get_root (p), &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = kepil_test_tmpdir ();
  f->db = kepil_test_new_db (f->dir, "review.kepil");
  kepil_db_set_actor (f->db, "Specialist A", KEPIL_ROLE_SPECIALIST);
  load_dataset (f->db);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->db);
  kepil_test_rmrf (f->dir);
  g_free (f->dir);
}

static gint64
first_id (KepilDb *db, const char *entity)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = kepil_entity_list (db, entity, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, >, 0);
  return json_object_get_int_member (g_ptr_array_index (all, 0), "id");
}

/* The number of entries of @history with @action (and @field when not NULL). */
static guint
count_entries (JsonArray *history, const char *entity, const char *action, const char *field)
{
  guint n = 0;
  for (guint i = 0; i < json_array_get_length (history); i++)
    {
      JsonObject *e = json_array_get_object_element (history, i);
      if (g_str_equal (kepil_json_str (e, "action", ""), action) &&
          g_str_equal (kepil_json_str (e, "entity", ""), entity) &&
          (field == NULL || g_str_equal (kepil_json_str (e, "field", ""), field)))
        n++;
    }
  return n;
}

static JsonObject *
one_value (const char *field, const char *json_value)
{
  g_autofree char *text = g_strdup_printf ("{\"%s\": %s}", field, json_value);
  g_autoptr (JsonParser) p = json_parser_new ();
  g_assert_true (json_parser_load_from_data (p, text, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (p)));
}

/* ---- audit -------------------------------------------------------------------- */

static void
test_audit_every_entity (Fixture *f, gconstpointer data)
{
  const char * const *names = kepil_entity_names ();
  guint n_names = g_strv_length ((char **) names);
  gint64 ids[G_N_ELEMENTS (updates)];

  /* The table above covers every entity, so a new entity cannot slip by. */
  for (guint i = 0; names[i] != NULL; i++)
    {
      gboolean found = FALSE;
      for (guint k = 0; k < G_N_ELEMENTS (updates); k++)
        found |= g_str_equal (updates[k].entity, names[i]);
      if (!found)
        g_test_message ("entity %s has no update in this test", names[i]);
      g_assert_true (found);
    }
  g_assert_cmpuint (n_names, ==, G_N_ELEMENTS (updates));

  kepil_db_set_actor (f->db, "Auditor B", KEPIL_ROLE_SPECIALIST);
  for (guint k = 0; k < G_N_ELEMENTS (updates); k++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonObject) v = one_value (updates[k].field, updates[k].json_value);
      g_autoptr (JsonArray) h = NULL;
      JsonObject *last;

      ids[k] = first_id (f->db, updates[k].entity);
      g_assert_true (kepil_entity_update (f->db, updates[k].entity, ids[k], v, &error));
      g_assert_no_error (error);
      h = kepil_audit_history (f->db, updates[k].entity, ids[k], FALSE, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (count_entries (h, updates[k].entity, "insert", NULL), ==, 1);
      g_assert_cmpuint (count_entries (h, updates[k].entity, "update", updates[k].field), ==, 1);
      last = json_array_get_object_element (h, json_array_get_length (h) - 1);
      g_assert_cmpstr (kepil_json_str (last, "who", ""), ==, "Auditor B");
      g_assert_cmpstr (kepil_json_str (last, "field", ""), ==, updates[k].field);
      g_assert_nonnull (kepil_json_str (last, "new_value", NULL));
      if (strchr (updates[k].json_value, '"') != NULL)
        g_assert_true (strstr (updates[k].json_value, kepil_json_str (last, "new_value", "")) != NULL);
    }
  /* Delete children first so that no cascade hides a delete. */
  for (guint k = G_N_ELEMENTS (updates); k-- > 0;)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonArray) h = NULL;
      g_autoptr (GPtrArray) rest = NULL;
      JsonObject *last;

      if (g_str_equal (updates[k].entity, "workplace") || g_str_equal (updates[k].entity, "measurement"))
        {
          /* The second workplace and measurement go first. */
          rest = kepil_entity_list (f->db, updates[k].entity, NULL, 0, &error);
          for (guint i = 0; i < rest->len; i++)
            {
              gint64 id = json_object_get_int_member (g_ptr_array_index (rest, i), "id");
              if (id != ids[k])
                g_assert_true (kepil_entity_delete (f->db, updates[k].entity, id, &error));
            }
        }
      g_assert_true (kepil_entity_delete (f->db, updates[k].entity, ids[k], &error));
      g_assert_no_error (error);
      h = kepil_audit_history (f->db, updates[k].entity, ids[k], FALSE, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (count_entries (h, updates[k].entity, "delete", NULL), ==, 1);
      last = json_array_get_object_element (h, json_array_get_length (h) - 1);
      g_assert_cmpstr (kepil_json_str (last, "action", ""), ==, "delete");
      /* The deleted row is kept in the log, with the changed value. */
      g_assert_nonnull (strstr (kepil_json_str (last, "old_value", ""), updates[k].field));
    }
  g_assert_cmpint (kepil_entity_count (f->db, "enterprise", NULL), ==, 0);
}

static void
test_audit_workplace_children (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) with = NULL, without = NULL, other = NULL;
  g_autoptr (JsonObject) v = one_value ("value", "99.5");
  gint64 w1 = kepil_entity_find (f->db, "workplace", "code", "01 001 001", NULL);
  gint64 w2 = kepil_entity_find (f->db, "workplace", "code", "01 001 002", NULL);
  g_autoptr (GPtrArray) m1 = kepil_entity_list (f->db, "measurement", "workplace_id", w1, NULL);
  gint64 mid = json_object_get_int_member (g_ptr_array_index (m1, 0), "id");

  g_assert_true (kepil_entity_update (f->db, "measurement", mid, v, &error));
  g_assert_true (kepil_entity_delete (f->db, "measurement", mid, &error));
  g_assert_no_error (error);
  with = kepil_audit_history (f->db, "workplace", w1, TRUE, &error);
  g_assert_no_error (error);
  without = kepil_audit_history (f->db, "workplace", w1, FALSE, &error);
  other = kepil_audit_history (f->db, "workplace", w2, TRUE, &error);
  /* The deleted measurement's insert, update and delete belong to w1 only. */
  g_assert_cmpuint (count_entries (with, "measurement", "insert", NULL), ==, 1);
  g_assert_cmpuint (count_entries (with, "measurement", "update", "value"), ==, 1);
  g_assert_cmpuint (count_entries (with, "measurement", "delete", NULL), ==, 1);
  g_assert_cmpuint (count_entries (with, "ppe_provision", "insert", NULL), ==, 1);
  g_assert_cmpuint (count_entries (with, "safety_assessment", "insert", NULL), ==, 1);
  g_assert_cmpuint (count_entries (without, "measurement", "insert", NULL), ==, 0);
  g_assert_cmpuint (count_entries (without, "workplace", "insert", NULL), ==, 1);
  g_assert_cmpuint (count_entries (other, "measurement", "insert", NULL), ==, 1);
  g_assert_cmpuint (count_entries (other, "measurement", "delete", NULL), ==, 0);
  g_assert_null (kepil_audit_history (f->db, "no_such", 1, FALSE, &error));
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID);
}

/* ---- roles ----------------------------------------------------------------------- */

static void
test_inspector_cannot_write (Fixture *f, gconstpointer data)
{
  const char * const *names = kepil_entity_names ();
  gint64 log_before = kepil_audit_count (f->db, NULL);
  g_autofree char *backup = NULL;
  g_autoptr (GError) error = NULL;
  gint64 fid;

  backup = kepil_db_backup (f->db, "test", &error);
  g_assert_no_error (error);
  kepil_db_set_actor (f->db, "Inspector C", KEPIL_ROLE_INSPECTOR);
  for (guint i = 0; names[i] != NULL; i++)
    {
      gint64 id = first_id (f->db, names[i]);
      gint64 count = kepil_entity_count (f->db, names[i], NULL);
      g_autoptr (JsonObject) rec = kepil_entity_get (f->db, names[i], id, NULL);
      g_autoptr (JsonObject) change = NULL;
      GError *e = NULL;

      json_object_remove_member (rec, "id");
      g_assert_cmpint (kepil_entity_insert (f->db, names[i], rec, &e), ==, 0);
      g_assert_error (e, KEPIL_ERROR, KEPIL_ERROR_READ_ONLY);
      g_clear_error (&e);
      for (guint k = 0; k < G_N_ELEMENTS (updates); k++)
        if (g_str_equal (updates[k].entity, names[i]))
          change = one_value (updates[k].field, updates[k].json_value);
      g_assert_false (kepil_entity_update (f->db, names[i], id, change, &e));
      g_assert_error (e, KEPIL_ERROR, KEPIL_ERROR_READ_ONLY);
      g_clear_error (&e);
      g_assert_false (kepil_entity_delete (f->db, names[i], id, &e));
      g_assert_error (e, KEPIL_ERROR, KEPIL_ERROR_READ_ONLY);
      g_clear_error (&e);
      g_assert_cmpint (kepil_entity_count (f->db, names[i], NULL), ==, count);
    }
  {
    g_autoptr (JsonParser) p = json_parser_new ();
    g_assert_true (json_parser_load_from_data (p, "{\"profession\": [{\"name_ru\": \"Новая\"}]}", -1, NULL));
    g_assert_false (kepil_dataset_load (f->db, json_parser_get_root (p), &error));
    g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_READ_ONLY);
    g_clear_error (&error);
  }
  g_assert_false (kepil_demo_load (f->db, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (kepil_review_finalize (f->db, 0, &error));
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (kepil_db_restore_backup (f->db, backup, &error));
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_READ_ONLY);
  g_clear_error (&error);
  /* Nothing reached the log. */
  g_assert_cmpint (kepil_audit_count (f->db, NULL), ==, log_before);

  /* An inspector records findings, and the log says who. */
  {
    g_autoptr (JsonObject) fnd = json_object_new ();
    g_autoptr (JsonArray) h = NULL;
    json_object_set_string_member (fnd, "category", "ppe_not_issued");
    json_object_set_string_member (fnd, "workplace_code", "01 001 001");
    fid = kepil_finding_add (f->db, fnd, &error);
    g_assert_no_error (error);
    g_assert_cmpint (fid, >, 0);
    g_assert_true (kepil_finding_set_status (f->db, fid, "under_control", &error));
    g_assert_no_error (error);
    h = kepil_audit_history (f->db, "finding", fid, FALSE, &error);
    g_assert_cmpuint (json_array_get_length (h), ==, 2);
    g_assert_cmpstr (kepil_json_str (json_array_get_object_element (h, 0), "who", ""), ==, "Inspector C");
  }
}

static void
test_finalize_needs_commission (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) act = NULL;

  kepil_db_set_actor (f->db, "Specialist A", KEPIL_ROLE_SPECIALIST);
  g_assert_null (kepil_review_finalize (f->db, 0, &error));
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_null (kepil_review_latest_act (f->db, first_id (f->db, "campaign"), &error));
  g_assert_no_error (error);
  kepil_db_set_actor (f->db, "Chairman D", KEPIL_ROLE_COMMISSION);
  act = kepil_review_finalize (f->db, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kepil_json_str (act, "finalized_by", ""), ==, "Chairman D");
  g_assert_null (kepil_review_finalize (f->db, 999, &error));
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND);
}

/* ---- acts -------------------------------------------------------------------------- */

static JsonObject *
find_difference (JsonObject *verify, const char *entity, gint64 id, const char *field, const char *change)
{
  JsonArray *acts = json_object_get_array_member (verify, "acts");
  for (guint i = 0; i < json_array_get_length (acts); i++)
    {
      JsonArray *d = json_object_get_array_member (json_array_get_object_element (acts, i), "differences");
      for (guint k = 0; k < json_array_get_length (d); k++)
        {
          JsonObject *x = json_array_get_object_element (d, k);
          if (g_str_equal (kepil_json_str (x, "entity", ""), entity) && kepil_json_int (x, "id", 0) == id &&
              g_str_equal (kepil_json_str (x, "change", ""), change) &&
              (field == NULL || g_str_equal (kepil_json_str (x, "field", ""), field)))
            return x;
        }
    }
  return NULL;
}

static void
test_finalize_and_verify (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) act1 = NULL, again = NULL, act2 = NULL, v = NULL, camp = NULL;
  g_autofree char *snap = NULL, *sha = NULL;
  gint64 cid = first_id (f->db, "campaign");
  gint64 mid = first_id (f->db, "measurement");
  gint64 ppe = first_id (f->db, "ppe_provision");
  gint64 wp = kepil_entity_find (f->db, "workplace", "code", "01 001 002", NULL);
  JsonObject *x;

  kepil_db_set_actor (f->db, "Chairman D", KEPIL_ROLE_COMMISSION);
  act1 = kepil_review_finalize (f->db, cid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kepil_json_int (act1, "revision", 0), ==, 1);
  g_assert_cmpuint (strlen (kepil_json_str (act1, "fingerprint", "")), ==, 64);
  g_assert_false (json_object_get_boolean_member (act1, "unchanged"));
  g_assert_cmpstr (kepil_json_str (act1, "norm_set", ""), ==, "KZ-2000");
  camp = kepil_entity_get (f->db, "campaign", cid, NULL);
  g_assert_cmpstr (kepil_json_str (camp, "status", ""), ==, "final");

  /* The fingerprint is the SHA-256 of the snapshot as it is now. */
  snap = kepil_review_snapshot (f->db, cid, &sha, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sha, ==, kepil_json_str (act1, "fingerprint", ""));
  g_assert_nonnull (strstr (snap, "\"measurement\":[{"));

  v = kepil_review_verify (f->db, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (v, "ok"));
  g_assert_cmpint (kepil_json_int (v, "checked", 0), ==, 1);
  g_clear_pointer (&v, json_object_unref);

  /* Finalising unchanged data makes no new revision. */
  again = kepil_review_finalize (f->db, cid, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (again, "unchanged"));
  g_assert_cmpint (kepil_json_int (again, "revision", 0), ==, 1);

  /* A changed value, a removed row and an added row are each named. */
  {
    g_autoptr (JsonObject) change = one_value ("value", "79.25");
    g_autoptr (JsonObject) m = json_object_new ();
    g_assert_true (kepil_entity_update (f->db, "measurement", mid, change, &error));
    g_assert_true (kepil_entity_delete (f->db, "ppe_provision", ppe, &error));
    json_object_set_int_member (m, "workplace_id", wp);
    json_object_set_string_member (m, "factor", "dust");
    json_object_set_double_member (m, "value", 4.0);
    g_assert_cmpint (kepil_entity_insert (f->db, "measurement", m, &error), >, 0);
    g_assert_no_error (error);
  }
  v = kepil_review_verify (f->db, &error);
  g_assert_no_error (error);
  g_assert_false (json_object_get_boolean_member (v, "ok"));
  g_assert_cmpint (kepil_json_int (v, "changed", 0), ==, 1);
  x = find_difference (v, "measurement", mid, "value", "changed");
  g_assert_nonnull (x);
  g_assert_cmpstr (kepil_json_str (x, "signed_value", ""), ==, "85.5");
  g_assert_cmpstr (kepil_json_str (x, "current_value", ""), ==, "79.25");
  g_assert_nonnull (find_difference (v, "ppe_provision", ppe, NULL, "removed"));
  g_assert_cmpstr (kepil_json_str (json_array_get_object_element (json_object_get_array_member (v, "acts"), 0),
                                   "problem", ""), ==, "data-changed");
  /* Only these three differ. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_array_get_object_element (json_object_get_array_member (v, "acts"), 0), "differences")), ==, 3);
  g_clear_pointer (&v, json_object_unref);

  /* Finalising again makes revision 2; the first stays, sound in itself. */
  act2 = kepil_review_finalize (f->db, cid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kepil_json_int (act2, "revision", 0), ==, 2);
  g_assert_cmpstr (kepil_json_str (act2, "fingerprint", ""), !=, kepil_json_str (act1, "fingerprint", ""));
  v = kepil_review_verify (f->db, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (v, "ok"));
  g_assert_cmpint (kepil_json_int (v, "checked", 0), ==, 2);
  {
    g_autoptr (JsonArray) acts = kepil_review_list_acts (f->db, &error);
    g_assert_cmpuint (json_array_get_length (acts), ==, 2);
  }
  g_clear_pointer (&v, json_object_unref);

  /* Deleting the campaign is caught as well. */
  kepil_db_set_actor (f->db, "Specialist A", KEPIL_ROLE_SPECIALIST);
  g_assert_true (kepil_entity_delete (f->db, "campaign", cid, &error));
  v = kepil_review_verify (f->db, &error);
  g_assert_false (json_object_get_boolean_member (v, "ok"));
  g_assert_cmpstr (kepil_json_str (json_array_get_object_element (json_object_get_array_member (v, "acts"), 1),
                                   "problem", ""), ==, "campaign-missing");
}

/* ---- findings ------------------------------------------------------------------------ */

static gint64
add_finding (KepilDb *db, const char *category, const char *code, const char *date, double effect, GError **error)
{
  g_autoptr (JsonObject) o = json_object_new ();
  json_object_set_string_member (o, "category", category);
  if (code)
    json_object_set_string_member (o, "workplace_code", code);
  if (date)
    json_object_set_string_member (o, "found_on", date);
  json_object_set_double_member (o, "economic_effect", effect);
  return kepil_finding_add (db, o, error);
}

static void
test_findings (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) cats = kepil_finding_categories (&error);
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (JsonObject) stats = NULL;
  g_autofree char *name = NULL, *xlsx = NULL;
  gint64 id;
  static const char *const required[] = {
    "guarantee_refused_ca_expired", "shortened_hours_lengthened", "harmful_job_missing_from_list",
    "oppv_not_paid", "ppe_not_issued", "medical_exams_not_done", "milk_and_lpp_both",
    "milk_and_lpp_neither", "attestation_expired"
  };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      g_autofree char *kk = kepil_finding_category_name (required[i], "kk");
      g_autofree char *ru = kepil_finding_category_name (required[i], "ru");
      g_autofree char *en = kepil_finding_category_name (required[i], "en");
      g_assert_nonnull (kk);
      g_assert_true (*kk && *ru && *en);
      g_assert_cmpstr (kk, !=, ru);
    }
  g_assert_cmpuint (json_array_get_length (cats), >=, G_N_ELEMENTS (required));
  name = kepil_finding_category_name ("oppv_not_paid", "ru");
  g_assert_nonnull (strstr (name, "ОППВ"));

  kepil_db_set_actor (f->db, "Inspector C", KEPIL_ROLE_INSPECTOR);
  id = add_finding (f->db, "oppv_not_paid", "01 001 001", "2026-03-01", 125000.5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (add_finding (f->db, "ppe_not_issued", NULL, "01.02.2026", 0, &error), >, 0);
  g_assert_cmpint (add_finding (f->db, "oppv_not_paid", "01 001 002", "2025-06-30", 1000, &error), >, 0);
  g_assert_cmpint (add_finding (f->db, "oppv_not_paid", NULL, "2023-06-30", 7, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (add_finding (f->db, "no_such_category", NULL, NULL, 0, &error), ==, 0);
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (add_finding (f->db, "oppv_not_paid", "99 999 999", NULL, 0, &error), ==, 0);
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (add_finding (f->db, "oppv_not_paid", NULL, NULL, -5, &error), ==, 0);
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kepil_finding_set_status (f->db, id, "forgotten", &error));
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID);
  g_clear_error (&error);

  list = kepil_finding_list (f->db, &error);
  g_assert_cmpuint (list->len, ==, 4);
  {
    JsonObject *first = g_ptr_array_index (list, 0);  /* by date: 2023 first */
    JsonObject *last = g_ptr_array_index (list, 3);
    g_assert_cmpstr (kepil_json_str (first, "found_on", ""), ==, "2023-06-30");
    g_assert_cmpstr (kepil_json_str (last, "workplace_code", ""), ==, "01 001 001");
    g_assert_cmpstr (kepil_json_str (last, "author", ""), ==, "Inspector C");
    g_assert_cmpstr (kepil_json_str (last, "legal_basis", ""), !=, "");
    g_assert_cmpstr (kepil_json_str (last, "status", ""), ==, "open");
  }

  stats = kepil_findings_statistics (f->db, 2026, "en", &error);
  g_assert_no_error (error);
  {
    JsonObject *t = json_object_get_object_member (stats, "total");
    JsonArray *c = json_object_get_array_member (stats, "categories");
    g_assert_cmpint (kepil_json_int (t, "count", 0), ==, 2);
    g_assert_cmpint (kepil_json_int (t, "count_previous", 0), ==, 1);
    g_assert_cmpfloat_with_epsilon (kepil_json_double (t, "effect", 0), 125000.5, 1e-6);
    for (guint i = 0; i < json_array_get_length (c); i++)
      {
        JsonObject *o = json_array_get_object_element (c, i);
        if (g_str_equal (kepil_json_str (o, "key", ""), "oppv_not_paid"))
          {
            g_assert_cmpint (kepil_json_int (o, "count", 0), ==, 1);
            g_assert_cmpint (kepil_json_int (o, "count_previous", 0), ==, 1);
          }
      }
  }
  xlsx = g_build_filename (f->dir, "findings.xlsx", NULL);
  g_assert_true (kepil_findings_export_xlsx (f->db, xlsx, "kk+ru", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));
  g_assert_false (kepil_findings_export_xlsx (f->db, xlsx, "de", &error));
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID);
}

/* ---- packages ------------------------------------------------------------------------ */

static void
test_package_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *pkg = g_build_filename (f->dir, "for-inspector.kepil", NULL);
  g_autofree char *back = g_build_filename (f->dir, "findings.json", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.json", NULL);
  g_autoptr (JsonObject) summary = NULL, r1 = NULL, r2 = NULL;
  g_autoptr (KepilDb) copy = NULL;
  g_autoptr (JsonObject) change = one_value ("value", "1.0");
  g_autoptr (GPtrArray) mine = NULL;
  gint64 cid = first_id (f->db, "campaign");
  gint64 mid = first_id (f->db, "measurement");

  kepil_db_set_actor (f->db, "Chairman D", KEPIL_ROLE_COMMISSION);
  {
    g_autoptr (JsonObject) act = kepil_review_finalize (f->db, cid, &error);
    g_assert_nonnull (act);
  }
  summary = kepil_package_export (f->db, pkg, cid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kepil_json_int (summary, "workplaces", 0), ==, 2);
  g_assert_cmpint (kepil_json_int (summary, "acts", 0), ==, 1);
  g_assert_null (kepil_package_export (f->db, pkg, cid, &error));  /* never overwrites */
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_IO);
  g_clear_error (&error);

  /* The inspector's copy: enterprise data is frozen, even for another role. */
  copy = kepil_db_open (pkg, KEPIL_DB_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
  kepil_db_set_actor (copy, "Inspector C", KEPIL_ROLE_SPECIALIST);
  g_assert_false (kepil_entity_update (copy, "measurement", mid, change, &error));
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_READ_ONLY);
  g_clear_error (&error);
  kepil_db_set_actor (copy, "Inspector C", KEPIL_ROLE_INSPECTOR);
  g_assert_false (kepil_entity_update (copy, "measurement", mid, change, &error));
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_READ_ONLY);
  g_clear_error (&error);
  {
    g_autoptr (JsonObject) v = kepil_review_verify (copy, &error);
    g_assert_no_error (error);
    g_assert_true (json_object_get_boolean_member (v, "ok"));
  }
  g_assert_cmpint (add_finding (copy, "milk_and_lpp_both", "01 001 002", "2026-05-05", 5000, &error), >, 0);
  g_assert_cmpint (add_finding (copy, "attestation_expired", NULL, NULL, 0, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (kepil_package_export_findings (copy, back, &error), ==, 2);
  g_assert_no_error (error);

  /* The enterprise imports them once; a second import adds nothing. */
  kepil_db_set_actor (f->db, "Specialist A", KEPIL_ROLE_SPECIALIST);
  r1 = kepil_package_import_findings (f->db, back, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kepil_json_int (r1, "added", 0), ==, 2);
  r2 = kepil_package_import_findings (f->db, back, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kepil_json_int (r2, "added", -1), ==, 0);
  g_assert_cmpint (kepil_json_int (r2, "skipped", 0), ==, 2);
  mine = kepil_finding_list (f->db, &error);
  g_assert_cmpuint (mine->len, ==, 2);
  g_assert_cmpstr (kepil_json_str (g_ptr_array_index (mine, 1), "author", ""), ==, "Inspector C");

  /* All or nothing: one unknown workplace and no finding of the file is added. */
  {
    g_autofree char *text = NULL;
    g_autofree char *edited = NULL;
    g_autoptr (GPtrArray) after = NULL;
    g_assert_true (g_file_get_contents (back, &text, NULL, NULL));
    edited = g_strdup (text);
    /* New uids for both, then a workplace that does not exist for the second. */
    for (char *p = strstr (edited, "\"uid\" : \""); p != NULL; p = strstr (p + 1, "\"uid\" : \""))
      p[9] = p[9] == 'f' ? 'e' : 'f';
    {
      char *w = strstr (edited, "01 001 002");
      g_assert_nonnull (w);
      memcpy (w, "77 777 777", 10);
    }
    g_assert_true (g_file_set_contents (bad, edited, -1, NULL));
    g_assert_null (kepil_package_import_findings (f->db, bad, &error));
    g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND);
    g_clear_error (&error);
    after = kepil_finding_list (f->db, NULL);
    g_assert_cmpuint (after->len, ==, 2);
  }
  g_assert_true (g_file_set_contents (bad, "{\"format\": \"something\"}", -1, NULL));
  g_assert_null (kepil_package_import_findings (f->db, bad, &error));
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE);
}

/* ---- settings -------------------------------------------------------------------------- */

static void
test_settings (void)
{
  g_autofree char *dir = kepil_test_tmpdir ();
  g_autofree char *path = NULL, *name = NULL, *again = NULL;
  g_autoptr (GError) error = NULL;

  g_setenv ("XDG_CONFIG_HOME", dir, TRUE);
  path = kepil_settings_path ();
  g_assert_true (g_str_has_prefix (path, dir));
  g_assert_null (kepil_settings_get ("user", "name"));
  g_assert_true (kepil_settings_set ("user", "name", "Әлия Серікова", &error));
  g_assert_no_error (error);
  name = kepil_settings_get ("user", "name");
  g_assert_cmpstr (name, ==, "Әлия Серікова");
  g_assert_true (kepil_settings_set ("user", "role", "commission", &error));
  again = kepil_settings_get ("user", "name");
  g_assert_cmpstr (again, ==, "Әлия Серікова");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  kepil_test_rmrf (dir);
}

int
main (int argc, char **argv)
{
  kepil_test_init (&argc, &argv);
  g_test_add ("/review/audit/every-entity", Fixture, NULL, fixture_set_up, test_audit_every_entity, fixture_tear_down);
  g_test_add ("/review/audit/workplace-children", Fixture, NULL, fixture_set_up, test_audit_workplace_children, fixture_tear_down);
  g_test_add ("/review/roles/inspector-cannot-write", Fixture, NULL, fixture_set_up, test_inspector_cannot_write, fixture_tear_down);
  g_test_add ("/review/roles/finalize-needs-commission", Fixture, NULL, fixture_set_up, test_finalize_needs_commission, fixture_tear_down);
  g_test_add ("/review/acts/finalize-and-verify", Fixture, NULL, fixture_set_up, test_finalize_and_verify, fixture_tear_down);
  g_test_add ("/review/findings", Fixture, NULL, fixture_set_up, test_findings, fixture_tear_down);
  g_test_add ("/review/package/round-trip", Fixture, NULL, fixture_set_up, test_package_round_trip, fixture_tear_down);
  g_test_add_func ("/review/settings", test_settings);
  return g_test_run ();
}
