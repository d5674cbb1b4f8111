/* kepil-error.h — the error domain of the Kepil core
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KEPIL_ERROR (kepil_error_quark ())

typedef enum {
  KEPIL_ERROR_FAILED,        /* anything else */
  KEPIL_ERROR_NOT_KEPIL,     /* the file is not a Kepil database */
  KEPIL_ERROR_TOO_NEW,       /* made by a newer Kepil */
  KEPIL_ERROR_CONSTRAINT,    /* a value breaks a rule of the data (foreign key, check, unique) */
  KEPIL_ERROR_NOT_FOUND,     /* no such record */
  KEPIL_ERROR_INVALID,       /* a value given by the user is wrong */
  KEPIL_ERROR_READ_ONLY,     /* the role or the file does not allow writing */
  KEPIL_ERROR_BUSY,          /* the database is in use by another window */
  KEPIL_ERROR_IO,            /* disk full, file removed, permission */
  KEPIL_ERROR_PARSE,         /* a file being read is malformed */
  KEPIL_ERROR_CANCELLED,     /* the user cancelled long work */
} KepilError;

GQuark kepil_error_quark (void);

G_END_DECLS
