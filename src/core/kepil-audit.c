/* kepil-audit.c — the audit trail of enterprise data
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-audit.h"
#include "kepil-entity.h"
#include "kepil-error.h"
#include "kepil-i18n.h"

JsonArray *
kepil_audit_history (KepilDb *db, const char *entity, gint64 id, gboolean with_children, GError **error)
{
  if (entity == NULL || !(kepil_entity_is_known (entity) || g_str_equal (entity, "act") || g_str_equal (entity, "import")))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                   _("Unknown kind of record “%s”."), entity ? entity : "");
      return NULL;
    }
  if (id <= 0)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("A record number must be positive."));
      return NULL;
    }
  return kepil_store_audit_history (db, entity, id, with_children, error);
}
