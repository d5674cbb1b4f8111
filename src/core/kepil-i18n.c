/* kepil-i18n.c — gettext for the core, the CLI and the app
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The core translates through catalogues it reads itself from the compiled
 * .mo files, so that the language does not depend on which system locales
 * are generated, and so that an export can be written in Kazakh while the
 * window speaks Russian.  The application still sets LANGUAGE and a UTF-8
 * locale for GtkBuilder and GTK's own strings.
 */
#include "kepil-config.h"
#include "kepil-i18n.h"

#include <locale.h>
#include <string.h>
#include <stdlib.h>

typedef struct {
  GMappedFile *file;
  GHashTable  *table;   /* msgid (with \0 plural) → translation, pointers into the map */
} Catalogue;

static GMutex      cat_lock;
static GHashTable *catalogues;  /* lang → Catalogue* */
static char       *current_lang;

/* kepil_gettext is called for every sentence of an evaluation (hundreds of thousands of times), and the
 * catalogue lookup hashes and compares the whole msgid.  Its callers pass string literals, so the answer is
 * kept by the msgid's address; the msgid is compared again (strcmp, cheaper than hashing) in case a caller
 * passed a string of its own that has since been freed and its address reused.  kepil_i18n_init() empties
 * the cache, since the language may change. */
typedef struct {
  char       *msgid;        /* copy, to verify a hit */
  const char *translation;  /* NULL: untranslated, answer the caller's msgid */
} PtrEntry;

static GMutex      ptr_lock;
static GHashTable *ptr_cache;  /* msgid address → PtrEntry* for the current language */


static guint32
read_u32 (const guint8 *p, gboolean swap)
{
  guint32 v;
  memcpy (&v, p, 4);
  return swap ? GUINT32_SWAP_LE_BE (v) : v;
}

static char *
find_mo (const char *lang)
{
  const char *dirs[3];
  guint n = 0;
  const char *env = g_getenv ("KEPIL_LOCALEDIR");

  if (env != NULL)
    dirs[n++] = env;
  dirs[n++] = KEPIL_BUILD_LOCALEDIR;
  dirs[n++] = KEPIL_LOCALEDIR;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *p = g_build_filename (dirs[i], lang, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
      if (g_file_test (p, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&p);
    }
  return NULL;
}

/* Reads a GNU .mo file.  A damaged file gives an empty catalogue (English),
 * never a crash: every offset is checked against the file size. */
static Catalogue *
catalogue_load (const char *lang)
{
  Catalogue *c = g_new0 (Catalogue, 1);
  g_autofree char *path = find_mo (lang);
  const guint8 *d;
  gsize size;
  guint32 magic, n, orig, trans;
  gboolean swap;

  c->table = g_hash_table_new (g_str_hash, g_str_equal);
  if (path == NULL)
    return c;
  c->file = g_mapped_file_new (path, FALSE, NULL);
  if (c->file == NULL)
    return c;
  d = (const guint8 *) g_mapped_file_get_contents (c->file);
  size = g_mapped_file_get_length (c->file);
  if (size < 28)
    return c;
  magic = read_u32 (d, FALSE);
  if (magic == 0x950412de)
    swap = FALSE;
  else if (magic == 0xde120495)
    swap = TRUE;
  else
    return c;
  n = read_u32 (d + 8, swap);
  orig = read_u32 (d + 12, swap);
  trans = read_u32 (d + 16, swap);
  if ((guint64) orig + (guint64) n * 8 > size || (guint64) trans + (guint64) n * 8 > size)
    return c;
  for (guint32 i = 0; i < n; i++)
    {
      guint32 ol = read_u32 (d + orig + i * 8, swap), oo = read_u32 (d + orig + i * 8 + 4, swap);
      guint32 tl = read_u32 (d + trans + i * 8, swap), to = read_u32 (d + trans + i * 8 + 4, swap);
      if ((guint64) oo + ol >= size || (guint64) to + tl >= size || ol == 0)
        continue;
      /* msgid and translation are NUL-terminated in the file. */
      if (d[oo + ol] != '\0' || d[to + tl] != '\0')
        continue;
      g_hash_table_insert (c->table, (gpointer) (d + oo), (gpointer) (d + to));
    }
  return c;
}

static Catalogue *
catalogue_get (const char *lang)
{
  Catalogue *c;

  g_mutex_lock (&cat_lock);
  if (catalogues == NULL)
    catalogues = g_hash_table_new (g_str_hash, g_str_equal);
  c = g_hash_table_lookup (catalogues, lang);
  if (c == NULL)
    {
      c = catalogue_load (lang);
      g_hash_table_insert (catalogues, g_strdup (lang), c);
    }
  g_mutex_unlock (&cat_lock);
  return c;
}

static const char *
normalise_lang (const char *lang)
{
  if (lang == NULL || *lang == '\0')
    return NULL;
  if (g_str_has_prefix (lang, "kk"))
    return "kk";
  if (g_str_has_prefix (lang, "ru"))
    return "ru";
  if (g_str_has_prefix (lang, "en") || g_str_equal (lang, "C"))
    return "en";
  return NULL;
}

static const char *
system_lang (void)
{
  const char *const *names = g_get_language_names ();
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *l = normalise_lang (names[i]);
      if (l != NULL && !g_str_equal (names[i], "C"))
        return l;
    }
  return "ru";
}

void
kepil_i18n_init (const char *lang)
{
  const char *l = normalise_lang (lang);
  static const struct { const char *lang; const char *locales[3]; } fallbacks[] = {
    { "kk", { "kk_KZ.UTF-8", "ru_RU.UTF-8", "C.UTF-8" } },
    { "ru", { "ru_RU.UTF-8", "kk_KZ.UTF-8", "C.UTF-8" } },
    { "en", { "en_US.UTF-8", "C.UTF-8", "C" } },
  };

  if (l == NULL)
    l = system_lang ();
  g_mutex_lock (&ptr_lock);
  g_free (current_lang);
  current_lang = g_strdup (l);
  g_clear_pointer (&ptr_cache, g_hash_table_unref);
  g_mutex_unlock (&ptr_lock);

  /* gettext ignores LANGUAGE in the C locale, so make sure the messages
   * category has a real one; numbers stay in the C locale (we format them). */
  g_setenv ("LANGUAGE", l, TRUE);
  setlocale (LC_ALL, "");
  {
    const char *m = setlocale (LC_MESSAGES, NULL);
    if (m == NULL || g_str_equal (m, "C") || g_str_equal (m, "POSIX") || g_str_has_prefix (m, "C."))
      for (guint i = 0; i < G_N_ELEMENTS (fallbacks); i++)
        if (g_str_equal (fallbacks[i].lang, l))
          for (guint j = 0; j < 3; j++)
            if (setlocale (LC_MESSAGES, fallbacks[i].locales[j]) != NULL)
              break;
  }
  setlocale (LC_NUMERIC, "C");
  {
    const char *env = g_getenv ("KEPIL_LOCALEDIR");
    g_autofree char *probe = find_mo ("ru");
    if (env != NULL)
      bindtextdomain (GETTEXT_PACKAGE, env);
    else if (probe != NULL && g_str_has_prefix (probe, KEPIL_BUILD_LOCALEDIR))
      bindtextdomain (GETTEXT_PACKAGE, KEPIL_BUILD_LOCALEDIR);
    else
      bindtextdomain (GETTEXT_PACKAGE, KEPIL_LOCALEDIR);
  }
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

const char *
kepil_i18n_language (void)
{
  if (current_lang == NULL)
    return "en";
  return current_lang;
}

const char *
kepil_i18n_gettext_in (const char *lang, const char *msgid)
{
  const char *l = normalise_lang (lang);
  const char *t;

  if (msgid == NULL || *msgid == '\0')
    return msgid;
  if (l == NULL || g_str_equal (l, "en"))
    return msgid;
  t = g_hash_table_lookup (catalogue_get (l)->table, msgid);
  return (t != NULL && *t != '\0') ? t : msgid;
}

static void
ptr_entry_free (PtrEntry *e)
{
  g_free (e->msgid);
  g_free (e);
}

const char *
kepil_gettext (const char *msgid)
{
  PtrEntry *e;
  const char *t;

  if (msgid == NULL || *msgid == '\0')
    return msgid;
  g_mutex_lock (&ptr_lock);
  if (ptr_cache == NULL)
    ptr_cache = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) ptr_entry_free);
  e = g_hash_table_lookup (ptr_cache, msgid);
  if (e == NULL || strcmp (e->msgid, msgid) != 0)
    {
      t = kepil_i18n_gettext_in (kepil_i18n_language (), msgid);
      if (g_hash_table_size (ptr_cache) >= 65536)
        g_hash_table_remove_all (ptr_cache);  /* only callers with strings of their own can fill it */
      e = g_new (PtrEntry, 1);
      e->msgid = g_strdup (msgid);
      e->translation = t == msgid ? NULL : t;
      g_hash_table_replace (ptr_cache, (gpointer) msgid, e);
    }
  t = e->translation != NULL ? e->translation : msgid;
  g_mutex_unlock (&ptr_lock);
  return t;
}

static guint
plural_index (const char *lang, gulong n)
{
  if (g_str_equal (lang, "ru"))
    return (n % 10 == 1 && n % 100 != 11) ? 0
         : (n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 10 || n % 100 >= 20)) ? 1 : 2;
  return n != 1 ? 1 : 0;  /* kk and en: two forms */
}

const char *
kepil_ngettext_in (const char *lang, const char *msgid, const char *msgid_plural, gulong n)
{
  const char *l = normalise_lang (lang);
  g_autofree char *key = NULL;
  const char *t;
  gsize lid = strlen (msgid), lpl = strlen (msgid_plural);
  guint idx;

  if (l == NULL || g_str_equal (l, "en"))
    return n == 1 ? msgid : msgid_plural;
  /* The key in a .mo is "msgid\0msgid_plural"; hashing stops at the first NUL,
   * so look up by msgid and then walk the forms. */
  key = g_malloc (lid + lpl + 2);
  memcpy (key, msgid, lid + 1);
  memcpy (key + lid + 1, msgid_plural, lpl + 1);
  t = g_hash_table_lookup (catalogue_get (l)->table, key);
  if (t == NULL || *t == '\0')
    return n == 1 ? msgid : msgid_plural;
  idx = plural_index (l, n);
  for (guint i = 0; i < idx; i++)
    {
      const char *next = t + strlen (t) + 1;
      if (*next == '\0')
        break;
      t = next;
    }
  return t;
}

const char *
kepil_ngettext (const char *msgid, const char *msgid_plural, gulong n)
{
  return kepil_ngettext_in (kepil_i18n_language (), msgid, msgid_plural, n);
}
