/* test-export.c — the Excel documents and the data fingerprint through the core API
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-test.h"
#include "kepil-demo.h"
#include "kepil-entity.h"
#include "kepil-error.h"
#include "kepil-export.h"
#include "kepil-fingerprint.h"
#include "kepil-json.h"

static const char *fixture =
  "{\"enterprise\":[{\"key\":\"e\",\"name_ru\":\"АО Завод\",\"name_kk\":\"Зауыт АҚ\",\"address\":\"г. Тараз\"}],"
  "\"unit\":[{\"key\":\"u\",\"enterprise_id\":\"e\",\"name_ru\":\"Цех 5\",\"name_kk\":\"№ 5 цех\",\"headcount\":20}],"
  "\"profession\":[{\"key\":\"p\",\"name_ru\":\"Шихтовщик\",\"name_kk\":\"Шихташы\"}],"
  "\"workplace\":[{\"key\":\"w\",\"unit_id\":\"u\",\"profession_id\":\"p\",\"code\":\"01 002 001\",\"count\":2,"
  "\"men\":3,\"women\":1,\"wage\":300000}],"
  "\"campaign\":[{\"key\":\"c\",\"enterprise_id\":\"e\",\"order_no\":\"45\",\"order_date\":\"2023-01-20\","
  "\"measured_from\":\"2023-02-01\",\"measured_to\":\"2023-03-01\"}],"
  "\"commission_member\":[{\"campaign_id\":\"c\",\"full_name\":\"Иванов И. И.\",\"role\":\"chairman\"},"
  "{\"campaign_id\":\"c\",\"full_name\":\"Ахметова А. А.\",\"role\":\"secretary\"}],"
  "\"measurement\":[{\"key\":\"m\",\"workplace_id\":\"w\",\"campaign_id\":\"c\",\"factor\":\"noise\",\"unit_of_measure\":\"dBA\","
  "\"value\":91,\"norm\":80}]}";

static KepilDb *
fixture_db (const char *dir)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) n = json_from_string (fixture, &error);
  KepilDb *db = kepil_test_new_db (dir, "f.kepil");
  g_assert_no_error (error);
  g_assert_true (kepil_dataset_load (db, n, &error));
  g_assert_no_error (error);
  return db;
}

static void
test_fingerprint (void)
{
  g_autofree char *dir = kepil_test_tmpdir ();
  g_autoptr (KepilDb) db = fixture_db (dir);
  g_autoptr (GError) error = NULL;
  g_autofree char *a = kepil_data_fingerprint (db, 0, &error);
  g_autofree char *b = NULL, *c = NULL, *d = NULL;
  g_autoptr (JsonObject) change = json_object_new ();
  gint64 m = kepil_entity_find (db, "measurement", "factor", "noise", NULL);

  g_assert_no_error (error);
  g_assert_cmpuint (strlen (a), ==, 64);
  b = kepil_data_fingerprint (db, 0, &error);
  g_assert_cmpstr (a, ==, b);  /* stable */
  g_assert_cmpint (m, >, 0);
  json_object_set_double_member (change, "value", 91.5);
  g_assert_true (kepil_entity_update (db, "measurement", m, change, &error));
  c = kepil_data_fingerprint (db, 0, &error);
  g_assert_cmpstr (a, !=, c);  /* a measured value changed */
  json_object_set_double_member (change, "value", 91);
  g_assert_true (kepil_entity_update (db, "measurement", m, change, &error));
  d = kepil_data_fingerprint (db, 0, &error);
  g_assert_cmpstr (a, ==, d);  /* the same rows again */
  g_assert_null (kepil_data_fingerprint (db, 999, &error));
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND);
  kepil_test_rmrf (dir);
}

static void
test_documents (void)
{
  g_autofree char *dir = kepil_test_tmpdir ();
  g_autoptr (KepilDb) db = fixture_db (dir);
  const char * const *docs = kepil_export_documents ();
  const char * const *langs = kepil_export_languages ();

  g_assert_cmpuint (g_strv_length ((char **) docs), ==, 6);
  for (guint i = 0; docs[i]; i++)
    for (guint l = 0; langs[l]; l++)
      {
        g_autoptr (GError) error = NULL;
        g_autofree char *name = g_strdup_printf ("%s-%u.xlsx", docs[i], l);
        g_autofree char *path = g_build_filename (dir, name, NULL);
        GStatBuf st;
        if (!kepil_export_document_available (docs[i]))
          {
            g_test_message ("%s needs the evaluation engine", docs[i]);
            continue;
          }
        g_assert_true (kepil_export_document (db, docs[i], langs[l], 0, path, NULL, &error));
        g_assert_no_error (error);
        g_assert_cmpint (g_stat (path, &st), ==, 0);
        g_assert_cmpint (st.st_size, >, 4000);
      }
  kepil_test_rmrf (dir);
}

static void
test_refusals (void)
{
  g_autofree char *dir = kepil_test_tmpdir ();
  g_autoptr (KepilDb) db = kepil_test_new_db (dir, "empty.kepil");
  g_autofree char *path = g_build_filename (dir, "x.xlsx", NULL);
  g_autoptr (GError) e1 = NULL, e2 = NULL, e3 = NULL;
  g_autoptr (GCancellable) c = g_cancellable_new ();

  g_assert_false (kepil_export_document (db, "nonsense", "ru", 0, path, NULL, &e1));
  g_assert_error (e1, KEPIL_ERROR, KEPIL_ERROR_INVALID);
  g_assert_false (kepil_export_document (db, "order", "de", 0, path, NULL, &e2));
  g_assert_error (e2, KEPIL_ERROR, KEPIL_ERROR_INVALID);
  g_assert_false (kepil_export_document (db, "order", "ru", 0, path, NULL, &e3));
  g_assert_error (e3, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  kepil_test_rmrf (dir);
  {
    g_autofree char *dir2 = kepil_test_tmpdir ();
    g_autoptr (KepilDb) db2 = fixture_db (dir2);
    g_autofree char *p2 = g_build_filename (dir2, "y.xlsx", NULL);
    g_autoptr (GError) e4 = NULL;
    g_cancellable_cancel (c);
    g_assert_false (kepil_export_document (db2, "protocols", "kk", 0, p2, c, &e4));
    g_assert_error (e4, KEPIL_ERROR, KEPIL_ERROR_CANCELLED);
    g_assert_false (g_file_test (p2, G_FILE_TEST_EXISTS));
    kepil_test_rmrf (dir2);
  }
}

/* campaign_id -1: no campaign; the act and the order refuse it, the protocols are written without one. */
static void
test_no_campaign (void)
{
  g_autofree char *dir = kepil_test_tmpdir ();
  g_autoptr (KepilDb) db = fixture_db (dir);
  g_autofree char *p1 = g_build_filename (dir, "act.xlsx", NULL);
  g_autofree char *p2 = g_build_filename (dir, "protocols.xlsx", NULL);
  g_autoptr (GError) e1 = NULL, e2 = NULL;
  const char * const *docs = kepil_export_documents ();

  for (guint i = 0; docs[i]; i++)
    g_assert_cmpint (kepil_export_document_needs_campaign (docs[i]), ==,
                     g_str_equal (docs[i], "act") || g_str_equal (docs[i], "order"));
  g_assert_false (kepil_export_document_needs_campaign ("nonsense"));
  g_assert_false (kepil_export_document (db, "order", "ru", -1, p1, NULL, &e1));
  g_assert_error (e1, KEPIL_ERROR, KEPIL_ERROR_INVALID);
  g_assert_false (g_file_test (p1, G_FILE_TEST_EXISTS));
  g_assert_true (kepil_export_document (db, "protocols", "ru", -1, p2, NULL, &e2));
  g_assert_no_error (e2);
  g_assert_true (g_file_test (p2, G_FILE_TEST_EXISTS));
  kepil_test_rmrf (dir);
}

int
main (int argc, char **argv)
{
  kepil_test_init (&argc, &argv);
  g_test_add_func ("/export/fingerprint", test_fingerprint);
  g_test_add_func ("/export/documents", test_documents);
  g_test_add_func ("/export/refusals", test_refusals);
  g_test_add_func ("/export/no-campaign", test_no_campaign);
  return g_test_run ();
}
