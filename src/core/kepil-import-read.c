/* kepil-import-read.c — reading CSV (UTF-8 or Windows-1251) and XLSX (libgsf + libxml2) into rows of text
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-import.h"
#include "kepil-error.h"
#include "kepil-i18n.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <gsf/gsf.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef KEPIL_HAVE_LIBCRYPTO
#include <openssl/evp.h>
#endif

/* SHA-256 (hex) of a file's bytes, for the import's audit entry: OpenSSL's
 * when the build has it (0.02 s instead of 0.09 s of CPU for a 38 MB file),
 * else GLib's; the same digest either way. */
static char *
sha256_hex (const void *data, gsize len)
{
#ifdef KEPIL_HAVE_LIBCRYPTO
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;

  if (EVP_Digest (data, len, md, &n, EVP_sha256 (), NULL) == 1 && n == 32)
    {
      static const char hex[] = "0123456789abcdef";
      char *out = g_malloc (2 * n + 1);
      for (unsigned int i = 0; i < n; i++)
        {
          out[2 * i] = hex[md[i] >> 4];
          out[2 * i + 1] = hex[md[i] & 15];
        }
      out[2 * n] = '\0';
      return out;
    }
#endif
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
}

void
kepil_import_table_free (KepilImportTable *t)
{
  if (t == NULL)
    return;
  if (t->rows != NULL)
    g_ptr_array_unref (t->rows);
  if (t->cells != NULL)
    g_ptr_array_unref (t->cells);
  g_free (t->text);
  if (t->row_no != NULL)
    g_array_unref (t->row_no);
  g_free (t->format);
  g_free (t->encoding);
  g_free (t->sha256);
  g_free (t);
}

static KepilImportTable *
table_new (const char *format)
{
  KepilImportTable *t = g_new0 (KepilImportTable, 1);
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  t->row_no = g_array_new (FALSE, FALSE, sizeof (guint));
  t->format = g_strdup (format);
  return t;
}

char *
kepil_import_column_letter (guint index)
{
  char buf[8];
  int i = (int) sizeof buf - 1;
  buf[i] = '\0';
  index++;
  while (index > 0 && i > 0)
    {
      guint r = (index - 1) % 26;
      buf[--i] = (char) ('A' + r);
      index = (index - 1) / 26;
    }
  return g_strdup (buf + i);
}

/* ---- CSV ------------------------------------------------------------------ */

/* The separator with the most occurrences outside quotes on one of the first
 * lines; on a tie ';' (the Russian Excel default), then tab, then ','. */
static char
detect_separator (const char *text, gsize len)
{
  const char cands[] = { ';', '\t', ',' };
  guint best[3] = { 0, 0, 0 };
  guint cur[3] = { 0, 0, 0 };
  gboolean quoted = FALSE;
  guint lines = 0;

  for (gsize i = 0; i < len && lines < 20; i++)
    {
      char c = text[i];
      if (c == '"')
        quoted = !quoted;
      else if (!quoted && c == '\n')
        {
          for (int k = 0; k < 3; k++)
            {
              best[k] = MAX (best[k], cur[k]);
              cur[k] = 0;
            }
          lines++;
        }
      else if (!quoted)
        for (int k = 0; k < 3; k++)
          if (c == cands[k])
            cur[k]++;
    }
  for (int k = 0; k < 3; k++)
    best[k] = MAX (best[k], cur[k]);
  if (best[0] >= best[1] && best[0] >= best[2] && best[0] > 0)
    return ';';
  if (best[1] >= best[2] && best[1] > 0)
    return '\t';
  if (best[2] > 0)
    return ',';
  return ';';
}

static gboolean
row_is_empty (GPtrArray *cells)
{
  for (guint i = 0; i < cells->len; i++)
    if (*(const char *) g_ptr_array_index (cells, i) != '\0')
      return FALSE;
  return TRUE;
}

static void
finish_row (KepilImportTable *t, GPtrArray *cells, guint row_no)
{
  if (!row_is_empty (cells))
    {
      g_ptr_array_add (cells, NULL);
      g_ptr_array_add (t->rows, g_ptr_array_free (cells, FALSE));
      g_array_append_val (t->row_no, row_no);
    }
  else
    g_ptr_array_free (cells, TRUE);
}

/* The text of a CSV cell, written over the file's own bytes (a cell is never
 * longer than its text in the file, quotes and all, and the separator or line
 * end after it becomes its NUL): [@start, @end) as collected; unquoted cells
 * lose the white space around them. */
static char *
csv_cell_end (char *start, char *end, gboolean was_quoted)
{
  if (!was_quoted)
    {
      while (start < end && g_ascii_isspace (*start))
        start++;
      while (end > start && g_ascii_isspace (end[-1]))
        end--;
    }
  *end = '\0';
  return start;
}

/* Closes the row whose cells start at @first in t->cells: kept unless every
 * cell is empty (the pointers into t->cells are set at the end). */
static void
csv_row_end (KepilImportTable *t, GArray *starts, guint first, guint row_no)
{
  GPtrArray *all = t->cells;
  gboolean empty = TRUE;

  for (guint i = first; i < all->len && empty; i++)
    empty = *(const char *) g_ptr_array_index (all, i) == '\0';
  if (empty)
    {
      g_ptr_array_set_size (all, first);
      return;
    }
  g_ptr_array_add (all, NULL);
  g_array_append_val (starts, first);
  g_array_append_val (t->row_no, row_no);
}

KepilImportTable *
kepil_import_read_csv (const char *path, GError **error)
{
  g_autofree char *raw = NULL;
  g_autofree char *converted = NULL;
  g_autoptr (GError) local = NULL;
  g_autoptr (KepilImportTable) t = table_new ("csv");
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr (GArray) starts = NULL;
  gsize len = 0;
  char *text, *out, *cell;
  gboolean quoted = FALSE, was_quoted = FALSE;
  guint line = 1, row_start = 1, first = 0;
  guint8 special[256] = { 0 };   /* the bytes that end a run of plain ones outside quotes */
  char sep;

  if (!g_file_get_contents (path, &raw, &len, &local))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_IO, _("The file %s cannot be read: %s"), base, local->message);
      return NULL;
    }
  if (memchr (raw, '\0', len) != NULL)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                   _("The file %s is neither a CSV text nor an XLSX workbook."), base);
      return NULL;
    }
  t->sha256 = sha256_hex (raw, len);
  text = raw;
  if (len >= 3 && memcmp (raw, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      len -= 3;
    }
  if (g_utf8_validate_len (text, len, NULL))
    {
      t->encoding = g_strdup ("UTF-8");
      t->text = g_steal_pointer (&raw);   /* NUL-terminated by g_file_get_contents */
    }
  else
    {
      gsize written = 0;
      converted = g_convert (text, (gssize) len, "UTF-8", "WINDOWS-1251", NULL, &written, &local);
      if (converted == NULL)
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                       _("The file %s is neither UTF-8 nor Windows-1251 text: %s"), base, local->message);
          return NULL;
        }
      text = converted;
      len = written;
      t->encoding = g_strdup ("Windows-1251");
      t->text = g_steal_pointer (&converted);
    }
  sep = detect_separator (text, len);
  t->separator = sep;

  /* Cells are written in place: @out never passes the byte being read. */
  g_ptr_array_unref (t->rows);
  t->rows = g_ptr_array_new ();
  t->cells = g_ptr_array_sized_new ((guint) MIN (len / 8 + 16, G_MAXUINT / 2));
  starts = g_array_new (FALSE, FALSE, sizeof (guint));
  special[(guchar) sep] = special['"'] = special['\r'] = special['\n'] = 1;
  out = cell = text;
  for (gsize i = 0; i < len; i++)
    {
      char c;
      if (!quoted)
        {
          /* A run of plain bytes, moved only when quotes or CRs made the cell shorter. */
          gsize j = i;
          while (j < len && !special[(guchar) text[j]])
            j++;
          if (j > i)
            {
              if (out != text + i)
                memmove (out, text + i, j - i);
              out += j - i;
              i = j;
              if (i >= len)
                break;
            }
        }
      c = text[i];
      if (quoted)
        {
          if (c == '"')
            {
              if (i + 1 < len && text[i + 1] == '"')
                {
                  *out++ = '"';
                  i++;
                }
              else
                quoted = FALSE;
            }
          else
            {
              if (c == '\n')
                line++;
              *out++ = c;
            }
          continue;
        }
      if (c == '"' && (out == cell || was_quoted))
        {
          quoted = TRUE;
          was_quoted = TRUE;
        }
      else if (c == sep || c == '\n')
        {
          char *end = out;
          g_ptr_array_add (t->cells, csv_cell_end (cell, end, was_quoted));
          out = cell = end + 1;
          was_quoted = FALSE;
          if (c == '\n')
            {
              csv_row_end (t, starts, first, row_start);
              first = t->cells->len;
              line++;
              row_start = line;
            }
        }
      else if (c == '\r')
        ;
      else
        *out++ = c;
    }
  if (quoted)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                   _("The file %s ends inside a quoted field that starts on line %u; a closing quote is missing."),
                   base, row_start);
      return NULL;
    }
  /* The last line without its line end (the buffer has a NUL after the text). */
  if (out > cell || t->cells->len > first)
    g_ptr_array_add (t->cells, csv_cell_end (cell, out, was_quoted));
  csv_row_end (t, starts, first, row_start);
  for (guint r = 0; r < starts->len; r++)
    g_ptr_array_add (t->rows, &t->cells->pdata[g_array_index (starts, guint, r)]);
  return g_steal_pointer (&t);
}

/* ---- XLSX ----------------------------------------------------------------- */

/* libgsf 1.14.50 turns a central-directory entry's DOS time into a GDateTime without checking
 * that the date exists (month 0, 31 February, minute 61…); g_date_time_new_utc() then returns
 * NULL and libgsf unrefs it, a GLib critical, on the first member it opens. The time is of no
 * use to the import, so an impossible one is zeroed in our copy of the file before libgsf sees it.
 * The walk below follows libgsf's own (zip_find_trailer, zip_read_dirents, zip_dirent_new_in)
 * step for step, so every entry libgsf will read is an entry checked here. */

#define ZIP_BUF 512
#define ZIP_TRAILER_SIG 0x06054b50u
#define ZIP_TRAILER_LEN 22
#define ZIP_LOCATOR_SIG 0x07064b50u
#define ZIP_LOCATOR_LEN 20
#define ZIP_TRAILER64_SIG 0x06064b50u
#define ZIP_TRAILER64_LEN 56
#define ZIP_DIRENT_SIG 0x02014b50u
#define ZIP_DIRENT_LEN 46

static guint32
le16 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8);
}

static guint32
le32 (const guint8 *p)
{
  return le16 (p) | (le16 (p + 2) << 16);
}

static guint64
le64 (const guint8 *p)
{
  return (guint64) le32 (p) | ((guint64) le32 (p + 4) << 32);
}

/* TRUE when [@pos, @pos + @len) lies inside a file of @size bytes (libgsf's seek + read). */
static gboolean
zip_span (gint64 pos, guint64 len, gsize size)
{
  return pos >= 0 && (guint64) pos <= size && len <= size - (guint64) pos;
}

static gint64
zip_find_trailer (const guint8 *buf, gsize size)
{
  gint64 offset, trailer_offset;
  gint64 maplen;

  if (size < ZIP_TRAILER_LEN)
    return -1;
  trailer_offset = (gint64) size;
  maplen = (gint64) (size & (ZIP_BUF - 1));
  if (maplen == 0)
    maplen = ZIP_BUF;
  offset = (gint64) size - maplen;
  while (TRUE)
    {
      if (!zip_span (offset, (guint64) maplen, size))
        return -1;
      for (gint64 s = maplen - 1; s >= 0; s--, trailer_offset--)
        if (maplen - 1 - s > ZIP_TRAILER_LEN - 2 && le32 (buf + offset + s) == ZIP_TRAILER_SIG)
          return trailer_offset - 1;
      if (offset <= 0)
        return -1;
      offset -= ZIP_BUF / 2;
      maplen = MIN ((gint64) size - offset, ZIP_BUF);
      trailer_offset = offset + maplen;
      if ((gint64) size - offset > 64 * 1024)
        return -1;
    }
}

static gboolean
zip_dostime_valid (guint32 dostime)
{
  g_autoptr (GDateTime) t = NULL;

  if (dostime == 0)
    return TRUE;
  t = g_date_time_new_utc ((gint) (dostime >> 25) + 1980, (gint) ((dostime >> 21) & 0x0f),
                           (gint) ((dostime >> 16) & 0x1f), (gint) ((dostime >> 11) & 0x0f),
                           (gint) ((dostime >> 5) & 0x3f), (gdouble) ((dostime & 0x1f) * 2));
  return t != NULL;
}

/* Zeroes every impossible DOS time in the central directory of the zip in @buf; returns how many. */
static guint
zip_clear_bad_times (guint8 *buf, gsize size)
{
  gint64 trailer = zip_find_trailer (buf, size);
  const guint8 *data;
  guint64 entries;
  gint64 offset;
  guint fixed = 0;

  if (trailer < ZIP_LOCATOR_LEN || !zip_span (trailer - ZIP_LOCATOR_LEN, ZIP_LOCATOR_LEN + ZIP_TRAILER_LEN, size))
    return 0;
  data = buf + trailer;
  entries = le16 (data + 8);
  offset = (gint64) le32 (data + 16);
  data = buf + trailer - ZIP_LOCATOR_LEN;
  if (le32 (data) == ZIP_LOCATOR_SIG)
    {
      gint64 eod = (gint64) le64 (data + 8);
      if (le32 (data + 4) != 0 || le32 (data + 16) != 1 || !zip_span (eod, ZIP_TRAILER64_LEN, size) ||
          le32 (buf + eod) != ZIP_TRAILER64_SIG)
        return 0;
      entries = (guint32) le64 (buf + eod + 24);   /* libgsf keeps 32 bits */
      offset = (gint64) le64 (buf + eod + 48);
    }
  for (guint64 i = 0; i < entries; i++)
    {
      guint8 *d;
      guint64 vlen;

      if (!zip_span (offset, ZIP_DIRENT_LEN, size) || le32 (buf + offset) != ZIP_DIRENT_SIG)
        break;
      d = buf + offset;
      vlen = (guint64) le16 (d + 28) + le16 (d + 30) + le16 (d + 32);
      if (vlen > 0 && !zip_span (offset + ZIP_DIRENT_LEN, vlen, size))
        break;
      if (!zip_dostime_valid (le32 (d + 12)))
        {
          memset (d + 12, 0, 4);
          fixed++;
        }
      offset += ZIP_DIRENT_LEN + (gint64) vlen;
    }
  return fixed;
}

static GBytes *
read_member (GsfInfile *zip, const char *name)
{
  g_auto (GStrv) parts = g_strsplit (name, "/", -1);
  GsfInput *in = gsf_infile_child_by_aname (zip, (const char **) parts);
  GByteArray *buf;
  gsf_off_t left;

  if (in == NULL)
    return NULL;
  left = gsf_input_size (in);
  buf = g_byte_array_sized_new ((guint) MIN (left, (gsf_off_t) G_MAXINT));
  while (left > 0)
    {
      guint8 chunk[65536];
      size_t n = (size_t) MIN (left, (gsf_off_t) sizeof chunk);
      if (gsf_input_read (in, n, chunk) == NULL)
        {
          g_byte_array_unref (buf);
          g_object_unref (in);
          return NULL;
        }
      g_byte_array_append (buf, chunk, (guint) n);
      left -= (gsf_off_t) n;
    }
  g_object_unref (in);
  return g_byte_array_free_to_bytes (buf);
}

static xmlDocPtr
parse_member (GsfInfile *zip, const char *name)
{
  g_autoptr (GBytes) b = read_member (zip, name);
  gsize n = 0;
  const char *data;

  if (b == NULL)
    return NULL;
  data = g_bytes_get_data (b, &n);
  return xmlReadMemory (data, (int) n, name, NULL, XML_PARSE_NONET | XML_PARSE_HUGE | XML_PARSE_NOERROR |
                                                   XML_PARSE_NOWARNING);
}

static gboolean
is_el (xmlNodePtr n, const char *name)
{
  return n != NULL && n->type == XML_ELEMENT_NODE && xmlStrcmp (n->name, (const xmlChar *) name) == 0;
}

static char *
prop (xmlNodePtr n, const char *name)
{
  xmlChar *v = xmlGetProp (n, (const xmlChar *) name);
  char *out = v ? g_strdup ((const char *) v) : NULL;
  xmlFree (v);
  return out;
}

/* The text of every <t> below @n: plain and rich shared strings, inline strings;
 * phonetic runs (<rPh>) are not part of the value. */
static void
collect_t (xmlNodePtr n, GString *out)
{
  for (xmlNodePtr c = n->children; c != NULL; c = c->next)
    {
      if (is_el (c, "rPh"))
        continue;
      if (is_el (c, "t"))
        {
          xmlChar *s = xmlNodeGetContent (c);
          if (s != NULL)
            g_string_append (out, (const char *) s);
          xmlFree (s);
        }
      else if (c->type == XML_ELEMENT_NODE)
        collect_t (c, out);
    }
}

static GPtrArray *
read_shared_strings (GsfInfile *zip)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  xmlDocPtr doc = parse_member (zip, "xl/sharedStrings.xml");
  xmlNodePtr root;

  if (doc == NULL)
    return out;
  root = xmlDocGetRootElement (doc);
  for (xmlNodePtr si = root ? root->children : NULL; si != NULL; si = si->next)
    if (is_el (si, "si"))
      {
        GString *s = g_string_new (NULL);
        collect_t (si, s);
        g_ptr_array_add (out, g_string_free (s, FALSE));
      }
  xmlFreeDoc (doc);
  return out;
}

static gboolean
format_is_date (int id, const char *code)
{
  if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
    return TRUE;
  if (code == NULL)
    return FALSE;
  /* A custom format is a date when it has day, month or year letters outside
   * quotes and brackets. */
  gboolean q = FALSE, br = FALSE;
  for (const char *p = code; *p; p++)
    {
      if (*p == '"')
        q = !q;
      else if (!q && *p == '[')
        br = TRUE;
      else if (!q && *p == ']')
        br = FALSE;
      else if (!q && !br && strchr ("dDmMyY", *p) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* For each cell style (index of cellXfs), whether it shows a date. */
static GArray *
read_date_styles (GsfInfile *zip)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (gboolean));
  g_autoptr (GHashTable) custom = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  xmlDocPtr doc = parse_member (zip, "xl/styles.xml");
  xmlNodePtr root;

  if (doc == NULL)
    return out;
  root = xmlDocGetRootElement (doc);
  for (xmlNodePtr s = root ? root->children : NULL; s != NULL; s = s->next)
    {
      if (is_el (s, "numFmts"))
        for (xmlNodePtr f = s->children; f != NULL; f = f->next)
          if (is_el (f, "numFmt"))
            {
              g_autofree char *id = prop (f, "numFmtId");
              char *code = prop (f, "formatCode");
              if (id != NULL)
                g_hash_table_insert (custom, GINT_TO_POINTER (atoi (id)), code);
              else
                g_free (code);
            }
      if (is_el (s, "cellXfs"))
        for (xmlNodePtr x = s->children; x != NULL; x = x->next)
          if (is_el (x, "xf"))
            {
              g_autofree char *id = prop (x, "numFmtId");
              int n = id ? atoi (id) : 0;
              gboolean d = format_is_date (n, g_hash_table_lookup (custom, GINT_TO_POINTER (n)));
              g_array_append_val (out, d);
            }
    }
  xmlFreeDoc (doc);
  return out;
}

/* The first sheet of the workbook, by the workbook's own order. */
static char *
first_sheet_path (GsfInfile *zip)
{
  xmlDocPtr wb = parse_member (zip, "xl/workbook.xml");
  xmlDocPtr rels = NULL;
  g_autofree char *rid = NULL;
  char *target = NULL;

  if (wb != NULL)
    {
      xmlNodePtr root = xmlDocGetRootElement (wb);
      for (xmlNodePtr s = root ? root->children : NULL; s != NULL && rid == NULL; s = s->next)
        if (is_el (s, "sheets"))
          for (xmlNodePtr sh = s->children; sh != NULL; sh = sh->next)
            if (is_el (sh, "sheet"))
              {
                for (xmlAttrPtr a = sh->properties; a != NULL; a = a->next)
                  if (xmlStrcmp (a->name, (const xmlChar *) "id") == 0)
                    {
                      xmlChar *v = xmlNodeListGetString (wb, a->children, 1);
                      rid = g_strdup ((const char *) v);
                      xmlFree (v);
                    }
                break;
              }
      xmlFreeDoc (wb);
    }
  if (rid != NULL && (rels = parse_member (zip, "xl/_rels/workbook.xml.rels")) != NULL)
    {
      xmlNodePtr root = xmlDocGetRootElement (rels);
      for (xmlNodePtr r = root ? root->children : NULL; r != NULL; r = r->next)
        if (is_el (r, "Relationship"))
          {
            g_autofree char *id = prop (r, "Id");
            if (g_strcmp0 (id, rid) == 0)
              {
                g_autofree char *t = prop (r, "Target");
                if (t != NULL)
                  target = t[0] == '/' ? g_strdup (t + 1) : g_strconcat ("xl/", t, NULL);
                break;
              }
          }
      xmlFreeDoc (rels);
    }
  return target ? target : g_strdup ("xl/worksheets/sheet1.xml");
}

/* Excel's serial day number (1900 system) as ISO text. */
static char *
serial_to_iso (double serial)
{
  g_autoptr (GDate) d = g_date_new_dmy (30, G_DATE_DECEMBER, 1899);
  if (serial < 1 || serial > 2958465)
    return NULL;
  g_date_add_days (d, (guint) floor (serial));
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (d), g_date_get_month (d), g_date_get_day (d));
}

/* "C12" → column index 2; -1 when there is no reference. */
static int
ref_column (const char *ref)
{
  int col = 0;
  const char *p = ref;
  if (ref == NULL || !g_ascii_isalpha (*ref))
    return -1;
  for (; g_ascii_isalpha (*p); p++)
    col = col * 26 + (g_ascii_toupper (*p) - 'A' + 1);
  return col - 1;
}

KepilImportTable *
kepil_import_read_xlsx (const char *path, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *base = g_path_get_basename (path);
  GsfInput *input = NULL;
  GsfInfile *zip = NULL;
  g_autoptr (GPtrArray) shared = NULL;
  g_autoptr (GArray) dates = NULL;
  g_autofree char *sheet = NULL;
  g_autoptr (KepilImportTable) t = table_new ("xlsx");
  xmlDocPtr doc;
  xmlNodePtr root, data = NULL;
  guint next_row = 1;

  {
    char *bytes = NULL;
    gsize len = 0;

    if (!g_file_get_contents (path, &bytes, &len, &local))
      {
        g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_IO, _("The file %s cannot be read: %s"), base, local->message);
        return NULL;
      }
    t->sha256 = sha256_hex (bytes, len);
    zip_clear_bad_times ((guint8 *) bytes, len);
    input = gsf_input_memory_new ((guint8 *) bytes, (gsf_off_t) len, TRUE);
  }
  zip = gsf_infile_zip_new (input, &local);
  g_object_unref (input);
  if (zip == NULL)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE, _("The file %s is not an XLSX workbook: %s"), base,
                   local ? local->message : "");
      return NULL;
    }
  shared = read_shared_strings (zip);
  dates = read_date_styles (zip);
  sheet = first_sheet_path (zip);
  doc = parse_member (zip, sheet);
  g_object_unref (zip);
  if (doc == NULL)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                   _("The workbook %s has no readable first sheet (%s)."), base, sheet);
      return NULL;
    }
  root = xmlDocGetRootElement (doc);
  for (xmlNodePtr c = root ? root->children : NULL; c != NULL; c = c->next)
    if (is_el (c, "sheetData"))
      data = c;
  for (xmlNodePtr r = data ? data->children : NULL; r != NULL; r = r->next)
    {
      g_autofree char *rattr = NULL;
      GPtrArray *cells;
      guint row_no;
      int next_col = 0;

      if (!is_el (r, "row"))
        continue;
      rattr = prop (r, "r");
      row_no = rattr ? (guint) atoi (rattr) : next_row;
      next_row = row_no + 1;
      cells = g_ptr_array_new_with_free_func (g_free);
      for (xmlNodePtr c = r->children; c != NULL; c = c->next)
        {
          g_autofree char *ref = NULL, *type = NULL, *style = NULL;
          char *value = NULL;
          int col;

          if (!is_el (c, "c"))
            continue;
          ref = prop (c, "r");
          type = prop (c, "t");
          style = prop (c, "s");
          col = ref_column (ref);
          if (col < 0)
            col = next_col;
          if (col > 16383)
            continue;
          next_col = col + 1;
          if (g_strcmp0 (type, "inlineStr") == 0)
            {
              GString *s = g_string_new (NULL);
              for (xmlNodePtr is = c->children; is != NULL; is = is->next)
                if (is_el (is, "is"))
                  collect_t (is, s);
              value = g_string_free (s, FALSE);
            }
          else
            {
              xmlChar *v = NULL;
              for (xmlNodePtr vn = c->children; vn != NULL; vn = vn->next)
                if (is_el (vn, "v"))
                  v = xmlNodeGetContent (vn);
              if (v != NULL)
                {
                  if (g_strcmp0 (type, "s") == 0)
                    {
                      guint64 idx = g_ascii_strtoull ((const char *) v, NULL, 10);
                      value = g_strdup (idx < shared->len ? (const char *) g_ptr_array_index (shared, idx) : "");
                    }
                  else if (type == NULL || g_strcmp0 (type, "n") == 0)
                    {
                      guint64 si = style ? g_ascii_strtoull (style, NULL, 10) : 0;
                      if (si < dates->len && g_array_index (dates, gboolean, si))
                        value = serial_to_iso (g_ascii_strtod ((const char *) v, NULL));
                      if (value == NULL)
                        value = g_strdup ((const char *) v);
                    }
                  else if (g_strcmp0 (type, "b") == 0)
                    value = g_strdup (g_str_equal ((const char *) v, "1") ? "1" : "0");
                  else
                    value = g_strdup ((const char *) v);  /* str (formula text), e (error) */
                  xmlFree (v);
                }
            }
          while ((int) cells->len < col)
            g_ptr_array_add (cells, g_strdup (""));
          g_ptr_array_add (cells, value ? g_strstrip (value) : g_strdup (""));
        }
      finish_row (t, cells, row_no);
    }
  xmlFreeDoc (doc);
  return g_steal_pointer (&t);
}

KepilImportTable *
kepil_import_read_table (const char *path, GError **error)
{
  g_autofree char *base = g_path_get_basename (path);
  char head[4] = { 0 };
  FILE *f = g_fopen (path, "rb");
  size_t n;

  if (f == NULL)
    {
      int e = errno;
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_IO, _("The file %s cannot be read: %s"), base, g_strerror (e));
      return NULL;
    }
  n = fread (head, 1, sizeof head, f);
  fclose (f);
  if (n == 4 && memcmp (head, "PK\x03\x04", 4) == 0)
    return kepil_import_read_xlsx (path, error);
  if (g_str_has_suffix (path, ".xlsx") || g_str_has_suffix (path, ".XLSX"))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE, _("The file %s is not an XLSX workbook."), base);
      return NULL;
    }
  return kepil_import_read_csv (path, error);
}
