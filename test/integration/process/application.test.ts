// Every path through the application process, on the real engine and database. Each test
// drives one case as caseworkers, applicants and custodians would, then checks the path the
// engine took and what the case file holds. Timers are driven by the engine's clock.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recordPath } from '../coverage.ts';
import { assignAndComplete, findUserTask, pinClock, publishMessage, resetClock, waitForElement, waitForProcessInstanceState } from '../engine.ts';
import { eventually, startCase, startHarness, type Harness } from '../harness.ts';

const caseworker = 'kari.saksbehandler';
const approver = 'ola.beslutter';
const process = 'hds-application';

const research = {
  applicationType: 'new',
  project: { title: 'Svangerskapsdiabetes og senere hjertesykdom', purposeCategory: 'research' },
  dataKind: 'identifiable',
  rekReference: 'REK 2026/1234',
  linkage: true,
  dataSources: [{ registerId: 'MFR' }, { registerId: 'BIVIRK' }],
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(async () => resetClock());
afterAll(async () => h?.close());

const row = (table: string, applicationId: string) => h.db(table).where({ application_id: applicationId }).first();
const steps = async (applicationId: string) =>
  (await h.db('audit_events').where({ application_id: applicationId }).orderBy('id').pluck('step')).map((s: string) => s.replace(/:\d+$/, ''));
const status = async (id: string) => (await h.db('applications').where({ id }).first()).status;
const oneMinuteAfter = (at: Date | string) => new Date(new Date(at).getTime() + 60_000);

async function passCompleteness(processInstanceKey: string, variables: Record<string, unknown> = {}) {
  await assignAndComplete(await findUserTask(processInstanceKey, 'check-completeness'), caseworker, { isComplete: 'yes', ...variables });
}

async function assess(processInstanceKey: string, recommendation = 'grant', hoursSpent = 3.5) {
  await assignAndComplete(await findUserTask(processInstanceKey, 'legal-assessment'), caseworker, {
    recommendation,
    hoursSpent,
    confidentialityBasis: 'dispensation',
    legalBasisConfirmed: true,
  });
}

async function stepRecorded(applicationId: string, step: string) {
  return eventually(async () => (await steps(applicationId)).includes(step), { what: `audit step ${step}` });
}

describe('application process', { timeout: 180_000 }, () => {
  it('grants with dispensation, invoices, orders from each custodian and closes when all have delivered', async () => {
    const { id, processInstanceKey } = await startCase(h, research);
    await passCompleteness(processInstanceKey);
    await assess(processInstanceKey);
    await assignAndComplete(await findUserTask(processInstanceKey, 'make-decision'), approver, {
      outcome: 'grant',
      dispensationGranted: true,
      conditions: 'Data slettes ved prosjektslutt.',
    });

    await waitForElement(processInstanceKey, 'send-custodian-order', 'COMPLETED');
    const orders = await eventually(async () => {
      const sent = await h.db('custodian_orders').where({ application_id: id }).whereNotNull('sent_at').orderBy('custodian_id');
      return sent.length === 2 ? sent : undefined;
    }, { what: 'both orders to be sent' });
    expect(orders.map((o) => [o.custodian_id, o.register_ids])).toEqual([['DMP', ['BIVIRK']], ['FHI', ['MFR']]]);

    // The custodians deliver in the opposite order of the orders.
    await publishMessage('delivery-confirmed', `${id}/FHI`, { analysisEnvironment: 'TSD' });
    await stepRecorded(id, 'delivered:FHI');
    expect(await status(id)).toBe('awaiting-delivery');
    await publishMessage('delivery-confirmed', `${id}/DMP`, { analysisEnvironment: 'TSD' });
    await waitForProcessInstanceState(process, processInstanceKey, 'COMPLETED');

    const application = await h.db('applications').where({ id }).first();
    expect(application).toMatchObject({ status: 'closed', deciding_body: 'HDS', routing_rule: 'central-register' });
    expect(await row('deadlines', id)).toMatchObject({ working_days: 60 }); // linked sources
    expect(await row('assessments', id)).toMatchObject({ assessed_by: caseworker, recommendation: 'grant', hours_spent: '3.50' });
    expect(await row('decisions', id)).toMatchObject({ decided_by_body: 'HDS', decided_by: approver, outcome: 'grant', dispensation_granted: true });
    expect((await row('decisions', id)).letter_sent_at).not.toBeNull();
    // Several sources: NOK 3,000 plus 4 started hours at NOK 1,155.
    expect(await row('invoices', id)).toMatchObject({ base_fee_nok: 3000, hourly_rate_nok: 1155, hours_billed: 4, amount_nok: 7620, exemption: null });
    expect(await h.db('custodian_orders').where({ application_id: id }).whereNull('delivered_at')).toEqual([]);
    const trail = await steps(id);
    expect(trail.slice(0, 10)).toEqual([
      'received', 'registered', 'routed', 'rek-checked', 'statutory-clock-started',
      'assessed', 'decided', 'decision-letter-sent', 'invoiced', 'orders-created',
    ]);
    expect(trail.slice(10, 12).sort()).toEqual(['order-sent:DMP', 'order-sent:FHI']);
    expect(trail.slice(12)).toEqual(['delivered:FHI', 'delivered:DMP', 'closed']);

    const path = await recordPath(process, processInstanceKey, 'case-closed');
    for (const element of ['determine-jurisdiction', 'check-rek-requirement', 'case-handling', 'determine-fee', 'custodian-hand-off', 'flow-granted']) {
      expect(path.has(element), element).toBe(true);
    }
    expect(path.has('request-supplement')).toBe(false);
  });
});
