/* cmd-generate.c — kepil-cli generate: a large enterprise for benchmarks
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "cli-common.h"
#include "kepil-generate.h"
#include "kepil-entity.h"

int cli_cmd_generate (CliContext *ctx, int argc, char **argv);
/* The List part provides the synthetic Order 1053; weak so generate works without it. */
gboolean kepil_lists_generate_synthetic (KepilDb *db, guint n_entries, guint32 seed, GError **error) __attribute__ ((weak));

int
cli_cmd_generate (CliContext *ctx, int argc, char **argv)
{
  int workplaces = 20000, measurements = 200000, list_entries = 0, seed = 1;
  g_autoptr (KepilDb) db = NULL;
  g_autoptr (GError) error = NULL;
  GOptionEntry entries[] = {
    { "workplaces", 0, 0, G_OPTION_ARG_INT, &workplaces, N_("number of workplaces (20000)"), "N" },
    { "measurements", 0, 0, G_OPTION_ARG_INT, &measurements, N_("number of measurements (200000)"), "M" },
    { "list-entries", 0, 0, G_OPTION_ARG_INT, &list_entries, N_("entries of a synthetic Order 1053 list (0: none)"), "K" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("seed of the generator (1)"), "S" },
    { NULL }
  };

  if (!cli_parse_options (ctx, entries, "", &argc, &argv))
    return CLI_USAGE;
  if (workplaces <= 0 || measurements < 0 || list_entries < 0)
    return cli_usage (ctx, _("the counts must be positive"));
  db = cli_open_db (ctx, TRUE);
  if (db == NULL)
    return ctx->db_path ? CLI_FAIL : CLI_USAGE;
  if (!kepil_generate_enterprise (db, (guint) workplaces, (guint) measurements, (guint32) seed, &error))
    return cli_fail (ctx, error);
  if (list_entries > 0)
    {
      if (kepil_lists_generate_synthetic == NULL)
        return cli_usage (ctx, _("this build of kepil-cli cannot generate Lists"));
      if (!kepil_lists_generate_synthetic (db, (guint) list_entries, (guint32) seed, &error))
        return cli_fail (ctx, error);
    }
  if (ctx->json)
    {
      g_autoptr (JsonObject) o = json_object_new ();
      g_autoptr (JsonNode) n = NULL;
      json_object_set_int_member (o, "workplaces", kepil_entity_count (db, "workplace", NULL));
      json_object_set_int_member (o, "measurements", kepil_entity_count (db, "measurement", NULL));
      json_object_set_int_member (o, "list_entries", list_entries);
      json_object_set_int_member (o, "seed", seed);
      n = json_node_init_object (json_node_alloc (), json_object_ref (o));
      cli_print_json (n);
    }
  else
    g_print (_("Generated %d workplaces and %d measurements (seed %d).\n"), workplaces, measurements, seed);
  return CLI_OK;
}
