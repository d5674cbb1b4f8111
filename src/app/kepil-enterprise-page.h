/* kepil-enterprise-page.h — the enterprise: details, settings, campaigns, statistics, checklist
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "kepil-undo.h"

G_BEGIN_DECLS

#define KEPIL_TYPE_ENTERPRISE_PAGE (kepil_enterprise_page_get_type ())
G_DECLARE_FINAL_TYPE (KepilEnterprisePage, kepil_enterprise_page, KEPIL, ENTERPRISE_PAGE, AdwBin)

/* Rebuilds the page from the database of @undo; every edit goes through @undo. */
void kepil_enterprise_page_set_undo       (KepilEnterprisePage *self,
                                           KepilUndo           *undo);
/* Shows П1, П2, П3 and the level of the enterprise from an evaluation, or nothing. */
void kepil_enterprise_page_set_evaluation (KepilEnterprisePage *self,
                                           JsonObject          *evaluation);

G_END_DECLS
