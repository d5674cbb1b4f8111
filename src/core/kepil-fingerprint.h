/* kepil-fingerprint.h — a SHA-256 over the data an act is made from
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kepil-db.h"

G_BEGIN_DECLS

/* SHA-256 (hex) over a canonical dump of the enterprise data a campaign's act is made from (the enterprise,
 * units, professions, workplaces, measurements, assessments, PPE, stats, checklist, commission) plus the norm
 * set and methodology versions; stable across runs; changes when any of those rows changes.
 * campaign_id 0 = the latest campaign. */
char   *kepil_data_fingerprint        (KepilDb *db, gint64 campaign_id, GError **error);
/* The campaign an export or a fingerprint means: @campaign_id itself when it
 * exists, the latest (by order date, then id) for 0; 0 with @error set when none. */
gint64  kepil_store_resolve_campaign  (KepilDb *db, gint64 campaign_id, GError **error);

G_END_DECLS
