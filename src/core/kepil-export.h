/* kepil-export.h — the Excel workbooks the attestation commission signs
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every document is written with libxlsxwriter in constant-memory mode, print
 * ready for A4, in Kazakh ("kk"), Russian ("ru") or both ("kk+ru").
 */
#pragma once

#include <gio/gio.h>
#include "kepil-db.h"

G_BEGIN_DECLS

/* document: "act", "order", "protocols", "results", "comparison", "leave-roster"; lang "kk", "ru", "kk+ru";
 * campaign_id 0 = the latest campaign, -1 = none (the first enterprise without a campaign; the documents
 * that need one refuse). Writes out_path (libxlsxwriter cannot write to memory). */
gboolean            kepil_export_document   (KepilDb       *db,
                                             const char    *document,
                                             const char    *lang,
                                             gint64         campaign_id,
                                             const char    *out_path,
                                             GCancellable  *cancellable,
                                             GError       **error);
/* The document names above, NULL-terminated. */
const char * const *kepil_export_documents  (void);
/* The languages above, NULL-terminated. */
const char * const *kepil_export_languages  (void);
/* A sentence naming @document for people, in the current language. */
const char         *kepil_export_document_title (const char *document);
/* Whether this build can write @document (the act, results, comparison and
 * roster need the evaluation engine). */
gboolean            kepil_export_document_available (const char *document);
/* Whether @document cannot be written without an attestation campaign (the act
 * and the order); the others use one when there is one. */
gboolean            kepil_export_document_needs_campaign (const char *document);

G_END_DECLS

#ifdef KEPIL_EXPORT_INTERNAL
/* What the kepil-export*.c files share; nobody else includes this part. */
#include <xlsxwriter.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct {
  KepilDb       *db;
  const char    *lang;          /* "kk", "ru" or "kk+ru" */
  GCancellable  *cancellable;
  lxw_workbook  *wb;
  GStringChunk  *strings;       /* every label handed out lives here */
  GHashTable    *labels;        /* "form/block/order" → char *[2] { kk, ru } */
  JsonObject    *enterprise;
  JsonObject    *campaign;
  GPtrArray     *units, *professions, *workplaces, *members;
  GHashTable    *unit_by_id, *prof_by_id, *wp_by_id;  /* gint64* → JsonObject* */
  JsonObject    *evaluation;    /* NULL when the build has no evaluation engine */
  GHashTable    *eval_by_wp;    /* gint64* → JsonObject* of evaluation.workplaces */
  char          *fingerprint;
  double         normal_hours;  /* the methodology's normal week, for the shortened-hours list */
  /* formats */
  lxw_format *f_title, *f_subtitle, *f_text, *f_bold, *f_head, *f_cell, *f_cell_c,
             *f_int, *f_num, *f_money, *f_date, *f_sign, *f_small, *f_total, *f_total_int,
             *f_total_money;
} KepilExport;

/* Labels: a form label of labels-1057.csv in the chosen language(s), or the
 * translation of @fallback_msgid when the form gives none in that language. */
const char *kx_form   (KepilExport *x, const char *form, const char *block, const char *order,
                       const char *fallback_msgid);
/* An English msgid translated into the chosen language(s); "kk / ru" for kk+ru. */
const char *kx_t      (KepilExport *x, const char *msgid);
/* Same with printf arguments (the msgid is translated first). */
/* Raises @row so that wrapped @s fits its column (called by kx_str). */
void        kx_fit_row (lxw_worksheet *ws, int row, int col, const char *s, lxw_format *f);
const char *kx_tf     (KepilExport *x, const char *msgid, ...) G_GNUC_PRINTF (2, 3);
/* A name from a record: name_kk / name_ru in the chosen language, falling back
 * to the other when empty; both for kk+ru when they differ. */
const char *kx_name   (KepilExport *x, JsonObject *o, const char *prefix);
/* A worksheet with a name translated from @msgid (at most 31 characters). */
lxw_worksheet *kx_sheet (KepilExport *x, const char *msgid);
/* A4, @landscape, fit to page width, rows @head_first..@head_last repeated,
 * footer "Page N of M" translated. */
void        kx_print  (KepilExport *x, lxw_worksheet *ws, gboolean landscape,
                       int head_first, int head_last);
/* A merged title line over @ncols columns. */
void        kx_title  (KepilExport *x, lxw_worksheet *ws, int row, int ncols, const char *text,
                       lxw_format *f, double height);
void        kx_str    (lxw_worksheet *ws, int row, int col, const char *s, lxw_format *f);
void        kx_date   (KepilExport *x, lxw_worksheet *ws, int row, int col, const char *iso, lxw_format *f);
const char *kx_date_text (KepilExport *x, const char *iso);
JsonObject *kx_lookup (GHashTable *h, gint64 id);
/* Headers of a table, wrapped, with the row height grown to fit. */
void        kx_table_head (KepilExport *x, lxw_worksheet *ws, int row, const char * const *heads,
                           int ncols, double height);
/* A signature line: role, a blank line to sign on, the name, the date blank. */
int         kx_signature (KepilExport *x, lxw_worksheet *ws, int row, const char *role,
                          const char *name, const char *position);
gboolean    kx_cancelled (KepilExport *x, GError **error);
/* Finds the campaign (0 = latest) and loads the entity data. */
gboolean    kx_load     (KepilExport *x, gint64 campaign_id, gboolean need_campaign, GError **error);
/* Runs the evaluation engine (read-only) when the build has one. */
gboolean    kx_evaluate (KepilExport *x, GError **error);
/* A grant of a package or list: its number (days, %, hours, 1 for yes). */
double      kx_grant    (JsonObject *grants, const char *kind);
const char *kx_grant_ration (JsonObject *grants);
const char *kx_grant_rule   (JsonObject *grants, const char *kind);
const char *kx_factor_name  (KepilExport *x, const char *factor);
const char *kx_level        (KepilExport *x, const char *level);
const char *kx_agent_name   (KepilExport *x, const char *agent);
/* "Chairman of the commission" and so on for commission_member.role. */
const char *kx_role         (KepilExport *x, const char *role);
/* The class of measurement @measurement_id as the evaluation found it, or "". */
const char *kx_measurement_class (KepilExport *x, gint64 workplace_id, gint64 measurement_id);
/* The class of @factor at a workplace ("overall" for the workplace's), or "". */
const char *kx_factor_class (KepilExport *x, gint64 workplace_id, const char *factor);
/* The column (0 = class 1, 1 = class 2, 2..5 = 3.1..3.4, 6 = class 4) of a class, or -1. */
int         kx_class_index  (const char *klass);
/* The header block of the enterprise (name, address) and the campaign. */
const char *kx_enterprise_name (KepilExport *x);
/* The evaluation of a workplace, or NULL; its headcount (evaluation, else men + women, else count). */
JsonObject *kx_eval_wp      (KepilExport *x, gint64 workplace_id);
gint64      kx_headcount    (KepilExport *x, JsonObject *wp);
/* The evaluation's enterprise object for the exported enterprise, or NULL. */
JsonObject *kx_eval_enterprise (KepilExport *x);
/* Writes a JSON value (number, boolean as yes/no, text) into a cell. */
void        kx_value        (KepilExport *x, lxw_worksheet *ws, int row, int col, JsonNode *n);

gboolean    kx_write_order       (KepilExport *x, GError **error);
gboolean    kx_write_protocols   (KepilExport *x, GError **error);
gboolean    kx_write_results     (KepilExport *x, GError **error);
gboolean    kx_write_act         (KepilExport *x, GError **error);
gboolean    kx_write_comparison  (KepilExport *x, GError **error);
gboolean    kx_write_leave_roster (KepilExport *x, GError **error);

G_END_DECLS
#endif
