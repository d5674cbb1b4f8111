/* kepil-store-fingerprint.c — a canonical dump of a campaign's data, hashed with SHA-256
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dump walks a fixed list of tables in a fixed order, each ordered by id,
 * every column with its name and a type tag, text length-prefixed and reals in
 * %.17g, so that the same rows always give the same bytes and any changed
 * value, added or removed row gives other bytes.  The enterprise row carries the
 * names of its norm set and methodology (which name their version); the
 * metadata keys "norm_set.*" and "methodology.*" are hashed too when present.
 */
#include "kepil-config.h"
#include "kepil-fingerprint.h"
#include "kepil-db-private.h"
#include "kepil-error.h"
#include "kepil-i18n.h"

#include <string.h>

gint64
kepil_store_resolve_campaign (KepilDb *db, gint64 campaign_id, GError **error)
{
  sqlite3_stmt *st;
  gint64 id = 0;
  int rc;

  if (campaign_id > 0)
    st = kepil_db_prepare (db, "SELECT id FROM campaign WHERE id = ?1", error);
  else
    st = kepil_db_prepare (db, "SELECT id FROM campaign ORDER BY order_date DESC, id DESC LIMIT 1", error);
  if (st == NULL)
    return 0;
  if (campaign_id > 0)
    sqlite3_bind_int64 (st, 1, campaign_id);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (st, 0);
  else if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (db, error, rc, _("finding the attestation campaign"));
      sqlite3_reset (st);
      return 0;
    }
  sqlite3_reset (st);
  if (id == 0)
    {
      if (campaign_id > 0)
        g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND,
                     _("There is no attestation campaign with id %ld in the database."), campaign_id);
      else
        g_set_error_literal (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND,
                             _("The database has no attestation campaign yet: enter the order that starts the attestation first."));
    }
  return id;
}

/* Workplaces of the enterprise ?1. */
#define WP_OF_E "(SELECT w.id FROM workplace w JOIN unit u ON u.id = w.unit_id WHERE u.enterprise_id = ?1)"

static const struct {
  const char *table;
  const char *sql;   /* ?1 = enterprise id, ?2 = campaign id */
} dump[] = {
  { "enterprise", "SELECT * FROM enterprise WHERE id = ?1 AND ?2 = ?2 ORDER BY id" },
  { "campaign", "SELECT * FROM campaign WHERE id = ?2 AND ?1 = ?1 ORDER BY id" },
  { "commission_member", "SELECT * FROM commission_member WHERE campaign_id = ?2 AND ?1 = ?1 ORDER BY id" },
  { "unit", "SELECT * FROM unit WHERE enterprise_id = ?1 AND ?2 = ?2 ORDER BY id" },
  { "profession", "SELECT * FROM profession WHERE id IN (SELECT w.profession_id FROM workplace w JOIN unit u "
                  "ON u.id = w.unit_id WHERE u.enterprise_id = ?1) AND ?2 = ?2 ORDER BY id" },
  { "workplace", "SELECT * FROM workplace WHERE id IN " WP_OF_E " AND ?2 = ?2 ORDER BY id" },
  { "measurement", "SELECT * FROM measurement WHERE workplace_id IN " WP_OF_E " AND ?2 = ?2 ORDER BY id" },
  { "safety_assessment", "SELECT * FROM safety_assessment WHERE workplace_id IN " WP_OF_E " AND ?2 = ?2 ORDER BY id" },
  { "ppe_provision", "SELECT * FROM ppe_provision WHERE workplace_id IN " WP_OF_E " AND ?2 = ?2 ORDER BY id" },
  { "enterprise_stats", "SELECT * FROM enterprise_stats WHERE enterprise_id = ?1 AND ?2 = ?2 ORDER BY id" },
  { "profession_stats", "SELECT * FROM profession_stats WHERE profession_id IN (SELECT w.profession_id FROM workplace w "
                        "JOIN unit u ON u.id = w.unit_id WHERE u.enterprise_id = ?1) AND ?2 = ?2 ORDER BY id" },
  { "checklist_answer", "SELECT * FROM checklist_answer WHERE enterprise_id = ?1 AND ?2 = ?2 ORDER BY id" },
  { "meta", "SELECT key, value FROM meta WHERE (key LIKE 'norm_set.%' OR key LIKE 'methodology.%') "
            "AND ?1 = ?1 AND ?2 = ?2 ORDER BY key" },
};

static void
feed (GChecksum *sum, const char *tag, const void *data, gsize len)
{
  char head[48];
  int n = g_snprintf (head, sizeof head, "%s%lu:", tag, len);
  g_checksum_update (sum, (const guchar *) head, n);
  if (len > 0)
    g_checksum_update (sum, data, len);
}

static gboolean
dump_table (KepilDb *db, GChecksum *sum, guint i, gint64 ent, gint64 camp, GError **error)
{
  sqlite3_stmt *st = kepil_db_prepare (db, dump[i].sql, error);
  int rc;

  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, ent);
  sqlite3_bind_int64 (st, 2, camp);
  feed (sum, "T", dump[i].table, strlen (dump[i].table));
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      int n = sqlite3_column_count (st);
      feed (sum, "R", "", 0);
      for (int c = 0; c < n; c++)
        {
          const char *name = sqlite3_column_name (st, c);
          char num[64];
          feed (sum, "C", name, strlen (name));
          switch (sqlite3_column_type (st, c))
            {
            case SQLITE_NULL:
              feed (sum, "N", "", 0);
              break;
            case SQLITE_INTEGER:
              g_snprintf (num, sizeof num, "%ld", (gint64) sqlite3_column_int64 (st, c));
              feed (sum, "I", num, strlen (num));
              break;
            case SQLITE_FLOAT:
              g_snprintf (num, sizeof num, "%.17g", sqlite3_column_double (st, c));
              feed (sum, "F", num, strlen (num));
              break;
            case SQLITE_BLOB:
              feed (sum, "B", sqlite3_column_blob (st, c), sqlite3_column_bytes (st, c));
              break;
            default:
              feed (sum, "S", sqlite3_column_text (st, c), sqlite3_column_bytes (st, c));
              break;
            }
        }
    }
  if (rc != SQLITE_DONE)
    {
      g_autofree char *doing = g_strdup_printf (_("reading the table “%s” for the data fingerprint"), dump[i].table);
      kepil_db_set_error (db, error, rc, doing);
      sqlite3_reset (st);
      return FALSE;
    }
  sqlite3_reset (st);
  return TRUE;
}

char *
kepil_data_fingerprint (KepilDb *db, gint64 campaign_id, GError **error)
{
  g_autoptr (GChecksum) sum = NULL;
  sqlite3_stmt *st;
  gint64 camp, ent = 0;

  camp = kepil_store_resolve_campaign (db, campaign_id, error);
  if (camp == 0)
    return NULL;
  st = kepil_db_prepare (db, "SELECT enterprise_id FROM campaign WHERE id = ?1", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, camp);
  if (sqlite3_step (st) == SQLITE_ROW)
    ent = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);

  /* One read transaction so that a concurrent writer cannot split the dump. */
  if (!kepil_db_exec (db, "SAVEPOINT kepil_fingerprint", error))
    return NULL;
  sum = g_checksum_new (G_CHECKSUM_SHA256);
  feed (sum, "V", "kepil-fingerprint-1", strlen ("kepil-fingerprint-1"));
  for (guint i = 0; i < G_N_ELEMENTS (dump); i++)
    if (!dump_table (db, sum, i, ent, camp, error))
      {
        kepil_db_exec (db, "ROLLBACK TO kepil_fingerprint", NULL);
        kepil_db_exec (db, "RELEASE kepil_fingerprint", NULL);
        return NULL;
      }
  kepil_db_exec (db, "RELEASE kepil_fingerprint", NULL);
  return g_strdup (g_checksum_get_string (sum));
}
