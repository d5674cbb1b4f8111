/* kepil-demo.h — datasets: the demo plant and other records given as JSON
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A dataset is a JSON object with one array per entity (see kepil_entity_names),
 * in any order.  Each record may carry a "key"; a field ending in "_id" whose
 * value is a string refers to the record with that key.  The whole dataset is
 * loaded in one transaction: all of it or nothing.
 */
#pragma once

#include "kepil-db.h"

G_BEGIN_DECLS

gboolean  kepil_dataset_load        (KepilDb     *db,
                                     JsonNode    *dataset,
                                     GError     **error);
/* Loads the demo plant and clinic shipped in the resources.  Refuses when the
 * database already holds an enterprise. */
gboolean  kepil_demo_load           (KepilDb     *db,
                                     GError     **error);

G_END_DECLS
