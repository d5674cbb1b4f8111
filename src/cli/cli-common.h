/* cli-common.h — what every command of kepil-cli shares
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kepil-db.h"
#include "kepil-i18n.h"
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Exit codes of the contract. */
#define CLI_OK    0
#define CLI_FAIL  1
#define CLI_USAGE 2

typedef struct {
  const char *db_path;   /* --db */
  const char *lang;      /* --lang */
  const char *user;      /* --user */
  KepilRole   role;      /* --role */
  gboolean    json;      /* --json */
  const char *command;
} CliContext;

/* Opens --db (creating it only when @create); prints the error and returns NULL on failure. */
KepilDb *cli_open_db      (CliContext *ctx, gboolean create);
/* Prints "kepil-cli: <message>" on stderr and returns CLI_FAIL. */
int      cli_fail         (CliContext *ctx, GError *error);
/* Prints a usage error and returns CLI_USAGE. */
int      cli_usage        (CliContext *ctx, const char *fmt, ...) G_GNUC_PRINTF (2, 3);
/* Prints one JSON document on stdout. */
void     cli_print_json   (JsonNode *node);
/* Parses the command's own options; returns FALSE (after printing) on wrong usage. */
gboolean cli_parse_options (CliContext *ctx, GOptionEntry *entries, const char *params,
                            int *argc, char ***argv);

/* A command's result that is no longer needed just before the process exits: kept reachable instead of freed
 * (freeing the hundreds of thousands of JSON nodes of a whole evaluation took a fifth of its CPU time, and
 * the process's exit gives the memory back at once).  With KEPIL_FREE_AT_EXIT set in the environment it is
 * freed at once, as before (to look for leaks). */
void     cli_keep_until_exit (gpointer data, GDestroyNotify destroy);

typedef int (*CliCommandFunc) (CliContext *ctx, int argc, char **argv);

G_END_DECLS
