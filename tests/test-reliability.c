/* test-reliability.c — a killed writer, two processes at once, a full disk, a removed file
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-test.h"
#include "kepil-db-private.h"
#include "kepil-demo.h"
#include "kepil-entity.h"
#include "kepil-error.h"
#include "kepil-json.h"
#include "kepil-evaluate.h"
#include "kepil-review.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static gboolean
integrity_ok (const char *path)
{
  sqlite3 *h = NULL;
  sqlite3_stmt *st = NULL;
  gboolean ok = FALSE;
  if (sqlite3_open_v2 (path, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (h, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
      sqlite3_step (st) == SQLITE_ROW)
    ok = g_str_equal ((const char *) sqlite3_column_text (st, 0), "ok");
  sqlite3_finalize (st);
  sqlite3_close (h);
  return ok;
}

static gint64
count_rows (const char *path, const char *table)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KepilDb) db = kepil_db_open (path, KEPIL_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  return kepil_entity_count (db, table, NULL);
}

/* SIGKILL during the demo load (one large transaction) at 20 random points:
 * the database is intact and holds either nothing or the whole demo. */
static void
test_kill_during_load (void)
{
  g_autofree char *dir = kepil_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "k.kepil", NULL);
  gint64 full_w, full_m;

  {
    g_autoptr (KepilDb) db = kepil_test_new_db (dir, "full.kepil");
    g_autoptr (GError) error = NULL;
    g_assert_true (kepil_demo_load (db, &error));
    full_w = kepil_entity_count (db, "workplace", NULL);
    full_m = kepil_entity_count (db, "measurement", NULL);
  }
  for (int i = 0; i < 20; i++)
    {
      pid_t pid;
      int status;
      gint64 w, m;
      {
        g_autoptr (KepilDb) db = kepil_test_new_db (dir, "k.kepil");
      }
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          g_autoptr (KepilDb) db = kepil_db_open (path, KEPIL_DB_OPEN_DEFAULT, NULL);
          kepil_demo_load (db, NULL);
          _exit (0);
        }
      g_usleep (g_random_int_range (0, 60000));
      kill (pid, SIGKILL);
      waitpid (pid, &status, 0);
      g_assert_true (integrity_ok (path));
      w = count_rows (path, "workplace");
      m = count_rows (path, "measurement");
      g_assert_true ((w == 0 && m == 0) || (w == full_w && m == full_m));
      {
        g_autofree char *wal = g_strconcat (path, "-wal", NULL);
        g_autofree char *shm = g_strconcat (path, "-shm", NULL);
        g_unlink (path);
        g_unlink (wal);
        g_unlink (shm);
      }
    }
  kepil_test_rmrf (dir);
}

/* Read and write inside one transaction, so that no increment is lost. */
static void
copy_file (const char *from, const char *to)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  g_assert_true (g_file_get_contents (from, &data, &len, NULL));
  g_assert_true (g_file_set_contents (to, data, (gssize) len, NULL));
}

static void
remove_db (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

/* SIGKILL during an evaluate-and-save and during a finalise, 20 random points each:
 * intact, and a stored run or act is either absent or whole. */
static void
test_kill_during_evaluate_and_finalise (void)
{
  g_autofree char *dir = kepil_test_tmpdir ();
  g_autofree char *base = g_build_filename (dir, "base.kepil", NULL);
  g_autofree char *path = g_build_filename (dir, "k.kepil", NULL);
  gint64 n_workplaces;

  {
    g_autoptr (KepilDb) db = kepil_test_new_db (dir, "base.kepil");
    g_autoptr (GError) error = NULL;
    g_assert_true (kepil_demo_load (db, &error));
    n_workplaces = kepil_entity_count (db, "workplace", NULL);
    /* Load the reference data once, so that the kill hits the evaluation itself. */
    g_autoptr (JsonObject) warm = kepil_evaluate_database (db, NULL, NULL, FALSE, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  for (int what = 0; what < 2; what++)
    for (int i = 0; i < 20; i++)
      {
        pid_t pid;
        remove_db (path);
        copy_file (base, path);
        pid = fork ();
        g_assert_cmpint (pid, >=, 0);
        if (pid == 0)
          {
            g_autoptr (KepilDb) db = kepil_db_open (path, KEPIL_DB_OPEN_NO_BACKUP, NULL);
            kepil_db_set_actor (db, "Kill test", KEPIL_ROLE_COMMISSION);
            if (what == 0)
              {
                g_autoptr (JsonObject) r = kepil_evaluate_database (db, NULL, NULL, TRUE, NULL, NULL, NULL, NULL);
              }
            else
              {
                g_autoptr (JsonObject) a = kepil_review_finalize (db, 0, NULL);
              }
            _exit (0);
          }
        g_usleep (g_random_int_range (0, what == 0 ? 400000 : 150000));
        kill (pid, SIGKILL);
        waitpid (pid, NULL, 0);
        g_assert_true (integrity_ok (path));
        {
          g_autoptr (GError) error = NULL;
          g_autoptr (KepilDb) db = kepil_db_open (path, KEPIL_DB_OPEN_NO_BACKUP, &error);
          g_assert_no_error (error);
          if (what == 0)
            {
              g_autoptr (GPtrArray) runs = kepil_evaluate_list_runs (db, &error);
              g_assert_no_error (error);
              g_assert_cmpuint (runs->len, <=, 1);
              if (runs->len == 1)
                {
                  gint64 id = kepil_json_int (g_ptr_array_index (runs, 0), "id", 0);
                  g_autoptr (JsonObject) run = kepil_evaluate_load_run (db, id, &error);
                  g_assert_no_error (error);
                  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (run, "workplaces")), ==,
                                    (guint) n_workplaces);
                }
            }
          else
            {
              g_autoptr (JsonArray) acts = kepil_review_list_acts (db, &error);
              g_autoptr (JsonObject) v = NULL;
              g_assert_no_error (error);
              g_assert_cmpuint (json_array_get_length (acts), <=, 1);
              v = kepil_review_verify (db, &error);
              g_assert_no_error (error);
              g_assert_true (json_object_get_boolean_member (v, "ok"));
            }
        }
      }
  remove_db (path);
  kepil_test_rmrf (dir);
}

static gboolean
bump (KepilDb *db, gint64 id, GError **error)
{
  g_autoptr (JsonObject) cur = NULL;
  g_autoptr (JsonObject) ch = json_object_new ();

  if (!kepil_db_begin (db, error))
    return FALSE;
  cur = kepil_entity_get (db, "unit", id, error);
  if (cur == NULL)
    {
      kepil_db_rollback (db);
      return FALSE;
    }
  json_object_set_int_member (ch, "headcount", kepil_json_int (cur, "headcount", 0) + 1);
  if (!kepil_entity_update (db, "unit", id, ch, error))
    {
      kepil_db_rollback (db);
      return FALSE;
    }
  return kepil_db_commit (db, error);
}

/* Two processes write the same row 200 times each: every write either lands or
 * is refused as "in use by another window"; none is lost, nothing is corrupted. */
static void
test_two_processes (void)
{
  g_autofree char *dir = kepil_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "c.kepil", NULL);
  gint64 unit_id;
  pid_t pid;
  int status, mine = 0, busy = 0;
  const int rounds = 200;

  {
    g_autoptr (KepilDb) db = kepil_test_new_db (dir, "c.kepil");
    g_autoptr (JsonObject) e = json_object_new ();
    g_autoptr (JsonObject) u = json_object_new ();
    json_object_set_string_member (e, "name_ru", "Завод");
    json_object_set_int_member (u, "enterprise_id", kepil_entity_insert (db, "enterprise", e, NULL));
    json_object_set_string_member (u, "name_ru", "Цех");
    unit_id = kepil_entity_insert (db, "unit", u, NULL);
    g_assert_cmpint (unit_id, >, 0);
  }
  pid = fork ();
  if (pid == 0)
    {
      g_autoptr (KepilDb) db = kepil_db_open (path, KEPIL_DB_OPEN_DEFAULT, NULL);
      int landed = 0;
      for (int i = 0; i < rounds; i++)
        {
          g_autoptr (GError) error = NULL;
          if (bump (db, unit_id, &error))
            landed++;
          else if (!g_error_matches (error, KEPIL_ERROR, KEPIL_ERROR_BUSY))
            _exit (255);
        }
      _exit (landed == rounds ? 0 : 1 + (rounds - landed) % 250);
    }
  {
    g_autoptr (KepilDb) db = kepil_db_open (path, KEPIL_DB_OPEN_DEFAULT, NULL);
    for (int i = 0; i < rounds; i++)
      {
        g_autoptr (GError) error = NULL;
        g_autoptr (GPtrArray) all = kepil_entity_list (db, "unit", NULL, 0, &error);  /* reads go on too */
        g_clear_error (&error);
        if (bump (db, unit_id, &error))
          mine++;
        else
          {
            g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_BUSY);
            g_assert_nonnull (strstr (error->message, "another window"));
            busy++;
          }
      }
  }
  waitpid (pid, &status, 0);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), !=, 255);
  {
    int child_lost = WEXITSTATUS (status) == 0 ? 0 : WEXITSTATUS (status) - 1;
    g_autoptr (KepilDb) db = kepil_db_open (path, KEPIL_DB_OPEN_READ_ONLY, NULL);
    g_autoptr (JsonObject) u = kepil_entity_get (db, "unit", unit_id, NULL);
    g_assert_cmpint (kepil_json_int (u, "headcount", -1), ==, mine + (rounds - child_lost));
  }
  g_assert_true (integrity_ok (path));
  g_test_message ("busy refusals in the parent: %d", busy);
  kepil_test_rmrf (dir);
}

/* Another window holds the database longer than the bounded wait: the user is
 * told so in words, after about the busy timeout, and nothing is written. */
static void
test_busy_message (void)
{
  g_autofree char *dir = kepil_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "b.kepil", NULL);
  int pipefd[2];
  pid_t pid;
  char c;

  {
    g_autoptr (KepilDb) db = kepil_test_new_db (dir, "b.kepil");
  }
  g_assert_cmpint (pipe (pipefd), ==, 0);
  pid = fork ();
  if (pid == 0)
    {
      g_autoptr (KepilDb) db = kepil_db_open (path, KEPIL_DB_OPEN_DEFAULT, NULL);
      if (!kepil_db_begin (db, NULL))
        _exit (1);
      if (write (pipefd[1], "x", 1) != 1)
        _exit (1);
      g_usleep (5 * G_USEC_PER_SEC);
      kepil_db_rollback (db);
      _exit (0);
    }
  g_assert_cmpint (read (pipefd[0], &c, 1), ==, 1);
  {
    g_autoptr (KepilDb) db = kepil_db_open (path, KEPIL_DB_OPEN_DEFAULT, NULL);
    g_autoptr (JsonObject) e = json_object_new ();
    g_autoptr (GError) error = NULL;
    json_object_set_string_member (e, "name_ru", "Завод");
    g_assert_cmpint (kepil_entity_insert (db, "enterprise", e, &error), ==, 0);
    g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_BUSY);
    g_assert_nonnull (strstr (error->message, "in use by another window"));
  }
  waitpid (pid, NULL, 0);
  g_assert_cmpint (count_rows (path, "enterprise"), ==, 0);
  kepil_test_rmrf (dir);
}

/* A disk that fills up during a large write: a clear message, the data as before. */
static void
test_full_disk (void)
{
  g_autofree char *dir = kepil_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "f.kepil", NULL);
  pid_t pid;
  int status;

  {
    g_autoptr (KepilDb) db = kepil_test_new_db (dir, "f.kepil");
  }
  pid = fork ();
  if (pid == 0)
    {
      struct rlimit rl = { 64 * 1024, 64 * 1024 };  /* files may not grow past 64 KiB */
      g_autoptr (GError) error = NULL;
      g_autoptr (KepilDb) db = kepil_db_open (path, KEPIL_DB_OPEN_DEFAULT, NULL);
      signal (SIGXFSZ, SIG_IGN);
      setrlimit (RLIMIT_FSIZE, &rl);
      g_autoptr (GString) js = g_string_new ("{\"enterprise\":[{\"key\":\"e\",\"name_ru\":\"Завод\"}],\"unit\":[");
      g_autoptr (JsonParser) parser = json_parser_new ();
      for (int i = 0; i < 3000; i++)
        g_string_append_printf (js, "%s{\"enterprise_id\":\"e\",\"name_ru\":\"Участок номер %d с длинным названием\"}",
                                i ? "," : "", i);
      g_string_append (js, "]}");
      if (!json_parser_load_from_data (parser, js->str, -1, NULL))
        _exit (12);
      if (kepil_dataset_load (db, json_parser_get_root (parser), &error))
        _exit (10);
      if (!g_error_matches (error, KEPIL_ERROR, KEPIL_ERROR_IO) || strstr (error->message, "Nothing was saved") == NULL)
        {
          g_printerr ("# unexpected error: %s\n", error->message);
          _exit (11);
        }
      _exit (0);
    }
  waitpid (pid, &status, 0);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_true (integrity_ok (path));
  g_assert_cmpint (count_rows (path, "unit"), ==, 0);
  g_assert_cmpint (count_rows (path, "enterprise"), ==, 0);
  kepil_test_rmrf (dir);
}

static void
test_removed_file (void)
{
  g_autofree char *dir = kepil_test_tmpdir ();
  g_autoptr (KepilDb) db = kepil_test_new_db (dir, "r.kepil");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) e = json_object_new ();

  json_object_set_string_member (e, "name_ru", "Завод");
  g_assert_cmpint (g_unlink (kepil_db_get_path (db)), ==, 0);
  g_assert_cmpint (kepil_entity_insert (db, "enterprise", e, &error), ==, 0);
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "removed"));
  g_clear_object (&db);
  kepil_test_rmrf (dir);
}

int
main (int argc, char **argv)
{
  kepil_test_init (&argc, &argv);
  g_test_add_func ("/reliability/kill-during-load", test_kill_during_load);
  g_test_add_func ("/reliability/kill-during-evaluate-and-finalise", test_kill_during_evaluate_and_finalise);
  g_test_add_func ("/reliability/two-processes", test_two_processes);
  g_test_add_func ("/reliability/busy-message", test_busy_message);
  g_test_add_func ("/reliability/full-disk", test_full_disk);
  g_test_add_func ("/reliability/removed-file", test_removed_file);
  return g_test_run ();
}
