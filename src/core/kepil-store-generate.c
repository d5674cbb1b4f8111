/* kepil-store-generate.c — a generated large enterprise for benchmarks (SQL lives here)
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes through prepared statements directly: the entity API would build a
 * JSON object per row, which is fine for people but slow for 200,000 rows.
 */
#include "kepil-config.h"
#include "kepil-generate.h"
#include "kepil-db-private.h"
#include "kepil-error.h"
#include "kepil-i18n.h"

/* Profession titles of a chemical-metallurgical plant, as a Kazakh lab writes them. */
static const char * const titles[] = {
  "Аппаратчик", "Шихтовщик", "Бункеровщик", "Машинист конвейера", "Смесильщик", "Электрогазосварщик",
  "Слесарь-ремонтник", "Электродчик", "Машинист крана", "Оператор дистанционного пульта управления",
  "Электромонтер", "Газорезчик", "Плавильщик", "Дробильщик", "Грузчик", "Лаборант химического анализа",
  "Машинист насосных установок", "Футеровщик", "Контролер ОТК", "Мастер участка",
};

/* A factor profile: factor, subgroup, agent, unit, norm, and the value that
 * reaches class 2, 3.1, 3.2, 3.3 (multipliers of the norm or dB over it). */
typedef struct {
  const char *factor, *subgroup, *agent, *unit;
  double norm;
  gboolean db;        /* value = norm + step instead of norm × step */
  double step[4];
} Profile;

static const Profile profiles[] = {
  { "noise", "", "", "dBA", 80, TRUE, { -3, 3, 10, 20 } },
  { "dust", "fibrogenic-low", "Пыль неорганическая < 20 % SiO2", "mg/m3", 4, FALSE, { 0.8, 1.5, 4, 8 } },
  { "chemical", "hazard-3-4", "Фосфора пентоксид", "mg/m3", 1, FALSE, { 0.7, 2, 5, 9 } },
  { "vibration_local", "", "", "dB", 126, TRUE, { -2, 2, 5, 8 } },
  { "lighting", "illuminance", "", "lx", 200, FALSE, { 1.1, 0.8, 0.4, 0.4 } },
};

static gint64
step_or_fail (KepilDb *db, sqlite3_stmt *st, GError **error)
{
  int rc = sqlite3_step (st);
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      kepil_db_set_error (db, error, rc, "generating");
      return 0;
    }
  return sqlite3_last_insert_rowid (kepil_db_handle (db));
}

gboolean
kepil_generate_enterprise (KepilDb *db, guint n_workplaces, guint n_measurements, guint32 seed, GError **error)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr (GArray) prof_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) prof_level = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GArray) unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) wp_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) wp_prof = g_array_new (FALSE, FALSE, sizeof (guint));
  sqlite3_stmt *st;
  gint64 ent, campaign, prefix = 0;
  guint n_shops, n_profs;

  if (n_workplaces == 0)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("At least one workplace is needed."));
      return FALSE;
    }
  if (!kepil_db_begin (db, error))
    return FALSE;

#define PREP(sql) do { st = kepil_db_prepare (db, sql, error); if (st == NULL) goto fail; } while (0)
  PREP ("SELECT count(*) FROM enterprise");
  if (sqlite3_step (st) == SQLITE_ROW)
    prefix = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);

  PREP ("INSERT INTO enterprise (name_ru, name_kk, bin, sector, sector_coefficient, ca_pay_percent, average_wage, "
        "milk_price, lpp_ration_cost, note) VALUES (?1, ?2, '', 'Горно-металлургический комплекс', 1.8, 12, 450000, 600, 2500, ?3)");
  {
    g_autofree char *name = g_strdup_printf ("Сгенерированное предприятие %u", seed);
    g_autofree char *name_kk = g_strdup_printf ("Жасалған кәсіпорын %u", seed);
    sqlite3_bind_text (st, 1, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (st, 2, name_kk, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (st, 3, "generated for benchmarks", -1, SQLITE_STATIC);
  }
  if ((ent = step_or_fail (db, st, error)) == 0)
    goto fail;

  /* A periodic attestation, so that the acts can be made and the List rules apply. */
  PREP ("INSERT INTO campaign (enterprise_id, kind, order_no, order_date, organisation, certificate_no, "
        "measured_from, measured_to, completed_on, status) VALUES (?1, 'periodic', ?2, '2024-02-01', "
        "'ТОО «Испытательная лаборатория» (generated)', 'KZ.T.00.0000', '2024-02-05', '2024-03-29', '2024-04-15', 'draft')");
  {
    g_autofree char *order = g_strdup_printf ("G-%u", seed);
    sqlite3_bind_int64 (st, 1, ent);
    sqlite3_bind_text (st, 2, order, -1, SQLITE_TRANSIENT);
  }
  if ((campaign = step_or_fail (db, st, error)) == 0)
    goto fail;
  PREP ("INSERT INTO commission_member (campaign_id, full_name, position, role, sort_order) VALUES (?1, ?2, ?3, ?4, ?5)");
  {
    static const char *const members[][3] = {
      { "Председатель Комиссии", "Главный инженер", "chairman" },
      { "Член Комиссии", "Начальник отдела охраны труда", "member" },
      { "Представитель Профсоюза", "Председатель профкома", "union" },
      { "Секретарь Комиссии", "Инженер по охране труда", "secretary" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (members); i++)
      {
        sqlite3_bind_int64 (st, 1, campaign);
        sqlite3_bind_text (st, 2, members[i][0], -1, SQLITE_STATIC);
        sqlite3_bind_text (st, 3, members[i][1], -1, SQLITE_STATIC);
        sqlite3_bind_text (st, 4, members[i][2], -1, SQLITE_STATIC);
        sqlite3_bind_int (st, 5, (int) i);
        if (step_or_fail (db, st, error) == 0)
          goto fail;
      }
  }

  /* Professions: the pilot's mix, about 80 % harmful (level 1..4), 20 % permissible. */
  n_profs = MAX (20u, MIN (2405u, n_workplaces / 8));
  PREP ("INSERT INTO profession (name_ru, name_kk) VALUES (?1, ?2) "
        "ON CONFLICT (name_ru) DO UPDATE SET name_kk = excluded.name_kk RETURNING id");
  for (guint i = 0; i < n_profs; i++)
    {
      g_autofree char *n = g_strdup_printf ("%s %u-го разряда (г%u)", titles[i % G_N_ELEMENTS (titles)], (guint) (1 + i / G_N_ELEMENTS (titles)), seed);
      gint64 id;
      double r = g_rand_double (rand);
      int level = r < 0.2 ? 0 : r < 0.65 ? 1 : r < 0.9 ? 2 : 3;
      sqlite3_bind_text (st, 1, n, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (st, 2, n, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (st) != SQLITE_ROW)
        {
          kepil_db_set_error (db, error, sqlite3_errcode (kepil_db_handle (db)), "generating");
          sqlite3_reset (st);
          goto fail;
        }
      id = sqlite3_column_int64 (st, 0);
      sqlite3_reset (st);
      g_array_append_val (prof_ids, id);
      g_array_append_val (prof_level, level);
    }

  /* Shops of about 400 workplaces, each with four sections. */
  n_shops = MAX (1u, n_workplaces / 400);
  PREP ("INSERT INTO unit (enterprise_id, parent_id, kind, name_ru, name_kk, headcount, production) "
        "VALUES (?1, ?2, ?3, ?4, ?4, 0, ?5)");
  for (guint s = 0; s < n_shops; s++)
    {
      g_autofree char *shop = g_strdup_printf ("Цех №%u", s + 1);
      gint64 shop_id;
      sqlite3_bind_int64 (st, 1, ent);
      sqlite3_bind_null (st, 2);
      sqlite3_bind_text (st, 3, "shop", -1, SQLITE_STATIC);
      sqlite3_bind_text (st, 4, shop, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (st, 5, s % 2 ? "Производство фосфора" : "Металлургическое производство", -1, SQLITE_STATIC);
      if ((shop_id = step_or_fail (db, st, error)) == 0)
        goto fail;
      for (guint k = 0; k < 4; k++)
        {
          g_autofree char *sec = g_strdup_printf ("Участок %u-%u", s + 1, k + 1);
          gint64 id;
          sqlite3_bind_int64 (st, 1, ent);
          sqlite3_bind_int64 (st, 2, shop_id);
          sqlite3_bind_text (st, 3, "section", -1, SQLITE_STATIC);
          sqlite3_bind_text (st, 4, sec, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (st, 5, s % 2 ? "Производство фосфора" : "Металлургическое производство", -1, SQLITE_STATIC);
          if ((id = step_or_fail (db, st, error)) == 0)
            goto fail;
          g_array_append_val (unit_ids, id);
        }
    }

  PREP ("INSERT INTO workplace (unit_id, profession_id, code, count, men, women, analog_group, wage, work_category) "
        "VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6, ?7, 'IIb')");
  for (guint w = 0; w < n_workplaces; w++)
    {
      guint p = g_rand_int_range (rand, 0, (gint32) n_profs);
      gint64 unit = g_array_index (unit_ids, gint64, w % unit_ids->len);
      /* NN NNN NNN: enterprise, unit, running number — unique across generated enterprises. */
      g_autofree char *code = g_strdup_printf ("%02u %03u %03u", (guint) ((prefix * 7 + w / 1000000) % 100),
                                               (w / 1000) % 1000, w % 1000);
      g_autofree char *group = g_strdup_printf ("g%u", p);
      gint64 id;
      sqlite3_bind_int64 (st, 1, unit);
      sqlite3_bind_int64 (st, 2, g_array_index (prof_ids, gint64, p));
      sqlite3_bind_text (st, 3, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (st, 4, g_rand_int_range (rand, 0, 4));
      sqlite3_bind_int (st, 5, g_rand_int_range (rand, 0, 2));
      sqlite3_bind_text (st, 6, group, -1, SQLITE_TRANSIENT);
      sqlite3_bind_double (st, 7, 300000 + 1000 * g_rand_int_range (rand, 0, 300));
      if ((id = step_or_fail (db, st, error)) == 0)
        goto fail;
      g_array_append_val (wp_ids, id);
      g_array_append_val (wp_prof, p);
    }

  PREP ("UPDATE unit SET headcount = (SELECT coalesce(sum(men + women), 0) FROM workplace WHERE unit_id = unit.id) "
        "WHERE enterprise_id = ?1");
  sqlite3_bind_int64 (st, 1, ent);
  if (step_or_fail (db, st, error) == 0 && error && *error)
    goto fail;

  PREP ("INSERT INTO measurement (workplace_id, factor, subgroup, agent, unit_of_measure, value, norm, method, "
        "measured_on, exposure_pct, campaign_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'ГОСТ 12.1.050-86', '2024-02-15', 100, ?8)");
  for (guint m = 0; m < n_measurements; m++)
    {
      guint w = m % n_workplaces;
      guint p = g_array_index (wp_prof, guint, w);
      int level = g_array_index (prof_level, int, p);
      const Profile *pr = &profiles[(m / n_workplaces + p) % G_N_ELEMENTS (profiles)];
      /* Most factors of a harmful profession stay permissible; one carries the harm. */
      int cls = (m / n_workplaces) % G_N_ELEMENTS (profiles) == 0 ? level : 0;
      double jitter = 0.97 + 0.03 * g_rand_double (rand);
      double value = pr->db ? pr->norm + pr->step[cls] * jitter : pr->norm * pr->step[cls] * jitter;
      sqlite3_bind_int64 (st, 1, g_array_index (wp_ids, gint64, w));
      sqlite3_bind_text (st, 2, pr->factor, -1, SQLITE_STATIC);
      sqlite3_bind_text (st, 3, pr->subgroup, -1, SQLITE_STATIC);
      sqlite3_bind_text (st, 4, pr->agent, -1, SQLITE_STATIC);
      sqlite3_bind_text (st, 5, pr->unit, -1, SQLITE_STATIC);
      sqlite3_bind_double (st, 6, value);
      sqlite3_bind_double (st, 7, pr->norm);
      sqlite3_bind_int64 (st, 8, campaign);
      if (step_or_fail (db, st, error) == 0)
        goto fail;
    }
#undef PREP
  return kepil_db_commit (db, error);

fail:
  kepil_db_rollback (db);
  return FALSE;
}
