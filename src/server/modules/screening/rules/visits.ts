import type { VisitOutcomeCode } from '../../../../shared/contracts/screening/rounds.js';

/** The work a visit's outcome opens: who gets it (the household's grid or its community) and what it says. */
export interface VisitWork {
  kind: 'screening.new_arrival' | 'screening.symptoms' | 'screening.refused';
  /** 'grid': the grid worker registers the newcomer; 'community': the doctor or the cadres take over. */
  to: 'grid' | 'community';
  title: string;
  /** Hours until it is due. */
  dueInHours: number;
}

/**
 * Outcomes drive work: a new arrival is registered and their travel checked by the grid, symptoms
 * send the community doctor, a refusal is escalated to the community; a normal visit needs nothing
 * and an absent household simply stays outstanding for a revisit.
 */
export function workForOutcome(outcome: VisitOutcomeCode, where: { address: string; roundName: string }): VisitWork | null {
  switch (outcome) {
    case 'new_arrival':
      return { kind: 'screening.new_arrival', to: 'grid', dueInHours: 24,
        title: `新到人员登记、核查行程：${where.address}（${where.roundName}）` };
    case 'symptoms':
      return { kind: 'screening.symptoms', to: 'community', dueInHours: 2,
        title: `社区医生上门：有发热等症状（${where.address}，${where.roundName}）` };
    case 'refused':
      return { kind: 'screening.refused', to: 'community', dueInHours: 12,
        title: `拒绝排查上报：${where.address}（${where.roundName}）` };
    case 'normal':
    case 'absent':
      return null;
  }
}

/** The path of the region a visit's work goes to: the household's grid, or its community. */
export function workRegionPath(householdPath: string, to: VisitWork['to']): string {
  return householdPath.split('/').slice(0, to === 'grid' ? 4 : 3).join('/');
}

/** Present people must belong to the household; returns the ids that do not. */
export function strangers(present: string[], members: string[]): string[] {
  const own = new Set(members);
  return [...new Set(present)].filter((id) => !own.has(id));
}
