/* fuzz-methodology.c — a methodology document: parsed and checked, or refused naming the member
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"
#include "kepil-methodology.h"
#include "kepil-risk.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (JsonParser) p = json_parser_new ();
  g_autoptr (KepilMethodology) m = NULL;
  g_autoptr (GError) error = NULL;
  JsonNode *root;

  fuzz_init_once ();
  if (!json_parser_load_from_data (p, (const char *) data, (gssize) size, NULL))
    return 0;
  /* An empty document parses to no root at all. */
  root = json_parser_get_root (p);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return 0;
  m = kepil_methodology_new_from_json (json_node_get_object (root), &error);
  /* Every refusal says why. */
  if (m == NULL && (error == NULL || error->message == NULL || *error->message == '\0'))
    abort ();
  if (m != NULL)
    {
      /* A methodology that passed the checks is one the evaluation can read without a critical. */
      static const char *const classes[] = { NULL, "2", "3.1", "3.4", "4" };
      g_autoptr (JsonArray) factors = json_array_new ();
      JsonObject *f = json_object_new ();

      json_object_set_string_member (f, "factor", "noise");
      json_object_set_string_member (f, "group", "physical");
      json_object_set_string_member (f, "class", "3.2");
      json_array_add_object_element (factors, f);
      for (guint i = 0; i < m->levels->len; i++)
        {
          const char *key = g_array_index (m->levels, KepilLevel, i).key;
          json_object_unref (kepil_risk_package (m, key, NULL, 1.0, NULL));
          json_object_unref (kepil_risk_package (m, key, factors, 1.5, "4A"));
          kepil_methodology_level_text (m, key, FALSE, "en");
        }
      for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
        json_object_unref (kepil_risk_input_B (m, classes[i]));
      for (gint64 k = 0; k < 3; k++)
        json_object_unref (kepil_risk_input_T (m, 3, k == 1, k == 2, k, k == 1, k == 2));
    }
  return 0;
}
