/* kepil-db.c — a Kepil database: one SQLite file with migrations
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-db-private.h"
#include "kepil-error.h"
#include "kepil-i18n.h"

#include <errno.h>
#include <sys/stat.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#define SCHEMA_PATH "/kz/kepil/schema"
#define BUSY_TIMEOUT_MS 3000
#define BACKUPS_KEPT 5

struct _KepilDb
{
  GObject     parent_instance;
  sqlite3    *handle;
  char       *path;
  GHashTable *stmts;        /* sql → sqlite3_stmt* */
  int         version;
  gboolean    read_only;
  guint       depth;        /* transaction nesting */
  char       *user;
  KepilRole   role;
  guint64     inode;        /* of the file when opened: a removed or replaced file is noticed */
  guint64     device;
};

G_DEFINE_FINAL_TYPE (KepilDb, kepil_db, G_TYPE_OBJECT)

static void
kepil_db_finalize (GObject *object)
{
  KepilDb *self = KEPIL_DB (object);

  g_clear_pointer (&self->stmts, g_hash_table_unref);
  if (self->handle != NULL)
    sqlite3_close_v2 (self->handle);
  g_free (self->path);
  g_free (self->user);
  G_OBJECT_CLASS (kepil_db_parent_class)->finalize (object);
}

static void
kepil_db_class_init (KepilDbClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kepil_db_finalize;
}

static void
stmt_free (gpointer p)
{
  sqlite3_finalize (p);
}

static void
kepil_db_init (KepilDb *self)
{
  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stmt_free);
  self->user = g_strdup (g_get_real_name () && *g_get_real_name () && !g_str_equal (g_get_real_name (), "Unknown")
                         ? g_get_real_name () : g_get_user_name ());
  self->role = KEPIL_ROLE_SPECIALIST;
}

/* ---- errors ---------------------------------------------------------- */

void
kepil_db_set_error (KepilDb *self, GError **error, int rc, const char *doing)
{
  const char *msg = self && self->handle ? sqlite3_errmsg (self->handle) : sqlite3_errstr (rc);
  int prim = rc & 0xff;

  if (error == NULL)
    return;
  switch (prim)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_BUSY,
                   _("The database is in use by another window. Try again in a moment."));
      break;
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_CONSTRAINT,
                     _("The record is linked to another record that does not exist or still needs it (%s)."),
                     doing ? doing : "");
      else if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_CONSTRAINT,
                     _("Such a record already exists (%s)."), msg);
      else if (rc == SQLITE_CONSTRAINT_TRIGGER && strstr (msg, "read-only") != NULL)
        g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_READ_ONLY,
                     _("The inspector role cannot change enterprise data."));
      else
        g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_CONSTRAINT,
                     _("A value breaks a rule of the data (%s)."), msg);
      break;
    case SQLITE_READONLY:
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_READ_ONLY,
                   _("The database file cannot be written (it is read-only)."));
      break;
    case SQLITE_FULL:
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_IO,
                   _("The disk is full. Nothing was saved; free some space and try again."));
      break;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_IO,
                   _("The database file cannot be read or written (%s). Nothing was saved."), msg);
      break;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_KEPIL,
                   _("The file is damaged or is not a Kepil database."));
      break;
    default:
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_FAILED,
                   _("Database error while %s: %s"), doing ? doing : "working", msg);
    }
}

sqlite3 *
kepil_db_handle (KepilDb *self)
{
  return self->handle;
}

sqlite3_stmt *
kepil_db_prepare (KepilDb *self, const char *sql, GError **error)
{
  sqlite3_stmt *st = g_hash_table_lookup (self->stmts, sql);
  int rc;

  if (st != NULL)
    {
      sqlite3_reset (st);
      sqlite3_clear_bindings (st);
      return st;
    }
  rc = sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
  if (rc != SQLITE_OK)
    {
      kepil_db_set_error (self, error, rc, "preparing a query");
      return NULL;
    }
  g_hash_table_insert (self->stmts, g_strdup (sql), st);
  return st;
}

gboolean
kepil_db_exec (KepilDb *self, const char *sql, GError **error)
{
  char *err = NULL;
  int rc = sqlite3_exec (self->handle, sql, NULL, NULL, &err);
  sqlite3_free (err);
  if (rc != SQLITE_OK)
    {
      kepil_db_set_error (self, error, rc, "changing the database");
      return FALSE;
    }
  return TRUE;
}

/* ---- migrations -------------------------------------------------------- */

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* The migrations shipped in the resources, sorted by number. */
static GPtrArray *
list_migrations (void)
{
  g_auto (GStrv) names = g_resources_enumerate_children (SCHEMA_PATH, 0, NULL);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".sql") && g_ascii_isdigit (names[i][0]))
      g_ptr_array_add (out, g_strdup (names[i]));
  g_ptr_array_sort (out, compare_names);
  return out;
}

int
kepil_db_latest_version (void)
{
  g_autoptr (GPtrArray) m = list_migrations ();
  if (m->len == 0)
    return 0;
  return atoi (g_ptr_array_index (m, m->len - 1));
}

static gboolean
migrate (KepilDb *self, GError **error)
{
  g_autoptr (GPtrArray) m = list_migrations ();

  if (!kepil_db_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (guint i = 0; i < m->len; i++)
    {
      const char *name = g_ptr_array_index (m, i);
      int n = atoi (name);
      g_autofree char *path = NULL;
      g_autoptr (GBytes) sql = NULL;
      g_autofree char *text = NULL;
      g_autofree char *pragma = NULL;
      char *err = NULL;
      int rc;

      if (n <= self->version)
        continue;
      path = g_strdup_printf ("%s/%s", SCHEMA_PATH, name);
      sql = g_resources_lookup_data (path, 0, NULL);
      if (sql == NULL)
        continue;
      text = g_strndup (g_bytes_get_data (sql, NULL), g_bytes_get_size (sql));
      rc = sqlite3_exec (self->handle, text, NULL, NULL, &err);
      if (rc != SQLITE_OK)
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_FAILED,
                       _("The database could not be upgraded (step %s: %s). It was left as it was."),
                       name, err ? err : sqlite3_errstr (rc));
          sqlite3_free (err);
          kepil_db_exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
      pragma = g_strdup_printf ("PRAGMA user_version = %d", n);
      if (!kepil_db_exec (self, pragma, error))
        {
          kepil_db_exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
      self->version = n;
    }
  {
    g_autofree char *app = g_strdup_printf ("PRAGMA application_id = %d", KEPIL_APPLICATION_ID);
    if (!kepil_db_exec (self, app, error) || !kepil_db_exec (self, "COMMIT", error))
      {
        kepil_db_exec (self, "ROLLBACK", NULL);
        return FALSE;
      }
  }
  return TRUE;
}

/* ---- opening ------------------------------------------------------------ */

static int
pragma_int (sqlite3 *h, const char *sql, int *out)
{
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2 (h, sql, -1, &st, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (st);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int (st, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (st);
  return rc;
}

gboolean
kepil_db_probe (const char *path, int *out_version, GError **error)
{
  g_autofree char *base = g_path_get_basename (path);
  unsigned char header[20];
  FILE *f;
  size_t got;
  sqlite3 *h = NULL;
  int rc, app_id = 0, version = 0, tables = 0;
  g_autofree char *uri = NULL;

  f = g_fopen (path, "rb");
  if (f == NULL)
    {
      int e = errno;
      g_set_error (error, KEPIL_ERROR, e == ENOENT ? KEPIL_ERROR_NOT_FOUND : KEPIL_ERROR_IO,
                   _("Cannot open “%s”: %s"), base, g_strerror (e));
      return FALSE;
    }
  got = fread (header, 1, sizeof header, f);
  fclose (f);
  if (got == 0)
    {
      if (out_version)
        *out_version = 0;
      return TRUE;  /* an empty file becomes a new database */
    }
  if (got < sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_KEPIL,
                   _("“%s” is not a Kepil database (it is not an SQLite file)."), base);
      return FALSE;
    }
  /* Open read-only so that not a byte of a foreign file changes.  A file in
   * rollback-journal mode is opened immutable (not even a -shm appears beside
   * it); a WAL file (byte 18 = 2, as Kepil writes) needs its -wal read too. */
  {
    g_autoptr (GFile) gf = g_file_new_for_path (path);
    g_autofree char *furi = g_file_get_uri (gf);
    uri = g_strdup_printf ("%s?mode=ro%s", furi, header[18] == 2 ? "" : "&immutable=1");
  }
  rc = sqlite3_open_v2 (uri, &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc == SQLITE_OK)
    rc = pragma_int (h, "PRAGMA application_id", &app_id);
  if (rc == SQLITE_OK)
    rc = pragma_int (h, "PRAGMA user_version", &version);
  if (rc == SQLITE_OK)
    rc = pragma_int (h, "SELECT count(*) FROM sqlite_schema", &tables);
  sqlite3_close_v2 (h);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_KEPIL,
                   _("“%s” is damaged or is not a Kepil database."), base);
      return FALSE;
    }
  if (app_id != KEPIL_APPLICATION_ID && !(app_id == 0 && version == 0 && tables == 0))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_KEPIL,
                   _("“%s” is an SQLite database of another program, not a Kepil database."), base);
      return FALSE;
    }
  if (version > kepil_db_latest_version ())
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_TOO_NEW,
                   _("“%s” was made by a newer version of Kepil (data version %d, this program knows %d). Update Kepil to open it."),
                   base, version, kepil_db_latest_version ());
      return FALSE;
    }
  if (out_version)
    *out_version = version;
  return TRUE;
}

KepilDb *
kepil_db_open (const char *path, KepilDbOpenFlags flags, GError **error)
{
  g_autoptr (KepilDb) self = NULL;
  gboolean exists = g_file_test (path, G_FILE_TEST_EXISTS);
  int version = 0, rc, oflags;

  g_return_val_if_fail (path != NULL, NULL);

  if (exists)
    {
      if (!kepil_db_probe (path, &version, error))
        return NULL;
    }
  else if (!(flags & KEPIL_DB_OPEN_CREATE))
    {
      g_autofree char *base = g_path_get_basename (path);
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND, _("The file “%s” does not exist."), base);
      return NULL;
    }

  self = g_object_new (KEPIL_TYPE_DB, NULL);
  self->path = g_strdup (path);
  self->read_only = (flags & KEPIL_DB_OPEN_READ_ONLY) != 0;
  self->version = version;

  if (self->read_only && version < kepil_db_latest_version ())
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_READ_ONLY,
                   _("The file was made by an older version of Kepil and must be upgraded, which a read-only opening cannot do."));
      return NULL;
    }
  if (!self->read_only && exists && g_access (path, W_OK) != 0)
    {
      g_autofree char *base = g_path_get_basename (path);
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_READ_ONLY,
                   _("The file “%s” is read-only. Open it read-only or copy it to a folder where you may write."), base);
      return NULL;
    }

  oflags = self->read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  rc = sqlite3_open_v2 (path, &self->handle, oflags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      kepil_db_set_error (self, error, rc, "opening the file");
      return NULL;
    }
  sqlite3_extended_result_codes (self->handle, 1);
  {
    GStatBuf sb;
    if (g_stat (path, &sb) == 0)
      {
        self->inode = sb.st_ino;
        self->device = sb.st_dev;
      }
  }
  sqlite3_busy_timeout (self->handle, BUSY_TIMEOUT_MS);
  if (!kepil_db_exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;
  if (!self->read_only)
    {
      if (!kepil_db_exec (self, "PRAGMA journal_mode = WAL", error) ||
          !kepil_db_exec (self, "PRAGMA synchronous = FULL", error))
        return NULL;
      if (self->version < kepil_db_latest_version ())
        {
          if (self->version > 0 && !(flags & KEPIL_DB_OPEN_NO_BACKUP))
            {
              g_autofree char *b = kepil_db_backup (self, "before-upgrade", error);
              if (b == NULL)
                return NULL;
            }
          if (!migrate (self, error))
            return NULL;
        }
    }
  return g_steal_pointer (&self);
}

int
kepil_db_get_version (KepilDb *self)
{
  return self->version;
}

const char *
kepil_db_get_path (KepilDb *self)
{
  return self->path;
}

gboolean
kepil_db_is_read_only (KepilDb *self)
{
  return self->read_only;
}

/* ---- actor and role ---------------------------------------------------------- */

const char *
kepil_role_to_string (KepilRole role)
{
  switch (role)
    {
    case KEPIL_ROLE_COMMISSION: return "commission";
    case KEPIL_ROLE_INSPECTOR: return "inspector";
    case KEPIL_ROLE_SPECIALIST:
    default: return "specialist";
    }
}

gboolean
kepil_role_from_string (const char *s, KepilRole *out)
{
  if (g_strcmp0 (s, "specialist") == 0)
    *out = KEPIL_ROLE_SPECIALIST;
  else if (g_strcmp0 (s, "commission") == 0)
    *out = KEPIL_ROLE_COMMISSION;
  else if (g_strcmp0 (s, "inspector") == 0)
    *out = KEPIL_ROLE_INSPECTOR;
  else
    return FALSE;
  return TRUE;
}

void
kepil_db_set_actor (KepilDb *self, const char *user, KepilRole role)
{
  if (user != NULL && *user != '\0')
    {
      g_free (self->user);
      self->user = g_strdup (user);
    }
  self->role = role;
}

const char *
kepil_db_get_user (KepilDb *self)
{
  return self->user;
}

KepilRole
kepil_db_get_role (KepilDb *self)
{
  return self->role;
}

gboolean
kepil_db_check_writable (KepilDb *self, gboolean findings, GError **error)
{
  if (self->read_only)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_READ_ONLY,
                   _("The database is open read-only; nothing can be changed."));
      return FALSE;
    }
  if (self->role == KEPIL_ROLE_INSPECTOR && !findings)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_READ_ONLY,
                   _("The inspector role cannot change enterprise data."));
      return FALSE;
    }
  return TRUE;
}

/* ---- transactions ------------------------------------------------------------- */

gboolean
kepil_db_begin (KepilDb *self, GError **error)
{
  if (self->read_only)
    return kepil_db_check_writable (self, TRUE, error);
  if (self->depth == 0)
    {
      sqlite3_stmt *st;
      int rc;
      GStatBuf sb;

      /* SQLite would go on writing into a file that was deleted or replaced
       * behind our back, and the user would lose the work on closing. */
      if (self->inode != 0 &&
          (g_stat (self->path, &sb) != 0 || (guint64) sb.st_ino != self->inode || (guint64) sb.st_dev != self->device))
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_IO,
                       _("The database file was removed or replaced while it was open. Nothing was saved; "
                         "open the file again or restore a backup."));
          return FALSE;
        }

      if (!kepil_db_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      /* Tell the audit triggers who writes. */
      st = kepil_db_prepare (self, "UPDATE actor SET name = ?1, role = ?2 WHERE id = 1", error);
      if (st == NULL)
        {
          kepil_db_exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
      sqlite3_bind_text (st, 1, self->user, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (st, 2, kepil_role_to_string (self->role), -1, SQLITE_STATIC);
      rc = sqlite3_step (st);
      sqlite3_reset (st);
      if (rc != SQLITE_DONE)
        {
          kepil_db_set_error (self, error, rc, "starting a change");
          kepil_db_exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  else
    {
      g_autofree char *sp = g_strdup_printf ("SAVEPOINT kepil_%u", self->depth);
      if (!kepil_db_exec (self, sp, error))
        return FALSE;
    }
  self->depth++;
  return TRUE;
}

gboolean
kepil_db_commit (KepilDb *self, GError **error)
{
  g_return_val_if_fail (self->depth > 0, FALSE);
  if (self->depth == 1)
    {
      /* Hand the actor row back, so that a later write by another tool is
       * logged as "external" and not under this user's name.  A sealed
       * inspector package keeps its role (meta package_role). */
      if (!kepil_db_exec (self, "UPDATE actor SET name = 'external', role = coalesce("
                                "(SELECT value FROM meta WHERE key = 'package_role'), 'specialist') WHERE id = 1",
                          error) ||
          !kepil_db_exec (self, "COMMIT", error))
        {
          kepil_db_exec (self, "ROLLBACK", NULL);
          self->depth = 0;
          return FALSE;
        }
    }
  else
    {
      g_autofree char *sp = g_strdup_printf ("RELEASE kepil_%u", self->depth - 1);
      if (!kepil_db_exec (self, sp, error))
        return FALSE;
    }
  self->depth--;
  return TRUE;
}

void
kepil_db_rollback (KepilDb *self)
{
  g_return_if_fail (self->depth > 0);
  if (self->depth == 1)
    kepil_db_exec (self, "ROLLBACK", NULL);
  else
    {
      g_autofree char *sp = g_strdup_printf ("ROLLBACK TO kepil_%u; RELEASE kepil_%u",
                                             self->depth - 1, self->depth - 1);
      kepil_db_exec (self, sp, NULL);
    }
  self->depth--;
}

gboolean
kepil_db_in_transaction (KepilDb *self)
{
  return self->depth > 0;
}

gboolean
kepil_db_transaction (KepilDb *self, KepilDbTxFunc func, gpointer user_data, GError **error)
{
  if (!kepil_db_begin (self, error))
    return FALSE;
  if (!func (self, user_data, error))
    {
      kepil_db_rollback (self);
      return FALSE;
    }
  return kepil_db_commit (self, error);
}

/* ---- backups ------------------------------------------------------------------ */

char *
kepil_db_backup_dir (KepilDb *self)
{
  const char *env = g_getenv ("KEPIL_BACKUP_DIR");
  g_autofree char *base = g_path_get_basename (self->path);
  g_autofree char *abs = g_canonicalize_filename (self->path, NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, abs, -1);
  g_autofree char *leaf = g_strdup_printf ("%s-%.8s", base, hash);

  if (env != NULL)
    return g_build_filename (env, leaf, NULL);
  return g_build_filename (g_get_user_data_dir (), "kepil", "backups", leaf, NULL);
}

static gboolean
same_file (const char *a, const char *b)
{
  g_autofree char *ca = g_canonicalize_filename (a, NULL);
  g_autofree char *cb = g_canonicalize_filename (b, NULL);
  return g_str_equal (ca, cb);
}

static int
compare_desc (gconstpointer a, gconstpointer b)
{
  return -strcmp (*(const char **) a, *(const char **) b);
}

GPtrArray *
kepil_db_list_backups (KepilDb *self)
{
  g_autofree char *dir = kepil_db_backup_dir (self);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".kepil"))
      g_ptr_array_add (out, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (out, compare_desc);
  return out;
}

static gboolean
copy_db (sqlite3 *from, sqlite3 *to, KepilDb *self, GError **error)
{
  sqlite3_backup *b = sqlite3_backup_init (to, "main", from, "main");
  int rc;

  if (b == NULL)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_IO, _("The backup could not be made: %s"), sqlite3_errmsg (to));
      return FALSE;
    }
  do
    {
      rc = sqlite3_backup_step (b, 256);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (20);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (b);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (self, error, rc, "making a backup");
      return FALSE;
    }
  return TRUE;
}

/* Makes a backup; then keeps the newest few, and @keep (the backup about to be
 * restored) whatever its age. */
static char *
backup_keeping (KepilDb *self, const char *reason, const char *keep, GError **error)
{
  g_autofree char *dir = kepil_db_backup_dir (self);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = g_strdup_printf ("%s-%06d-%s.kepil", stamp, g_date_time_get_microsecond (now), reason);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  sqlite3 *to = NULL;
  int rc;
  g_autoptr (GPtrArray) all = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int e = errno;
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_IO, _("The backup folder cannot be made: %s"), g_strerror (e));
      return NULL;
    }
  rc = sqlite3_open_v2 (path, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK || !copy_db (self->handle, to, self, error))
    {
      if (rc != SQLITE_OK)
        g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_IO, _("The backup could not be made: %s"), sqlite3_errstr (rc));
      sqlite3_close_v2 (to);
      g_unlink (path);
      return NULL;
    }
  sqlite3_close_v2 (to);
  /* Keep the last few. */
  all = kepil_db_list_backups (self);
  for (guint i = BACKUPS_KEPT; i < all->len; i++)
    if (keep == NULL || !same_file (g_ptr_array_index (all, i), keep))
      g_unlink (g_ptr_array_index (all, i));
  return g_steal_pointer (&path);
}

char *
kepil_db_backup (KepilDb *self, const char *reason, GError **error)
{
  return backup_keeping (self, reason, NULL, error);
}

/* The name of a backup is "yyyymmdd-hhmmss-uuuuuu-REASON.kepil", the time in UTC
 * (see backup_keeping); a file named otherwise gets its modification time and no reason. */
static JsonObject *
describe_backup (const char *path)
{
  JsonObject *o = json_object_new ();
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr (GDateTime) t = NULL;
  g_autofree char *iso = NULL;
  GStatBuf st;
  int y, mo, d, h, mi, sec, us, n = 0;

  json_object_set_string_member (o, "path", path);
  json_object_set_string_member (o, "name", name);
  if (sscanf (name, "%4d%2d%2d-%2d%2d%2d-%6d-%n", &y, &mo, &d, &h, &mi, &sec, &us, &n) == 7 && n == 23 &&
      g_str_has_suffix (name, ".kepil") && strlen (name) > 23 + strlen (".kepil"))
    {
      g_autofree char *reason = g_strndup (name + 23, strlen (name) - 23 - strlen (".kepil"));
      t = g_date_time_new_utc (y, mo, d, h, mi, sec + us / 1e6);
      json_object_set_string_member (o, "reason", reason);
    }
  else
    json_object_set_string_member (o, "reason", "");
  memset (&st, 0, sizeof st);
  if (g_stat (path, &st) == 0 && t == NULL)
    t = g_date_time_new_from_unix_utc (st.st_mtime);
  if (t != NULL)
    iso = g_date_time_format (t, "%Y-%m-%dT%H:%M:%SZ");
  json_object_set_string_member (o, "time", iso ? iso : "");
  json_object_set_int_member (o, "size", (gint64) st.st_size);
  return o;
}

GPtrArray *
kepil_db_describe_backups (KepilDb *self)
{
  g_autoptr (GPtrArray) paths = kepil_db_list_backups (self);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (out, describe_backup (g_ptr_array_index (paths, i)));
  return out;
}

const char *
kepil_db_backup_reason_label (const char *reason)
{
  if (reason == NULL || *reason == '\0')
    return "";
  if (g_str_equal (reason, "before-upgrade"))
    return _("before an upgrade of the file");
  if (g_str_equal (reason, "before-import"))
    return _("before an import");
  if (g_str_equal (reason, "before-restore"))
    return _("before a restore");
  if (g_str_equal (reason, "manual"))
    return _("made by hand");
  return reason;
}

gboolean
kepil_db_restore_backup (KepilDb *self, const char *backup_path, GError **error)
{
  sqlite3 *from = NULL;
  int rc, version = 0;
  gboolean ok;

  if (!kepil_db_check_writable (self, FALSE, error))
    return FALSE;
  if (!kepil_db_probe (backup_path, &version, error))
    return FALSE;
  if (version < 1)
    {
      /* kepil_db_probe accepts an empty file (it would become a new database);
       * copying it over this one would wipe it. */
      g_autofree char *base = g_path_get_basename (backup_path);
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                   _("“%s” is empty, so it cannot be restored; the database was left as it is."), base);
      return FALSE;
    }
  rc = sqlite3_open_v2 (backup_path, &from, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite3_close_v2 (from);
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_IO, _("The backup cannot be opened: %s"), sqlite3_errstr (rc));
      return FALSE;
    }
  g_hash_table_remove_all (self->stmts);
  ok = copy_db (from, self->handle, self, error);
  sqlite3_close_v2 (from);
  if (ok)
    {
      self->version = version;
      if (version < kepil_db_latest_version ())
        ok = migrate (self, error);
    }
  return ok;
}

gboolean
kepil_db_restore_backup_safely (KepilDb *self, const char *backup_path, char **out_saved, GError **error)
{
  g_autofree char *saved = NULL;
  int version = 0;

  if (!kepil_db_check_writable (self, FALSE, error))
    return FALSE;
  if (!kepil_db_probe (backup_path, &version, error))
    return FALSE;
  if (version < 1)
    return kepil_db_restore_backup (self, backup_path, error);  /* refuses it in words */
  saved = backup_keeping (self, "before-restore", backup_path, error);
  if (saved == NULL)
    return FALSE;
  if (!kepil_db_restore_backup (self, backup_path, error))
    return FALSE;
  if (out_saved != NULL)
    *out_saved = g_steal_pointer (&saved);
  return TRUE;
}

/* ---- meta ---------------------------------------------------------------------- */

char *
kepil_db_get_meta (KepilDb *self, const char *key)
{
  sqlite3_stmt *st = kepil_db_prepare (self, "SELECT value FROM meta WHERE key = ?1", NULL);
  char *out = NULL;

  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (st) == SQLITE_ROW)
    out = g_strdup (kepil_col_text (st, 0));
  sqlite3_reset (st);
  return out;
}

gboolean
kepil_db_set_meta (KepilDb *self, const char *key, const char *value, GError **error)
{
  sqlite3_stmt *st;
  int rc;

  if (!kepil_db_begin (self, error))
    return FALSE;
  st = kepil_db_prepare (self, "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (st == NULL)
    {
      kepil_db_rollback (self);
      return FALSE;
    }
  sqlite3_bind_text (st, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 2, value, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (st);
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (self, error, rc, "saving a setting");
      kepil_db_rollback (self);
      return FALSE;
    }
  return kepil_db_commit (self, error);
}
