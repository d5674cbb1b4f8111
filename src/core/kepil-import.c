/* kepil-import.c — mapping, validation and the atomic write of an import
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import runs in three phases so that a bad file never changes a byte:
 * read the whole file into text cells, map and validate every row against
 * what the database holds (nothing written), then — only when the report
 * allows it — back up and write the valid rows in one transaction.
 */
#include "kepil-config.h"
#include "kepil-import.h"
#include "kepil-error.h"
#include "kepil-format.h"
#include "kepil-i18n.h"
#include "kepil-json.h"


/* The classification part's check of a measurement's unit and value.  Weak,
 * so that a build without that part still links; the import then checks the
 * factor names only. */
gboolean kepil_norms_check_measurement (KepilDb *db, const char *norm_set, const char *factor, const char *subgroup,
                                        const char *agent, const char *unit, double value, double *converted_value,
                                        char **converted_unit, GError **error) __attribute__ ((weak));
gboolean kepil_norms_limits (const char *factor, double *min, double *max) __attribute__ ((weak));

#include <math.h>
#include <string.h>

/* ---- mapping -------------------------------------------------------------- */

typedef struct {
  char  *source;        /* "" when the header was recognised without a mapping */
  char  *json;          /* the mapping as given, for remembering */
  guint  skip_rows;
  GHashTable *columns;  /* normalised header text → field name */
} Mapping;

static void
mapping_free (Mapping *m)
{
  if (m == NULL)
    return;
  g_free (m->source);
  g_free (m->json);
  g_clear_pointer (&m->columns, g_hash_table_unref);
  g_free (m);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Mapping, mapping_free)

/* Header text as compared: case-folded, inner whitespace collapsed, trimmed. */
static char *
normalise_header (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text ? text : "", -1);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isspace (c) || c == 0x00A0)
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static Mapping *
mapping_parse (const char *json, const char *origin, const char *kind, GError **error)
{
  g_autoptr (JsonParser) p = json_parser_new ();
  g_autoptr (Mapping) m = g_new0 (Mapping, 1);
  g_autoptr (GError) local = NULL;
  JsonNode *root;
  JsonObject *o, *cols;
  JsonNode *skip;
  g_autoptr (GList) members = NULL;
  gboolean text_given = origin == NULL;

  /* A mapping given as JSON text (the import dialog's) has no file to name. */
  if (origin == NULL)
    origin = _("given as JSON text");
  if (!json_parser_load_from_data (p, json, -1, &local))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE, _("The column mapping %s is not valid JSON: %s"), origin,
                   local->message);
      return NULL;
    }
  root = json_parser_get_root (p);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member ((o = json_node_get_object (root)), "columns") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (o, "columns")))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                   _("The column mapping %s needs an object “columns” of file header → field name."), origin);
      return NULL;
    }
  m->source = g_strdup (kepil_json_str (o, "source", ""));
  if (m->source[0] == '\0' && !text_given)
    {
      g_free (m->source);
      m->source = g_path_get_basename (origin);
    }
  skip = json_object_get_member (o, "skip_rows");
  if (skip != NULL)
    {
      gint64 n = JSON_NODE_HOLDS_VALUE (skip) && json_node_get_value_type (skip) == G_TYPE_INT64
                   ? json_node_get_int (skip) : -1;
      if (n < 0 || n > 1000)
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                       _("The column mapping %s: “skip_rows” must be a whole number from 0 to 1000."), origin);
          return NULL;
        }
      m->skip_rows = (guint) n;
    }
  m->columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  cols = json_object_get_object_member (o, "columns");
  members = json_object_get_members (cols);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *field = kepil_json_str (cols, l->data, NULL);
      if (field == NULL || (field[0] != '\0' && !g_str_equal (field, "ignore") &&
                            kepil_import_field_index (kind, field) < 0))
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                       _("The column mapping %s maps “%s” to “%s”, which is not a field of the %s template."),
                       origin, (const char *) l->data, field ? field : "?", kind);
          return NULL;
        }
      g_hash_table_insert (m->columns, normalise_header (l->data), g_strdup (field));
    }
  m->json = g_strdup (json);
  return g_steal_pointer (&m);
}

static Mapping *
mapping_remembered (KepilDb *db, const char *source, const char *kind, GError **error)
{
  g_autofree char *text = kepil_store_import_get_mapping (db, source, error);
  Mapping *m;

  if (text == NULL)
    return NULL;
  m = mapping_parse (text, source, kind, error);
  /* It was remembered under this name, whatever its text says. */
  if (m != NULL)
    {
      g_free (m->source);
      m->source = g_strdup (source);
    }
  return m;
}

/* A mapping file, the mapping's JSON text, or else the source name of a remembered mapping. */
static Mapping *
mapping_load (KepilDb *db, const char *spec, const char *kind, GError **error)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) local = NULL;
  const char *p = spec;

  if (g_file_test (spec, G_FILE_TEST_IS_REGULAR))
    {
      if (!g_file_get_contents (spec, &text, NULL, &local))
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_IO, _("The column mapping %s cannot be read: %s"), spec,
                       local->message);
          return NULL;
        }
      return mapping_parse (text, spec, kind, error);
    }
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '{')
    return mapping_parse (spec, NULL, kind, error);
  if (db == NULL)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND, _("The column mapping %s does not exist."), spec);
      return NULL;
    }
  return mapping_remembered (db, spec, kind, error);
}

/* ---- header → columns ----------------------------------------------------- */

typedef struct {
  const char *kind;
  int   col[KEPIL_IMPORT_N_FIELDS];   /* column index of each field, -1 when absent */
  guint header;                        /* index of the header row in the table */
  Mapping *mapping;                    /* NULL: recognised by names and labels */
} Layout;

typedef struct {
  guint       row;
  const char *column;   /* static letter or "" */
  int         field;    /* -1: the whole file */
  char       *message;
} Problem;

typedef struct {
  KepilDb          *db;
  const char       *path;
  const char       *kind;
  KepilImportTable *table;
  Layout            layout;
  GArray           *problems;      /* of Problem */
  GHashTable       *unit_checks;   /* "factor\x1fsubgroup\x1fagent\x1funit" → UnitCheck */
  char            **letters;       /* column letters, by index */
  guint             n_letters;
} Ctx;

static const char *
letter (Ctx *c, int col)
{
  if (col < 0)
    return "";
  if ((guint) col >= c->n_letters)
    {
      guint n = (guint) col + 16;
      c->letters = g_renew (char *, c->letters, n);
      for (guint i = c->n_letters; i < n; i++)
        c->letters[i] = kepil_import_column_letter (i);
      c->n_letters = n;
    }
  return c->letters[col];
}

static void
add_problem (Ctx *c, guint row, int field, char *message)
{
  Problem p = { row, field >= 0 ? letter (c, c->layout.col[field]) : "", field, message };
  g_array_append_val (c->problems, p);
}

static void
problem_clear (gpointer p)
{
  g_free (((Problem *) p)->message);
}

static GHashTable *
aliases_of (const char *kind)
{
  GHashTable *h = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *langs[] = { "en", "ru", "kk" };
  const int *fields = NULL;
  guint n = kepil_import_kind_fields (kind, &fields);

  for (guint i = 0; i < n; i++)
    {
      int f = fields[i];
      const KepilImportField *d = kepil_import_field (f);
      g_hash_table_insert (h, normalise_header (d->name), GINT_TO_POINTER (f + 1));
      for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
        g_hash_table_insert (h, normalise_header (kepil_i18n_gettext_in (langs[l], d->label)), GINT_TO_POINTER (f + 1));
      g_hash_table_insert (h, normalise_header (_(d->label)), GINT_TO_POINTER (f + 1));
    }
  return h;
}

/* Which field a header cell names: through the mapping when there is one,
 * else by name or label in any language, or by either half of "kk / ru". */
static int
header_field (const char *kind, GHashTable *aliases, Mapping *m, const char *cell)
{
  g_autofree char *norm = normalise_header (cell);
  gpointer v;

  if (m != NULL)
    {
      const char *f = g_hash_table_lookup (m->columns, norm);
      if (f != NULL)
        return f[0] == '\0' || g_str_equal (f, "ignore") ? -2 : kepil_import_field_index (kind, f);
    }
  if (g_hash_table_lookup_extended (aliases, norm, NULL, &v))
    return GPOINTER_TO_INT (v) - 1;
  if (strstr (norm, " / ") != NULL)
    {
      g_auto (GStrv) parts = g_strsplit (norm, " / ", 2);
      for (int i = 0; parts[i] != NULL; i++)
        if (g_hash_table_lookup_extended (aliases, parts[i], NULL, &v))
          return GPOINTER_TO_INT (v) - 1;
    }
  return -1;
}

/* Fills @layout from the header row; returns how many fields were found. */
static guint
layout_from_header (Ctx *c, GHashTable *aliases, Mapping *m, Layout *layout, gboolean report)
{
  guint found = 0, hdr = 0;
  char **cells;
  KepilImportTable *t = c->table;

  for (int i = 0; i < KEPIL_IMPORT_N_FIELDS; i++)
    layout->col[i] = -1;
  layout->kind = c->kind;
  layout->mapping = m;
  while (hdr < t->rows->len && g_array_index (t->row_no, guint, hdr) <= (m ? m->skip_rows : 0))
    hdr++;
  layout->header = hdr;
  if (hdr >= t->rows->len)
    return 0;
  cells = g_ptr_array_index (t->rows, hdr);
  for (int i = 0; cells[i] != NULL; i++)
    {
      int f = header_field (c->kind, aliases, m, cells[i]);
      if (f < 0)
        continue;
      if (layout->col[f] >= 0)
        {
          if (report)
            {
              g_autofree char *a = kepil_import_column_letter ((guint) layout->col[f]);
              g_autofree char *b = kepil_import_column_letter ((guint) i);
              Problem p = { g_array_index (t->row_no, guint, hdr), letter (c, i), f,
                            g_strdup_printf (_("%s: columns %s and %s both give this field; keep one of them."),
                                             _(kepil_import_field (f)->label), a, b) };
              g_array_append_val (c->problems, p);
            }
          continue;
        }
      layout->col[f] = i;
      found++;
    }
  return found;
}

static gboolean
layout_has_required (Layout *l)
{
  const int *fields = NULL;
  guint n = kepil_import_kind_fields (l->kind, &fields);
  for (guint i = 0; i < n; i++)
    if (kepil_import_field (fields[i])->required && l->col[fields[i]] < 0)
      return FALSE;
  return TRUE;
}

/* Chooses the layout: the given mapping; else the template's names; else the
 * first remembered mapping whose every column is in the file. */
static gboolean
choose_layout (Ctx *c, const char *mapping_path, GError **error)
{
  g_autoptr (GHashTable) aliases = aliases_of (c->kind);
  Mapping *m = NULL;

  if (mapping_path != NULL)
    {
      m = mapping_load (c->db, mapping_path, c->kind, error);
      if (m == NULL)
        return FALSE;
      layout_from_header (c, aliases, m, &c->layout, TRUE);
      return TRUE;
    }
  layout_from_header (c, aliases, NULL, &c->layout, FALSE);
  if (!layout_has_required (&c->layout) && c->db != NULL)
    {
      g_autoptr (GPtrArray) remembered = kepil_store_import_mapping_sources (c->db, c->kind, NULL);
      for (guint i = 0; remembered != NULL && i < remembered->len; i++)
        {
          Mapping *r = mapping_remembered (c->db, g_ptr_array_index (remembered, i), c->kind, NULL);
          Layout l;
          if (r == NULL)
            continue;
          if (layout_from_header (c, aliases, r, &l, FALSE) > 0 && layout_has_required (&l))
            {
              c->layout = l;
              m = r;
              break;
            }
          mapping_free (r);
        }
    }
  layout_from_header (c, aliases, m, &c->layout, TRUE);
  return TRUE;
}

/* ---- validation ----------------------------------------------------------- */

typedef struct {
  guint  row;            /* spreadsheet row */
  gboolean valid;
  char **cells;
  const char *code;      /* normalised (points into strings) */
  const char *factor;
  const char *uom;
  const char *measured_on;
  double value, norm, exposure, wage;
  gboolean has_norm;
  gint64 headcount, men, women, count;
  struct _Seen *wseen;   /* the write's record of the row's workplace */
} Row;

static const char *
cell (Ctx *c, char **cells, int field)
{
  int col = c->layout.col[field];
  if (col < 0)
    return "";
  for (int i = 0; i <= col; i++)
    if (cells[i] == NULL)
      return "";
  return cells[col];
}

static gboolean
code_ok (const char *s)
{
  static const char pat[] = "99 999 999";
  if (strlen (s) != 10)
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (pat[i] == '9' ? !g_ascii_isdigit (s[i]) : s[i] != ' ')
      return FALSE;
  return TRUE;
}

static gboolean
check_number (Ctx *c, Row *r, int field, const char *text, gboolean required, double min, double max,
              gboolean integer, double *out)
{
  g_autoptr (GError) e = NULL;
  const char *label;
  double v;

  if (*text == '\0' && !required)
    return TRUE;
  /* The label is looked up only for a message (200,000 rows have 800,000 numbers). */
  if (!kepil_parse_number (text, NULL, &v, NULL))
    {
      kepil_parse_number (text, _(kepil_import_field (field)->label), &v, &e);
      add_problem (c, r->row, field, g_strdup (e->message));
      return FALSE;
    }
  if (v >= min && v <= max && (!integer || v == floor (v)))
    {
      *out = v;
      return TRUE;
    }
  label = _(kepil_import_field (field)->label);
  if (integer && v != floor (v))
    {
      add_problem (c, r->row, field, g_strdup_printf (_("%s: “%s” must be a whole number."), label, text));
      return FALSE;
    }
  if (v < min)
    {
      g_autofree char *m = kepil_format_number (min, 3);
      add_problem (c, r->row, field, g_strdup_printf (_("%s: “%s” is less than %s."), label, text, m));
      return FALSE;
    }
  if (v > max)
    {
      g_autofree char *m = kepil_format_number (max, 3);
      add_problem (c, r->row, field, g_strdup_printf (_("%s: “%s” is more than %s."), label, text, m));
      return FALSE;
    }
  *out = v;
  return TRUE;
}

/* What the file says of one workplace code: in the validation, at its first
 * row; in the write, at its first valid row, and where it went. */
typedef struct _Seen {
  guint       row;
  const char *unit;
  const char *profession;
  gboolean    known;      /* validation: the database has the code */
  gboolean    resolved;   /* write: id is known, or the workplace is planned */
  gboolean    planned;    /* write: a new workplace of this import */
  gint64      id;         /* write: the workplace's id */
} Seen;

static gboolean
same_name (KepilImportCache *cache, GHashTable *names, const char *a, const char *b)
{
  gpointer ia, ib;
  if (g_str_equal (a, b))
    return TRUE;
  return g_hash_table_lookup_extended (names, a, NULL, &ia) && g_hash_table_lookup_extended (names, b, NULL, &ib) &&
         ia == ib;
}

/* What the norms said of one factor, subgroup, agent and unit: the factor
 * that converts a value into the norm's unit, and that unit. */
typedef struct {
  double      ratio;
  const char *unit;
} UnitCheck;

/* The classification part's check is exact but slow (it resolves the norm
 * set and explains itself); a file repeats the same few factor/subgroup/unit
 * combinations, so a combination checked once is then only converted and
 * held to the factor's sanity limits.  Rows outside them, and every row of a
 * combination not yet passed, get the full check and its own message. */
static void
check_unit (Ctx *c, KepilImportCache *cache, GStringChunk *strings, Row *r)
{
  const char *subgroup = cell (c, r->cells, KEPIL_IMPORT_F_SUBGROUP);
  const char *agent = cell (c, r->cells, KEPIL_IMPORT_F_AGENT);
  const char *parts[] = { r->factor, subgroup, agent, r->uom };
  char stack[256];
  g_autofree char *key = NULL;
  const char *k = stack;
  gsize n = 0;
  UnitCheck *known;

  /* The key "factor\x1fsubgroup\x1fagent\x1funit", on the stack when it fits. */
  for (guint i = 0; i < G_N_ELEMENTS (parts) && k == stack; i++)
    {
      gsize len = strlen (parts[i]);
      if (n + len + 2 > sizeof stack)
        k = key = g_strjoin ("\x1f", r->factor, subgroup, agent, r->uom, NULL);
      else
        {
          memcpy (stack + n, parts[i], len);
          n += len;
          stack[n++] = i + 1 < G_N_ELEMENTS (parts) ? '\x1f' : '\0';
        }
    }
  known = g_hash_table_lookup (c->unit_checks, k);
  g_autoptr (GError) e = NULL;
  g_autofree char *cu = NULL;
  double converted = r->value, min, max;

  if (known != NULL)
    {
      converted = r->value * known->ratio;
      if (kepil_norms_limits == NULL ||
          !kepil_norms_limits (r->factor, &min, &max) || (converted >= min && converted <= max))
        {
          r->value = converted;
          r->uom = known->unit;
          return;
        }
    }
  if (!kepil_norms_check_measurement (c->db, cache->norm_set ? cache->norm_set : "KZ-2000", r->factor, subgroup,
                                      agent, r->uom, r->value, &converted, &cu, &e))
    {
      add_problem (c, r->row, KEPIL_IMPORT_F_UOM,
                   g_strdup_printf ("%s: %s", _(kepil_import_field (KEPIL_IMPORT_F_UOM)->label), e ? e->message : "?"));
      return;
    }
  if (cu != NULL)
    {
      if (known == NULL && r->value != 0)
        {
          UnitCheck *u = g_new0 (UnitCheck, 1);
          u->ratio = converted / r->value;
          u->unit = g_string_chunk_insert_const (strings, cu);
          g_hash_table_insert (c->unit_checks, key != NULL ? g_steal_pointer (&key) : g_strdup (stack), u);
        }
      r->value = converted;
      r->uom = g_string_chunk_insert_const (strings, cu);
    }
}

static void
validate_row (Ctx *c, KepilImportCache *cache, GHashTable *seen, GStringChunk *strings, const char *today,
              Row *r)
{
  gboolean measurements = g_str_equal (c->kind, "measurements");
  guint before = c->problems->len;
  const char *code = cell (c, r->cells, KEPIL_IMPORT_F_CODE);
  const char *unit = cell (c, r->cells, KEPIL_IMPORT_F_UNIT);
  const char *prof = cell (c, r->cells, KEPIL_IMPORT_F_PROFESSION);
  gboolean known = FALSE;
  Seen *found = NULL;
  double d;

#define LABEL(f) _(kepil_import_field (f)->label)
  /* The code: NN NNN NNN; eight digits written together are accepted. */
  if (*code == '\0')
    add_problem (c, r->row, KEPIL_IMPORT_F_CODE,
                 g_strdup_printf (_("%s: the cell is empty; every row needs its workplace code."),
                                  LABEL (KEPIL_IMPORT_F_CODE)));
  else
    {
      if (strlen (code) == 8 && strspn (code, "0123456789") == 8)
        code = g_string_chunk_insert (strings, (char[]) { code[0], code[1], ' ', code[2], code[3], code[4], ' ',
                                                         code[5], code[6], code[7], '\0' });
      if (!code_ok (code))
        add_problem (c, r->row, KEPIL_IMPORT_F_CODE,
                     g_strdup_printf (_("%s: “%s” is not a workplace code; write it as NN NNN NNN."),
                                      LABEL (KEPIL_IMPORT_F_CODE), code));
      else
        {
          Seen *s = g_hash_table_lookup (seen, code);
          known = s != NULL ? s->known : g_hash_table_contains (cache->workplaces, code);
          r->code = code;
          if (known && *prof != '\0')
            {
              const char *had = g_hash_table_lookup (cache->workplace_prof, code);
              if (had != NULL && !same_name (cache, cache->professions, had, prof))
                add_problem (c, r->row, KEPIL_IMPORT_F_PROFESSION,
                             g_strdup_printf (_("%s: workplace %s is registered with the profession “%s”, not “%s”."),
                                              LABEL (KEPIL_IMPORT_F_PROFESSION), code, had, prof));
            }
          if (s == NULL)
            {
              s = g_new0 (Seen, 1);
              s->row = r->row;
              s->unit = unit;
              s->profession = prof;
              s->known = known;
              g_hash_table_insert (seen, (gpointer) code, s);
            }
          else if (!measurements)
            add_problem (c, r->row, KEPIL_IMPORT_F_CODE,
                         g_strdup_printf (_("%s: workplace %s is already listed in row %u."),
                                          LABEL (KEPIL_IMPORT_F_CODE), code, s->row));
          else
            {
              if (*prof != '\0' && *s->profession != '\0' && !g_str_equal (prof, s->profession))
                add_problem (c, r->row, KEPIL_IMPORT_F_PROFESSION,
                             g_strdup_printf (_("%s: workplace %s has the profession “%s” in row %u, here “%s”; "
                                                "one code cannot have two professions."),
                                              LABEL (KEPIL_IMPORT_F_PROFESSION), code, s->profession, s->row, prof));
              if (*unit != '\0' && *s->unit != '\0' && !g_str_equal (unit, s->unit))
                add_problem (c, r->row, KEPIL_IMPORT_F_UNIT,
                             g_strdup_printf (_("%s: workplace %s is in the unit “%s” in row %u, here “%s”."),
                                              LABEL (KEPIL_IMPORT_F_UNIT), code, s->unit, s->row, unit));
              if (*s->profession == '\0')
                s->profession = prof;
              if (*s->unit == '\0')
                s->unit = unit;
            }
          found = s;
        }
    }
  if (!known)
    {
      Seen *s = found;
      if (*unit == '\0' && (s == NULL || *s->unit == '\0'))
        add_problem (c, r->row, KEPIL_IMPORT_F_UNIT,
                     g_strdup_printf (_("%s: the cell is empty; a new workplace needs the name of its unit."),
                                      LABEL (KEPIL_IMPORT_F_UNIT)));
      if (*prof == '\0' && (s == NULL || *s->profession == '\0'))
        add_problem (c, r->row, KEPIL_IMPORT_F_PROFESSION,
                     g_strdup_printf (_("%s: the cell is empty; a new workplace needs its profession."),
                                      LABEL (KEPIL_IMPORT_F_PROFESSION)));
    }

  if (measurements)
    {
      const char *factor = cell (c, r->cells, KEPIL_IMPORT_F_FACTOR);
      const char *value = cell (c, r->cells, KEPIL_IMPORT_F_VALUE);
      const char *uom = cell (c, r->cells, KEPIL_IMPORT_F_UOM);
      const char *date = cell (c, r->cells, KEPIL_IMPORT_F_DATE);
      gboolean value_ok;

      r->headcount = -1;
      if (check_number (c, r, KEPIL_IMPORT_F_HEADCOUNT, cell (c, r->cells, KEPIL_IMPORT_F_HEADCOUNT), FALSE, 0,
                        1e6, TRUE, &d) && *cell (c, r->cells, KEPIL_IMPORT_F_HEADCOUNT) != '\0')
        r->headcount = (gint64) d;
      if (*factor == '\0')
        add_problem (c, r->row, KEPIL_IMPORT_F_FACTOR,
                     g_strdup_printf (_("%s: the cell is empty; name the factor, for example “noise”."),
                                      LABEL (KEPIL_IMPORT_F_FACTOR)));
      else if (!kepil_import_factor_known (factor))
        add_problem (c, r->row, KEPIL_IMPORT_F_FACTOR,
                     g_strdup_printf (_("%s: “%s” is not a known factor; see the list in the template's "
                                        "description."), LABEL (KEPIL_IMPORT_F_FACTOR), factor));
      else
        r->factor = factor;
      value_ok = check_number (c, r, KEPIL_IMPORT_F_VALUE, value, TRUE, 0, HUGE_VAL, FALSE, &r->value);
      r->uom = uom;
      if (value_ok && r->factor != NULL && kepil_norms_check_measurement != NULL)
        check_unit (c, cache, strings, r);
      if (*cell (c, r->cells, KEPIL_IMPORT_F_NORM) != '\0' &&
          check_number (c, r, KEPIL_IMPORT_F_NORM, cell (c, r->cells, KEPIL_IMPORT_F_NORM), FALSE, 0, HUGE_VAL,
                        FALSE, &r->norm))
        {
          if (r->norm <= 0)
            add_problem (c, r->row, KEPIL_IMPORT_F_NORM,
                         g_strdup_printf (_("%s: the norm must be more than zero."), LABEL (KEPIL_IMPORT_F_NORM)));
          r->has_norm = TRUE;
        }
      if (*date != '\0')
        {
          g_autoptr (GError) e = NULL;
          g_autofree char *iso = NULL;
          if (!kepil_parse_date (date, LABEL (KEPIL_IMPORT_F_DATE), &iso, &e))
            add_problem (c, r->row, KEPIL_IMPORT_F_DATE, g_strdup (e->message));
          else if (today != NULL && strcmp (iso, today) > 0)
            {
              g_autofree char *shown = kepil_format_date (iso);
              add_problem (c, r->row, KEPIL_IMPORT_F_DATE,
                           g_strdup_printf (_("%s: %s is in the future."), LABEL (KEPIL_IMPORT_F_DATE), shown));
            }
          else
            r->measured_on = g_string_chunk_insert_const (strings, iso);
        }
      r->exposure = 100;
      check_number (c, r, KEPIL_IMPORT_F_EXPOSURE, cell (c, r->cells, KEPIL_IMPORT_F_EXPOSURE), FALSE, 0, 100,
                    FALSE, &r->exposure);
    }
  else
    {
      r->men = r->women = 0;
      r->count = 1;
      r->wage = 0;
      if (check_number (c, r, KEPIL_IMPORT_F_MEN, cell (c, r->cells, KEPIL_IMPORT_F_MEN), FALSE, 0, 1e6, TRUE, &d) &&
          *cell (c, r->cells, KEPIL_IMPORT_F_MEN) != '\0')
        r->men = (gint64) d;
      if (check_number (c, r, KEPIL_IMPORT_F_WOMEN, cell (c, r->cells, KEPIL_IMPORT_F_WOMEN), FALSE, 0, 1e6, TRUE,
                        &d) && *cell (c, r->cells, KEPIL_IMPORT_F_WOMEN) != '\0')
        r->women = (gint64) d;
      if (check_number (c, r, KEPIL_IMPORT_F_COUNT, cell (c, r->cells, KEPIL_IMPORT_F_COUNT), FALSE, 1, 1e6, TRUE,
                        &d) && *cell (c, r->cells, KEPIL_IMPORT_F_COUNT) != '\0')
        r->count = (gint64) d;
      check_number (c, r, KEPIL_IMPORT_F_WAGE, cell (c, r->cells, KEPIL_IMPORT_F_WAGE), FALSE, 0, HUGE_VAL, FALSE,
                    &r->wage);
    }
  {
    static const char * const categories[] = { "Ia", "Ib", "IIa", "IIb", "III", NULL };
    const char *wc = cell (c, r->cells, KEPIL_IMPORT_F_WORK_CATEGORY);
    if (*wc != '\0' && !g_strv_contains (categories, wc))
      add_problem (c, r->row, KEPIL_IMPORT_F_WORK_CATEGORY,
                   g_strdup_printf (_("%s: “%s” is not a work category; write Ia, Ib, IIa, IIb or III."),
                                    LABEL (KEPIL_IMPORT_F_WORK_CATEGORY), wc));
  }
#undef LABEL
  r->valid = c->problems->len == before;
}

/* ---- the write ------------------------------------------------------------ */

typedef struct {
  Ctx              *c;
  KepilImportCache *cache;
  Row              *rows;
  guint             n_rows;
  guint             n_valid;
  guint             imported;
  guint             created_units, created_professions, created_workplaces, created_enterprises;
  guint             updated_workplaces;
  GArray           *planned;         /* of Row *: the first valid row of each new workplace, in order */
  guint             next;            /* the next index handed to an insert (rows or planned) */
  guint             handed;          /* rows handed to it so far */
  KepilImportProgress progress;
  gpointer          progress_data;
  GCancellable     *cancellable;
} Write;

static gint64
lookup_id (GHashTable *h, const char *key)
{
  return (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (h, key));
}

/* The workplace of @r: its id when the database has it; else it is planned
 * (once, at its first valid row), with its unit and profession, which are
 * created now when new; in the order of the file, as the workplaces are then
 * inserted by one statement (workplace_next). */
static gboolean
plan_workplace (Write *w, KepilImportWriter *wr, Row *r, GError **error)
{
  KepilImportCache *cache = w->cache;
  Seen *s = r->wseen;
  gint64 unit_id, prof_id;

  if (s->resolved)
    return TRUE;
  s->resolved = TRUE;
  s->id = lookup_id (cache->workplaces, r->code);
  if (s->id != 0)
    return TRUE;
  unit_id = lookup_id (cache->units, s->unit);
  if (unit_id == 0)
    {
      unit_id = kepil_store_import_unit (wr, cache->enterprise_id, s->unit, error);
      if (unit_id == 0)
        return FALSE;
      g_hash_table_insert (cache->units, g_strdup (s->unit), GSIZE_TO_POINTER ((gsize) unit_id));
      w->created_units++;
    }
  prof_id = lookup_id (cache->professions, s->profession);
  if (prof_id == 0)
    {
      prof_id = kepil_store_import_profession (wr, s->profession, error);
      if (prof_id == 0)
        return FALSE;
      g_hash_table_insert (cache->professions, g_strdup (s->profession), GSIZE_TO_POINTER ((gsize) prof_id));
      w->created_professions++;
    }
  s->planned = TRUE;
  g_array_append_val (w->planned, r);
  return TRUE;
}

/* The workplaces' insert asks for its rows one by one (KepilImportNextWorkplace). */
static gboolean
workplace_next (gpointer data, KepilImportWorkplace *p, GError **error)
{
  Write *w = data;
  Ctx *c = w->c;
  KepilImportCache *cache = w->cache;
  Row *r;
  Seen *s;

  if (w->next >= w->planned->len)
    return FALSE;
  if ((w->next & 1023) == 0 && g_cancellable_set_error_if_cancelled (w->cancellable, error))
    return FALSE;
  r = g_array_index (w->planned, Row *, w->next++);
  s = r->wseen;
  p->unit_id = lookup_id (cache->units, s->unit);
  p->profession_id = lookup_id (cache->professions, s->profession);
  p->code = r->code;
  p->work_category = cell (c, r->cells, KEPIL_IMPORT_F_WORK_CATEGORY);
  if (g_str_equal (c->kind, "measurements"))
    {
      p->count = MAX (r->headcount, 1);
      p->men = p->women = 0;
      p->analog_group = "";
      p->wage = 0;
    }
  else
    {
      p->count = r->count;
      p->men = r->men;
      p->women = r->women;
      p->analog_group = cell (c, r->cells, KEPIL_IMPORT_F_ANALOG);
      p->wage = r->wage;
    }
  return TRUE;
}

/* The measurements' insert asks for its rows one by one (KepilImportNextMeasurement). */
static gboolean
measurement_next (gpointer data, KepilImportMeasurement *m, GError **error)
{
  Write *w = data;
  Ctx *c = w->c;
  Row *r;

  while (w->next < w->n_rows && !w->rows[w->next].valid)
    w->next++;
  if (w->next >= w->n_rows)
    return FALSE;
  if ((w->handed & 1023) == 0)
    {
      if (g_cancellable_set_error_if_cancelled (w->cancellable, error))
        return FALSE;
      if (w->progress != NULL)
        w->progress (w->handed, w->n_valid, w->progress_data);
    }
  r = &w->rows[w->next++];
  w->handed++;
  m->workplace_id = r->wseen->id;
  m->factor = r->factor;
  m->subgroup = cell (c, r->cells, KEPIL_IMPORT_F_SUBGROUP);
  m->agent = cell (c, r->cells, KEPIL_IMPORT_F_AGENT);
  m->unit_of_measure = r->uom;
  m->value = r->value;
  m->has_norm = r->has_norm;
  m->norm = r->norm;
  m->method = cell (c, r->cells, KEPIL_IMPORT_F_METHOD);
  m->instrument = cell (c, r->cells, KEPIL_IMPORT_F_INSTRUMENT);
  m->measured_on = r->measured_on;
  m->exposure_pct = r->exposure;
  return TRUE;
}

/* A failed insert is the last row it was handed; a cancellation speaks for itself. */
static void
prefix_row (GError **error, Row *r)
{
  if (error != NULL && *error != NULL && r != NULL && !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_prefix_error (error, _("Row %u: "), r->row);
}

static gboolean
write_rows (KepilDb *db, gpointer user_data, GError **error)
{
  Write *w = user_data;
  Ctx *c = w->c;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr (GArray) planned = g_array_new (FALSE, FALSE, sizeof (Row *));
  KepilImportWriter *wr;
  gboolean measurements = g_str_equal (c->kind, "measurements");
  gboolean ok = TRUE;

  w->planned = planned;
  wr = kepil_store_import_writer_new (db, error);
  if (wr == NULL)
    return FALSE;
  /* One audit entry for the whole import instead of one per added row. */
  if (!kepil_store_import_bulk_begin (wr, error))
    {
      kepil_store_import_writer_free (wr);
      return FALSE;
    }
  if (w->cache->enterprise_id == 0)
    {
      g_autofree char *base = g_path_get_basename (c->path);
      char *dot = strrchr (base, '.');
      if (dot != NULL && dot != base)
        *dot = '\0';
      w->cache->enterprise_id = kepil_store_import_enterprise (wr, base, error);
      if (w->cache->enterprise_id == 0)
        {
          kepil_store_import_writer_free (wr);
          return FALSE;
        }
      w->created_enterprises++;
    }
  /* The unit and profession of a new workplace are those of its first valid row. */
  for (guint i = 0; i < w->n_rows; i++)
    {
      Row *r = &w->rows[i];
      Seen *s;
      if (!r->valid)
        continue;
      s = g_hash_table_lookup (seen, r->code);
      if (s == NULL)
        {
          s = g_new0 (Seen, 1);
          s->unit = cell (c, r->cells, KEPIL_IMPORT_F_UNIT);
          s->profession = cell (c, r->cells, KEPIL_IMPORT_F_PROFESSION);
          g_hash_table_insert (seen, (gpointer) r->code, s);
        }
      if (*s->unit == '\0')
        s->unit = cell (c, r->cells, KEPIL_IMPORT_F_UNIT);
      if (*s->profession == '\0')
        s->profession = cell (c, r->cells, KEPIL_IMPORT_F_PROFESSION);
      r->wseen = s;
    }

  /* New workplaces (and their new units and professions) in the order the file
   * names them, the workplaces with one statement. */
  for (guint i = 0; i < w->n_rows && ok; i++)
    {
      Row *r = &w->rows[i];
      if (!r->valid)
        continue;
      if ((i & 4095) == 0 && g_cancellable_set_error_if_cancelled (w->cancellable, error))
        ok = FALSE;
      else if (!plan_workplace (w, wr, r, error))
        {
          ok = FALSE;
          prefix_row (error, r);
        }
    }
  if (ok && planned->len > 0)
    {
      gint64 first = 0;
      guint written = 0;
      w->next = 0;
      ok = kepil_store_import_workplaces (wr, workplace_next, w, &first, &written, error);
      if (!ok)
        prefix_row (error, w->next > 0 ? g_array_index (planned, Row *, w->next - 1) : NULL);
      for (guint i = 0; ok && i < planned->len; i++)
        g_array_index (planned, Row *, i)->wseen->id = first + i;
      w->created_workplaces = ok ? written : 0;
    }

  if (ok && measurements)
    {
      /* Every measurement with one statement. */
      w->next = 0;
      w->handed = 0;
      ok = kepil_store_import_measurements (wr, measurement_next, w, &w->imported, error);
      if (!ok)
        prefix_row (error, w->next > 0 ? &w->rows[w->next - 1] : NULL);
    }
  /* A register updates the workplaces it did not create, row by row (their
   * audit entries keep the old values). */
  for (guint i = 0; i < w->n_rows && ok && !measurements; i++)
    {
      Row *r = &w->rows[i];

      if (!r->valid)
        continue;
      if ((w->imported & 1023) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (w->cancellable, error))
            {
              ok = FALSE;
              break;
            }
          if (w->progress != NULL)
            w->progress (w->imported, w->n_valid, w->progress_data);
        }
      if (!r->wseen->planned)
        {
          ok = kepil_store_import_update_workplace (wr, r->wseen->id, r->count, r->men, r->women,
                                                    cell (c, r->cells, KEPIL_IMPORT_F_ANALOG), r->wage,
                                                    cell (c, r->cells, KEPIL_IMPORT_F_WORK_CATEGORY), error);
          w->updated_workplaces += ok;
        }
      if (ok)
        w->imported++;
      else
        prefix_row (error, r);
    }
  if (ok)
    {
      g_autofree char *base = g_path_get_basename (c->path);
      KepilImportLogEntry e = {
        .kind = c->kind, .file = base, .file_sha256 = c->table->sha256, .format = c->table->format,
        .source = c->layout.mapping ? c->layout.mapping->source : "", .rows = w->n_rows, .imported = w->imported,
        .measurements = measurements ? w->imported : 0, .workplaces = w->created_workplaces,
        .updated_workplaces = w->updated_workplaces, .units = w->created_units,
        .professions = w->created_professions, .enterprises = w->created_enterprises };
      ok = kepil_store_import_bulk_end (wr, &e, error);
    }
  if (ok && c->layout.mapping != NULL && c->layout.mapping->source[0] != '\0')
    ok = kepil_store_import_remember_mapping (db, c->layout.mapping->source, c->kind, c->layout.mapping->json,
                                              error);
  if (ok && w->progress != NULL)
    w->progress (w->imported, w->n_valid, w->progress_data);
  kepil_store_import_writer_free (wr);
  w->planned = NULL;
  return ok;
}

/* ---- the report ----------------------------------------------------------- */

static JsonObject *
report_new (Ctx *c, Write *w, gboolean dry_run, const char *backup)
{
  JsonObject *o = json_object_new ();
  JsonObject *created = json_object_new ();
  JsonArray *problems = json_array_new ();

  json_object_set_string_member (o, "file", c->path);
  json_object_set_string_member (o, "kind", c->kind);
  json_object_set_string_member (o, "format", c->table->format);
  json_object_set_string_member (o, "source", c->layout.mapping ? c->layout.mapping->source : "");
  json_object_set_int_member (o, "rows", w->n_rows);
  json_object_set_int_member (o, "valid", w->n_valid);
  json_object_set_int_member (o, "imported", w->imported);
  json_object_set_boolean_member (o, "dry_run", dry_run);
  json_object_set_string_member (o, "backup", backup ? backup : "");
  json_object_set_int_member (created, "units", w->created_units);
  json_object_set_int_member (created, "professions", w->created_professions);
  json_object_set_int_member (created, "workplaces", w->created_workplaces);
  json_object_set_int_member (created, "enterprises", w->created_enterprises);
  json_object_set_object_member (o, "created", created);
  for (guint i = 0; i < c->problems->len; i++)
    {
      Problem *p = &g_array_index (c->problems, Problem, i);
      JsonObject *po = json_object_new ();
      json_object_set_string_member (po, "file", c->path);
      json_object_set_int_member (po, "row", p->row);
      json_object_set_string_member (po, "column", p->column);
      json_object_set_string_member (po, "field", p->field >= 0 ? kepil_import_field (p->field)->name : "");
      json_object_set_string_member (po, "message", p->message);
      json_array_add_object_element (problems, po);
    }
  json_object_set_array_member (o, "problems", problems);
  return o;
}

static void
ctx_clear (Ctx *c)
{
  g_clear_pointer (&c->unit_checks, g_hash_table_unref);
  if (c->problems != NULL)
    g_array_unref (c->problems);
  for (guint i = 0; i < c->n_letters; i++)
    g_free (c->letters[i]);
  g_free (c->letters);
  mapping_free (c->layout.mapping);
  kepil_import_table_free (c->table);
}

static void
report_missing_columns (Ctx *c)
{
  const int *fields = NULL;
  guint n = kepil_import_kind_fields (c->kind, &fields);
  guint header_row = c->layout.header < c->table->rows->len
                       ? g_array_index (c->table->row_no, guint, c->layout.header) : 1;

  if (c->layout.header >= c->table->rows->len)
    {
      Problem p = { 1, "", -1, g_strdup (_("The file has no header row and no data.")) };
      g_array_append_val (c->problems, p);
      return;
    }
  for (guint i = 0; i < n; i++)
    if (kepil_import_field (fields[i])->required && c->layout.col[fields[i]] < 0)
      {
        Problem p = { header_row, "", fields[i],
                      g_strdup_printf (_("%s: the header has no such column; name it “%s” or map it with --mapping."),
                                       _(kepil_import_field (fields[i])->label), kepil_import_field (fields[i])->name) };
        g_array_append_val (c->problems, p);
      }
}

JsonObject *
kepil_import_file_full (KepilDb *db, const char *kind, const char *path, const char *mapping_path,
                        gboolean dry_run, gboolean valid_only, KepilImportProgress progress,
                        gpointer progress_data, GCancellable *cancellable, GError **error)
{
  Ctx c = { 0 };
  Write w = { 0 };
  KepilImportCache *cache = NULL;
  g_autoptr (GHashTable) seen = NULL;
  g_autoptr (GStringChunk) strings = NULL;
  g_autofree char *today = NULL;
  g_autofree char *backup = NULL;
  JsonObject *report = NULL;

  g_return_val_if_fail (KEPIL_IS_DB (db), NULL);
  if (kind == NULL || kepil_import_fields (kind) == NULL)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                   _("Unknown kind of import “%s”; use measurements or workplaces."), kind ? kind : "");
      return NULL;
    }
  c.db = db;
  c.path = path;
  c.kind = g_str_equal (kind, "measurements") ? "measurements" : "workplaces";
  c.problems = g_array_new (FALSE, FALSE, sizeof (Problem));
  g_array_set_clear_func (c.problems, problem_clear);
  c.table = kepil_import_read_table (path, error);
  if (c.table == NULL)
    goto out;
  if (!choose_layout (&c, mapping_path, error))
    goto out;
  cache = kepil_store_import_load_cache (db, error);
  if (cache == NULL)
    goto out;

  w.c = &c;
  w.cache = cache;
  w.progress = progress;
  w.progress_data = progress_data;
  w.cancellable = cancellable;
  w.n_rows = c.table->rows->len > c.layout.header + 1 ? c.table->rows->len - c.layout.header - 1 : 0;
  if (!layout_has_required (&c.layout) || c.problems->len > 0)
    report_missing_columns (&c);
  else
    {
      guint first = c.layout.header + 1;
      w.rows = g_new0 (Row, MAX (w.n_rows, 1));
      seen = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      strings = g_string_chunk_new (4096);
      c.unit_checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      today = kepil_today_iso ();
      for (guint i = 0; i < w.n_rows; i++)
        {
          Row *r = &w.rows[i];
          r->row = g_array_index (c.table->row_no, guint, first + i);
          r->cells = g_ptr_array_index (c.table->rows, first + i);
          validate_row (&c, cache, seen, strings, today, r);
          if (r->valid)
            w.n_valid++;
          if ((i & 4095) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
            goto out;
        }
      if (w.n_rows == 0)
        {
          Problem p = { g_array_index (c.table->row_no, guint, c.layout.header), "", -1,
                        g_strdup (_("The file has a header but no rows of data.")) };
          g_array_append_val (c.problems, p);
        }
    }

  if (!dry_run && w.n_valid > 0 && (c.problems->len == 0 || valid_only))
    {
      if (!kepil_db_check_writable (db, FALSE, error))
        goto out;
      backup = kepil_db_backup (db, "before-import", error);
      if (backup == NULL)
        goto out;
      if (!kepil_db_transaction (db, write_rows, &w, error))
        goto out;
    }
  report = report_new (&c, &w, dry_run, backup);

out:
  g_free (w.rows);
  kepil_import_cache_free (cache);
  ctx_clear (&c);
  return report;
}

JsonObject *
kepil_import_file (KepilDb *db, const char *kind, const char *path, const char *mapping_path, gboolean dry_run,
                   gboolean valid_only, GCancellable *cancellable, GError **error)
{
  return kepil_import_file_full (db, kind, path, mapping_path, dry_run, valid_only, NULL, NULL, cancellable, error);
}

/* ---- preview -------------------------------------------------------------- */

JsonArray *
kepil_import_preview (KepilDb *db, const char *path, const char *mapping_path, guint n_rows, GError **error)
{
  Ctx c = { 0 };
  JsonArray *out = NULL;
  const int *fields = NULL;
  guint n;

  c.db = db;
  c.path = path;
  c.kind = "measurements";
  c.problems = g_array_new (FALSE, FALSE, sizeof (Problem));
  g_array_set_clear_func (c.problems, problem_clear);
  c.table = kepil_import_read_table (path, error);
  if (c.table == NULL || !choose_layout (&c, mapping_path, error))
    goto out;
  /* A register has no measured value but has counts of people. */
  if (c.layout.col[KEPIL_IMPORT_F_VALUE] < 0)
    {
      Ctx r = c;
      g_autoptr (GHashTable) aliases = NULL;
      r.kind = "workplaces";
      aliases = aliases_of (r.kind);
      if (layout_from_header (&r, aliases, c.layout.mapping, &r.layout, FALSE) > 0 && layout_has_required (&r.layout))
        {
          r.layout.mapping = c.layout.mapping;
          c.layout = r.layout;
          c.kind = "workplaces";
        }
    }
  n = kepil_import_kind_fields (c.kind, &fields);
  out = json_array_new ();
  for (guint i = c.layout.header + 1; i < c.table->rows->len && json_array_get_length (out) < n_rows; i++)
    {
      char **cells = g_ptr_array_index (c.table->rows, i);
      JsonObject *o = json_object_new ();
      json_object_set_int_member (o, "row", g_array_index (c.table->row_no, guint, i));
      for (guint k = 0; k < n; k++)
        if (c.layout.col[fields[k]] >= 0)
          json_object_set_string_member (o, kepil_import_field (fields[k])->name, cell (&c, cells, fields[k]));
      json_array_add_object_element (out, o);
    }
out:
  ctx_clear (&c);
  return out;
}

/* ---- inspection (the import dialog) -------------------------------------- */

/* Lays the table out as @kind, or guesses the kind: a protocol unless the
 * header fits a register and lacks a protocol's required columns. */
static gboolean
inspect_layout (Ctx *c, const char *kind, const char *mapping, GError **error)
{
  g_autoptr (GError) local = NULL;
  gboolean ok;

  if (kind != NULL)
    {
      c->kind = kind;
      return choose_layout (c, mapping, error);
    }
  c->kind = "measurements";
  ok = choose_layout (c, mapping, &local);
  if (!ok || !layout_has_required (&c->layout))
    {
      Ctx r = { 0 };
      gboolean reg;

      r.db = c->db;
      r.path = c->path;
      r.kind = "workplaces";
      r.table = c->table;
      r.problems = g_array_new (FALSE, FALSE, sizeof (Problem));
      g_array_set_clear_func (r.problems, problem_clear);
      reg = choose_layout (&r, mapping, NULL) && layout_has_required (&r.layout);
      r.table = NULL;   /* borrowed */
      ctx_clear (&r);
      if (reg)
        {
          g_array_set_size (c->problems, 0);
          g_clear_pointer (&c->layout.mapping, mapping_free);
          g_clear_error (&local);
          c->kind = "workplaces";
          ok = choose_layout (c, mapping, &local);
        }
    }
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local));
  return ok;
}

JsonObject *
kepil_import_inspect (KepilDb *db, const char *path, const char *kind, const char *mapping, guint n_rows,
                      GError **error)
{
  Ctx c = { 0 };
  JsonObject *out = NULL;
  JsonArray *fields_out, *columns, *rows, *missing, *problems;
  const int *fields = NULL;
  guint n, n_cols = 0, header_row = 0;
  char **header = NULL;

  if (kind != NULL && kepil_import_fields (kind) == NULL)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                   _("Unknown kind of import “%s”; use measurements or workplaces."), kind);
      return NULL;
    }
  c.db = db;
  c.path = path;
  c.problems = g_array_new (FALSE, FALSE, sizeof (Problem));
  g_array_set_clear_func (c.problems, problem_clear);
  c.table = kepil_import_read_table (path, error);
  if (c.table == NULL ||
      !inspect_layout (&c, kind == NULL ? NULL : g_str_equal (kind, "measurements") ? "measurements" : "workplaces",
                       mapping, error))
    goto out;

  out = json_object_new ();
  json_object_set_string_member (out, "kind", c.kind);
  json_object_set_string_member (out, "format", c.table->format);
  json_object_set_string_member (out, "encoding", c.table->encoding ? c.table->encoding : "");
  json_object_set_string_member (out, "source", c.layout.mapping ? c.layout.mapping->source : "");
  json_object_set_int_member (out, "skip_rows", c.layout.mapping ? c.layout.mapping->skip_rows : 0);
  if (c.layout.header < c.table->rows->len)
    {
      header = g_ptr_array_index (c.table->rows, c.layout.header);
      header_row = g_array_index (c.table->row_no, guint, c.layout.header);
    }
  json_object_set_int_member (out, "header_row", header_row);

  n = kepil_import_kind_fields (c.kind, &fields);
  fields_out = json_array_new ();
  missing = json_array_new ();
  for (guint k = 0; k < n; k++)
    {
      const KepilImportField *d = kepil_import_field (fields[k]);
      JsonObject *f = json_object_new ();
      json_object_set_string_member (f, "name", d->name);
      json_object_set_string_member (f, "label", _(d->label));
      json_object_set_string_member (f, "help", _(d->help));
      json_object_set_boolean_member (f, "required", d->required);
      json_array_add_object_element (fields_out, f);
      if (d->required && c.layout.col[fields[k]] < 0)
        json_array_add_string_element (missing, d->name);
    }
  json_object_set_array_member (out, "fields", fields_out);

  /* As many columns as the header or any shown row has. */
  rows = json_array_new ();
  if (header != NULL)
    n_cols = g_strv_length (header);
  for (guint i = c.layout.header + 1; header != NULL && i < c.table->rows->len && json_array_get_length (rows) < n_rows;
       i++)
    {
      char **cells = g_ptr_array_index (c.table->rows, i);
      JsonObject *o = json_object_new ();
      JsonArray *a = json_array_new ();
      for (guint k = 0; cells[k] != NULL; k++)
        json_array_add_string_element (a, cells[k]);
      n_cols = MAX (n_cols, g_strv_length (cells));
      json_object_set_int_member (o, "row", g_array_index (c.table->row_no, guint, i));
      json_object_set_array_member (o, "cells", a);
      json_array_add_object_element (rows, o);
    }
  columns = json_array_new ();
  for (guint i = 0; i < n_cols; i++)
    {
      JsonObject *col = json_object_new ();
      const char *field = "";
      for (guint k = 0; k < n; k++)
        if (c.layout.col[fields[k]] == (int) i)
          field = kepil_import_field (fields[k])->name;
      json_object_set_string_member (col, "letter", letter (&c, (int) i));
      json_object_set_string_member (col, "header", header != NULL && i < g_strv_length (header) ? header[i] : "");
      json_object_set_string_member (col, "field", field);
      json_array_add_object_element (columns, col);
    }
  json_object_set_array_member (out, "columns", columns);
  json_object_set_array_member (out, "rows", rows);
  json_object_set_array_member (out, "missing", missing);
  problems = json_array_new ();
  for (guint i = 0; i < c.problems->len; i++)
    {
      Problem *p = &g_array_index (c.problems, Problem, i);
      JsonObject *po = json_object_new ();
      json_object_set_int_member (po, "row", p->row);
      json_object_set_string_member (po, "column", p->column);
      json_object_set_string_member (po, "field", p->field >= 0 ? kepil_import_field (p->field)->name : "");
      json_object_set_string_member (po, "message", p->message);
      json_array_add_object_element (problems, po);
    }
  json_object_set_array_member (out, "problems", problems);
out:
  ctx_clear (&c);
  return out;
}

char **
kepil_import_list_mappings (KepilDb *db, const char *kind, GError **error)
{
  g_autoptr (GPtrArray) sources = kepil_store_import_mapping_sources (db, kind, error);
  if (sources == NULL)
    return NULL;
  g_ptr_array_set_free_func (sources, NULL);
  g_ptr_array_add (sources, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&sources), FALSE);
}
