/* bare-xlsx.c — the anchor of the export benchmark: writes given cells with libxlsxwriter and nothing else
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: a TSV of "sheet<TAB>row<TAB>col<TAB>n|s<TAB>value" lines, as dumped from Kepil's own workbook, so
 * both write the same cells.  Uses constant_memory like Kepil.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

int
main (int argc, char **argv)
{
  lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = NULL };
  lxw_workbook *wb;
  lxw_worksheet *ws = NULL;
  char cur[256] = "";
  char *line = NULL;
  size_t cap = 0;
  FILE *in;

  if (argc != 3)
    {
      fprintf (stderr, "usage: bare-xlsx CELLS.tsv OUT.xlsx\n");
      return 2;
    }
  in = fopen (argv[1], "r");
  if (in == NULL)
    return 1;
  wb = workbook_new_opt (argv[2], &opt);
  while (getline (&line, &cap, in) > 0)
    {
      char *sheet = strtok (line, "\t"), *r = strtok (NULL, "\t"), *c = strtok (NULL, "\t");
      char *t = strtok (NULL, "\t"), *v = strtok (NULL, "\n");
      if (!sheet || !r || !c || !t)
        continue;
      if (strcmp (sheet, cur) != 0)
        {
          snprintf (cur, sizeof cur, "%s", sheet);
          ws = workbook_add_worksheet (wb, cur);
        }
      if (t[0] == 'n')
        worksheet_write_number (ws, (lxw_row_t) atoi (r), (lxw_col_t) atoi (c), atof (v ? v : "0"), NULL);
      else
        worksheet_write_string (ws, (lxw_row_t) atoi (r), (lxw_col_t) atoi (c), v ? v : "", NULL);
    }
  free (line);
  fclose (in);
  return workbook_close (wb) == LXW_NO_ERROR ? 0 : 1;
}
