import type { Kysely } from 'kysely';

// Frozen in time (see 0001). The prevention plans move from code into the rule_sets table, so the
// headquarters can add one without a release. The two plans of 2022 are inserted as they were
// published (DOMAIN.md §1.1, §1.2); BUILT_IN_RULE_SETS is also what the rules' tests check row by row.

const phase = (kind: string, days: number, testDays: number[]) => ({ kind, days, testDays });
// Discharged cases: 7 days of home health monitoring from the day after discharge, one test on D7.
const DISCHARGED = { anchor: 'discharge', firstDayOffset: 1, phases: [phase('home_health_monitoring', 7, [7])] };
// 三天两检: two tests, 24 h apart, staying home until both are back.
const LOW_ZONE = { anchor: 'arrival', firstDayOffset: 0, phases: [phase('self_monitoring', 3, [1, 2])] };
// A positive pool's member: apart at once until the single-tube retest is back.
const POOL_POSITIVE = { anchor: 'notified', firstDayOffset: 0, phases: [phase('temporary_isolation', 1, [1])] };

export const BUILT_IN_RULE_SETS = [
  {
    // 防控方案（第九版）, 28 Jun – 10 Nov 2022: "7+3".
    code: 'NINTH_EDITION',
    name: { 'zh-CN': '防控方案（第九版）', en: 'Prevention plan, 9th edition' },
    from: '2022-06-28',
    to: '2022-11-10',
    categories: {
      CONFIRMED: DISCHARGED,
      ASYMPTOMATIC: DISCHARGED,
      CLOSE_CONTACT: { anchor: 'last_exposure', firstDayOffset: 1,
        phases: [phase('central_isolation', 7, [1, 2, 3, 5, 7]), phase('home_health_monitoring', 3, [3])] },
      SECONDARY_CONTACT: { anchor: 'last_exposure', firstDayOffset: 1, phases: [phase('home_isolation', 7, [1, 4, 7])] },
      INBOUND: { anchor: 'entry', firstDayOffset: 0,
        phases: [phase('central_isolation', 7, [1, 2, 3, 5, 7]), phase('home_health_monitoring', 3, [3])] },
      HIGH_ZONE_TRAVEL: { anchor: 'left_zone', firstDayOffset: 1, lapsesAfterDays: 7, phases: [phase('central_isolation', 7, [1, 2, 3, 5, 7])] },
      MID_ZONE_TRAVEL: { anchor: 'left_zone', firstDayOffset: 1, lapsesAfterDays: 7, phases: [phase('home_isolation', 7, [1, 4, 7])] },
      LOW_ZONE_TRAVEL: LOW_ZONE,
      HIGH_RISK_POST: { anchor: 'end_of_work', firstDayOffset: 1, phases: [phase('home_isolation', 7, [1, 4, 7])] },
      POOL_POSITIVE,
    },
    // High → medium after 7 clean days and a day-7 all-negative round, then 3 more clean days → low; a zone
    // designated medium goes to low after 7 clean days and a day-7 all-negative round.
    zones: {
      levels: ['high', 'medium', 'low'],
      downgrades: [
        { from: 'high', to: 'medium', days: 7, needsNegativeRoundOnLastDay: true },
        { from: 'medium', to: 'low', days: 3, needsNegativeRoundOnLastDay: false, afterDowngradeFrom: 'high' },
        { from: 'medium', to: 'low', days: 7, needsNegativeRoundOnLastDay: true },
      ],
    },
  },
  {
    // 优化防控二十条, 11 Nov – 6 Dec 2022: "5+3", no secondary contacts, no medium-risk zones.
    code: 'TWENTY_MEASURES',
    name: { 'zh-CN': '优化防控二十条', en: 'The 20 measures' },
    from: '2022-11-11',
    to: '2022-12-06',
    categories: {
      CONFIRMED: DISCHARGED,
      ASYMPTOMATIC: DISCHARGED,
      CLOSE_CONTACT: { anchor: 'last_exposure', firstDayOffset: 1,
        phases: [phase('central_isolation', 5, [1, 2, 3, 5]), phase('home_isolation', 3, [1, 3])] },
      INBOUND: { anchor: 'entry', firstDayOffset: 0,
        phases: [phase('central_isolation', 5, [1, 2, 3, 5]), phase('home_isolation', 3, [1, 3])] },
      HIGH_ZONE_TRAVEL: { anchor: 'left_zone', firstDayOffset: 1, lapsesAfterDays: 7, phases: [phase('home_isolation', 7, [1, 3, 5, 7])] },
      LOW_ZONE_TRAVEL: LOW_ZONE,
      HIGH_RISK_POST: { anchor: 'end_of_work', firstDayOffset: 1, phases: [phase('home_health_monitoring', 5, [1, 3, 5])] },
      POOL_POSITIVE,
    },
    // Only high and low: 5 clean days and a day-5 all-negative round.
    zones: { levels: ['high', 'low'], downgrades: [{ from: 'high', to: 'low', days: 5, needsNegativeRoundOnLastDay: true }] },
  },
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rule_sets')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('effective_to', 'text', (c) => c.notNull())
    // JSON: category → phases (src/shared/rule-sets.ts CategoryRule), and the zone levels with their downgrades.
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('zones', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  const at = new Date().toISOString();
  await db.insertInto('rule_sets').values(BUILT_IN_RULE_SETS.map((r) => ({
    code: r.code, name_zh: r.name['zh-CN'], name_en: r.name.en, effective_from: r.from, effective_to: r.to,
    categories: JSON.stringify(r.categories), zones: JSON.stringify(r.zones), created_at: at, created_by: null,
  }))).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rule_sets').execute();
}
