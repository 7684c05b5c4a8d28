import { BUILT_IN_RULE_SETS } from '../../src/server/db/migrations/0005_rule_sets.js';
import { RuleSet } from '../../src/shared/rule-sets.js';

/** The two plans of 2022 as the migration inserts them, read through the same schema the server reads them with. */
export const BUILT_IN_PLANS: RuleSet[] = BUILT_IN_RULE_SETS.map((r) => RuleSet.parse(r));
