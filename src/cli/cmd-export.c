/* cmd-export.c — kepil-cli export DOCUMENT --out FILE.xlsx [--lang kk|ru|kk+ru] [--campaign ID]
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "cli-common.h"
#include "kepil-export.h"
#include "kepil-fingerprint.h"
#include "kepil-json.h"

#include <string.h>

int cli_cmd_export (CliContext *ctx, int argc, char **argv);

int
cli_cmd_export (CliContext *ctx, int argc, char **argv)
{
  g_autoptr (KepilDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL, *doc_lang = NULL, *fingerprint = NULL;
  gint64 campaign = 0;
  const char *document, *lang;
  GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("the workbook to write (.xlsx)"), N_("FILE") },
    { "campaign", 0, 0, G_OPTION_ARG_INT64, &campaign, N_("the attestation campaign (default: the latest)"), N_("ID") },
    /* The global --lang takes kk and ru; kk+ru reaches the command as its own. */
    { "doc-lang", 0, 0, G_OPTION_ARG_STRING, &doc_lang, N_("the language of the document: kk, ru or kk+ru"), N_("LANG") },
    { NULL }
  };

  if (!cli_parse_options (ctx, entries, "act|order|protocols|results|comparison|leave-roster", &argc, &argv))
    return CLI_USAGE;
  if (argc < 2)
    return cli_usage (ctx, _("name the document: act, order, protocols, results, comparison or leave-roster"));
  if (argc > 2)
    return cli_usage (ctx, _("unexpected argument “%s”"), argv[2]);
  document = argv[1];
  if (!g_strv_contains (kepil_export_documents (), document))
    return cli_usage (ctx, _("unknown document “%s”: choose act, order, protocols, results, comparison or leave-roster"),
                      document);
  if (out == NULL)
    return cli_usage (ctx, _("this command needs --out FILE.xlsx"));
  lang = doc_lang != NULL ? doc_lang : ctx->lang != NULL ? ctx->lang : "kk+ru";
  if (!g_strv_contains (kepil_export_languages (), lang))
    return cli_usage (ctx, _("the language of a document must be kk, ru or kk+ru"));
  if (campaign < 0)
    return cli_usage (ctx, _("--campaign must be a campaign id"));

  /* Not read-only: the first evaluation of a file loads the shipped Lists and
   * methodology into it.  The export itself changes no enterprise data. */
  db = cli_open_db (ctx, FALSE);
  if (db == NULL)
    return ctx->db_path ? CLI_FAIL : CLI_USAGE;
  if (!kepil_export_document (db, document, lang, campaign, out, NULL, &error))
    return cli_fail (ctx, error);
  if (g_str_equal (document, "act"))
    fingerprint = kepil_data_fingerprint (db, campaign, NULL);

  if (ctx->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) n = NULL;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "document");
      json_builder_add_string_value (b, document);
      json_builder_set_member_name (b, "lang");
      json_builder_add_string_value (b, lang);
      json_builder_set_member_name (b, "out");
      json_builder_add_string_value (b, out);
      json_builder_set_member_name (b, "campaign");
      json_builder_add_int_value (b, campaign > 0 ? campaign : kepil_store_resolve_campaign (db, 0, NULL));
      json_builder_set_member_name (b, "fingerprint");
      if (fingerprint != NULL)
        json_builder_add_string_value (b, fingerprint);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
      n = json_builder_get_root (b);
      cli_print_json (n);
    }
  else
    g_print (_("Wrote %s (%s, %s).\n"), out, kepil_export_document_title (document), lang);
  return CLI_OK;
}
