/* fuzz-methodology.c — a methodology document: parsed and checked, or refused naming the member
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"
#include "kepil-methodology.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (JsonParser) p = json_parser_new ();
  g_autoptr (KepilMethodology) m = NULL;

  fuzz_init_once ();
  if (!json_parser_load_from_data (p, (const char *) data, (gssize) size, NULL))
    return 0;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (p)))
    return 0;
  m = kepil_methodology_new_from_json (json_node_get_object (json_parser_get_root (p)), NULL);
  return 0;
}
