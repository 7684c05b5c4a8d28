import { requirePermission, type Actor } from '../../platform/access.js';
import { audit } from '../../platform/audit.js';
import { inTransaction, type DbOrTx } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { nowIso } from '../../platform/ids.js';
import { RuleSet } from '../../../shared/rule-sets.js';
import type { Locale } from '../../../shared/messages.js';
import { overlappingPlans } from './rules.js';
import type { RuleSetRow } from './tables.js';

const toRuleSet = (row: RuleSetRow): RuleSet => RuleSet.parse({
  code: row.code, name: { 'zh-CN': row.name_zh, en: row.name_en }, from: row.effective_from, to: row.effective_to,
  categories: JSON.parse(row.categories), zones: JSON.parse(row.zones),
});

// Plans change a few times a year and every episode, preview and zone reads them: each handle keeps
// them for a few seconds, forgets them at once when this process adds one, and sees another node's
// within that time. (Per handle: a process may hold several databases, as the tests do.)
const KEEP_MS = 5_000;
const kept = new WeakMap<DbOrTx, { at: number; generation: number; table: Promise<RuleSet[]> }>();
let generation = 0;

/** Every prevention plan, oldest first: the table the rules engine plans with. */
export function ruleSetTable(db: DbOrTx): Promise<RuleSet[]> {
  let entry = kept.get(db);
  if (!entry || entry.generation !== generation || Date.now() - entry.at > KEEP_MS) {
    const table = db.selectFrom('rule_sets').selectAll().orderBy('effective_from').execute().then((rows) => rows.map(toRuleSet));
    entry = { at: Date.now(), generation, table };
    kept.set(db, entry);
    table.catch(() => kept.delete(db));
  }
  return entry.table;
}

/** A plan's name in the reader's language (its code when the plan is unknown). */
export function ruleSetName(table: readonly RuleSet[], code: string, locale: Locale): string {
  return table.find((r) => r.code === code)?.name[locale] ?? code;
}

export async function listRuleSets(db: DbOrTx, actor: Actor): Promise<RuleSet[]> {
  requirePermission(actor, 'response.view');
  return ruleSetTable(db);
}

/**
 * A new plan published from above (e.g. the 新十条 of 7 Dec 2022): its dates may not overlap another
 * plan's, and a code is never reused, so every episode's plan code keeps meaning what it meant.
 */
export async function addRuleSet(db: DbOrTx, actor: Actor, plan: RuleSet): Promise<RuleSet> {
  requirePermission(actor, 'response.manage');
  await inTransaction(db, async (tx) => {
    const rows = await tx.selectFrom('rule_sets').selectAll().execute();
    if (rows.some((r) => r.code === plan.code)) throw new AppError('RULE_SET_EXISTS', { code: plan.code });
    const clash = overlappingPlans(rows.map(toRuleSet), plan)[0];
    if (clash) throw new AppError('RULE_SET_OVERLAPS', { name: clash.name['zh-CN'], from: clash.from, to: clash.to });
    await tx.insertInto('rule_sets').values({
      code: plan.code, name_zh: plan.name['zh-CN'], name_en: plan.name.en, effective_from: plan.from, effective_to: plan.to,
      categories: JSON.stringify(plan.categories), zones: JSON.stringify(plan.zones), created_at: nowIso(), created_by: actor.userId,
    }).execute();
    await audit(tx, actor, { action: 'response.rule_set.add', subjectType: 'rule_set', subjectId: plan.code,
      detail: { from: plan.from, to: plan.to, categories: Object.keys(plan.categories) } });
  });
  generation += 1;
  return (await ruleSetTable(db)).find((r) => r.code === plan.code)!;
}
