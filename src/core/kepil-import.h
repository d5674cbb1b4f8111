/* kepil-import.h — import of laboratory protocols and workplace registers from CSV and XLSX
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A file is read whole (CSV in UTF-8 or Windows-1251, separated by ';', ',' or
 * tab; or the first sheet of an XLSX workbook), its columns are mapped to the
 * fields of the canonical template (docs/import-template.md), every row is
 * validated, and only then — in one transaction, after an online backup — the
 * rows are written.  A file with any invalid row writes nothing unless
 * @valid_only is given.
 *
 * The report is a JsonObject (the same object `kepil-cli import --json` prints):
 *   {"file": PATH, "kind": "measurements"|"workplaces", "source": mapping source or "",
 *    "rows": N, "valid": N, "imported": N, "dry_run": bool, "backup": path or "",
 *    "created": {"units": N, "professions": N, "workplaces": N, "enterprises": N},
 *    "problems": [{"file", "row", "column", "field", "message"}]}
 * "row" is the row number as the spreadsheet shows it (1 = first line of the
 * file), "column" the spreadsheet's column letter ("" for a problem of the whole
 * file), "field" the canonical field name, "message" a sentence in the user's
 * language that starts with the field's label.
 */
#pragma once

#include "kepil-db.h"
#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Called now and then during the write phase with the number of rows written so
 * far and the number to write; used by the window for a progress bar and by the
 * tests to kill an import mid-transaction. */
typedef void (*KepilImportProgress) (guint done, guint total, gpointer user_data);

/* kind: "measurements" or "workplaces".  mapping_path may be NULL (the header is
 * then matched against the template's names and labels, and against mappings
 * remembered earlier); it is either a JSON mapping file or the source name of a
 * remembered mapping.  Returns the report described above (problems included);
 * NULL + @error only when the file cannot be read at all, the mapping is
 * malformed, or writing fails (then nothing was written).  mapping_path may also
 * be the mapping's JSON text itself (starting with '{'); it is then remembered
 * only when it names a "source". */
JsonObject *kepil_import_file          (KepilDb            *db,
                                        const char         *kind,
                                        const char         *path,
                                        const char         *mapping_path,
                                        gboolean            dry_run,
                                        gboolean            valid_only,
                                        GCancellable       *cancellable,
                                        GError            **error);
/* Same with a progress callback (may be NULL). */
JsonObject *kepil_import_file_full     (KepilDb            *db,
                                        const char         *kind,
                                        const char         *path,
                                        const char         *mapping_path,
                                        gboolean            dry_run,
                                        gboolean            valid_only,
                                        KepilImportProgress progress,
                                        gpointer            progress_data,
                                        GCancellable       *cancellable,
                                        GError            **error);

/* Writes the empty measurements template: .csv (';'-separated, UTF-8 with BOM)
 * or .xlsx by the name's extension.  lang: NULL or "en" → the canonical field
 * names as the header; "kk", "ru" → the labels in that language; "kk+ru" →
 * "kk label / ru label".  Every form of the header is recognised on import. */
gboolean    kepil_import_write_template (const char        *path,
                                         const char        *lang,
                                         GError           **error);
/* Same for kind "measurements" or "workplaces". */
gboolean    kepil_import_write_template_kind (const char   *path,
                                              const char   *kind,
                                              const char   *lang,
                                              GError      **error);

/* The first @n_rows data rows after mapping, as an array of objects
 * {"row": N, "<field>": "text as in the file", …} (kind measurements, or
 * workplaces when the header looks like a register).  Writes nothing. */
JsonArray  *kepil_import_preview       (KepilDb            *db,
                                        const char         *path,
                                        const char         *mapping_path,
                                        guint               n_rows,
                                        GError            **error);

/* What an import dialog shows before importing: the file's header and first
 * rows as they are, and the field each column is taken for.  kind NULL: guessed
 * (measurements, or workplaces when the header fits a register and not a
 * protocol).  mapping as for kepil_import_file.  Writes nothing.  Returns
 *   {"kind", "format": "csv"|"xlsx", "encoding", "source": the mapping's source or "",
 *    "skip_rows": N, "header_row": spreadsheet row of the header (0: none),
 *    "fields": [{"name", "label" (translated), "help" (translated), "required": bool}] of the kind,
 *    "columns": [{"letter", "header", "field": field name or "" (not imported)}],
 *    "rows": [{"row": N, "cells": [text, …]}]   (the first @n_rows after the header),
 *    "missing": [names of required fields no column gives],
 *    "problems": [{"row", "column", "field", "message"}] of the header (a field given twice)}
 * NULL + @error when the file cannot be read or the mapping is malformed. */
JsonObject *kepil_import_inspect       (KepilDb            *db,
                                        const char         *path,
                                        const char         *kind,
                                        const char         *mapping,
                                        guint               n_rows,
                                        GError            **error);

/* The source names of the remembered column mappings of @kind (NULL: any),
 * newest first; an empty vector when there are none. */
char      **kepil_import_list_mappings (KepilDb            *db,
                                        const char         *kind,
                                        GError            **error);

/* Writes every measurement of the database as a template CSV (canonical header). */
gboolean    kepil_import_export_template_data (KepilDb     *db,
                                               const char  *path,
                                               GError     **error);

/* The canonical field names of a kind, NULL-terminated; NULL for an unknown kind. */
const char * const *kepil_import_fields (const char *kind);

/* A SHA-256 over the schema (tables, indexes, triggers by their SQL) and the
 * content of every table (audit log and settings included): equal digests
 * mean an equal database.  For tests and for checking that a
 * refused import changed nothing. */
char       *kepil_import_content_digest (KepilDb           *db,
                                         GError           **error);

/* ---- internal: shared by kepil-import*.c and kepil-store-import.c ---------- */

/* Every field of both templates; a kind uses a subset (kepil_import_kind_fields). */
typedef enum {
  KEPIL_IMPORT_F_CODE,
  KEPIL_IMPORT_F_UNIT,
  KEPIL_IMPORT_F_PROFESSION,
  KEPIL_IMPORT_F_HEADCOUNT,
  KEPIL_IMPORT_F_FACTOR,
  KEPIL_IMPORT_F_SUBGROUP,
  KEPIL_IMPORT_F_AGENT,
  KEPIL_IMPORT_F_VALUE,
  KEPIL_IMPORT_F_UOM,
  KEPIL_IMPORT_F_NORM,
  KEPIL_IMPORT_F_METHOD,
  KEPIL_IMPORT_F_INSTRUMENT,
  KEPIL_IMPORT_F_DATE,
  KEPIL_IMPORT_F_EXPOSURE,
  KEPIL_IMPORT_F_MEN,
  KEPIL_IMPORT_F_WOMEN,
  KEPIL_IMPORT_F_COUNT,
  KEPIL_IMPORT_F_ANALOG,
  KEPIL_IMPORT_F_WAGE,
  KEPIL_IMPORT_F_WORK_CATEGORY,
  KEPIL_IMPORT_N_FIELDS
} KepilImportFieldId;

typedef struct {
  const char *name;      /* canonical, the template's header */
  const char *label;     /* untranslated English label (N_) */
  const char *help;      /* untranslated English description (N_) */
  gboolean    required;  /* the column must be present */
} KepilImportField;

const KepilImportField *kepil_import_field       (int id);
/* The field id of @name within @kind, or -1. */
int                     kepil_import_field_index (const char *kind, const char *name);
/* The ids of @kind's fields in template order; returns how many. */
guint                   kepil_import_kind_fields (const char *kind, const int **fields);
/* Whether @factor is one of the factor groups measurements may name. */
gboolean                kepil_import_factor_known (const char *factor);
const char * const     *kepil_import_factor_names (void);


/* A table read from a file: rows of cells, each with its row number in the file. */
typedef struct {
  GPtrArray *rows;      /* of char ** (NULL-terminated cells) */
  GPtrArray *cells;     /* CSV: every row's cells, each row NULL-terminated; rows point into it */
  char      *text;      /* CSV: the file's text, which the cells point into */
  GArray    *row_no;    /* guint per row: the spreadsheet row number */
  char      *format;    /* "csv" or "xlsx" */
  char      *sha256;    /* of the file's bytes */
  char      *encoding;  /* "UTF-8", "Windows-1251" (CSV only) */
  char       separator; /* CSV only */
} KepilImportTable;

void              kepil_import_table_free  (KepilImportTable *t);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KepilImportTable, kepil_import_table_free)
KepilImportTable *kepil_import_read_csv    (const char *path, GError **error);
KepilImportTable *kepil_import_read_xlsx   (const char *path, GError **error);
/* By content: a zip signature means XLSX, anything else CSV. */
KepilImportTable *kepil_import_read_table  (const char *path, GError **error);
/* "A", "B", … "Z", "AA" for a 0-based column index. */
char             *kepil_import_column_letter (guint index);

/* What the store knows of the enterprise, loaded once per import. */
typedef struct {
  gint64      enterprise_id;   /* 0 when the database has none */
  char       *norm_set;
  GHashTable *units;           /* name (ru or kk) → gint64 id (as pointer) */
  GHashTable *professions;     /* name (ru or kk) → gint64 id */
  GHashTable *workplaces;      /* code → gint64 id */
  GHashTable *workplace_prof;  /* code → profession name_ru (owned) */
} KepilImportCache;

void              kepil_import_cache_free  (KepilImportCache *c);
KepilImportCache *kepil_store_import_load_cache (KepilDb *db, GError **error);

typedef struct _KepilImportWriter KepilImportWriter;
KepilImportWriter *kepil_store_import_writer_new (KepilDb *db, GError **error);
void     kepil_store_import_writer_free          (KepilImportWriter *w);

/* What one import wrote, for its single audit entry (schema/0008-import-log.sql). */
typedef struct {
  const char *kind;          /* "measurements" or "workplaces" */
  const char *file;          /* the file's name without its folder */
  const char *file_sha256;
  const char *format;
  const char *source;
  guint rows, imported, measurements, workplaces, updated_workplaces, units, professions, enterprises;
} KepilImportLogEntry;

/* Inside the import's transaction, before its first insert: sets the per-row
 * insert triggers of enterprise, unit, profession, workplace and measurement
 * aside (they are dropped, and the transaction's rollback brings them back). */
gboolean kepil_store_import_bulk_begin           (KepilImportWriter *w, GError **error);
/* After the last insert: creates those triggers again from their stored SQL and
 * records the import (import_log, whose trigger writes the one audit entry, and
 * import_range, the ids it added per table).  Fails when the rows added do not
 * match @e's counts. */
gboolean kepil_store_import_bulk_end             (KepilImportWriter *w, const KepilImportLogEntry *e,
                                                  GError **error);
gint64   kepil_store_import_enterprise           (KepilImportWriter *w, const char *name, GError **error);
gint64   kepil_store_import_unit                 (KepilImportWriter *w, gint64 enterprise_id,
                                                  const char *name, GError **error);
gint64   kepil_store_import_profession           (KepilImportWriter *w, const char *name, GError **error);
gboolean kepil_store_import_update_workplace     (KepilImportWriter *w, gint64 id, gint64 count, gint64 men,
                                                  gint64 women, const char *analog_group, double wage,
                                                  const char *work_category, GError **error);
/* One measurement to insert; the strings must live until the insert returns. */
typedef struct {
  gint64      workplace_id;
  const char *factor, *subgroup, *agent, *unit_of_measure;
  double      value;
  gboolean    has_norm;
  double      norm;
  const char *method, *instrument, *measured_on;
  double      exposure_pct;
} KepilImportMeasurement;
/* Fills @out with the next measurement and returns TRUE, or returns FALSE at the
 * end, or FALSE with @error set to stop the insert (e.g. cancelled). */
typedef gboolean (*KepilImportNextMeasurement) (gpointer data, KepilImportMeasurement *out, GError **error);
/* Inserts every measurement @next gives, in that order, with one statement;
 * @written: how many.  On failure nothing of the statement stays (the last row
 * @next gave is the one that failed, unless @next itself set the error). */
gboolean kepil_store_import_measurements         (KepilImportWriter *w, KepilImportNextMeasurement next,
                                                  gpointer data, guint *written, GError **error);
/* One new workplace to insert; the strings must live until the insert returns. */
typedef struct {
  gint64      unit_id, profession_id;
  const char *code;
  gint64      count, men, women;
  const char *analog_group;
  double      wage;
  const char *work_category;   /* "" or NULL: IIb */
} KepilImportWorkplace;
typedef gboolean (*KepilImportNextWorkplace) (gpointer data, KepilImportWorkplace *out, GError **error);
/* Inserts every workplace @next gives, in that order, with one statement;
 * the k-th (from 0) gets the id @first_id + k. */
gboolean kepil_store_import_workplaces           (KepilImportWriter *w, KepilImportNextWorkplace next,
                                                  gpointer data, gint64 *first_id, guint *written,
                                                  GError **error);
/* Remembered mappings: the mapping's JSON text per source. */
gboolean kepil_store_import_remember_mapping     (KepilDb *db, const char *source, const char *kind,
                                                  const char *json, GError **error);
char    *kepil_store_import_get_mapping          (KepilDb *db, const char *source, GError **error);
/* The sources of the remembered mappings of @kind (NULL: any), newest first. */
GPtrArray *kepil_store_import_mapping_sources    (KepilDb *db, const char *kind, GError **error);
/* All remembered mappings as JSON texts, newest first. */
GPtrArray *kepil_store_import_list_mappings      (KepilDb *db, GError **error);
/* Every measurement with its workplace, unit and profession, as objects with
 * the template's field names (values as text). */
GPtrArray *kepil_store_import_export_rows        (KepilDb *db, GError **error);

G_END_DECLS
