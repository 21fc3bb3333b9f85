// The permit machine against its transition table, written out pair by pair: random sequences of
// messages and task outcomes never move a permit along a transition outside the table.
import { describe, expect, it } from 'vitest';
import { initialPermitState, permitMachine, type PermitEvent, type PermitState } from '../../../domain/permit/states.ts';
import { checkAgainstTable, type Table } from './machine-model.ts';

const stays = (...states: PermitState[]) => states.map((state) => [state, state] as const);

const table: Table<PermitState, PermitEvent> = {
  'permit-amended': stays('active', 'extended', 'expired', 'revoked', 'closed'),
  'permit-extended': [
    ['active', 'extended'],
    ['extended', 'extended'],
    ['expired', 'extended'],
  ],
  'permit-expired': [
    ['active', 'expired'],
    ['extended', 'expired'],
  ],
  'permit-revoked': [
    ['active', 'revoked'],
    ['extended', 'revoked'],
  ],
  'permit-reinstated-active': [['revoked', 'active']],
  'permit-reinstated-extended': [['revoked', 'extended']],
  'permit-closed': [['expired', 'closed']],
  'revocation-requested': stays('active', 'extended'),
  'delivery-requested': stays('active', 'extended'),
  'delivery-confirmed': stays('active', 'extended'),
  'deletion-confirmed': stays('expired'),
  'revocation-appealed': stays('revoked'),
  'period-replanned': stays('active', 'extended', 'expired'),
};

describe('the permit machine', () => {
  it('accepts exactly the transitions of its table, in any sequence', async () => {
    await checkAgainstTable(permitMachine, table, initialPermitState);
  });

  it('takes no delivery confirmation once the permit is revoked, expired or closed', () => {
    for (const state of ['revoked', 'expired', 'closed'] as const) expect(permitMachine.accepts(state, 'delivery-confirmed')).toBe(false);
  });
});
