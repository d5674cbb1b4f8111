/* kepil-db.h — a Kepil database: one SQLite file with migrations
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* "KEPL" — PRAGMA application_id of every Kepil database. */
#define KEPIL_APPLICATION_ID 0x4B45504C

typedef enum {
  KEPIL_DB_OPEN_DEFAULT   = 0,
  KEPIL_DB_OPEN_CREATE    = 1 << 0,  /* create the file when it is missing or empty */
  KEPIL_DB_OPEN_READ_ONLY = 1 << 1,  /* never write; refuse files that need a migration */
  KEPIL_DB_OPEN_NO_BACKUP = 1 << 2,  /* do not back up before a migration (tests, benchmarks) */
} KepilDbOpenFlags;

typedef enum {
  KEPIL_ROLE_SPECIALIST,   /* edits */
  KEPIL_ROLE_COMMISSION,   /* edits and finalises */
  KEPIL_ROLE_INSPECTOR,    /* reads and records findings */
} KepilRole;

#define KEPIL_TYPE_DB (kepil_db_get_type ())
G_DECLARE_FINAL_TYPE (KepilDb, kepil_db, KEPIL, DB, GObject)

KepilDb    *kepil_db_open               (const char        *path,
                                         KepilDbOpenFlags   flags,
                                         GError           **error);
/* Checks a file without changing a byte of it: TRUE when it is a Kepil database
 * this version can open (possibly after a migration). */
gboolean    kepil_db_probe              (const char        *path,
                                         int               *out_version,
                                         GError           **error);
int         kepil_db_latest_version     (void);
int         kepil_db_get_version        (KepilDb           *self);
const char *kepil_db_get_path           (KepilDb           *self);
gboolean    kepil_db_is_read_only       (KepilDb           *self);

void        kepil_db_set_actor          (KepilDb           *self,
                                         const char        *user,
                                         KepilRole          role);
const char *kepil_db_get_user           (KepilDb           *self);
KepilRole   kepil_db_get_role           (KepilDb           *self);
const char *kepil_role_to_string        (KepilRole          role);
gboolean    kepil_role_from_string      (const char        *s,
                                         KepilRole         *out);

/* Refuses with KEPIL_ERROR_READ_ONLY when the role or the file does not allow
 * changing enterprise data.  @findings: the write is a finding of an inspector. */
gboolean    kepil_db_check_writable     (KepilDb           *self,
                                         gboolean           findings,
                                         GError           **error);

/* Transactions nest: the outermost is BEGIN IMMEDIATE … COMMIT, inner ones are
 * savepoints.  A failed commit rolls back. */
gboolean    kepil_db_begin              (KepilDb           *self,
                                         GError           **error);
gboolean    kepil_db_commit             (KepilDb           *self,
                                         GError           **error);
void        kepil_db_rollback           (KepilDb           *self);
gboolean    kepil_db_in_transaction     (KepilDb           *self);

typedef gboolean (*KepilDbTxFunc) (KepilDb *db, gpointer user_data, GError **error);
/* Runs @func inside a transaction: commits when it returns TRUE, rolls back otherwise. */
gboolean    kepil_db_transaction        (KepilDb           *self,
                                         KepilDbTxFunc      func,
                                         gpointer           user_data,
                                         GError           **error);

/* Online backups (SQLite backup API) kept beside the user's data. */
char       *kepil_db_backup             (KepilDb           *self,
                                         const char        *reason,
                                         GError           **error);
GPtrArray  *kepil_db_list_backups       (KepilDb           *self);
gboolean    kepil_db_restore_backup     (KepilDb           *self,
                                         const char        *backup_path,
                                         GError           **error);
char       *kepil_db_backup_dir         (KepilDb           *self);
/* The backups of this database, the newest first: JsonObjects with "path",
 * "name" (the file's name), "time" (when it was made, ISO 8601 in UTC),
 * "reason" (the word it was made for: "before-upgrade", "before-import",
 * "before-restore", "manual" or a word given to `kepil-cli backup make`;
 * "" when unknown) and "size" (bytes). */
GPtrArray  *kepil_db_describe_backups   (KepilDb           *self);
/* The reason of a backup for people, in the current language; a word Kepil
 * does not know is returned as it is. */
const char *kepil_db_backup_reason_label (const char       *reason);
/* What the window does: first a backup of the present state (reason
 * "before-restore"; making it never removes @backup_path, however old), then
 * the restore.  @out_saved: the path of that new backup. */
gboolean    kepil_db_restore_backup_safely (KepilDb        *self,
                                         const char        *backup_path,
                                         char             **out_saved,
                                         GError           **error);

/* Database-wide key/value settings. */
char       *kepil_db_get_meta           (KepilDb           *self,
                                         const char        *key);
gboolean    kepil_db_set_meta           (KepilDb           *self,
                                         const char        *key,
                                         const char        *value,
                                         GError           **error);

G_END_DECLS
