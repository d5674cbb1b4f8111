/* kepil-lists.h — the legal Lists (Orders 1053/1054/1056, Lists No. 1/2, ОППВ): data, import, matching, grants
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lists are versioned reference data inside the database (schema/0004-lists.sql).
 * The shipped rows (resources/data/lists/) are loaded on first use; an import of the
 * official act makes a new active version of that list, all or nothing.
 *
 * List keys: "1053", "oppv", "list1", "list2", "milk", "lpp".
 */
#pragma once

#include "kepil-db.h"

G_BEGIN_DECLS

/* ---- the contract other parts code against -------------------------------------- */

/* Every workplace: key gint64* workplace id (owned) → JsonObject* (owned). @classes =
 * the result of kepil_classify_database() (key gint64* workplace id → JsonObject with
 * "overall", "overall_rank", …) or NULL (every workplace unclassified). */
GHashTable *kepil_lists_evaluate            (KepilDb     *db,
                                             GHashTable  *classes,
                                             GError     **error);
/* One workplace, with its classification object (or NULL). */
JsonObject *kepil_lists_evaluate_workplace  (KepilDb     *db,
                                             gint64       workplace_id,
                                             JsonObject  *classes,
                                             GError     **error);
/* Ranked candidates for a title: JsonArray of {"list","entry_id","section","item","name_ru",
 * "name_kk","leave_days","hours_per_week","score","general"}.  @production may be NULL. */
JsonArray  *kepil_lists_match               (KepilDb     *db,
                                             const char  *production,
                                             const char  *profession,
                                             guint        limit,
                                             GError     **error);
/* Imports the official list @list from @path (HTML saved from the legal portal, or the
 * CSV of docs/lists-csv.md) as the new active version.  All or nothing. */
gboolean    kepil_lists_import_file         (KepilDb     *db,
                                             const char  *list,
                                             const char  *path,
                                             guint       *n_imported,
                                             GError     **error);
/* A synthetic Order 1053 of @n_entries entries with the act's leave-days distribution
 * (resources/data/lists/synthetic-distribution.csv), imported as the active 1053. */
gboolean    kepil_lists_generate_synthetic  (KepilDb     *db,
                                             guint        n_entries,
                                             guint32      seed,
                                             GError     **error);

/* ---- more of the lists API -------------------------------------------------------- */

/* TRUE when @list is one of the six keys. */
gboolean    kepil_lists_is_known            (const char  *list);
/* The six keys, NULL-terminated. */
const char * const *kepil_lists_names       (void);
/* Loads the shipped reference rows when the database does not have them yet (or has an
 * older shipped version).  Called by every function here; cheap when already done. */
gboolean    kepil_lists_ensure_loaded       (KepilDb     *db,
                                             GError     **error);
/* The synthetic list as CSV text in the format of docs/lists-csv.md (for tests and
 * benchmarks that go through the file import). */
char       *kepil_lists_synthetic_csv       (guint        n_entries,
                                             guint32      seed,
                                             GError     **error);
/* The active versions with their act, and (when @list is not NULL) that list's entries:
 * {"versions":[{"list","version_id","label","origin","act":{…},"entries":N}],"entries":[…]} */
JsonObject *kepil_lists_show                (KepilDb     *db,
                                             const char  *list,
                                             GError     **error);
/* The commission's decision on a match, stored with who and when. */
gboolean    kepil_lists_decide              (KepilDb     *db,
                                             gint64       workplace_id,
                                             gint64       entry_id,
                                             gboolean     confirm,
                                             GError     **error);
/* The rules data (resources/data/lists/rules.json): the "value" of @key, or NULL. */
JsonNode   *kepil_lists_rule                (const char  *key);

/* ---- internal to the lists part (kepil-lists*.c, kepil-match.c, kepil-store-lists.c) ---- */

typedef struct {
  gint64   id;
  char    *list;
  char    *section;
  char    *chapter;
  char    *item;
  char    *name_ru;
  char    *name_kk;
  int      leave_days;       /* 0 = none */
  double   hours_per_week;   /* 0 = none */
  double   time_share_pct;   /* 0 = none */
  char    *condition;
  char    *production;
  char    *aliases;
  gboolean general;
  char    *source;
  char    *status;
  guint    line;             /* line in the file it came from */
} KepilListEntry;

void            kepil_list_entry_free        (KepilListEntry *e);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KepilListEntry, kepil_list_entry_free)

typedef struct {
  char    *list;
  char    *section;
  char    *name_ru;
  char    *name_kk;
  gboolean general;
  char    *source;
  char    *status;
} KepilListSection;

void            kepil_list_section_free      (KepilListSection *s);

typedef struct {
  char *list;
  char *label;
  char *origin;       /* shipped, import, synthetic */
  char *act_key;
  char *act_number;
  char *act_date;
  char *act_registration;
  char *act_title_ru;
  char *act_title_kk;
  char *act_source;
  char *act_status;
  char *file;
} KepilListVersionInfo;

void            kepil_list_version_info_clear (KepilListVersionInfo *v);

/* kepil-lists-import.c: a CSV reader (RFC 4180, "#" comment lines skipped). */
typedef struct {
  guint  line;      /* 1-based line where the record starts */
  char **fields;
} KepilCsvRow;
void            kepil_csv_row_free           (KepilCsvRow *r);
/* Rows including the header; NULL with @error naming @file_label and the line. */
GPtrArray      *kepil_lists_csv_read         (const char *text, gsize len, const char *file_label,
                                              GError **error);

/* kepil-lists.c: the act of a list from resources/data/lists/acts.csv (fills @v). */
void            kepil_lists_act_info         (const char *list, KepilListVersionInfo *v);
/* kepil-lists.c: the section registry from resources/data/lists/sections.csv. */
GPtrArray      *kepil_lists_shipped_sections (GError **error);
/* kepil-lists-import.c: parses CSV text of @list into entries (validated). */
GPtrArray      *kepil_lists_parse_csv        (const char *list, const char *file_label, const char *text,
                                              gsize len, GHashTable *sections, GError **error);
/* kepil-lists-import.c: validates entries and stores them as the new active version. */
gboolean        kepil_lists_store_validated  (KepilDb *db, KepilListVersionInfo *info, GPtrArray *entries,
                                              GError **error);

/* kepil-match.c: the normaliser.  Lower case, ё→е, abbreviations expanded, punctuation
 * dropped, stop words removed; tokens in their order of appearance. */
char          **kepil_lists_tokens           (const char *text);
/* The normalised text: the tokens joined by spaces. */
char           *kepil_lists_normalize        (const char *text);
/* Two tokens are the same word (equal, or the same stem up to an ending). */
gboolean        kepil_lists_token_match      (const char *a, const char *b);
/* The FTS5 query for a title ("stem" OR "stem" …) or NULL when it has no usable word. */
char           *kepil_lists_fts_query        (const char *normalized);

/* kepil-store-lists.c: SQL. */
gboolean        kepil_store_lists_shipped_version (KepilDb *db, char **out_version, GError **error);
gboolean        kepil_store_lists_replace_sections (KepilDb *db, GPtrArray *sections, GError **error);
GHashTable     *kepil_store_lists_sections   (KepilDb *db, const char *list, GError **error);
gint64          kepil_store_lists_add_version (KepilDb *db, KepilListVersionInfo *info, GError **error);
gboolean        kepil_store_lists_add_entry  (KepilDb *db, gint64 version_id, KepilListEntry *e,
                                              const char *norm_name, const char *norm_production, GError **error);
gboolean        kepil_store_lists_deactivate (KepilDb *db, const char *list, gint64 keep_version, GError **error);
/* All active entries: an array of KepilListEntry*. */
GPtrArray      *kepil_store_lists_active_entries (KepilDb *db, const char *list, GError **error);
/* Entry ids whose normalised name or production matches the FTS5 @query, best first. */
GArray         *kepil_store_lists_fts        (KepilDb *db, const char *query, guint limit, GError **error);
/* Same, entries matching the whole @query, unranked (cheap). */
GArray         *kepil_store_lists_fts_all    (KepilDb *db, const char *query, guint limit, GError **error);
JsonArray      *kepil_store_lists_versions   (KepilDb *db, GError **error);
gboolean        kepil_store_lists_decide     (KepilDb *db, gint64 workplace_id, gint64 entry_id,
                                              const char *status, GError **error);
/* Decisions: key gint64* entry id → "confirmed"/"rejected" for one workplace. */
GHashTable     *kepil_store_lists_decisions  (KepilDb *db, gint64 workplace_id, GError **error);
/* All decisions of all workplaces: key gint64* workplace id → GHashTable as above. */
GHashTable     *kepil_store_lists_all_decisions (KepilDb *db, GError **error);
gint64          kepil_store_lists_workplace_by_code (KepilDb *db, const char *code, GError **error);
gboolean        kepil_store_lists_entry_exists (KepilDb *db, gint64 entry_id, GError **error);
/* Workplace context for matching and grants: {"workplace_id","code","enterprise_id","profession_ru",
 * "profession_kk","production","units","agents":[…],"ca_pay_percent","sector_coefficient",
 * "apply_sector_coefficient","attestation_campaign_id","attestation_date"} for every workplace
 * (or one when @workplace_id > 0). */
GPtrArray      *kepil_store_lists_workplaces (KepilDb *db, gint64 workplace_id, GError **error);

G_END_DECLS
