/* kepil-match.c — the title normaliser and the matching of workplaces to entries of the Lists
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Staff lists write titles their own way ("э/газосварщик", "Слесарь-ремонтник 5 разр.",
 * "Машинист крана (крановщик)"), the Lists another.  Both are brought to the same
 * tokens (case, ё/е, abbreviations from resources/data/lists/abbreviations.csv, stop
 * words), and compared as sets of words, so that word order does not matter.
 * SQLite FTS5 with the trigram tokenizer finds the candidates; the score is computed
 * here from word coverage and the production.
 */
#include "kepil-config.h"
#include "kepil-match.h"
#include "kepil-error.h"
#include "kepil-i18n.h"
#include "kepil-json.h"

#include <string.h>

/* ---- abbreviations ------------------------------------------------------------ */

typedef struct {
  GPtrArray  *prefix_from;   /* longest first */
  GPtrArray  *prefix_to;
  GHashTable *words;         /* abbreviation → expansion */
  GHashTable *stop;
} Abbreviations;

static Abbreviations *
abbreviations (void)
{
  static gsize once = 0;
  static Abbreviations *abbr;

  if (g_once_init_enter (&once))
    {
      Abbreviations *a = g_new0 (Abbreviations, 1);
      g_autoptr (GBytes) bytes = g_resources_lookup_data ("/kz/kepil/lists/abbreviations.csv", 0, NULL);
      g_autoptr (GPtrArray) rows = NULL;
      g_autoptr (GPtrArray) pairs = g_ptr_array_new ();

      a->prefix_from = g_ptr_array_new_with_free_func (g_free);
      a->prefix_to = g_ptr_array_new_with_free_func (g_free);
      a->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      a->stop = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      if (bytes != NULL)
        {
          gsize len;
          const char *text = g_bytes_get_data (bytes, &len);
          rows = kepil_lists_csv_read (text, len, "abbreviations.csv", NULL);
        }
      for (guint i = 1; rows != NULL && i < rows->len; i++)
        {
          KepilCsvRow *r = g_ptr_array_index (rows, i);
          guint n = g_strv_length (r->fields);
          g_autofree char *from = NULL;
          if (n < 2)
            continue;
          from = g_utf8_strdown (r->fields[1], -1);
          if (g_str_equal (r->fields[0], "prefix") && n >= 3)
            {
              g_ptr_array_add (pairs, r);
            }
          else if (g_str_equal (r->fields[0], "word") && n >= 3)
            g_hash_table_replace (a->words, g_steal_pointer (&from), g_utf8_strdown (r->fields[2], -1));
          else if (g_str_equal (r->fields[0], "stop"))
            g_hash_table_add (a->stop, g_steal_pointer (&from));
        }
      /* Longest prefix first, so that "э/газо" wins over "э/". */
      for (guint done = 0; done < pairs->len; done++)
        {
          guint best = 0;
          gsize best_len = 0;
          for (guint i = 0; i < pairs->len; i++)
            {
              KepilCsvRow *r = g_ptr_array_index (pairs, i);
              if (r == NULL)
                continue;
              if (strlen (r->fields[1]) > best_len)
                {
                  best = i;
                  best_len = strlen (r->fields[1]);
                }
            }
          {
            KepilCsvRow *r = g_ptr_array_index (pairs, best);
            g_ptr_array_add (a->prefix_from, g_utf8_strdown (r->fields[1], -1));
            g_ptr_array_add (a->prefix_to, g_utf8_strdown (r->fields[2], -1));
            pairs->pdata[best] = NULL;
          }
        }
      abbr = a;
      g_once_init_leave (&once, 1);
    }
  return abbr;
}

/* ---- the normaliser ----------------------------------------------------------- */

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c);
}

/* TRUE when NFKC leaves @text as it is: only printable ASCII, white space and the Cyrillic block
 * U+0400–U+04FF (no compatibility forms, no combining marks; checked for every character and pair
 * of these against Unicode 14), which is nearly every name of the Lists.  Saves g_utf8_normalize(),
 * the largest cost of reading 8,940 entries. */
static gboolean
nfkc_stable (const char *text)
{
  for (const unsigned char *p = (const unsigned char *) text; *p; p++)
    {
      if ((*p >= 0x20 && *p < 0x7f) || (*p >= 0x09 && *p <= 0x0d))
        continue;
      /* U+0400–U+04FF is 0xD0 0x80 … 0xD3 0xBF in UTF-8. */
      if (*p >= 0xd0 && *p <= 0xd3 && p[1] >= 0x80 && p[1] <= 0xbf)
        {
          p++;
          continue;
        }
      return FALSE;
    }
  return TRUE;
}

/* Lower case, compatibility forms (P₂O₅ → p2o5), ё → е. */
static char *
fold (const char *text)
{
  g_autofree char *nfkc = text != NULL && nfkc_stable (text) ? g_strdup (text)
                                                             : g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_NFKC);
  g_autofree char *low = g_utf8_strdown (nfkc ? nfkc : "", -1);
  GString *s = g_string_sized_new (strlen (low));

  for (const char *p = low; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == 0x0451) /* ё */
        c = 0x0435;
      else if (c == 0x00A0 || c == 0x2009 || c == 0x202F)
        c = ' ';
      g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

static char *
expand_prefixes (const char *text)
{
  Abbreviations *a = abbreviations ();
  GString *s = g_string_new (text);

  for (guint k = 0; k < a->prefix_from->len; k++)
    {
      const char *from = g_ptr_array_index (a->prefix_from, k);
      const char *to = g_ptr_array_index (a->prefix_to, k);
      gsize flen = strlen (from);
      gsize pos = 0;
      char *hit;

      while (pos < s->len && (hit = strstr (s->str + pos, from)) != NULL)
        {
          gsize at = (gsize) (hit - s->str);
          gboolean at_start = at == 0 || !is_word_char (g_utf8_get_char (g_utf8_prev_char (hit)));
          if (!at_start)
            {
              pos = at + 1;
              continue;
            }
          {
            gsize end = at + flen;
            /* A prefix is glued to the word that follows it. */
            while (end < s->len && (s->str[end] == ' ' || s->str[end] == '-'))
              end++;
            g_string_erase (s, (gssize) at, (gssize) (end - at));
            g_string_insert (s, (gssize) at, to);
            pos = at + strlen (to);
          }
        }
    }
  return g_string_free (s, FALSE);
}

char **
kepil_lists_tokens (const char *text)
{
  Abbreviations *a = abbreviations ();
  g_autofree char *folded = fold (text);
  g_autofree char *expanded = expand_prefixes (folded);
  g_auto (GStrv) words = g_strsplit_set (expanded, " \t\r\n", -1);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; words[i] != NULL; i++)
    {
      char *w = g_strstrip (words[i]);
      const char *expansion;
      g_autofree char *trimmed = NULL;
      GString *cur;

      if (*w == '\0')
        continue;
      /* Strip surrounding brackets and commas but keep a final dot: "ст." is a word. */
      while (*w == '(' || *w == '"' || *w == '\xc2')
        {
          if (*w == '\xc2' && (w[1] == '\xab'))
            w += 2;
          else if (*w == '\xc2')
            break;
          else
            w++;
        }
      trimmed = g_strdup (w);
      {
        gsize l = strlen (trimmed);
        while (l > 0 && strchr ("),;:\"", trimmed[l - 1]) != NULL)
          trimmed[--l] = '\0';
      }
      expansion = g_hash_table_lookup (a->words, trimmed);
      if (expansion == NULL && g_str_has_suffix (trimmed, ","))
        expansion = NULL;
      cur = g_string_new (NULL);
      {
        const char *src = expansion ? expansion : trimmed;
        for (const char *p = src;; p = g_utf8_next_char (p))
          {
            gunichar c = *p ? g_utf8_get_char (p) : 0;
            if (c != 0 && is_word_char (c))
              {
                g_string_append_unichar (cur, c);
                continue;
              }
            if (cur->len > 0)
              {
                const char *w2 = g_hash_table_lookup (a->words, cur->str);
                if (w2 != NULL && expansion == NULL && strchr (w2, ' ') == NULL)
                  g_string_assign (cur, w2);
                if (w2 != NULL && expansion == NULL && strchr (w2, ' ') != NULL)
                  {
                    g_auto (GStrv) parts = g_strsplit (w2, " ", -1);
                    for (guint k = 0; parts[k]; k++)
                      if (*parts[k] && !g_hash_table_contains (a->stop, parts[k]))
                        g_ptr_array_add (out, g_strdup (parts[k]));
                  }
                else if (g_utf8_strlen (cur->str, -1) > 1 && !g_hash_table_contains (a->stop, cur->str))
                  {
                    gboolean dup = FALSE;
                    for (guint k = 0; k < out->len && !dup; k++)
                      dup = g_str_equal (g_ptr_array_index (out, k), cur->str);
                    if (!dup)
                      g_ptr_array_add (out, g_strdup (cur->str));
                  }
                g_string_truncate (cur, 0);
              }
            if (c == 0)
              break;
          }
      }
      g_string_free (cur, TRUE);
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

char *
kepil_lists_normalize (const char *text)
{
  g_auto (GStrv) t = kepil_lists_tokens (text);
  return g_strjoinv (" ", t);
}

static gboolean
token_match_len (const char *a, glong la, const char *b, glong lb)
{
  const char *p = a, *q = b;
  glong cp = 0, minl, maxl;

  if (g_str_equal (a, b))
    return TRUE;
  while (*p && *q)
    {
      gunichar x = g_utf8_get_char (p), y = g_utf8_get_char (q);
      if (x != y)
        break;
      cp++;
      p = g_utf8_next_char (p);
      q = g_utf8_next_char (q);
    }
  minl = MIN (la, lb);
  maxl = MAX (la, lb);
  /* The same stem with another ending: "фосфора"/"фосфор", "слесаря"/"слесарь". */
  return cp >= 4 && cp >= minl - 2 && maxl - cp <= 3;
}

gboolean
kepil_lists_token_match (const char *a, const char *b)
{
  return token_match_len (a, g_utf8_strlen (a, -1), b, g_utf8_strlen (b, -1));
}

static char *
fts_query (const char *normalized, const char *op)
{
  g_auto (GStrv) t = g_strsplit (normalized ? normalized : "", " ", -1);
  GString *q = g_string_new (NULL);

  for (guint i = 0; t[i] != NULL; i++)
    {
      glong n = g_utf8_strlen (t[i], -1);
      glong keep;
      const char *end;
      if (n < 3)
        continue;
      keep = MAX (3, n - 2);
      end = g_utf8_offset_to_pointer (t[i], keep);
      g_string_append_printf (q, "%s\"%.*s\"", q->len ? op : "", (int) (end - t[i]), t[i]);
    }
  if (q->len == 0)
    {
      g_string_free (q, TRUE);
      return NULL;
    }
  g_string_prepend (q, "name : (");
  g_string_append (q, ")");
  return g_string_free (q, FALSE);
}

char *
kepil_lists_fts_query (const char *normalized)
{
  return fts_query (normalized, " OR ");
}

/* ---- the matcher ---------------------------------------------------------------- */

typedef struct {
  char **s;
  glong *n;
  guint  len;
} Toks;

static void
toks_init (Toks *t, const char *text)
{
  t->s = kepil_lists_tokens (text);
  t->len = g_strv_length (t->s);
  t->n = g_new (glong, t->len + 1);
  for (guint i = 0; i < t->len; i++)
    t->n[i] = g_utf8_strlen (t->s[i], -1);
}

/* Same, remembering the words of each text in @memo (text → GStrv): the production and section
 * texts repeat across thousands of entries. */
static void
toks_init_memo (Toks *t, const char *text, GHashTable *memo)
{
  char **words = g_hash_table_lookup (memo, text ? text : "");

  if (words == NULL)
    {
      words = kepil_lists_tokens (text);
      g_hash_table_insert (memo, g_strdup (text ? text : ""), words);
    }
  t->s = g_strdupv (words);
  t->len = g_strv_length (t->s);
  t->n = g_new (glong, t->len + 1);
  for (guint i = 0; i < t->len; i++)
    t->n[i] = g_utf8_strlen (t->s[i], -1);
}

static void
toks_clear (Toks *t)
{
  g_strfreev (t->s);
  g_free (t->n);
}

/* How many of @a's words are found among @b's. */
static guint
toks_found (const Toks *a, const Toks *b)
{
  guint found = 0;
  for (guint i = 0; i < a->len; i++)
    for (guint j = 0; j < b->len; j++)
      if (token_match_len (a->s[i], a->n[i], b->s[j], b->n[j]))
        {
          found++;
          break;
        }
  return found;
}

typedef struct {
  KepilListEntry *e;
  Toks            name;
  Toks            head;
  Toks            kk;
  Toks            prod;
  GPtrArray      *aliases;   /* of Toks* */
} MEntry;

static void
mentry_free (gpointer p)
{
  MEntry *m = p;
  toks_clear (&m->name);
  toks_clear (&m->head);
  toks_clear (&m->kk);
  toks_clear (&m->prod);
  if (m->aliases)
    g_ptr_array_unref (m->aliases);
  kepil_list_entry_free (m->e);
  g_free (m);
}

static void
toks_free (gpointer p)
{
  toks_clear (p);
  g_free (p);
}

typedef struct {
  MEntry *m;
  double  name_score;
} NameHit;

struct _KepilMatcher {
  KepilDb    *db;
  GHashTable *by_id;        /* gint64* → MEntry* */
  GPtrArray  *milk;         /* MEntry* */
  GPtrArray  *lpp;          /* MEntry* */
  GHashTable *name_cache;   /* "ru\x1fkk" → GArray of NameHit */
  GHashTable *stem_cache;   /* stem → GArray of entry ids */
  GHashTable *cache;        /* "prod\x1fru\x1fkk" → GPtrArray of KepilMatchCandidate* */
  GHashTable *sections;     /* "list\x1fsection" → name */
  GHashTable *words;        /* text → its words (GStrv): entry texts and workplaces' productions repeat */
  double      threshold;
  double      w_cov, w_head, prod_floor, general_factor, min_name;
  guint       keep;
  guint       fts_limit;
};

/* The head of an entry's name: the profession before its conditions
 * ("Слесарь-ремонтник, занятый …" → "Слесарь-ремонтник"). */
static char *
name_head (const char *name)
{
  const char *seps[] = { ",", " - ", " – ", "(", ":", ";", NULL };
  gsize cut = strlen (name);
  for (guint i = 0; seps[i]; i++)
    {
      const char *p = strstr (name, seps[i]);
      if (p != NULL && (gsize) (p - name) < cut && p != name)
        cut = (gsize) (p - name);
    }
  return g_strndup (name, cut);
}

static double
rule_double (JsonObject *o, const char *member, double fallback)
{
  return o ? kepil_json_double (o, member, fallback) : fallback;
}

KepilMatcher *
kepil_matcher_new (KepilDb *db, GError **error)
{
  g_autoptr (GPtrArray) entries = NULL;
  GHashTable *memo;
  KepilMatcher *m;
  JsonNode *thr = kepil_lists_rule ("match_threshold");
  JsonNode *w = kepil_lists_rule ("matching");
  JsonObject *wo = w && JSON_NODE_HOLDS_OBJECT (w) ? json_node_get_object (w) : NULL;

  if (!kepil_lists_ensure_loaded (db, error))
    return NULL;
  entries = kepil_store_lists_active_entries (db, NULL, error);
  if (entries == NULL)
    return NULL;

  m = g_new0 (KepilMatcher, 1);
  m->db = g_object_ref (db);
  m->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, mentry_free);
  m->milk = g_ptr_array_new ();
  m->lpp = g_ptr_array_new ();
  m->name_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  m->stem_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  m->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  m->sections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  m->words = memo = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  m->threshold = thr ? json_node_get_double (thr) : 0.7;
  m->w_cov = rule_double (wo, "name_coverage_weight", 0.7);
  m->w_head = rule_double (wo, "name_head_weight", 0.3);
  m->prod_floor = rule_double (wo, "production_floor", 0.5);
  m->general_factor = rule_double (wo, "general_factor", 0.9);
  m->fts_limit = (guint) rule_double (wo, "candidates", 300);
  m->min_name = rule_double (wo, "min_name_score", 0.3);
  m->keep = (guint) rule_double (wo, "keep", 60);

  for (const char * const *l = kepil_lists_names (); *l; l++)
    {
      g_autoptr (GHashTable) secs = kepil_store_lists_sections (db, *l, NULL);
      GHashTableIter it;
      gpointer k, v;
      if (secs == NULL)
        continue;
      g_hash_table_iter_init (&it, secs);
      while (g_hash_table_iter_next (&it, &k, &v))
        g_hash_table_replace (m->sections, g_strconcat (*l, "\x1f", (const char *) k, NULL),
                              g_strdup (((KepilListSection *) v)->name_ru));
    }

  for (guint i = 0; i < entries->len; i++)
    {
      KepilListEntry *e = g_ptr_array_index (entries, i);
      MEntry *me = g_new0 (MEntry, 1);
      g_autofree char *head = name_head (e->name_ru);
      const char *secname = kepil_matcher_section_name (m, e->list, e->section);
      g_autofree char *prod = g_strjoin (" ", secname ? secname : "", e->chapter, e->production, NULL);

      me->e = e;
      toks_init_memo (&me->name, e->name_ru, memo);
      toks_init_memo (&me->head, head, memo);
      toks_init_memo (&me->kk, e->name_kk, memo);
      toks_init_memo (&me->prod, prod, memo);
      if (e->aliases[0] != '\0')
        {
          g_auto (GStrv) al = g_strsplit (e->aliases, "|", -1);
          me->aliases = g_ptr_array_new_with_free_func (toks_free);
          for (guint k = 0; al[k]; k++)
            {
              Toks *t = g_new0 (Toks, 1);
              toks_init_memo (t, al[k], memo);
              if (t->len > 0)
                g_ptr_array_add (me->aliases, t);
              else
                toks_free (t);
            }
        }
      g_hash_table_insert (m->by_id, &e->id, me);
      if (g_str_equal (e->list, "milk"))
        g_ptr_array_add (m->milk, me);
      else if (g_str_equal (e->list, "lpp"))
        g_ptr_array_add (m->lpp, me);
    }
  /* The entries now belong to the matcher's MEntry records. */
  g_ptr_array_set_free_func (entries, NULL);
  return m;
}

void
kepil_matcher_free (KepilMatcher *m)
{
  if (m == NULL)
    return;
  g_hash_table_unref (m->cache);
  g_hash_table_unref (m->name_cache);
  g_hash_table_unref (m->stem_cache);
  g_hash_table_unref (m->sections);
  g_hash_table_unref (m->words);
  g_ptr_array_unref (m->milk);
  g_ptr_array_unref (m->lpp);
  g_hash_table_unref (m->by_id);
  g_object_unref (m->db);
  g_free (m);
}

const char *
kepil_matcher_section_name (KepilMatcher *m, const char *list, const char *section)
{
  g_autofree char *key = g_strconcat (list, "\x1f", section, NULL);
  return g_hash_table_lookup (m->sections, key);
}

KepilListEntry *
kepil_matcher_entry (KepilMatcher *m, gint64 entry_id)
{
  MEntry *me = g_hash_table_lookup (m->by_id, &entry_id);
  return me ? me->e : NULL;
}

double
kepil_matcher_threshold (KepilMatcher *m)
{
  return m->threshold;
}

static double
name_score (KepilMatcher *m, const Toks *q, const Toks *name, const Toks *head)
{
  double cov, prec;
  if (q->len == 0 || name->len == 0)
    return 0;
  cov = (double) toks_found (q, name) / q->len;
  prec = head->len ? (double) toks_found (head, q) / head->len : cov;
  return m->w_cov * cov + m->w_head * prec;
}

/* Entries holding the stem of a word, cached per stem: staff lists repeat their words. */
static GArray *
stem_ids (KepilMatcher *m, const char *token, glong n, GError **error)
{
  const char *end = g_utf8_offset_to_pointer (token, MAX (3, n - 2));
  g_autofree char *stem = g_strndup (token, (gsize) (end - token));
  GArray *ids = g_hash_table_lookup (m->stem_cache, stem);
  g_autofree char *query = NULL;

  if (ids != NULL)
    return ids;
  query = g_strdup_printf ("name : \"%s\"", stem);
  ids = kepil_store_lists_fts_all (m->db, query, G_MAXINT, error);
  if (ids == NULL)
    return NULL;
  g_hash_table_insert (m->stem_cache, g_steal_pointer (&stem), ids);
  return ids;
}

/* Entries that hold at least half of the title's words (at least one). */
static GArray *
stem_union (KepilMatcher *m, const Toks *q, GError **error)
{
  g_autoptr (GHashTable) count = g_hash_table_new (g_int64_hash, g_int64_equal);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint words = 0, need;
  GHashTableIter it;
  gpointer k, v;

  for (guint i = 0; i < q->len; i++)
    {
      GArray *ids;
      if (q->n[i] < 3)
        continue;
      words++;
      ids = stem_ids (m, q->s[i], q->n[i], error);
      if (ids == NULL)
        {
          g_array_unref (out);
          return NULL;
        }
      for (guint j = 0; j < ids->len; j++)
        {
          gint64 *id = &g_array_index (ids, gint64, j);
          g_hash_table_insert (count, id, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (count, id)) + 1));
        }
    }
  need = MAX (1, (words + 1) / 2);
  g_hash_table_iter_init (&it, count);
  while (g_hash_table_iter_next (&it, &k, &v))
    if (GPOINTER_TO_UINT (v) >= need)
      g_array_append_val (out, *(gint64 *) k);
  return out;
}

static int
hit_cmp (gconstpointer a, gconstpointer b)
{
  const NameHit *x = a, *y = b;
  if (x->name_score != y->name_score)
    return x->name_score > y->name_score ? -1 : 1;
  return x->m->e->id < y->m->e->id ? -1 : (x->m->e->id > y->m->e->id);
}

/* Entries whose name resembles the profession, with their name score; cached per title. */
static GArray *
name_hits (KepilMatcher *m, const char *ru, const char *kk, GError **error)
{
  g_autofree char *key = g_strconcat (ru ? ru : "", "\x1f", kk ? kk : "", NULL);
  GArray *hits = g_hash_table_lookup (m->name_cache, key);
  Toks qru, qkk;

  if (hits != NULL)
    return hits;
  hits = g_array_new (FALSE, FALSE, sizeof (NameHit));
  toks_init (&qru, ru);
  toks_init (&qkk, kk);
  for (int pass = 0; pass < 2; pass++)
    {
      Toks *q = pass == 0 ? &qru : &qkk;
      g_autoptr (GArray) ids = stem_union (m, q, error);
      if (ids == NULL)
        {
          toks_clear (&qru);
          toks_clear (&qkk);
          g_array_unref (hits);
          return NULL;
        }
      for (guint i = 0; i < ids->len; i++)
        {
          gint64 id = g_array_index (ids, gint64, i);
          MEntry *me = g_hash_table_lookup (m->by_id, &id);
          double s;
          gboolean seen = FALSE;
          if (me == NULL || g_str_equal (me->e->list, "milk") || g_str_equal (me->e->list, "lpp"))
            continue;
          s = pass == 0 ? name_score (m, q, &me->name, &me->head) : name_score (m, q, &me->kk, &me->kk);
          for (guint k = 0; k < hits->len; k++)
            {
              NameHit *h = &g_array_index (hits, NameHit, k);
              if (h->m == me)
                {
                  h->name_score = MAX (h->name_score, s);
                  seen = TRUE;
                }
            }
          if (!seen && s >= m->min_name)
            {
              NameHit h = { me, s };
              g_array_append_val (hits, h);
            }
        }
    }
  toks_clear (&qru);
  toks_clear (&qkk);
  /* Best names first; the production only reorders the best few. */
  g_array_sort (hits, hit_cmp);
  if (hits->len > m->keep)
    g_array_set_size (hits, m->keep);
  g_hash_table_insert (m->name_cache, g_steal_pointer (&key), hits);
  return hits;
}

static int
candidate_cmp (gconstpointer a, gconstpointer b)
{
  const KepilMatchCandidate *x = *(KepilMatchCandidate * const *) a;
  const KepilMatchCandidate *y = *(KepilMatchCandidate * const *) b;
  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return x->entry->id < y->entry->id ? -1 : (x->entry->id > y->entry->id);
}

GPtrArray *
kepil_matcher_candidates (KepilMatcher *m, const char *production, const char *units,
                          const char *profession_ru, const char *profession_kk, GError **error)
{
  const char *where = production && *production ? production : (units ? units : "");
  g_autofree char *key = g_strconcat (where, "\x1f", profession_ru ? profession_ru : "", "\x1f",
                                      profession_kk ? profession_kk : "", NULL);
  GPtrArray *out = g_hash_table_lookup (m->cache, key);
  GArray *hits;
  Toks wp;
  gboolean specific_here = FALSE;

  if (out != NULL)
    return out;
  hits = name_hits (m, profession_ru, profession_kk, error);
  if (hits == NULL)
    return NULL;
  toks_init (&wp, where);
  out = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < hits->len; i++)
    {
      NameHit *h = &g_array_index (hits, NameHit, i);
      KepilMatchCandidate *c = g_new0 (KepilMatchCandidate, 1);
      c->entry = h->m->e;
      c->general = h->m->e->general;
      c->name_score = h->name_score;
      c->production_score = -1;
      if (wp.len == 0)
        c->score = h->name_score;
      else if (c->general)
        c->score = h->name_score * m->general_factor;
      else
        {
          c->production_score = h->m->prod.len ? (double) toks_found (&wp, &h->m->prod) / wp.len : 0;
          c->score = h->name_score * (m->prod_floor + (1 - m->prod_floor) * c->production_score);
          /* A specific section of this production lists the profession. */
          if (g_str_equal (c->entry->list, "1053") && c->production_score >= 0.5 &&
              c->name_score >= m->threshold)
            specific_here = TRUE;
        }
      g_ptr_array_add (out, c);
    }
  /* "General professions of all branches" apply unless a specific section of the
   * workplace's production lists the profession. */
  if (specific_here)
    for (guint i = out->len; i-- > 0;)
      {
        KepilMatchCandidate *c = g_ptr_array_index (out, i);
        if (c->general)
          g_ptr_array_remove_index (out, i);
      }
  g_ptr_array_sort (out, candidate_cmp);
  toks_clear (&wp);
  g_hash_table_insert (m->cache, g_steal_pointer (&key), out);
  return out;
}

/* Every word of @phrase is among the words of @text. */
static gboolean
phrase_in (const Toks *phrase, const Toks *text)
{
  return phrase->len > 0 && toks_found (phrase, text) == phrase->len;
}

GPtrArray *
kepil_matcher_milk (KepilMatcher *m, const char *agents)
{
  GPtrArray *out = g_ptr_array_new ();
  g_auto (GStrv) list = g_strsplit (agents ? agents : "", "|", -1);

  for (guint a = 0; list[a] != NULL; a++)
    {
      Toks t;
      if (*list[a] == '\0')
        continue;
      toks_init_memo (&t, list[a], m->words);
      for (guint i = 0; i < m->milk->len; i++)
        {
          MEntry *me = g_ptr_array_index (m->milk, i);
          gboolean hit = phrase_in (&me->name, &t);
          for (guint k = 0; !hit && me->aliases && k < me->aliases->len; k++)
            hit = phrase_in (g_ptr_array_index (me->aliases, k), &t);
          if (hit && !g_ptr_array_find (out, me->e, NULL))
            g_ptr_array_add (out, me->e);
        }
      toks_clear (&t);
    }
  return out;
}

GPtrArray *
kepil_matcher_lpp (KepilMatcher *m, const char *production, const char *units)
{
  GPtrArray *out = g_ptr_array_new ();
  g_autofree char *where = g_strjoin (" ", production ? production : "", units ? units : "", NULL);
  Toks t;
  guint best_len = 0;

  toks_init_memo (&t, where, m->words);
  for (guint i = 0; i < m->lpp->len; i++)
    {
      MEntry *me = g_ptr_array_index (m->lpp, i);
      guint len = 0;
      for (guint k = 0; me->aliases && k < me->aliases->len; k++)
        {
          Toks *al = g_ptr_array_index (me->aliases, k);
          if (phrase_in (al, &t))
            len = MAX (len, al->len);
        }
      if (len == 0)
        continue;
      /* The most specific ration first. */
      if (len > best_len)
        {
          g_ptr_array_insert (out, 0, me->e);
          best_len = len;
        }
      else
        g_ptr_array_add (out, me->e);
    }
  toks_clear (&t);
  return out;
}
