import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { VISIT_OUTCOMES, VISIT_SHIFTS } from '../../../../shared/contracts/screening/rounds.js';
import { completionByNode, completionOf, householdStates, takesVisitsOn, windowProblem, type VisitFact } from './rounds.js';
import { strangers, workForOutcome, workRegionPath } from './visits.js';

const G1 = '630106/630106105/630106105001/630106105001001';
const G2 = '630106/630106105/630106105001/630106105001002';
const v = (id: string, householdId: string, outcome: VisitFact['outcome'], shift: VisitFact['shift'] = 'day', at = id, regionPath = G1): VisitFact =>
  ({ id, householdId, regionPath, outcome, shift, visitedAt: `2022-08-21T0${at}:00:00.000Z` });

describe('completion of a screening round', () => {
  it('counts a household done once anyone was found, and keeps an absent one outstanding', () => {
    const states = householdStates([v('1', 'a', 'absent'), v('2', 'a', 'normal', 'night'), v('3', 'b', 'absent'), v('4', 'b', 'absent'),
      v('5', 'c', 'refused'), v('6', 'c', 'absent')]);
    expect(states.get('a')).toMatchObject({ done: true, outcome: 'normal' });
    expect(states.get('b')).toMatchObject({ done: false, outcome: 'absent' });
    // A later absent visit does not undo a refusal: the household was reached.
    expect(states.get('c')).toMatchObject({ done: true, outcome: 'refused' });
  });

  it('gives visited over households, outcomes by household, and visits by shift', () => {
    const visits = [v('1', 'a', 'absent'), v('2', 'a', 'new_arrival', 'night'), v('3', 'b', 'absent', 'night'), v('4', 'c', 'symptoms')];
    const f = completionOf(10, householdStates(visits).values(), visits);
    expect(f).toEqual({ households: 10, visited: 2, outstanding: 1, rate: 0.2, dayVisits: 2, nightVisits: 2,
      byOutcome: { normal: 0, new_arrival: 1, symptoms: 1, absent: 1, refused: 0 } });
    expect(completionOf(0, [], []).rate).toBe(0);
    // Stale household counts never give more than 100 %.
    expect(completionOf(1, householdStates(visits).values(), visits).rate).toBe(1);
  });

  it('splits figures over a region and its children by path', () => {
    const visits = [v('1', 'a', 'normal'), v('2', 'b', 'normal', 'day', '2', G2), v('3', 'c', 'absent', 'day', '3', G2)];
    const community = '630106/630106105/630106105001';
    const by = completionByNode([{ path: community, households: 8 }, { path: G1, households: 4 }, { path: G2, households: 4 }], visits);
    expect(by.get(community)).toMatchObject({ visited: 2, outstanding: 1 });
    expect(by.get(G1)).toMatchObject({ visited: 1, rate: 0.25 });
    expect(by.get(G2)).toMatchObject({ visited: 1, outstanding: 1 });
  });

  it('never counts more than it saw: visited + outstanding = households visited, rate within [0, 1], shifts add up', () => {
    const fact = fc.record({ household: fc.integer({ min: 0, max: 20 }), outcome: fc.constantFrom(...VISIT_OUTCOMES),
      shift: fc.constantFrom(...VISIT_SHIFTS), at: fc.integer({ min: 0, max: 9 }) });
    fc.assert(fc.property(fc.array(fact, { maxLength: 60 }), fc.integer({ min: 0, max: 30 }), (facts, households) => {
      const visits = facts.map((x, i) => ({ id: String(i).padStart(3, '0'), householdId: `h${x.household}`, regionPath: G1,
        outcome: x.outcome, shift: x.shift, visitedAt: `2022-08-21T0${x.at}:00:00.000Z` }));
      const f = completionOf(households, householdStates(visits).values(), visits);
      const seen = new Set(visits.map((x) => x.householdId)).size;
      expect(f.visited + f.outstanding).toBe(seen);
      expect(Object.values(f.byOutcome).reduce((a, b) => a + b, 0)).toBe(seen);
      expect(f.rate).toBeGreaterThanOrEqual(0);
      expect(f.rate).toBeLessThanOrEqual(1);
      expect(f.dayVisits + f.nightVisits).toBe(visits.length);
      expect(f.visited).toBe(new Set(visits.filter((x) => x.outcome !== 'absent').map((x) => x.householdId)).size);
    }));
  });

  it('takes visits only while open and within its window, which may not run backwards or past 60 days', () => {
    const round = { status: 'open' as const, starts_on: '2022-08-20', ends_on: '2022-08-22' };
    expect(takesVisitsOn(round, '2022-08-20')).toBe(true);
    expect(takesVisitsOn(round, '2022-08-22')).toBe(true);
    expect(takesVisitsOn(round, '2022-08-23')).toBe(false);
    expect(takesVisitsOn(round, '2022-08-19')).toBe(false);
    expect(takesVisitsOn({ ...round, status: 'closed' }, '2022-08-21')).toBe(false);
    expect(windowProblem('2022-08-20', '2022-08-20')).toBeNull();
    expect(windowProblem('2022-08-20', '2022-08-19')).toBe('ENDS_BEFORE_START');
    expect(windowProblem('2022-08-01', '2022-10-01')).toBe('WINDOW_TOO_LONG');
  });
});

describe('visit outcomes drive work', () => {
  const where = { address: '金城社区1号楼', roundName: '第1轮排查' };
  it('a new arrival to the grid, symptoms to the community doctor, a refusal escalated to the community, nothing otherwise', () => {
    expect(workForOutcome('new_arrival', where)).toMatchObject({ kind: 'screening.new_arrival', to: 'grid' });
    expect(workForOutcome('symptoms', where)).toMatchObject({ kind: 'screening.symptoms', to: 'community' });
    expect(workForOutcome('symptoms', where)!.title).toContain('社区医生');
    expect(workForOutcome('refused', where)).toMatchObject({ kind: 'screening.refused', to: 'community' });
    expect(workForOutcome('normal', where)).toBeNull();
    expect(workForOutcome('absent', where)).toBeNull();
    // Symptoms are the most urgent.
    expect(workForOutcome('symptoms', where)!.dueInHours).toBeLessThan(workForOutcome('new_arrival', where)!.dueInHours);
  });

  it('sends work to the household\'s grid or community, from a building\'s path too', () => {
    const building = `${G1}/630106105001001002`;
    expect(workRegionPath(building, 'grid')).toBe(G1);
    expect(workRegionPath(building, 'community')).toBe('630106/630106105/630106105001');
  });

  it('finds people marked present who are not of the household', () => {
    expect(strangers(['a', 'b', 'a'], ['a', 'b', 'c'])).toEqual([]);
    expect(strangers(['a', 'x'], ['a'])).toEqual(['x']);
  });
});
