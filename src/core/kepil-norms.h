/* kepil-norms.h — norm sets: class thresholds of working-condition factors, as versioned data
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A norm set (for example "KZ-2000" version 1) is a list of rows, one per factor (sub)group, each
 * with the bounds of the classes 1, 2, 3.1 … 3.4 and the class beyond the last bound, plus the
 * parameters of the final-class rules (escalation counts, intensity counts).  The shipped sets live
 * in the resources (/kz/kepil/norms/, CSV files) and are copied into the database on first use; a user
 * copies a set or loads one from CSV as a new version.  A version is immutable once used.
 */
#pragma once

#include "kepil-db.h"

G_BEGIN_DECLS

/* Class ranks: 0 none, 10 = "1", 20 = "2", 31..34 = "3.1".."3.4", 40 = "4". */
int          kepil_class_rank (const char *cls);
const char  *kepil_class_name (int rank);

#define KEPIL_NORM_BOUNDS 6   /* c1, c2, c3_1, c3_2, c3_3, c3_4 */

typedef enum {
  KEPIL_BASIS_RATIO,       /* measured / norm (ПДК, ПДУ, Ен) */
  KEPIL_BASIS_EXCESS_DB,   /* measured − ПДУ of the workplace, dB */
  KEPIL_BASIS_ABSOLUTE,    /* the measured value itself */
  KEPIL_BASIS_GRADE,       /* the value is the class assessed by the lab (1, 2, 3.1, 3.2) */
} KepilNormBasis;

typedef struct {
  char           *factor;
  char           *subgroup;     /* key used by measurements; "" = the factor's only row */
  char           *agent;        /* indicator key (heaviness, intensity) or work category (microclimate) */
  char           *sex;          /* "m", "f" or "" */
  char           *label;
  char           *unit;
  KepilNormBasis  basis;
  gboolean        down;         /* lower is worse */
  double          bound[KEPIL_NORM_BOUNDS];
  gboolean        has[KEPIL_NORM_BOUNDS];
  gboolean        exclusive[KEPIL_NORM_BOUNDS];
  int             top;          /* rank beyond the last bound; 0 = values beyond are refused */
  char           *status;       /* V1, V2, V3, UNVERIFIED */
  char           *source;
  char           *set_name;     /* the set the row comes from (a parent's rows keep theirs) */
  int             set_version;
  int             seq;          /* position in its set, from 1 */
  JsonObject     *json;         /* cached kepil_norm_row_to_json, shared by explanations (not copied) */
} KepilNormRow;

typedef struct {
  char        *name;
  int          version;
  char        *parent;        /* "NAME@VERSION" or "" */
  char        *legal_basis;
  char        *status;
  char        *source;
  gboolean     shipped;
  gboolean     is_default;
  gboolean     used;
  GPtrArray   *rows;          /* KepilNormRow*, own rows then inherited ones */
  GHashTable  *params;        /* key → value text */
  GHashTable  *params_source; /* key → "status, source" */
  GHashTable  *index;         /* "factor" → GPtrArray of KepilNormRow* (not owned) */
} KepilNormSet;

typedef struct {
  char    *key;
  char    *name_ru;
  char    *name_en;
  char    *formula;
  char    *kind;        /* chemical, dust */
  double   pdk_max;     /* NAN when none */
  double   pdk_mean;    /* NAN when none */
  int      hazard_class;
  gboolean acute, irritant, carcinogen, allergen, fibrogenic;
  char    *status;
  char    *source;
} KepilSubstance;

KepilNormRow   *kepil_norm_row_new        (void);
void            kepil_norm_row_free       (KepilNormRow *row);
KepilNormRow   *kepil_norm_row_copy       (const KepilNormRow *row);
KepilNormSet   *kepil_norm_set_new        (const char *name, int version);
void            kepil_norm_set_free       (KepilNormSet *set);
/* Builds the factor index; call after the rows are complete. */
void            kepil_norm_set_index      (KepilNormSet *set);
/* Rows of @factor (own and inherited), or NULL. */
GPtrArray      *kepil_norm_set_rows_of    (KepilNormSet *set, const char *factor);
const char     *kepil_norm_set_param      (KepilNormSet *set, const char *key);
double          kepil_norm_set_param_num  (KepilNormSet *set, const char *key, double fallback);
void            kepil_substance_free      (KepilSubstance *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KepilNormRow, kepil_norm_row_free)

/* The name and version actually used for a spec like "KZ-2000" (latest version) or "KZ-2000@1".
 * NULL spec = the default set.  @db may be NULL (shipped sets only). */
gboolean        kepil_norms_resolve       (KepilDb *db, const char *spec, char **name, int *version,
                                           GError **error);
/* The set for a spec, cached: borrowed, valid as long as @db (or the program when @db is NULL). */
KepilNormSet   *kepil_norms_get           (KepilDb *db, const char *spec, GError **error);
/* Copies the shipped sets and substances into the database unless they are there (once per
 * connection; silently skipped for read-only databases). */
gboolean        kepil_norms_ensure        (KepilDb *db, GError **error);
/* Marks a version as used: from then on it is never changed. */
void            kepil_norms_mark_used     (KepilDb *db, KepilNormSet *set);

/* All sets: JsonObject* with name, version, parent, legal_basis, status, shipped, default, used, rows. */
GPtrArray      *kepil_norms_list          (KepilDb *db, GError **error);
/* One set with its rows and parameters, as JSON. */
JsonObject     *kepil_norms_show          (KepilDb *db, const char *spec, GError **error);
/* A row as JSON (the columns of rows.csv, bounds as numbers or null). */
JsonObject     *kepil_norm_row_to_json    (const KepilNormRow *row);
/* The same, cached on the row and shared: a new reference; do not change it. */
JsonObject     *kepil_norm_row_json_shared (KepilNormRow *row);
/* The set's own rows as CSV in the columns of rows.csv (loadable with kepil_norms_load_csv). */
char           *kepil_norms_to_csv        (KepilDb *db, const char *spec, GError **error);
/* Copies @spec to @new_name (a new version of it when it exists); returns the new version or 0. */
int             kepil_norms_copy          (KepilDb *db, const char *spec, const char *new_name, GError **error);
/* Loads a CSV in the columns of factor-classes.csv (extra columns of rows.csv allowed) as a new
 * version of @name.  @only_set: take only the rows whose norm_set column equals it (NULL: the file
 * must hold one set).  @parent: the spec whose rows fill the factors the file leaves out (NULL =
 * the default set, "" = none).  Returns the new version or 0. */
int             kepil_norms_load_csv      (KepilDb *db, const char *path, const char *name,
                                           const char *only_set, const char *parent, GError **error);
/* Same, from text in memory; @origin names it in messages. */
int             kepil_norms_load_csv_text (KepilDb *db, const char *text, const char *origin, const char *name,
                                           const char *only_set, const char *parent, GError **error);
/* Changes the bounds, top, status or source of the own row @seq of an unused version; @changes holds
 * members named like the CSV columns (c1 … c3_4 as numbers or null, top, exclusive, status, source). */
gboolean        kepil_norms_update_row    (KepilDb *db, const char *spec, int seq, JsonObject *changes,
                                           GError **error);

/* A factor key of the data ("noise", "thermal_radiation") as a message to translate (NULL when unknown),
 * and as words of the user's language (the key itself when unknown). */
const char     *kepil_factor_msgid        (const char *factor);
const char     *kepil_factor_label        (const char *factor);

/* Substance catalogue.  Lookup by key, formula, Russian or English name (case-insensitive).
 * Borrowed; NULL when unknown. */
const KepilSubstance *kepil_norms_substance (KepilDb *db, const char *name);
/* All substances as JSON objects. */
GPtrArray      *kepil_norms_substances    (KepilDb *db, GError **error);

/* Units: the canonical spelling of @unit ("мг/м3" → "mg/m3"), or NULL when unknown. */
const char     *kepil_norms_unit_canonical (const char *unit);
/* The factor turning a value in @from into @to, FALSE when there is no such conversion. */
gboolean        kepil_norms_unit_factor   (const char *from, const char *to, double *factor);
/* Sanity limits of a factor's values; FALSE when the factor has none. */
gboolean        kepil_norms_limits        (const char *factor, double *min, double *max);

/* The factor keys measurements may use, NULL-terminated. */
const char * const *kepil_norms_factor_keys (void);

/* CSV reading shared by the norms and their tests: rows of fields; lines starting with '#' and
 * empty lines are skipped.  NULL with @error set on a malformed file. */
GPtrArray      *kepil_csv_parse           (const char *text, const char *origin, GError **error);
/* Parses one norm-row CSV record given its header; appends 1..n rows (a label may name several
 * subgroups).  @line for messages. */
gboolean        kepil_norm_rows_from_csv  (GStrv header, GStrv fields, const char *origin, int line,
                                           GPtrArray *out, GError **error);

/* ---- storage (kepil-store-norms.c); for the norms part only ---------------------------- */
gint64          kepil_store_norms_find_set   (KepilDb *db, const char *name, int version, GError **error);
int             kepil_store_norms_latest     (KepilDb *db, const char *name, GError **error);
gboolean        kepil_store_norms_default    (KepilDb *db, char **name, GError **error);
gboolean        kepil_store_norms_insert_set (KepilDb *db, KepilNormSet *set, GError **error);
KepilNormSet   *kepil_store_norms_read_set   (KepilDb *db, const char *name, int version, GError **error);
GPtrArray      *kepil_store_norms_list       (KepilDb *db, GError **error);
gboolean        kepil_store_norms_mark_used  (KepilDb *db, const char *name, int version, GError **error);
gboolean        kepil_store_norms_update_row (KepilDb *db, const char *name, int version, const KepilNormRow *row,
                                              GError **error);
gboolean        kepil_store_norms_has_substance (KepilDb *db, const char *key, GError **error);
gboolean        kepil_store_norms_insert_substance (KepilDb *db, const KepilSubstance *s, gboolean shipped,
                                                    GError **error);
GPtrArray      *kepil_store_norms_read_substances (KepilDb *db, GError **error);

/* One row of the measurement scan: a workplace (measurement_id 0 when it has none) and a measurement. */
typedef struct {
  gint64      workplace_id;
  const char *work_category;
  gint64      men;
  gint64      women;
  const char *enterprise_norm_set;
  gint64      measurement_id;
  const char *factor;
  const char *subgroup;
  const char *agent;
  const char *unit;
  double      value;
  double      norm;         /* NAN when NULL */
} KepilMeasurementScan;

typedef gboolean (*KepilMeasurementScanFunc) (const KepilMeasurementScan *m, gpointer user_data, GError **error);
/* Every workplace (or only @workplace_id when > 0) with its measurements, ordered by workplace and id. */
gboolean        kepil_store_norms_scan       (KepilDb *db, gint64 workplace_id, KepilMeasurementScanFunc func,
                                              gpointer user_data, GError **error);
/* The norm set an enterprise uses ("" when none). */
char           *kepil_store_norms_enterprise_set (KepilDb *db, GError **error);

G_END_DECLS
