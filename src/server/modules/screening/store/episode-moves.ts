import { underAnyPath, type DbOrTx } from '../../../platform/db/index.js';
import type { RuleSetCode } from '../../../../shared/response.js';
import type { EpisodeRow, RuleMoveRow } from '../tables.js';

export async function openEpisodesUnder(db: DbOrTx, paths: string[], ruleSet: RuleSetCode): Promise<EpisodeRow[]> {
  if (paths.length === 0) return [];
  return db.selectFrom('screening_episodes').selectAll().where(underAnyPath('region_path', paths))
    .where('status', 'in', ['active', 'release_proposed']).where('rule_set', '=', ruleSet).orderBy('id').execute();
}

export async function insertMove(db: DbOrTx, row: RuleMoveRow): Promise<void> {
  await db.insertInto('screening_rule_moves').values(row).execute();
}

export async function moves(db: DbOrTx): Promise<RuleMoveRow[]> {
  return db.selectFrom('screening_rule_moves').selectAll().orderBy('id', 'desc').limit(200).execute();
}
