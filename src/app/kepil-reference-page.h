/* kepil-reference-page.h — browse and search the Lists, the norm sets and the methodologies
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "kepil-db.h"

G_BEGIN_DECLS

#define KEPIL_TYPE_REFERENCE_PAGE (kepil_reference_page_get_type ())
G_DECLARE_FINAL_TYPE (KepilReferencePage, kepil_reference_page, KEPIL, REFERENCE_PAGE, AdwBin)

void  kepil_reference_page_set_db (KepilReferencePage *self,
                                   KepilDb            *db);
/* Shows source @pos of the source menu (lists first, then norm sets, then
 * methodologies) filtered by @search; returns the number of rows shown. */
guint kepil_reference_page_show   (KepilReferencePage *self,
                                   guint               pos,
                                   const char         *search);

G_END_DECLS
