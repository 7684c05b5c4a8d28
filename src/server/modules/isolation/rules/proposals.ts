import { defineLadder } from '../../../platform/workflow.js';
import type { ProposalStatus } from '../tables.js';

/**
 * A downgrade proposal for headquarters: the daily computation (or a workstream lead) proposes, the
 * commander approves (with a decision number, only when the zone is eligible that day) or rejects; a
 * new infection in the zone withdraws what is pending.
 */
export const PROPOSAL_LADDER = defineLadder<ProposalStatus>({
  recordType: 'isolation_zone_proposal',
  initial: 'proposed',
  transitions: {
    proposed: ['approved', 'rejected', 'withdrawn'],
    approved: [],
    rejected: [],
    withdrawn: [],
  },
  reasonRequired: ['proposed->rejected'],
});
