import type { RuleSet } from '../../shared/rule-sets.js';
import { api } from '../api/client.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useRequest } from './useRequest.js';

// The plans change a few times a year: fetched once per page load, shared by every screen.
let loaded: Promise<RuleSet[]> | undefined;

function loadPlans(): Promise<RuleSet[]> {
  loaded ??= api.get<RuleSet[]>('/response/rule-sets').catch((err: unknown) => {
    loaded = undefined;
    throw err;
  });
  return loaded;
}

/** The prevention plans (the rule_sets table) and a plan's name in the reader's language. */
export function useRuleSets(): { plans: RuleSet[]; name(code: string): string } {
  const { pick } = useI18n();
  const { data } = useRequest(loadPlans, []);
  const plans = data ?? [];
  return {
    plans,
    name: (code) => {
      const plan = plans.find((p) => p.code === code);
      return plan ? pick(plan.name) : code;
    },
  };
}
