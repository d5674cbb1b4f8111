/* main.c — starts the Kepil window
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-application.h"

int
main (int argc, char **argv)
{
  g_autoptr (KepilApplication) app = NULL;

  kepil_app_mark_start ();
  app = kepil_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
