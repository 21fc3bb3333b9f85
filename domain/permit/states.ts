// The permit's states and the events that move it: which state a permit has after each step,
// and which messages each state accepts (the API refuses the others with 409; the outbox relay
// lets a queued message lapse once the permit's state no longer accepts it). Workers and routes
// apply events through store/permit/events.ts; none writes a state by hand.
import { defineMachine } from '../state-machine.ts';

export const permitStates = ['active', 'extended', 'expired', 'revoked', 'closed'] as const;
export type PermitState = (typeof permitStates)[number];

// The state a permit is created in, on the day of its decision.
export const initialPermitState: PermitState = 'active';

// The states in which the permit's period runs: the holder may use the data, ask for the next
// delivery, and HDS may revoke it.
export const runningStates = ['active', 'extended'] as const satisfies readonly PermitState[];
const runningOrExpired = [...runningStates, 'expired'] as const;

export const permitMachine = defineMachine('permit', permitStates, {
  // A granted change application amends the permit in any state (its versions keep the
  // history); only a later end date makes it extended.
  'permit-amended': { from: permitStates },
  'permit-extended': { from: runningOrExpired, to: 'extended' },
  'permit-expired': { from: runningStates, to: 'expired' },
  'permit-revoked': { from: runningStates, to: 'revoked' },
  // A revocation reversed on appeal puts the permit back in the state it had.
  'permit-reinstated-active': { from: ['revoked'], to: 'active' },
  'permit-reinstated-extended': { from: ['revoked'], to: 'extended' },
  'permit-closed': { from: ['expired'], to: 'closed' },
  // Messages from outside, and the states whose process waits for them.
  'revocation-requested': { from: runningStates },
  'delivery-requested': { from: runningStates },
  'delivery-confirmed': { from: runningStates },
  'deletion-confirmed': { from: ['expired'] },
  'revocation-appealed': { from: ['revoked'] },
  // The new plan of an amended permit's period, which its process takes while the period runs
  // or after it ended (an extension of an expired permit).
  'period-replanned': { from: runningOrExpired },
});

export type PermitEvent = keyof typeof permitMachine.transitions;
export const permitEvent = permitMachine.event;

export const isRunning = (state: string) => (runningStates as readonly string[]).includes(state);

export const stateLabels: Record<PermitState, string> = {
  active: 'Aktiv',
  extended: 'Forlenget',
  expired: 'Utløpt, venter på bekreftet sletting',
  revoked: 'Tilbakekalt',
  closed: 'Avsluttet',
};

// The state as the public register names it: only what the permit allows now, not the
// steps HDS still waits for.
export const publicStateLabels: Record<PermitState, string> = {
  active: 'Aktiv',
  extended: 'Forlenget',
  expired: 'Utløpt',
  revoked: 'Tilbakekalt',
  closed: 'Avsluttet',
};
