/* kepil-generate.h — a generated large enterprise for benchmarks
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kepil-db.h"

G_BEGIN_DECLS

/* Adds one enterprise with @n_workplaces workplaces in shops and sections and
 * @n_measurements measurements spread over them, with the class mix of the
 * pilot (about 80 % of professions at 3.1 and above), deterministic for @seed.
 * One transaction. */
gboolean kepil_generate_enterprise (KepilDb  *db,
                                    guint     n_workplaces,
                                    guint     n_measurements,
                                    guint32   seed,
                                    GError  **error);

G_END_DECLS
