/* kepil-cli.c — the command-line face of Kepil
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kepil-cli [--db FILE] [--lang kk|ru|en] [--role R] [--user NAME] COMMAND [ARGS] [--json]
 * Exit 0 on success, 1 on a failure (one sentence on stderr), 2 on wrong usage.
 * The commands, options and JSON fields are a contract: extend, never rename.
 */
#include "kepil-config.h"
#include "cli-common.h"

#include <locale.h>
#include <string.h>

/* Each command lives in a cmd-*.c file.  The references are weak so that a
 * build without a part (for example a fuzzing build) still links; a missing
 * command is then reported as unavailable. */
#define CLI_COMMAND(fn) int fn (CliContext *ctx, int argc, char **argv) __attribute__ ((weak))
CLI_COMMAND (cli_cmd_init);
CLI_COMMAND (cli_cmd_demo);
CLI_COMMAND (cli_cmd_show);
CLI_COMMAND (cli_cmd_classify);
CLI_COMMAND (cli_cmd_evaluate);
CLI_COMMAND (cli_cmd_lists);
CLI_COMMAND (cli_cmd_risk);
CLI_COMMAND (cli_cmd_whatif);
CLI_COMMAND (cli_cmd_export);
CLI_COMMAND (cli_cmd_import);
CLI_COMMAND (cli_cmd_template);
CLI_COMMAND (cli_cmd_finalize);
CLI_COMMAND (cli_cmd_verify);
CLI_COMMAND (cli_cmd_findings);
CLI_COMMAND (cli_cmd_package);
CLI_COMMAND (cli_cmd_generate);
CLI_COMMAND (cli_cmd_norms);
CLI_COMMAND (cli_cmd_methodology);
CLI_COMMAND (cli_cmd_backup);
CLI_COMMAND (cli_cmd_history);


static int
run_command (CliContext *ctx, int argc, char **argv)
{
  const struct {
    const char *name;
    int (*func) (CliContext *, int, char **);
    const char *summary;
  } commands[] = {
    { "init", cli_cmd_init, N_("create a database or upgrade it") },
    { "demo", cli_cmd_demo, N_("load the demo plant and clinic into the database") },
    { "show", cli_cmd_show, N_("show the enterprise, units, workplaces and measurements") },
    { "classify", cli_cmd_classify, N_("classify one measured value") },
    { "evaluate", cli_cmd_evaluate, N_("classify, match the Lists, score the risk and compare") },
    { "lists", cli_cmd_lists, N_("import and match the legal Lists") },
    { "risk", cli_cmd_risk, N_("compute R_ind and its level from the five inputs") },
    { "whatif", cli_cmd_whatif, N_("recompute a workplace with changed inputs, saving nothing") },
    { "export", cli_cmd_export, N_("write an Excel act or protocol") },
    { "import", cli_cmd_import, N_("import measurements or workplaces from CSV or XLSX") },
    { "template", cli_cmd_template, N_("write the import template") },
    { "finalize", cli_cmd_finalize, N_("finalise an act and fingerprint its data") },
    { "verify", cli_cmd_verify, N_("check the fingerprints of every finalised act") },
    { "findings", cli_cmd_findings, N_("export the inspector's findings") },
    { "package", cli_cmd_package, N_("export or import an exchange file") },
    { "generate", cli_cmd_generate, N_("generate a large enterprise for benchmarks") },
    { "norms", cli_cmd_norms, N_("list, show, copy and load norm sets") },
    { "methodology", cli_cmd_methodology, N_("list, show and copy risk methodologies") },
    { "backup", cli_cmd_backup, N_("list, make and restore backups") },
    { "history", cli_cmd_history, N_("show the audit trail of a record") },
  };

  if (ctx->command == NULL || g_str_equal (ctx->command, "help"))
    {
      g_print ("%s\n\n", _("Usage: kepil-cli [--db FILE] [--lang kk|ru|en] [--role specialist|commission|inspector] [--user NAME] COMMAND [ARGS] [--json]"));
      g_print ("%s\n", _("Commands:"));
      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        if (commands[i].func != NULL)
          g_print ("  %-12s %s\n", commands[i].name, _(commands[i].summary));
      return ctx->command == NULL ? CLI_USAGE : CLI_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, ctx->command))
      {
        if (commands[i].func == NULL)
          return cli_usage (ctx, _("this build of kepil-cli has no command “%s”"), ctx->command);
        return commands[i].func (ctx, argc, argv);
      }
  return cli_usage (ctx, _("unknown command “%s”"), ctx->command);
}

int
main (int argc, char **argv)
{
  CliContext ctx = { 0 };
  g_autoptr (GPtrArray) rest = g_ptr_array_new ();
  const char *role = NULL;
  int i;

  /* Global options may stand anywhere; everything else goes to the command. */
  g_ptr_array_add (rest, argv[0]);
  for (i = 1; i < argc; i++)
    {
      const char *a = argv[i];
#define TAKE(opt, dest)                                                   \
      if (g_str_equal (a, opt))                                           \
        {                                                                 \
          if (i + 1 >= argc)                                              \
            {                                                             \
              kepil_i18n_init (ctx.lang);                                 \
              return cli_usage (&ctx, _("%s needs a value"), opt);        \
            }                                                             \
          dest = argv[++i];                                               \
          continue;                                                       \
        }                                                                 \
      if (g_str_has_prefix (a, opt "="))                                  \
        {                                                                 \
          dest = a + strlen (opt "=");                                    \
          continue;                                                       \
        }
      TAKE ("--db", ctx.db_path)
      TAKE ("--lang", ctx.lang)
      TAKE ("--role", role)
      TAKE ("--user", ctx.user)
#undef TAKE
      if (g_str_equal (a, "--json"))
        {
          ctx.json = TRUE;
          continue;
        }
      if (ctx.command == NULL && (g_str_equal (a, "--help") || g_str_equal (a, "-h")))
        {
          ctx.command = "help";
          continue;
        }
      if (ctx.command == NULL && a[0] != '-')
        {
          ctx.command = a;
          continue;
        }
      g_ptr_array_add (rest, argv[i]);
    }
  g_ptr_array_add (rest, NULL);

  /* "kk+ru" is a language of documents (export); messages then come in Kazakh. */
  if (ctx.lang != NULL && !g_str_equal (ctx.lang, "kk") && !g_str_equal (ctx.lang, "ru") &&
      !g_str_equal (ctx.lang, "en") && !g_str_equal (ctx.lang, "kk+ru"))
    {
      kepil_i18n_init (NULL);
      return cli_usage (&ctx, _("--lang must be kk, ru or en (kk+ru for documents)"));
    }
  kepil_i18n_init (ctx.lang != NULL && g_str_equal (ctx.lang, "kk+ru") ? "kk" : ctx.lang);
  ctx.role = KEPIL_ROLE_SPECIALIST;
  if (role != NULL && !kepil_role_from_string (role, &ctx.role))
    return cli_usage (&ctx, _("--role must be specialist, commission or inspector"));

  return run_command (&ctx, (int) rest->len - 1, (char **) rest->pdata);
}
