// The case machine against its transition table, written out pair by pair: random sequences of
// messages and task outcomes never move a case along a transition outside the table.
import { describe, expect, it } from 'vitest';
import { caseMachine, type CaseEvent, type CaseStatus } from '../../../domain/case/states.ts';
import { checkAgainstTable, type Table } from './machine-model.ts';

const stays = (...states: CaseStatus[]) => states.map((state) => [state, state] as const);
const decidedOrRejected: CaseStatus[] = ['decided', 'awaiting-delivery', 'closed', 'rejected', 'statistics-delivered'];

const table: Table<CaseStatus, CaseEvent> = {
  registered: [['received', 'registered']],
  'supplement-requested': [
    ['registered', 'awaiting-supplement'],
    ['checking-update', 'awaiting-supplement'],
  ],
  'supplement-reminded': stays('awaiting-supplement'),
  'supplement-received': [['awaiting-supplement', 'registered']],
  rejected: [['awaiting-supplement', 'rejected']],
  'update-compared': [['registered', 'checking-update']],
  'converted-to-change': stays('registered', 'checking-update'),
  forwarded: [
    ['registered', 'forwarded'],
    ['checking-update', 'forwarded'],
  ],
  'external-decision-received': stays('forwarded'),
  'external-decision-recorded': [['forwarded', 'closed']],
  'statutory-clock-started': [
    ['registered', 'in-assessment'],
    ['checking-update', 'in-assessment'],
  ],
  'cost-estimate-accepted': stays('in-assessment'),
  withdrawn: [['in-assessment', 'withdrawn']],
  'statutory-deadline-extended': stays('in-assessment'),
  assessed: [['in-assessment', 'awaiting-decision']],
  decided: stays('awaiting-decision', 'checking-update'),
  'decision-letter-sent': [
    ['awaiting-decision', 'decided'],
    ['checking-update', 'decided'],
  ],
  'orders-created': [['decided', 'awaiting-delivery']],
  'delivery-confirmed': stays('awaiting-delivery'),
  'delivery-extended': stays('awaiting-delivery'),
  'user-access-planned': stays('awaiting-delivery'),
  'user-access-given': stays('awaiting-delivery'),
  closed: [
    ['decided', 'closed'],
    ['awaiting-delivery', 'closed'],
  ],
  'statistics-answer-planned': stays('awaiting-decision', 'decided'),
  'statistics-offer-accepted': stays('decided'),
  'statistics-offer-declined': stays('decided'),
  'converted-to-statistics': stays('decided'),
  'statistics-released': [['awaiting-delivery', 'statistics-delivered']],
  'appeal-received': stays(...decidedOrRejected),
  'decision-reversed': decidedOrRejected.map((state) => [state, 'decision-reversed'] as const),
};

describe('the case machine', () => {
  it('accepts exactly the transitions of its table, in any sequence', async () => {
    await checkAgainstTable(caseMachine, table, 'received');
  });

  it('takes a case from receipt to closure along the table', () => {
    const path: CaseEvent[] = ['registered', 'statutory-clock-started', 'assessed', 'decided', 'decision-letter-sent', 'orders-created', 'delivery-confirmed', 'closed'];
    expect(path.reduce<CaseStatus>((status, event) => caseMachine.next(status, event), 'received')).toBe('closed');
    const statistics: CaseEvent[] = ['registered', 'statutory-clock-started', 'assessed', 'decided', 'statistics-answer-planned', 'decision-letter-sent', 'orders-created', 'delivery-confirmed', 'statistics-released'];
    expect(statistics.reduce<CaseStatus>((status, event) => caseMachine.next(status, event), 'received')).toBe('statistics-delivered');
  });

  it('withdraws an EHDS case after the cost estimate, and takes nothing more after it', () => {
    const path: CaseEvent[] = ['registered', 'statutory-clock-started', 'withdrawn'];
    const withdrawn = path.reduce<CaseStatus>((status, event) => caseMachine.next(status, event), 'received');
    expect(withdrawn).toBe('withdrawn');
    expect(caseMachine.acceptedIn(withdrawn)).toEqual([]);
  });
});
