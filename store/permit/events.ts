// The one way a permit changes: an event applied in the caller's transaction, on the locked
// permit row. The permit machine (domain/permit/states.ts) says whether the permit's state
// accepts the event and which state follows; the state with its date and its entry in the
// permit's history, the audit step (in the case file of the permit's application) and any
// message for the engine are written together.
// An event already recorded under the same qualifier changes nothing.
import type { Knex } from 'knex';
import { permitMachine, type PermitEvent, type PermitState } from '../../domain/permit/states.ts';
import { recordStep, stepRecorded } from '../../platform/audit.ts';
import { queueMessage, type OutgoingMessage } from '../case/messages.ts';
import { recordStateChange } from './permits.ts';

export type PermitEventInput = {
  permitId: string;
  event: PermitEvent;
  qualifier?: string | number;
  actor: string;
  detail?: Record<string, unknown>;
  now: Date;
  // Columns the event changes beside the state (an amendment's new terms and version).
  changes?: Record<string, unknown>;
  message?: OutgoingMessage;
};

// The date each state change leaves on the permit.
const datesOf: Partial<Record<PermitEvent, (now: Date) => Record<string, Date | null>>> = {
  'permit-expired': (now) => ({ expired_at: now }),
  'permit-revoked': (now) => ({ revoked_at: now }),
  'permit-reinstated-active': () => ({ revoked_at: null }),
  'permit-reinstated-extended': () => ({ revoked_at: null }),
  'permit-closed': (now) => ({ closed_at: now }),
};

export type LockedPermit = { id: string; state: PermitState; application_id: string };

export async function lockPermit(tx: Knex.Transaction, permitId: string): Promise<LockedPermit> {
  const permit = await tx('permits').where({ id: permitId }).forUpdate().first('id', 'state', 'application_id');
  if (!permit) throw new Error(`No permit ${permitId}`);
  return permit;
}

export async function applyPermitEvent(tx: Knex.Transaction, input: PermitEventInput): Promise<{ state: PermitState; applied: boolean }> {
  const { permitId, event, qualifier, actor, detail, now, changes, message } = input;
  const permit = await lockPermit(tx, permitId);
  if (await stepRecorded(tx, permit.application_id, event, qualifier)) return { state: permit.state, applied: false };
  const state = permitMachine.next(permit.state, event);
  // The public register shows since when the permit has its state; a step that keeps the
  // state (an amendment, a message) leaves that date alone.
  const stateChange = state === permit.state ? {} : { state_changed_at: now };
  await tx('permits')
    .where({ id: permitId })
    .update({ ...changes, ...datesOf[event]?.(now), ...stateChange, state, updated_at: now });
  if (state !== permit.state) await recordStateChange(tx, permitId, state, now);
  await recordStep(tx, { applicationId: permit.application_id, step: event, qualifier, actor, detail: { permitId, ...detail } });
  if (message) await queueMessage(tx, permit.application_id, message);
  return { state, applied: true };
}
