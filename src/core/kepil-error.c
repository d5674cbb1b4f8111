/* kepil-error.c — the error domain of the Kepil core
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-error.h"

G_DEFINE_QUARK (kepil-error-quark, kepil_error)
