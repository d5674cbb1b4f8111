/* test-db.c — the store: create, migrate, recognise foreign files, transactions
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-test.h"
#include "kepil-db-private.h"
#include "kepil-entity.h"
#include "kepil-error.h"
#include "kepil-json.h"

#include <string.h>

static gchar *
file_digest (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

static void
test_create (void)
{
  g_autofree char *dir = kepil_test_tmpdir ();
  g_autoptr (KepilDb) db = kepil_test_new_db (dir, "a.kepil");
  g_autoptr (GError) error = NULL;
  int version = -1;

  g_assert_cmpint (kepil_db_get_version (db), ==, kepil_db_latest_version ());
  g_assert_cmpint (kepil_db_latest_version (), >=, 2);
  g_assert_true (kepil_db_probe (kepil_db_get_path (db), &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, kepil_db_latest_version ());
  g_clear_object (&db);
  kepil_test_rmrf (dir);
}

static void
expect_refused (const char *path, int code)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = file_digest (path);
  g_autofree char *after = NULL;
  g_autoptr (KepilDb) db = kepil_db_open (path, KEPIL_DB_OPEN_CREATE, &error);

  g_assert_null (db);
  g_assert_error (error, KEPIL_ERROR, code);
  g_assert_true (strlen (error->message) > 10);
  after = file_digest (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_foreign_files (void)
{
  g_autofree char *dir = kepil_test_tmpdir ();
  g_autofree char *text = g_build_filename (dir, "notes.kepil", NULL);
  g_autofree char *other = g_build_filename (dir, "other.kepil", NULL);
  g_autofree char *newer = g_build_filename (dir, "newer.kepil", NULL);
  g_autofree char *cmd = NULL;
  sqlite3 *h;

  g_assert_true (g_file_set_contents (text, "This is a text file, not a database.\n", -1, NULL));
  expect_refused (text, KEPIL_ERROR_NOT_KEPIL);

  g_assert_cmpint (sqlite3_open (other, &h), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (h, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (h);
  expect_refused (other, KEPIL_ERROR_NOT_KEPIL);

  {
    g_autoptr (KepilDb) db = kepil_test_new_db (dir, "newer.kepil");
  }
  g_assert_cmpint (sqlite3_open (newer, &h), ==, SQLITE_OK);
  cmd = g_strdup_printf ("PRAGMA user_version = %d", kepil_db_latest_version () + 1);
  g_assert_cmpint (sqlite3_exec (h, cmd, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (h, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (h);
  expect_refused (newer, KEPIL_ERROR_TOO_NEW);
  kepil_test_rmrf (dir);
}

/* A database at version N−1 with data is upgraded and keeps its data. */
static void
test_migrate_keeps_data (void)
{
  g_autofree char *dir = kepil_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.kepil", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (KepilDb) db = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  g_autofree char *bdir = g_build_filename (dir, "backups", NULL);
  sqlite3 *h;
  int latest = kepil_db_latest_version ();
  g_autoptr (GPtrArray) all = NULL;
  g_auto (GStrv) names = g_resources_enumerate_children ("/kz/kepil/schema", 0, NULL);

  g_setenv ("KEPIL_BACKUP_DIR", bdir, TRUE);
  /* Build version N−1 by hand from the shipped migrations. */
  g_assert_cmpint (sqlite3_open (path, &h), ==, SQLITE_OK);
  {
    g_autoptr (GPtrArray) sorted = g_ptr_array_new ();
    for (guint i = 0; names[i]; i++)
      g_ptr_array_add (sorted, names[i]);
    for (guint i = 0; i < sorted->len; i++)
      for (guint j = i + 1; j < sorted->len; j++)
        if (strcmp (g_ptr_array_index (sorted, i), g_ptr_array_index (sorted, j)) > 0)
          {
            gpointer t = sorted->pdata[i];
            sorted->pdata[i] = sorted->pdata[j];
            sorted->pdata[j] = t;
          }
    for (guint i = 0; i < sorted->len; i++)
      {
        const char *name = g_ptr_array_index (sorted, i);
        int n = atoi (name);
        g_autofree char *rp = g_strdup_printf ("/kz/kepil/schema/%s", name);
        g_autoptr (GBytes) b = NULL;
        g_autofree char *sql = NULL;
        if (n >= latest)
          continue;
        b = g_resources_lookup_data (rp, 0, NULL);
        sql = g_strndup (g_bytes_get_data (b, NULL), g_bytes_get_size (b));
        g_assert_cmpint (sqlite3_exec (h, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      }
  }
  {
    g_autofree char *p1 = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d;",
                                           latest - 1, KEPIL_APPLICATION_ID);
    g_assert_cmpint (sqlite3_exec (h, p1, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  g_assert_cmpint (sqlite3_exec (h, "INSERT INTO enterprise (name_ru) VALUES ('Старое предприятие')", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (h);

  db = kepil_db_open (path, KEPIL_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kepil_db_get_version (db), ==, latest);
  all = kepil_entity_list (db, "enterprise", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_cmpstr (kepil_json_str (g_ptr_array_index (all, 0), "name_ru", NULL), ==, "Старое предприятие");
  /* A backup was made before the upgrade. */
  backups = kepil_db_list_backups (db);
  g_assert_cmpuint (backups->len, >=, 1);
  g_clear_object (&db);
  kepil_test_rmrf (dir);
}

static gboolean
insert_two_then_fail (KepilDb *db, gpointer data, GError **error)
{
  g_autoptr (JsonObject) e = json_object_new ();
  g_autoptr (JsonObject) u = json_object_new ();
  gint64 id;

  json_object_set_string_member (e, "name_ru", "Предприятие");
  id = kepil_entity_insert (db, "enterprise", e, error);
  g_assert_cmpint (id, >, 0);
  json_object_set_int_member (u, "enterprise_id", 9999);  /* no such enterprise */
  json_object_set_string_member (u, "name_ru", "Цех");
  id = kepil_entity_insert (db, "unit", u, error);
  return id != 0;
}

static void
test_failed_transaction (void)
{
  g_autofree char *dir = kepil_test_tmpdir ();
  g_autoptr (KepilDb) db = kepil_test_new_db (dir, "tx.kepil");
  g_autoptr (GError) error = NULL;

  g_assert_false (kepil_db_transaction (db, insert_two_then_fail, NULL, &error));
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_CONSTRAINT);
  g_assert_false (kepil_db_in_transaction (db));
  g_assert_cmpint (kepil_entity_count (db, "enterprise", NULL), ==, 0);
  g_assert_cmpint (kepil_entity_count (db, "unit", NULL), ==, 0);
  g_clear_object (&db);
  kepil_test_rmrf (dir);
}

static void
test_backup_restore (void)
{
  g_autofree char *dir = kepil_test_tmpdir ();
  g_autoptr (KepilDb) db = kepil_test_new_db (dir, "b.kepil");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) e = json_object_new ();
  g_autofree char *bpath = NULL;

  json_object_set_string_member (e, "name_ru", "До");
  g_assert_cmpint (kepil_entity_insert (db, "enterprise", e, &error), >, 0);
  bpath = kepil_db_backup (db, "test", &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (bpath, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (kepil_entity_insert (db, "enterprise", e, &error), >, 0);
  g_assert_cmpint (kepil_entity_count (db, "enterprise", NULL), ==, 2);
  g_assert_true (kepil_db_restore_backup (db, bpath, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kepil_entity_count (db, "enterprise", NULL), ==, 1);
  g_clear_object (&db);
  kepil_test_rmrf (dir);
}

static gint64
add_enterprise (KepilDb *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) e = json_object_new ();
  gint64 id;
  json_object_set_string_member (e, "name_ru", "Завод");
  id = kepil_entity_insert (db, "enterprise", e, &error);
  g_assert_no_error (error);
  return id;
}

/* The list the window shows: newest first, with the time, the reason and the size of each. */
static void
test_backup_describe (void)
{
  g_autofree char *dir = kepil_test_tmpdir ();
  g_autoptr (KepilDb) db = kepil_test_new_db (dir, "d.kepil");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GDateTime) t0 = NULL, t1 = NULL;
  g_autofree char *first = NULL, *second = NULL, *bdir = NULL, *foreign = NULL;

  all = kepil_db_describe_backups (db);
  g_assert_cmpuint (all->len, ==, 0);
  g_clear_pointer (&all, g_ptr_array_unref);

  /* Whole seconds: the name keeps microseconds, the ISO text whole seconds. */
  t0 = g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC);
  first = kepil_db_backup (db, "manual", &error);
  g_assert_no_error (error);
  add_enterprise (db);
  second = kepil_db_backup (db, "before-import", &error);
  g_assert_no_error (error);
  t1 = g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC + 1);
  /* A file put there by hand: no time in its name, no reason. */
  bdir = kepil_db_backup_dir (db);
  foreign = g_build_filename (bdir, "0-copy.kepil", NULL);
  g_assert_true (g_file_set_contents (foreign, "x", 1, NULL));

  all = kepil_db_describe_backups (db);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpstr (kepil_json_str (g_ptr_array_index (all, 0), "path", ""), ==, second);
  g_assert_cmpstr (kepil_json_str (g_ptr_array_index (all, 1), "path", ""), ==, first);
  g_assert_cmpstr (kepil_json_str (g_ptr_array_index (all, 2), "path", ""), ==, foreign);
  g_assert_cmpstr (kepil_json_str (g_ptr_array_index (all, 0), "reason", ""), ==, "before-import");
  g_assert_cmpstr (kepil_json_str (g_ptr_array_index (all, 1), "reason", ""), ==, "manual");
  g_assert_cmpstr (kepil_json_str (g_ptr_array_index (all, 2), "reason", "?"), ==, "");
  for (guint i = 0; i < all->len; i++)
    {
      JsonObject *o = g_ptr_array_index (all, i);
      g_autofree char *base = g_path_get_basename (kepil_json_str (o, "path", ""));
      g_autoptr (GDateTime) t = g_date_time_new_from_iso8601 (kepil_json_str (o, "time", ""), NULL);
      GStatBuf st;

      g_assert_cmpstr (kepil_json_str (o, "name", ""), ==, base);
      g_assert_cmpint (g_stat (kepil_json_str (o, "path", ""), &st), ==, 0);
      g_assert_cmpint (kepil_json_int (o, "size", -1), ==, (gint64) st.st_size);
      g_assert_nonnull (t);
      g_assert_cmpint (g_date_time_compare (t, t0), >=, 0);
      g_assert_cmpint (g_date_time_compare (t, t1), <=, 0);
    }
  g_assert_cmpint (kepil_json_int (g_ptr_array_index (all, 0), "size", 0), >, 1);

  g_assert_cmpstr (kepil_db_backup_reason_label ("before-import"), ==, "before an import");
  g_assert_cmpstr (kepil_db_backup_reason_label ("before-restore"), ==, "before a restore");
  g_assert_cmpstr (kepil_db_backup_reason_label ("nightly"), ==, "nightly");
  g_clear_object (&db);
  kepil_test_rmrf (dir);
}

/* Restoring the oldest kept backup: the backup of the present state made first must
 * not push it out of the kept few. */
static void
test_backup_restore_safely (void)
{
  g_autofree char *dir = kepil_test_tmpdir ();
  g_autoptr (KepilDb) db = kepil_test_new_db (dir, "s.kepil");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = NULL;
  g_autofree char *oldest = NULL, *saved = NULL;
  gint64 kept_count, now_count;
  guint kept = 0;

  /* Fill the backup folder: each backup's reason says how many enterprises it holds. */
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *reason = NULL, *path = NULL;
      guint n;
      add_enterprise (db);
      reason = g_strdup_printf ("n%" G_GINT64_FORMAT, kepil_entity_count (db, "enterprise", NULL));
      path = kepil_db_backup (db, reason, &error);
      g_assert_no_error (error);
      all = kepil_db_describe_backups (db);
      n = all->len;
      g_clear_pointer (&all, g_ptr_array_unref);
      if (n == kept)
        break;
      kept = n;
    }
  g_assert_cmpuint (kept, >, 1);
  add_enterprise (db);
  now_count = kepil_entity_count (db, "enterprise", NULL);

  all = kepil_db_describe_backups (db);
  g_assert_cmpuint (all->len, ==, kept);
  oldest = g_strdup (kepil_json_str (g_ptr_array_index (all, all->len - 1), "path", ""));
  kept_count = g_ascii_strtoll (kepil_json_str (g_ptr_array_index (all, all->len - 1), "reason", "") + 1, NULL, 10);
  g_assert_cmpint (kept_count, >, 0);
  g_assert_cmpint (kept_count, <, now_count);
  g_clear_pointer (&all, g_ptr_array_unref);

  /* The inspector cannot restore, and nothing is written for trying. */
  kepil_db_set_actor (db, "inspector", KEPIL_ROLE_INSPECTOR);
  g_assert_false (kepil_db_restore_backup_safely (db, oldest, &saved, &error));
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_null (saved);
  all = kepil_db_describe_backups (db);
  g_assert_cmpuint (all->len, ==, kept);
  g_clear_pointer (&all, g_ptr_array_unref);
  kepil_db_set_actor (db, "specialist", KEPIL_ROLE_SPECIALIST);

  g_assert_true (kepil_db_restore_backup_safely (db, oldest, &saved, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kepil_entity_count (db, "enterprise", NULL), ==, kept_count);
  /* The present state was saved first, as the newest backup. */
  all = kepil_db_describe_backups (db);
  g_assert_cmpstr (kepil_json_str (g_ptr_array_index (all, 0), "path", ""), ==, saved);
  g_assert_cmpstr (kepil_json_str (g_ptr_array_index (all, 0), "reason", ""), ==, "before-restore");
  g_assert_true (g_file_test (oldest, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&all, g_ptr_array_unref);
  /* … and restoring it brings the changes back. */
  g_assert_true (kepil_db_restore_backup (db, saved, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kepil_entity_count (db, "enterprise", NULL), ==, now_count);
  g_clear_object (&db);
  kepil_test_rmrf (dir);
}

/* An empty file passes kepil_db_probe (it would become a new database), but restoring
 * it would wipe the data: it is refused. */
static void
test_backup_restore_empty_file (void)
{
  g_autofree char *dir = kepil_test_tmpdir ();
  g_autoptr (KepilDb) db = kepil_test_new_db (dir, "e.kepil");
  g_autoptr (GError) error = NULL;
  g_autofree char *empty = g_build_filename (dir, "empty.kepil", NULL);
  g_autofree char *saved = NULL;

  add_enterprise (db);
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_false (kepil_db_restore_backup (db, empty, &error));
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kepil_db_restore_backup_safely (db, empty, &saved, &error));
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID);
  g_assert_null (saved);
  g_assert_cmpint (kepil_entity_count (db, "enterprise", NULL), ==, 1);
  g_clear_object (&db);
  kepil_test_rmrf (dir);
}

static void
test_read_only_file (void)
{
  g_autofree char *dir = kepil_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "ro.kepil", NULL);
  g_autoptr (GError) error = NULL;
  {
    g_autoptr (KepilDb) db = kepil_test_new_db (dir, "ro.kepil");
  }
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  if (g_access (path, W_OK) == 0)
    {
      g_test_skip ("running as a user who can write read-only files");
      kepil_test_rmrf (dir);
      return;
    }
  {
    g_autoptr (KepilDb) db = kepil_db_open (path, KEPIL_DB_OPEN_DEFAULT, &error);
    g_assert_null (db);
    g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_READ_ONLY);
  }
  kepil_test_rmrf (dir);
}

int
main (int argc, char **argv)
{
  kepil_test_init (&argc, &argv);
  g_test_add_func ("/db/create", test_create);
  g_test_add_func ("/db/foreign-files", test_foreign_files);
  g_test_add_func ("/db/migrate-keeps-data", test_migrate_keeps_data);
  g_test_add_func ("/db/failed-transaction", test_failed_transaction);
  g_test_add_func ("/db/backup-restore", test_backup_restore);
  g_test_add_func ("/db/backup-describe", test_backup_describe);
  g_test_add_func ("/db/backup-restore-safely", test_backup_restore_safely);
  g_test_add_func ("/db/backup-restore-empty-file", test_backup_restore_empty_file);
  g_test_add_func ("/db/read-only-file", test_read_only_file);
  return g_test_run ();
}
