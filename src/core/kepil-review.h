/* kepil-review.h — roles, finalised acts with fingerprints, inspectors' findings
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Finalising the act of a campaign freezes a snapshot: the canonical JSON of
 * the enterprise data the act is made from (the enterprise, its units,
 * workplaces and their professions, the campaign and its commission, the
 * measurements of its workplaces, safety assessments, PPE rows,
 * statistics, the checklist and the norm-set and methodology settings) with
 * the names of the norm set and the
 * methodology.  Its SHA-256 is the act's fingerprint.  Verifying recomputes
 * the snapshot of the latest revision of every campaign and names each
 * record and field that differ.
 */
#pragma once

#include "kepil-db.h"

G_BEGIN_DECLS

/* ---- user settings ---------------------------------------------------------
 * A key file $XDG_CONFIG_HOME/kepil/settings.ini (or g_get_user_config_dir ());
 * the user's name is [user] name=…  Returns NULL when not set. */
char       *kepil_settings_get        (const char  *group,
                                       const char  *key);
gboolean    kepil_settings_set        (const char  *group,
                                       const char  *key,
                                       const char  *value,
                                       GError     **error);
/* The path of that file (for messages). */
char       *kepil_settings_path       (void);

/* ---- acts ------------------------------------------------------------------ */

/* Finalises the act of @campaign_id (0: the campaign with the highest id).
 * Needs the commission role.  Sets campaign.status to 'final' and writes a
 * new revision when the data differ from the latest revision (else returns
 * the latest with "unchanged": true).  Returns the act: id, campaign_id,
 * revision, fingerprint, data_fingerprint, finalized_at, finalized_by,
 * norm_set, methodology, unchanged. */
JsonObject *kepil_review_finalize     (KepilDb     *db,
                                       gint64       campaign_id,
                                       GError     **error);
/* The latest revision of the act of @campaign_id, or NULL (no error) when the
 * campaign was never finalised.  Same members as above, without unchanged. */
JsonObject *kepil_review_latest_act   (KepilDb     *db,
                                       gint64       campaign_id,
                                       GError     **error);
/* Every revision of every act, by campaign then revision. */
JsonArray  *kepil_review_list_acts    (KepilDb     *db,
                                       GError     **error);
/* The canonical snapshot text of @campaign_id as it is now, and its SHA-256. */
char       *kepil_review_snapshot     (KepilDb     *db,
                                       gint64       campaign_id,
                                       char       **out_sha256,
                                       GError     **error);
/* Checks every act.  Returns { ok, checked, changed, acts: [ { act_id,
 * campaign_id, revision, latest, fingerprint, current_fingerprint, ok,
 * problem ("" | "data-changed" | "act-altered" | "campaign-missing"),
 * differences: [ { entity, id, field, change (changed|added|removed),
 * signed_value, current_value } ] } ] }.  Older revisions are checked for
 * their own integrity only; the latest against the data. */
JsonObject *kepil_review_verify       (KepilDb     *db,
                                       GError     **error);

/* ---- findings --------------------------------------------------------------- */

/* The built-in categories: { key, name_en, name_ru, name_kk, legal_basis,
 * source, status }, from /kz/kepil/review/finding-categories.csv. */
JsonArray  *kepil_finding_categories  (GError     **error);
/* The category's name in @lang (kk, ru, en); NULL when unknown. */
char       *kepil_finding_category_name (const char *key,
                                         const char *lang);
/* Records a finding.  Members: category (required, a key of the list),
 * workplace_code or workplace_id (none: the whole enterprise), enterprise_id
 * (default: the only / first enterprise), legal_basis (default: the
 * category's), status (open|closed|under_control, default open),
 * economic_effect (tenge ≥ 0), note, found_on (ISO or dd.mm.yyyy, default
 * today).  The author is the database's user.  Allowed in every role. */
gint64      kepil_finding_add         (KepilDb     *db,
                                       JsonObject  *finding,
                                       GError     **error);
gboolean    kepil_finding_set_status  (KepilDb     *db,
                                       gint64       id,
                                       const char  *status,
                                       GError     **error);
/* Every finding with its workplace code and profession name, by date then id. */
GPtrArray  *kepil_finding_list        (KepilDb     *db,
                                       GError     **error);
/* Counts and economic effect per category and per status for @year and
 * @year − 1: { year, previous_year, categories: [ { key, name, count, count_previous,
 * effect, effect_previous } ], statuses: [...], total: {...} }. */
JsonObject *kepil_findings_statistics (KepilDb     *db,
                                       int          year,
                                       const char  *lang,
                                       GError     **error);
/* Writes an Excel workbook: sheet of findings and sheet of statistics (this
 * year vs last year, the year from kepil_today_iso ()).  @lang: kk, ru, en or
 * "kk+ru" (both languages side by side). */
gboolean    kepil_findings_export_xlsx (KepilDb    *db,
                                        const char *path,
                                        const char *lang,
                                        GError    **error);

/* ---- storage (kepil-store-review.c); callers use the functions above ------- */

char       *kepil_store_review_snapshot   (KepilDb     *db,
                                           gint64       campaign_id,
                                           GError     **error);
gint64      kepil_store_review_default_campaign (KepilDb *db,
                                                 GError **error);
gint64      kepil_store_review_insert_act (KepilDb     *db,
                                           JsonObject  *act,
                                           const char  *snapshot,
                                           GError     **error);
/* Acts as objects (with "snapshot" when @with_snapshot); @campaign_id 0: all. */
GPtrArray  *kepil_store_review_acts       (KepilDb     *db,
                                           gint64       campaign_id,
                                           gboolean     with_snapshot,
                                           GError     **error);
gboolean    kepil_store_review_campaign_exists (KepilDb *db,
                                                gint64   campaign_id);
GPtrArray  *kepil_store_findings_list     (KepilDb     *db,
                                           GError     **error);
gint64      kepil_store_finding_by_uid    (KepilDb     *db,
                                           const char  *uid,
                                           GError     **error);

G_END_DECLS
