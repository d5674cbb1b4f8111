/* test-import.c — import of CSV and XLSX: bad corpus, good files, XLSX cells, a kill mid-import, round trip
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-test.h"
#include "kepil-audit.h"
#include "kepil-demo.h"
#include "kepil-entity.h"
#include "kepil-error.h"
#include "kepil-import.h"
#include "kepil-json.h"

#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* The classification part; weak so that this test also builds without it. */
GHashTable *kepil_classify_database (KepilDb *db, const char *norm_set, GError **error) __attribute__ ((weak));

static const char *
data_dir (void)
{
  static char *dir;
  if (dir == NULL)
    {
      const char *env = g_getenv ("KEPIL_TEST_DATA");
      g_assert_nonnull (env);
      dir = g_build_filename (env, "import", NULL);
    }
  return dir;
}

static char *
data_file (const char *sub, const char *name)
{
  return g_build_filename (data_dir (), sub, name, NULL);
}

static char *
digest (KepilDb *db)
{
  g_autoptr (GError) error = NULL;
  char *d = kepil_import_content_digest (db, &error);
  g_assert_no_error (error);
  g_assert_nonnull (d);
  return d;
}

/* The report's lines as the CLI prints them (without the file name). */
static char *
report_text (JsonObject *report)
{
  JsonArray *problems = json_object_get_array_member (report, "problems");
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (problems); i++)
    {
      JsonObject *p = json_array_get_object_element (problems, i);
      const char *col = kepil_json_str (p, "column", "");
      if (*col)
        g_string_append_printf (s, "row %" G_GINT64_FORMAT ", column %s: %s\n", kepil_json_int (p, "row", 0), col,
                                kepil_json_str (p, "message", ""));
      else
        g_string_append_printf (s, "row %" G_GINT64_FORMAT ": %s\n", kepil_json_int (p, "row", 0),
                                kepil_json_str (p, "message", ""));
    }
  return g_string_free (s, FALSE);
}

static JsonObject *
import_ok (KepilDb *db, const char *kind, const char *path, const char *mapping)
{
  g_autoptr (GError) error = NULL;
  JsonObject *r = kepil_import_file (db, kind, path, mapping, FALSE, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  if (json_array_get_length (json_object_get_array_member (r, "problems")) != 0)
    {
      g_autofree char *t = report_text (r);
      g_test_message ("%s", t);
    }
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (r, "problems")), ==, 0);
  return r;
}

static void
test_bad_corpus (void)
{
  g_autofree char *tmp = kepil_test_tmpdir ();
  g_autoptr (KepilDb) db = kepil_test_new_db (tmp, "bad.kepil");
  g_autofree char *base = data_file ("good", "base.csv");
  g_autofree char *dir = g_build_filename (data_dir (), "bad", NULL);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr (JsonObject) r0 = import_ok (db, "measurements", base, NULL);
  g_autofree char *before = digest (db);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *stem = NULL, *expect_path = NULL, *kind_path = NULL, *map_path = NULL;
      g_autofree char *expect = NULL, *kind = NULL, *after = NULL, *text = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonObject) r = NULL;
      const char *dot;

      if (g_str_has_suffix (name, ".expect") || g_str_has_suffix (name, ".kind") || g_str_has_suffix (name, ".json"))
        continue;
      dot = strrchr (name, '.');
      stem = g_strndup (name, (gsize) (dot - name));
      expect_path = g_strdup_printf ("%s/%s.expect", dir, stem);
      kind_path = g_strdup_printf ("%s/%s.kind", dir, stem);
      map_path = g_strdup_printf ("%s/%s.mapping.json", dir, stem);
      g_assert_true (g_file_get_contents (expect_path, &expect, NULL, NULL));
      g_strstrip (expect);
      if (g_file_get_contents (kind_path, &kind, NULL, NULL))
        g_strstrip (kind);
      r = kepil_import_file (db, kind ? kind : "measurements", path,
                             g_file_test (map_path, G_FILE_TEST_EXISTS) ? map_path : NULL, FALSE, FALSE, NULL, &error);
      if (r != NULL)
        {
          text = report_text (r);
          g_assert_cmpint (kepil_json_int (r, "imported", -1), ==, 0);
        }
      else
        text = g_strdup (error->message);
      if (strstr (text, expect) == NULL)
        g_error ("%s: expected “%s”, got:\n%s", name, expect, text);
      after = digest (db);
      g_assert_cmpstr (before, ==, after);
      n++;
    }
  g_assert_cmpuint (n, >=, 30);
}

static gint64
count (KepilDb *db, const char *entity)
{
  g_autoptr (GError) error = NULL;
  gint64 n = kepil_entity_count (db, entity, &error);
  g_assert_no_error (error);
  return n;
}

/* Every encoding and separator reads to the same rows. */
static void
test_good_csv (void)
{
  const char *files[] = { "semicolon-utf8-bom.csv", "semicolon-cp1251.csv", "comma-utf8.csv", "tab-cp1251.csv" };
  g_autofree char *tmp = kepil_test_tmpdir ();
  g_autofree char *first = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *dbname = g_strdup_printf ("good-%u.kepil", i);
      g_autoptr (KepilDb) db = kepil_test_new_db (tmp, dbname);
      g_autofree char *path = data_file ("good", files[i]);
      g_autofree char *out = g_build_filename (tmp, "export.csv", NULL);
      g_autofree char *text = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonObject) r = import_ok (db, "measurements", path, NULL);
      g_autoptr (KepilImportTable) t = kepil_import_read_table (path, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (t->encoding, ==, strstr (files[i], "cp1251") ? "Windows-1251" : "UTF-8");
      g_assert_cmpint (t->separator, ==, files[i][0] == 's' ? ';' : files[i][0] == 'c' ? ',' : '\t');
      g_assert_cmpint (kepil_json_int (r, "imported", 0), ==, 4);
      g_assert_cmpint (count (db, "measurement"), ==, 4);
      g_assert_cmpint (count (db, "workplace"), ==, 3);
      g_assert_cmpint (count (db, "unit"), ==, 2);
      g_assert_cmpint (count (db, "enterprise"), ==, 1);
      /* The content, written back as a template, is the same for every file. */
      g_assert_true (kepil_import_export_template_data (db, out, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
      g_assert_nonnull (strstr (text, "\"phosphine; PH3\""));
      g_assert_nonnull (strstr (text, "0,15"));
      if (first == NULL)
        first = g_steal_pointer (&text);
      else
        g_assert_cmpstr (text, ==, first);
    }
}

/* A workbook as Excel writes it: shared strings, a date-formatted serial,
 * numbers; and one in constant-memory mode, whose strings are inline. */
static void
write_xlsx (const char *path, gboolean constant_memory)
{
  lxw_workbook_options opt = { .constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE };
  lxw_workbook *wb = workbook_new_opt (path, &opt);
  lxw_worksheet *ws = workbook_add_worksheet (wb, "Protocol");
  lxw_format *date = workbook_add_format (wb);
  const char * const *names = kepil_import_fields ("measurements");
  lxw_datetime when = { 2025, 3, 12, 0, 0, 0 };

  format_set_num_format (date, "dd.mm.yyyy");
  for (int i = 0; names[i] != NULL; i++)
    worksheet_write_string (ws, 0, (lxw_col_t) i, names[i], NULL);
  for (lxw_row_t r = 1; r <= 3; r++)
    {
      worksheet_write_string (ws, r, 0, r == 3 ? "07 001 002" : "07 001 001", NULL);
      worksheet_write_string (ws, r, 1, "Цех 7", NULL);
      worksheet_write_string (ws, r, 2, r == 3 ? "Слесарь" : "Аппаратчик", NULL);
      worksheet_write_number (ws, r, 3, 2, NULL);
      worksheet_write_string (ws, r, 4, r == 2 ? "dust" : "noise", NULL);
      /* Column G (agent) left empty, and F (subgroup) but for dust: missing cells. */
      if (r == 2)
        worksheet_write_string (ws, r, 5, "fibrogenic-low", NULL);
      worksheet_write_number (ws, r, 7, r == 2 ? 4.25 : 88.5, NULL);
      worksheet_write_string (ws, r, 8, r == 2 ? "mg/m3" : "dBA", NULL);
      worksheet_write_number (ws, r, 9, r == 2 ? 4 : 80, NULL);
      worksheet_write_datetime (ws, r, 12, &when, date);
      worksheet_write_number (ws, r, 13, 62.5, NULL);
    }
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
}

static void
test_good_xlsx (void)
{
  g_autofree char *tmp = kepil_test_tmpdir ();

  for (int cm = 0; cm <= 1; cm++)
    {
      g_autofree char *dbname = g_strdup_printf ("x%d.kepil", cm);
      g_autofree char *path = g_build_filename (tmp, cm ? "inline.xlsx" : "shared.xlsx", NULL);
      g_autofree char *out = g_build_filename (tmp, "back.csv", NULL);
      g_autofree char *text = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (KepilDb) db = kepil_test_new_db (tmp, dbname);
      g_autoptr (JsonObject) r = NULL;
      g_autoptr (JsonArray) preview = NULL;

      write_xlsx (path, cm);
      preview = kepil_import_preview (db, path, NULL, 2, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (json_array_get_length (preview), ==, 2);
      g_assert_cmpstr (kepil_json_str (json_array_get_object_element (preview, 0), "measured_on", ""), ==,
                       "2025-03-12");
      g_assert_cmpstr (kepil_json_str (json_array_get_object_element (preview, 1), "value", ""), ==, "4.25");
      g_assert_cmpint (count (db, "measurement"), ==, 0);

      r = import_ok (db, "measurements", path, NULL);
      g_assert_cmpstr (kepil_json_str (r, "format", ""), ==, "xlsx");
      g_assert_cmpint (kepil_json_int (r, "imported", 0), ==, 3);
      g_assert_cmpint (count (db, "workplace"), ==, 2);
      g_assert_true (kepil_import_export_template_data (db, out, &error));
      g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
      g_assert_nonnull (strstr (text, "07 001 001;Цех 7;Аппаратчик;2;dust;fibrogenic-low;;4,25;mg/m3;4;;;12.03.2025;62,5"));
    }
}

/* The template in every header language is recognised on import: an empty
 * template is refused only for having no rows. */
static void
test_template_headers (void)
{
  const char *langs[] = { NULL, "en", "kk", "ru", "kk+ru" };
  const char *exts[] = { "csv", "xlsx" };
  const char *kinds[] = { "measurements", "workplaces" };
  g_autofree char *tmp = kepil_test_tmpdir ();
  g_autoptr (KepilDb) db = kepil_test_new_db (tmp, "t.kepil");

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
      for (guint e = 0; e < G_N_ELEMENTS (exts); e++)
        {
          g_autofree char *path = g_strdup_printf ("%s/t-%u-%u-%u.%s", tmp, k, l, e, exts[e]);
          g_autoptr (GError) error = NULL;
          g_autoptr (JsonObject) r = NULL;
          g_autofree char *text = NULL;

          g_assert_true (kepil_import_write_template_kind (path, kinds[k], langs[l], &error));
          g_assert_no_error (error);
          r = kepil_import_file (db, kinds[k], path, NULL, FALSE, FALSE, NULL, &error);
          g_assert_no_error (error);
          text = report_text (r);
          g_assert_cmpstr (text, ==, "row 1: The file has a header but no rows of data.\n");
        }
  {
    g_autoptr (GError) error = NULL;
    g_assert_false (kepil_import_write_template ("/nonexistent-dir/t.csv", NULL, &error));
    g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_IO);
    g_clear_error (&error);
    g_assert_false (kepil_import_write_template ("t.csv", "de", &error));
    g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID);
  }
}

static void
test_valid_only_and_dry_run (void)
{
  g_autofree char *tmp = kepil_test_tmpdir ();
  g_autoptr (KepilDb) db = kepil_test_new_db (tmp, "v.kepil");
  g_autofree char *bad = data_file ("bad", "value-last-of-many.csv");
  g_autofree char *good = data_file ("good", "comma-utf8.csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) dry = NULL, some = NULL;
  g_autofree char *d0 = NULL, *d1 = NULL;

  /* The first check of a unit copies the shipped norm sets into the database
   * (the norms part does that once); the digest is taken after it. */
  dry = kepil_import_file (db, "measurements", good, NULL, TRUE, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&dry, json_object_unref);
  d0 = digest (db);
  dry = kepil_import_file (db, "measurements", good, NULL, TRUE, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kepil_json_int (dry, "valid", 0), ==, 4);
  g_assert_cmpint (kepil_json_int (dry, "imported", -1), ==, 0);
  d1 = digest (db);
  g_assert_cmpstr (d0, ==, d1);

  some = kepil_import_file (db, "measurements", bad, NULL, FALSE, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kepil_json_int (some, "rows", 0), ==, 6);
  /* "8 5" is 85 written with a thousands space; only "x" is wrong. */
  g_assert_cmpint (kepil_json_int (some, "valid", 0), ==, 5);
  g_assert_cmpint (kepil_json_int (some, "imported", 0), ==, 5);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (some, "problems")), ==, 1);
  g_assert_cmpint (count (db, "measurement"), ==, 5);
  /* The enterprise is named after the file when the database had none. */
  g_assert_cmpint (kepil_entity_find (db, "enterprise", "name_ru", "value-last-of-many", NULL), >, 0);
  /* A backup was made before the write. */
  {
    g_autoptr (GPtrArray) backups = kepil_db_list_backups (db);
    g_assert_cmpuint (backups->len, >=, 1);
    g_assert_true (g_str_has_suffix (g_ptr_array_index (backups, 0), "before-import.kepil"));
  }
}

/* ---- a kill in the middle ------------------------------------------------- */

typedef struct {
  int   fd;
  guint at;
  gboolean told;
} KillPoint;

static void
on_progress (guint done, guint total, gpointer user_data)
{
  KillPoint *k = user_data;
  if (!k->told && done >= k->at)
    {
      k->told = TRUE;
      g_assert_cmpint (write (k->fd, "x", 1), ==, 1);
      /* Wait for the parent's SIGKILL, mid-transaction. */
      for (;;)
        pause ();
    }
}

static char *
write_large_csv (const char *dir, guint rows)
{
  g_autofree char *path = g_build_filename (dir, "large.csv", NULL);
  GString *s = g_string_new ("workplace_code;unit;profession;headcount;factor;subgroup;agent;value;unit_of_measure;"
                             "norm;method;instrument;measured_on;exposure_pct\n");
  for (guint i = 0; i < rows; i++)
    g_string_append_printf (s, "%02u %03u %03u;Цех %u;Профессия %u;1;noise;;;%u,%u;dBA;80;;;"
                               "12.03.2025;100\n",
                            10 + i % 80, (i / 80) % 1000, i % 997, i % 17, i % 230, 70 + i % 30, i % 10);
  g_assert_true (g_file_set_contents (path, s->str, (gssize) s->len, NULL));
  g_string_free (s, TRUE);
  return g_steal_pointer (&path);
}

static void
test_kill_mid_import (void)
{
  g_autofree char *tmp = kepil_test_tmpdir ();
  g_autofree char *dbpath = g_build_filename (tmp, "k.kepil", NULL);
  g_autofree char *base = data_file ("good", "base.csv");
  g_autofree char *large = write_large_csv (tmp, 60000);
  g_autofree char *before = NULL, *after = NULL;
  int fds[2];
  pid_t pid;
  char c;
  int status = 0;

  {
    g_autoptr (KepilDb) db = kepil_test_new_db (tmp, "k.kepil");
    g_autoptr (JsonObject) r = import_ok (db, "measurements", base, NULL);
    before = digest (db);
  }
  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      KillPoint k = { fds[1], 40000, FALSE };
      g_autoptr (KepilDb) db = kepil_db_open (dbpath, KEPIL_DB_OPEN_DEFAULT, NULL);
      close (fds[0]);
      if (db != NULL)
        kepil_import_file_full (db, "measurements", large, NULL, FALSE, FALSE, on_progress, &k, NULL, NULL);
      _exit (3);  /* only when the import never reached the kill point */
    }
  close (fds[1]);
  g_assert_cmpint (read (fds[0], &c, 1), ==, 1);
  close (fds[0]);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (KepilDb) db = kepil_db_open (dbpath, KEPIL_DB_OPEN_DEFAULT, &error);
    g_autoptr (JsonObject) r = NULL;
    g_assert_no_error (error);
    after = digest (db);
    g_assert_cmpstr (before, ==, after);
    g_assert_cmpint (count (db, "measurement"), ==, 1);
    /* And the database still takes the whole import. */
    r = import_ok (db, "measurements", large, NULL);
    g_assert_cmpint (kepil_json_int (r, "imported", 0), ==, 60000);
    g_assert_cmpint (count (db, "measurement"), ==, 60001);
  }
}

/* ---- a cancel, and a row refused by the database, in the middle ------------- */

typedef struct {
  GCancellable *cancellable;
  guint         at;
} CancelPoint;

static void
cancel_at (guint done, guint total, gpointer user_data)
{
  CancelPoint *p = user_data;
  if (done >= p->at)
    g_cancellable_cancel (p->cancellable);
}

static void
test_cancel_mid_import (void)
{
  g_autofree char *tmp = kepil_test_tmpdir ();
  g_autoptr (KepilDb) db = kepil_test_new_db (tmp, "c.kepil");
  g_autofree char *base = data_file ("good", "base.csv");
  g_autofree char *large = write_large_csv (tmp, 30000);
  g_autoptr (JsonObject) r0 = import_ok (db, "measurements", base, NULL);
  g_autofree char *before = digest (db), *after = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  CancelPoint p = { cancellable, 20000 };
  g_autoptr (GError) error = NULL;
  JsonObject *r;

  r = kepil_import_file_full (db, "measurements", large, NULL, FALSE, FALSE, cancel_at, &p, cancellable, &error);
  g_assert_null (r);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = digest (db);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (count (db, "measurement"), ==, 1);
}

/* A row the database itself refuses (here a trigger of another tool) in the
 * middle of the one-statement insert: named by its row, nothing written, the
 * set-aside triggers back. */
static void
test_refused_row_mid_import (void)
{
  g_autofree char *tmp = kepil_test_tmpdir ();
  g_autofree char *dbpath = g_build_filename (tmp, "r.kepil", NULL);
  g_autofree char *path = g_build_filename (tmp, "refused.csv", NULL);
  g_autoptr (KepilDb) db = kepil_test_new_db (tmp, "r.kepil");
  g_autofree char *base = data_file ("good", "base.csv");
  g_autoptr (JsonObject) r0 = import_ok (db, "measurements", base, NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3 *h = NULL;
  JsonObject *r;

  g_assert_cmpint (sqlite3_open (dbpath, &h), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (h, "CREATE TRIGGER test_refuse BEFORE INSERT ON measurement WHEN NEW.value = 77.5 "
                                    "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (h);
  before = digest (db);
  g_assert_true (g_file_set_contents (path,
      "workplace_code;unit;profession;factor;value;unit_of_measure\n"
      "05 001 001;Цех 5;Токарь;noise;80;dBA\n"
      "05 001 002;Цех 5;Слесарь;noise;81;dBA\n"
      "05 001 001;;;noise;82;dBA\n"
      "05 001 003;Цех 6;Токарь;noise;77,5;dBA\n"
      "05 001 003;;;noise;83;dBA\n", -1, NULL));
  r = kepil_import_file (db, "measurements", path, NULL, FALSE, FALSE, NULL, &error);
  g_assert_null (r);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "Row 5: "));
  g_assert_nonnull (strstr (error->message, "refused by the test"));
  after = digest (db);
  g_assert_cmpstr (before, ==, after);
}

/* ---- the audit trail of an import ------------------------------------------ */

/* The entries of @h about @entity @id with @action. */
static guint
history_count (JsonArray *h, const char *entity, gint64 id, const char *action)
{
  guint n = 0;
  for (guint i = 0; i < json_array_get_length (h); i++)
    {
      JsonObject *e = json_array_get_object_element (h, i);
      if (g_str_equal (kepil_json_str (e, "entity", ""), entity) && kepil_json_int (e, "entity_id", 0) == id &&
          g_str_equal (kepil_json_str (e, "action", ""), action))
        n++;
    }
  return n;
}

/* An import writes ONE audit entry (file, digest, counts, actor), not one per
 * row; the per-row triggers are back afterwards; the history of an imported
 * workplace still lists it and its measurements as inserted by the import. */
static void
test_audit_one_entry (void)
{
  g_autofree char *tmp = kepil_test_tmpdir ();
  g_autoptr (KepilDb) db = kepil_test_new_db (tmp, "a.kepil");
  g_autofree char *path = data_file ("good", "comma-utf8.csv");
  g_autofree char *reg = g_build_filename (tmp, "register.csv", NULL);
  g_autofree char *bytes = NULL, *sha = NULL;
  gsize len = 0;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) r = NULL, r2 = NULL, extra = json_object_new ();
  g_autoptr (JsonArray) all = NULL, h = NULL, hi = NULL;
  g_autoptr (JsonParser) p = json_parser_new ();
  g_autoptr (GPtrArray) ms = NULL;
  JsonObject *entry, *v;
  gint64 before, wid, mid;

  kepil_db_set_actor (db, "Lab clerk", KEPIL_ROLE_SPECIALIST);
  before = kepil_audit_count (db, NULL);
  r = import_ok (db, "measurements", path, NULL);
  g_assert_cmpint (kepil_json_int (r, "imported", 0), ==, 4);
  g_assert_cmpint (kepil_audit_count (db, NULL), ==, before + 1);

  /* The entry: entity "import", its file, the file's SHA-256, the counts, the actor. */
  all = kepil_audit_history (db, "import", 1, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (all), ==, 1);
  entry = json_array_get_object_element (all, 0);
  g_assert_cmpstr (kepil_json_str (entry, "action", ""), ==, "insert");
  g_assert_cmpstr (kepil_json_str (entry, "who", ""), ==, "Lab clerk");
  g_assert_true (json_parser_load_from_data (p, kepil_json_str (entry, "new_value", ""), -1, &error));
  g_assert_no_error (error);
  v = json_node_get_object (json_parser_get_root (p));
  g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) bytes, len);
  g_assert_cmpstr (kepil_json_str (v, "file", ""), ==, "comma-utf8.csv");
  g_assert_cmpstr (kepil_json_str (v, "file_sha256", ""), ==, sha);
  g_assert_cmpstr (kepil_json_str (v, "kind", ""), ==, "measurements");
  g_assert_cmpint (kepil_json_int (v, "rows", 0), ==, 4);
  g_assert_cmpint (kepil_json_int (v, "measurements", 0), ==, 4);
  g_assert_cmpint (kepil_json_int (v, "workplaces", 0), ==, 3);
  g_assert_cmpint (kepil_json_int (v, "units", 0), ==, 2);
  g_assert_cmpint (kepil_json_int (v, "professions", 0), ==, 3);
  g_assert_cmpint (kepil_json_int (v, "enterprises", 0), ==, 1);

  /* The history of an imported workplace: its insert and its measurements' inserts, by the import. */
  wid = kepil_entity_find (db, "workplace", "code", "02 001 002", &error);
  g_assert_no_error (error);
  g_assert_cmpint (wid, >, 0);
  h = kepil_audit_history (db, "workplace", wid, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history_count (h, "workplace", wid, "insert"), ==, 1);
  ms = kepil_entity_list (db, "measurement", "workplace_id", wid, &error);
  g_assert_cmpuint (ms->len, ==, 2);
  for (guint i = 0; i < ms->len; i++)
    g_assert_cmpuint (history_count (h, "measurement", kepil_json_int (g_ptr_array_index (ms, i), "id", 0), "insert"),
                      ==, 1);
  g_assert_cmpuint (json_array_get_length (h), ==, 3);
  /* In the order the import wrote them: the workplace, then its measurements. */
  g_assert_cmpstr (kepil_json_str (json_array_get_object_element (h, 0), "entity", ""), ==, "workplace");
  for (guint i = 0; i < json_array_get_length (h); i++)
    {
      JsonObject *e = json_array_get_object_element (h, i);
      g_assert_cmpstr (kepil_json_str (e, "who", ""), ==, "Lab clerk");
      g_assert_cmpstr (kepil_json_str (e, "new_value", ""), ==, "comma-utf8.csv");
      g_assert_cmpint (kepil_json_int (e, "id", 0), ==, kepil_json_int (entry, "id", -1));
    }

  /* The per-row triggers are back: a measurement added by hand has its own entry. */
  json_object_set_int_member (extra, "workplace_id", wid);
  json_object_set_string_member (extra, "factor", "noise");
  json_object_set_double_member (extra, "value", 90);
  mid = kepil_entity_insert (db, "measurement", extra, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kepil_audit_count (db, NULL), ==, before + 2);
  hi = kepil_audit_history (db, "measurement", mid, FALSE, &error);
  g_assert_cmpuint (history_count (hi, "measurement", mid, "insert"), ==, 1);
  g_assert_null (kepil_json_str (json_array_get_object_element (hi, 0), "new_value", NULL));

  /* A register: a new workplace goes into the import's one entry, an updated
   * one keeps its entries per changed field (with the old values). */
  g_assert_true (g_file_set_contents (reg, "workplace_code;unit;profession;men;women;count;analog_group;wage\n"
                                           "02 001 002;Цех 2;Сварщик;1;1;2;B;1000\n"
                                           "04 001 001;Цех 4;Слесарь;1;0;1;;0\n", -1, NULL));
  r2 = import_ok (db, "workplaces", reg, NULL);
  g_assert_cmpint (kepil_json_int (r2, "imported", 0), ==, 2);
  g_assert_cmpint (kepil_audit_count (db, NULL), ==, before + 2 + 1 + 5);
  {
    g_autoptr (JsonArray) second = kepil_audit_history (db, "import", 2, FALSE, &error);
    g_autoptr (JsonArray) hw = kepil_audit_history (db, "workplace", wid, FALSE, &error);
    gint64 nid = kepil_entity_find (db, "workplace", "code", "04 001 001", NULL);
    g_autoptr (JsonArray) hn = kepil_audit_history (db, "workplace", nid, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (json_array_get_length (second), ==, 1);
    g_assert_cmpuint (history_count (hw, "workplace", wid, "update"), ==, 5);
    g_assert_cmpuint (history_count (hn, "workplace", nid, "insert"), ==, 1);
    g_assert_cmpstr (kepil_json_str (json_array_get_object_element (hn, 0), "new_value", ""), ==, "register.csv");
  }
}

/* ---- round trip ----------------------------------------------------------- */

static int
compare_lines (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* "code|factor|subgroup|agent|value|norm|unit|date|exposure" lines, sorted. */
static char *
measurements_text (KepilDb *db)
{
  g_autoptr (GPtrArray) ms = kepil_entity_list (db, "measurement", NULL, 0, NULL);
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < ms->len; i++)
    {
      JsonObject *m = g_ptr_array_index (ms, i);
      g_autoptr (JsonObject) w = kepil_entity_get (db, "workplace", kepil_json_int (m, "workplace_id", 0), NULL);
      g_autoptr (JsonObject) u = kepil_entity_get (db, "unit", kepil_json_int (w, "unit_id", 0), NULL);
      g_autoptr (JsonObject) p = kepil_entity_get (db, "profession", kepil_json_int (w, "profession_id", 0), NULL);
      g_ptr_array_add (lines, g_strdup_printf ("%s|%s|%s|%" G_GINT64_FORMAT "|%s|%s|%s|%.17g|%.17g|%s|%s|%s|%s|%.17g",
                                               kepil_json_str (w, "code", ""), kepil_json_str (u, "name_ru", ""),
                                               kepil_json_str (p, "name_ru", ""), kepil_json_int (w, "count", 0),
                                               kepil_json_str (m, "factor", ""), kepil_json_str (m, "subgroup", ""),
                                               kepil_json_str (m, "agent", ""), kepil_json_double (m, "value", -1),
                                               kepil_json_double (m, "norm", -1),
                                               kepil_json_str (m, "unit_of_measure", ""),
                                               kepil_json_str (m, "method", ""), kepil_json_str (m, "instrument", ""),
                                               kepil_json_str (m, "measured_on", ""),
                                               kepil_json_double (m, "exposure_pct", -1)));
    }
  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (s, "%s\n", (char *) g_ptr_array_index (lines, i));
  return g_string_free (s, FALSE);
}

/* Workplace code → overall class and the classes of its factors. */
static char *
classes_text (KepilDb *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) classes = kepil_classify_database (db, NULL, &error);
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *s = g_string_new (NULL);
  GHashTableIter it;
  gpointer key, value;

  g_assert_no_error (error);
  g_hash_table_iter_init (&it, classes);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      g_autoptr (JsonObject) w = kepil_entity_get (db, "workplace", *(gint64 *) key, NULL);
      JsonObject *c = value;
      JsonArray *factors = json_object_get_array_member (c, "factors");
      GString *l = g_string_new (NULL);
      g_string_append_printf (l, "%s overall %s:", kepil_json_str (w, "code", ""), kepil_json_str (c, "overall", "-"));
      for (guint i = 0; factors && i < json_array_get_length (factors); i++)
        {
          JsonObject *f = json_array_get_object_element (factors, i);
          g_string_append_printf (l, " %s=%s", kepil_json_str (f, "factor", ""), kepil_json_str (f, "class", "-"));
        }
      g_ptr_array_add (lines, g_string_free (l, FALSE));
    }
  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (s, "%s\n", (char *) g_ptr_array_index (lines, i));
  return g_string_free (s, FALSE);
}

static void
test_round_trip (void)
{
  g_autofree char *tmp = kepil_test_tmpdir ();
  g_autoptr (KepilDb) src = kepil_test_new_db (tmp, "src.kepil");
  g_autoptr (KepilDb) dst = kepil_test_new_db (tmp, "dst.kepil");
  g_autofree char *csv = g_build_filename (tmp, "measurements.csv", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) r = NULL;
  g_autofree char *a = NULL, *b = NULL;

  g_assert_true (kepil_demo_load (src, &error));
  g_assert_no_error (error);
  if (count (src, "measurement") == 0)
    {
      /* The demo carries no measurements yet: a dataset of the same shape. */
      g_autofree char *path = g_build_filename (data_dir (), "roundtrip-dataset.json", NULL);
      g_autoptr (JsonParser) p = json_parser_new ();
      g_autoptr (KepilDb) fresh = NULL;
      g_assert_true (json_parser_load_from_file (p, path, &error));
      g_clear_object (&src);
      fresh = kepil_test_new_db (tmp, "src2.kepil");
      g_assert_true (kepil_dataset_load (fresh, json_parser_get_root (p), &error));
      g_assert_no_error (error);
      src = g_steal_pointer (&fresh);
    }
  g_assert_true (kepil_import_export_template_data (src, csv, &error));
  g_assert_no_error (error);
  r = import_ok (dst, "measurements", csv, NULL);
  g_assert_cmpint (kepil_json_int (r, "imported", 0), ==, count (src, "measurement"));
  g_assert_cmpint (count (dst, "workplace"), ==, count (src, "workplace"));
  a = measurements_text (src);
  b = measurements_text (dst);
  g_assert_cmpstr (a, ==, b);
  if (kepil_classify_database == NULL)
    {
      g_test_message ("kepil_classify_database is not in this build: classes not compared");
      return;
    }
  g_free (a);
  g_free (b);
  a = classes_text (src);
  b = classes_text (dst);
  g_test_message ("classes:\n%s", a);
  g_assert_cmpstr (a, ==, b);
}

static void
test_mapping_errors (void)
{
  g_autofree char *tmp = kepil_test_tmpdir ();
  g_autoptr (KepilDb) db = kepil_test_new_db (tmp, "m.kepil");
  g_autofree char *lab = data_file ("good", "lab-x.csv");
  g_autofree char *bad_json = g_build_filename (tmp, "broken.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) r = NULL;

  g_assert_true (g_file_set_contents (bad_json, "{\"columns\": [1, 2]}", -1, NULL));
  r = kepil_import_file (db, "measurements", lab, bad_json, FALSE, FALSE, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE);
  g_clear_error (&error);
  r = kepil_import_file (db, "measurements", lab, "No such lab", FALSE, FALSE, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Without a mapping the lab's layout lacks the template's columns. */
  r = kepil_import_file (db, "measurements", lab, NULL, FALSE, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kepil_json_int (r, "imported", -1), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (r, "problems")), >=, 1);
}

/* ---- inspection and mappings given as text (the import dialog) ------------ */

static const char *
column_field (JsonObject *inspect, guint i)
{
  JsonArray *cols = json_object_get_array_member (inspect, "columns");
  g_assert_cmpuint (i, <, json_array_get_length (cols));
  return kepil_json_str (json_array_get_object_element (cols, i), "field", "?");
}

static gboolean
strv_has (char **v, const char *s)
{
  return v != NULL && g_strv_contains ((const char * const *) v, s);
}

static void
test_inspect (void)
{
  g_autofree char *tmp = kepil_test_tmpdir ();
  g_autoptr (KepilDb) db = kepil_test_new_db (tmp, "i.kepil");
  g_autofree char *base = data_file ("good", "base.csv");
  g_autofree char *reg = data_file ("good", "register.csv");
  g_autofree char *lab = data_file ("good", "lab-x.csv");
  g_autofree char *lab_map = data_file ("good", "lab-x.mapping.json");
  g_autofree char *dup = data_file ("bad", "duplicate-column.csv");
  g_autofree char *d0 = NULL, *d1 = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) a = NULL, b = NULL, c = NULL, d = NULL, e = NULL, f = NULL;
  JsonObject *row;

  d0 = digest (db);
  /* The template's own header: a protocol, every column named. */
  a = kepil_import_inspect (db, base, NULL, NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kepil_json_str (a, "kind", ""), ==, "measurements");
  g_assert_cmpstr (kepil_json_str (a, "format", ""), ==, "csv");
  g_assert_cmpint (kepil_json_int (a, "header_row", 0), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (a, "columns")), ==, 14);
  g_assert_cmpstr (column_field (a, 0), ==, "workplace_code");
  g_assert_cmpstr (column_field (a, 7), ==, "value");
  g_assert_cmpstr (kepil_json_str (json_array_get_object_element (json_object_get_array_member (a, "columns"), 7),
                                   "letter", ""), ==, "H");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (a, "missing")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (a, "rows")), ==, 1);
  row = json_array_get_object_element (json_object_get_array_member (a, "rows"), 0);
  g_assert_cmpint (kepil_json_int (row, "row", 0), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (row, "cells"), 0), ==, "01 001 001");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (a, "fields")), ==,
                    g_strv_length ((char **) kepil_import_fields ("measurements")));

  /* A register is told from a protocol by its header. */
  b = kepil_import_inspect (db, reg, NULL, NULL, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kepil_json_str (b, "kind", ""), ==, "workplaces");
  g_assert_cmpstr (column_field (b, 3), ==, "men");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (b, "rows")), ==, 1);
  /* …unless the kind is given. */
  c = kepil_import_inspect (db, reg, "measurements", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kepil_json_str (c, "kind", ""), ==, "measurements");
  g_assert_cmpstr (column_field (c, 3), ==, "");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (c, "missing")), ==, 2);

  /* A laboratory's layout: without a mapping its header is the first line and required fields are missing;
   * with the mapping, two lines are skipped and every column is placed. */
  g_clear_pointer (&c, json_object_unref);
  c = kepil_import_inspect (db, lab, NULL, NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (c, "missing")), >=, 4);
  d = kepil_import_inspect (db, lab, "measurements", lab_map, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kepil_json_str (d, "source", ""), ==, "Lab X");
  g_assert_cmpint (kepil_json_int (d, "skip_rows", -1), ==, 2);
  g_assert_cmpint (kepil_json_int (d, "header_row", 0), ==, 3);
  g_assert_cmpstr (column_field (d, 0), ==, "workplace_code");
  g_assert_cmpstr (column_field (d, 5), ==, "value");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (d, "missing")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (d, "rows")), ==, 2);

  /* A field given by two columns is a problem of the header. */
  e = kepil_import_inspect (db, dup, NULL, NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (e, "problems")), ==, 1);
  g_assert_cmpstr (column_field (e, 14), ==, "");

  /* Unknown kinds and unreadable files are errors. */
  f = kepil_import_inspect (db, base, "noise", NULL, 10, &error);
  g_assert_null (f);
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID);
  g_clear_error (&error);
  f = kepil_import_inspect (db, "/nonexistent/file.csv", NULL, NULL, 10, &error);
  g_assert_null (f);
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_IO);
  g_clear_error (&error);

  d1 = digest (db);
  g_assert_cmpstr (d0, ==, d1);
}

static void
test_mapping_text (void)
{
  g_autofree char *tmp = kepil_test_tmpdir ();
  g_autoptr (KepilDb) db = kepil_test_new_db (tmp, "t.kepil");
  g_autofree char *lab = data_file ("good", "lab-x.csv");
  g_autofree char *nameless = g_build_filename (tmp, "my-lab.json", NULL);
  const char *columns = "\"columns\": {\"Код РМ\": \"workplace_code\", \"Подразделение\": \"unit\", "
                        "\"Профессия\": \"profession\", \"Фактор\": \"factor\", \"Показатель\": \"subgroup\", "
                        "\"Результат\": \"value\", \"Ед.\": \"unit_of_measure\", \"ПДУ\": \"norm\", \"Дата\": \"ignore\"}";
  g_autofree char *anonymous = g_strdup_printf ("  {\"skip_rows\": 2, %s}", columns);
  g_autofree char *named = g_strdup_printf ("{\"source\": \"Lab Y\", \"skip_rows\": 2, %s}", columns);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) r = NULL, i = NULL;
  g_auto (GStrv) none = NULL, some = NULL, registers = NULL;

  /* Without a source the mapping serves this import only. */
  r = import_ok (db, "measurements", lab, anonymous);
  g_assert_cmpint (kepil_json_int (r, "imported", 0), ==, 2);
  g_assert_cmpstr (kepil_json_str (r, "source", "?"), ==, "");
  none = kepil_import_list_mappings (db, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (none);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  /* The "ignore"d date column gave nothing. */
  {
    g_autoptr (GPtrArray) ms = kepil_entity_list (db, "measurement", NULL, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ms->len, ==, 2);
    for (guint k = 0; k < ms->len; k++)
      g_assert_cmpstr (kepil_json_str (g_ptr_array_index (ms, k), "measured_on", ""), ==, "");
  }
  g_clear_pointer (&r, json_object_unref);

  /* With a source it is remembered under it, for its kind. */
  r = import_ok (db, "measurements", lab, named);
  g_clear_pointer (&r, json_object_unref);
  some = kepil_import_list_mappings (db, "measurements", &error);
  g_assert_no_error (error);
  g_assert_true (strv_has (some, "Lab Y"));
  registers = kepil_import_list_mappings (db, "workplaces", &error);
  g_assert_no_error (error);
  g_assert_false (strv_has (registers, "Lab Y"));

  /* Broken JSON text is a parse error naming no file. */
  r = kepil_import_file (db, "measurements", lab, "{\"columns\": ", FALSE, FALSE, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE);
  g_clear_error (&error);

  /* A mapping file without a source is remembered under the file's name, and a file with the same
   * header is then recognised as that source. */
  {
    g_autofree char *text = g_strdup_printf ("{\"skip_rows\": 2, %s}", columns);
    g_assert_true (g_file_set_contents (nameless, text, -1, NULL));
  }
  r = import_ok (db, "measurements", lab, nameless);
  g_assert_cmpstr (kepil_json_str (r, "source", ""), ==, "my-lab.json");
  i = kepil_import_inspect (db, lab, NULL, NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kepil_json_str (i, "kind", ""), ==, "measurements");
  g_assert_cmpstr (kepil_json_str (i, "source", ""), ==, "my-lab.json");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (i, "missing")), ==, 0);
}

/* Fuzz finding: a zip entry with an impossible modification time (month 13) made libgsf unref a
 * NULL GDateTime, a critical.  The workbook reads as if the time were absent. */
static void
test_xlsx_bad_zip_time (void)
{
  g_autofree char *tmp = kepil_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "bad-time.xlsx", NULL);
  g_autofree char *bytes = NULL;
  g_autoptr (KepilDb) db = kepil_test_new_db (tmp, "t.kepil");
  g_autoptr (JsonObject) r = NULL;
  gsize len = 0;
  guint8 *eocd, *d;
  guint entries, patched = 0;
  /* 2025, month 13, day 1 in DOS date-time form */
  const guint32 bad = (45u << 25) | (13u << 21) | (1u << 16);

  write_xlsx (path, FALSE);
  g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
  g_assert_cmpuint (len, >, 22);
  eocd = (guint8 *) bytes + len - 22;   /* libxlsxwriter writes no archive comment */
  g_assert_cmphex (eocd[0] | eocd[1] << 8 | eocd[2] << 16 | (guint32) eocd[3] << 24, ==, 0x06054b50);
  entries = eocd[8] | eocd[9] << 8;
  d = (guint8 *) bytes + (eocd[16] | eocd[17] << 8 | eocd[18] << 16 | (guint32) eocd[19] << 24);
  for (guint i = 0; i < entries; i++)
    {
      g_assert_cmphex (d[0] | d[1] << 8 | d[2] << 16 | (guint32) d[3] << 24, ==, 0x02014b50);
      d[12] = bad & 0xff;
      d[13] = (bad >> 8) & 0xff;
      d[14] = (bad >> 16) & 0xff;
      d[15] = bad >> 24;
      patched++;
      d += 46 + (d[28] | d[29] << 8) + (d[30] | d[31] << 8) + (d[32] | d[33] << 8);
    }
  g_assert_cmpuint (patched, >, 3);
  g_assert_true (g_file_set_contents (path, bytes, (gssize) len, NULL));
  r = import_ok (db, "measurements", path, NULL);
  g_assert_cmpint (kepil_json_int (r, "imported", 0), ==, 3);
}

/* The fuzzer's own input for that finding: refused with a clean error, no critical. */
static void
test_xlsx_fuzz_input (void)
{
  g_autofree char *tmp = kepil_test_tmpdir ();
  g_autofree char *path = g_build_filename (g_getenv ("KEPIL_TEST_DATA"), "fuzz", "import-bad-zip-time.xlsx", NULL);
  g_autoptr (KepilDb) db = kepil_test_new_db (tmp, "t.kepil");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) r = kepil_import_file (db, "measurements", path, NULL, TRUE, FALSE, NULL, &error);

  g_assert_null (r);
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "import-bad-zip-time.xlsx"));
  g_test_message ("%s", error->message);
}

int
main (int argc, char **argv)
{
  kepil_test_init (&argc, &argv);
  g_test_add_func ("/import/bad-corpus", test_bad_corpus);
  g_test_add_func ("/import/good-csv", test_good_csv);
  g_test_add_func ("/import/good-xlsx", test_good_xlsx);
  g_test_add_func ("/import/template-headers", test_template_headers);
  g_test_add_func ("/import/valid-only-and-dry-run", test_valid_only_and_dry_run);
  g_test_add_func ("/import/mapping-errors", test_mapping_errors);
  g_test_add_func ("/import/inspect", test_inspect);
  g_test_add_func ("/import/mapping-text", test_mapping_text);
  g_test_add_func ("/import/kill-mid-import", test_kill_mid_import);
  g_test_add_func ("/import/audit-one-entry", test_audit_one_entry);
  g_test_add_func ("/import/cancel-mid-import", test_cancel_mid_import);
  g_test_add_func ("/import/refused-row-mid-import", test_refused_row_mid_import);
  g_test_add_func ("/import/round-trip", test_round_trip);
  g_test_add_func ("/import/xlsx-bad-zip-time", test_xlsx_bad_zip_time);
  g_test_add_func ("/import/xlsx-fuzz-input", test_xlsx_fuzz_input);
  return g_test_run ();
}
