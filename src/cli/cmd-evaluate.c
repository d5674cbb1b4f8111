/* cmd-evaluate.c — kepil-cli evaluate [classes|list] : dispatch to the engines
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "cli-common.h"

int cli_cmd_evaluate (CliContext *ctx, int argc, char **argv);
/* Each lives with its engine's commands; weak so that a part can be left out. */
int cli_evaluate_classes (CliContext *ctx, int argc, char **argv) __attribute__ ((weak));
int cli_evaluate_list (CliContext *ctx, int argc, char **argv) __attribute__ ((weak));
int cli_evaluate_full (CliContext *ctx, int argc, char **argv) __attribute__ ((weak));

int
cli_cmd_evaluate (CliContext *ctx, int argc, char **argv)
{
  int (*fn) (CliContext *, int, char **) = cli_evaluate_full;

  if (argc > 1 && g_str_equal (argv[1], "classes"))
    fn = cli_evaluate_classes;
  else if (argc > 1 && g_str_equal (argv[1], "list"))
    fn = cli_evaluate_list;
  if (fn == NULL)
    return cli_usage (ctx, _("this build of kepil-cli cannot evaluate that"));
  if (fn != cli_evaluate_full)
    {
      /* Drop the sub-command word. */
      argv[1] = argv[0];
      return fn (ctx, argc - 1, argv + 1);
    }
  return fn (ctx, argc, argv);
}
