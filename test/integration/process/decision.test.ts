// The structured decision on the real engine and database: what the approver refuses, one
// source or one variable, reaches the letter, the orders, the permit and the public register;
// and a caseworker's hours out of range come back to the assessment form with the reason
// instead of stopping the case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../auth.ts';
import { recordPath } from '../coverage.ts';
import { assignAndComplete, engine, findUserTask, incidents, waitForElement } from '../engine.ts';
import { letterOf } from '../letters.ts';
import { eventually, startCase, startHarness, validSubmission, type Harness } from '../harness.ts';
import { approver, assess, caseRow, caseworker, passCompleteness, processVariable, source, sourceSlots } from './case-steps.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

// Three registers: MFR and NPR are held by FHI, BIVIRK by DMP.
const threeSources = {
  ...validSubmission,
  dataSources: [source('MFR', ['svangerskapsdiabetes', 'fødselsår']), source('NPR', ['hoveddiagnose', 'innleggelsesdato']), source('BIVIRK', ['legemiddel'])],
  personsWithAccess: [{ name: 'Ola Hansen', role: 'Statistiker' }],
};
const refusalReason = 'Bivirkningsdata er ikke nødvendige for formålet.';
const variableReason = 'Innleggelsesdato er ikke nødvendig; diagnosen er nok.';

describe('structured decision', { timeout: 180_000 }, () => {
  it('carries a refused source and a refused variable into the letter, the orders, the permit and the public register', async () => {
    const { id, processInstanceId } = await startCase(h, threeSources);
    await passCompleteness(processInstanceId);
    await assess(processInstanceId);
    const slot = await sourceSlots(processInstanceId);
    // The decision form starts from the caseworker's proposal: every source with every variable.
    expect(await processVariable(processInstanceId, `source${slot.get('NPR')}Variables`)).toBe('hoveddiagnose\ninnleggelsesdato');
    await assignAndComplete(await findUserTask(processInstanceId, 'make-decision'), approver, {
      [`source${slot.get('MFR')}Dispensation`]: true,
      [`source${slot.get('NPR')}Dispensation`]: true,
      [`source${slot.get('NPR')}Variables`]: 'hoveddiagnose',
      [`source${slot.get('NPR')}Reason`]: variableReason,
      [`source${slot.get('BIVIRK')}Decision`]: 'refused',
      [`source${slot.get('BIVIRK')}Reason`]: refusalReason,
      conditions: 'Data slettes ved prosjektslutt.',
    });

    await waitForElement(processInstanceId, 'send-custodian-order', 'COMPLETED');
    expect(await caseRow(h, 'decisions', id)).toMatchObject({ outcome: 'partial-grant', dispensation_granted: true });
    const rows = await h.db('decision_sources').where({ application_id: id }).orderBy('position');
    expect(rows.map((r) => [r.register_id, r.granted, r.granted_variables, r.refusal_reason])).toEqual([
      ['MFR', true, ['svangerskapsdiabetes', 'fødselsår'], null],
      ['NPR', true, ['hoveddiagnose'], variableReason],
      ['BIVIRK', false, [], refusalReason],
    ]);
    // The case as integrators read it: the same decision per source.
    const shown = (await h.app.inject({ method: 'GET', url: `/applications/${id}`, headers: bearer('caseworker') })).json();
    expect(shown.decision.outcome).toBe('partial-grant');
    expect(shown.decision.sources.map((s: Record<string, unknown>) => [s.registerId, s.granted, s.variablesGranted, s.variablesRefused, s.refusalReason])).toEqual([
      ['MFR', true, ['svangerskapsdiabetes', 'fødselsår'], [], null],
      ['NPR', true, ['hoveddiagnose'], ['innleggelsesdato'], variableReason],
      ['BIVIRK', false, [], ['legemiddel'], refusalReason],
    ]);

    // The letter: each source's own outcome, what was refused and why.
    const { text } = await letterOf(h, id, 'decision');
    expect(text).toContain('Helsedataservice har delvis innvilget søknaden');
    expect(text).toMatch(/bare av disse personene:[\s\S]*Kari Nordmann, Prosjektleder \(ansvarlig\)[\s\S]*Ola Hansen, Statistiker/);
    expect(text).toContain('Medisinsk fødselsregister (MFR): innvilget. Innvilgede variabler: svangerskapsdiabetes, fødselsår.');
    expect(text).toContain('Norsk pasientregister (NPR): delvis innvilget. Innvilgede variabler: hoveddiagnose. Dataperiode: 01.01.2010 – 31.12.2024. Ikke innvilget: innleggelsesdato.');
    expect(text).toContain(`Begrunnelse for avslag: ${variableReason}`);
    expect(text).toContain(`System for bivirkningsrapportering (BIVIRK): avslått. Begrunnelse for avslag: ${refusalReason}`);

    // The orders: FHI alone (DMP held only the refused source), with the granted variables.
    const orders = await eventually(async () => {
      const sent = await h.db('custodian_orders').where({ application_id: id }).whereNotNull('sent_at');
      return sent.length > 0 ? sent : undefined;
    }, { what: 'the order to be sent' });
    expect(orders.map((o) => [o.custodian_id, o.register_ids])).toEqual([['FHI', ['MFR', 'NPR']]]);
    const order = await letterOf(h, id, 'custodian-order', 'FHI');
    expect(order.text).toContain('hoveddiagnose');
    // Only the persons the permit names get access, the project leader first.
    expect(order.text).toMatch(/Personer med tilgang[\s\S]*Kari Nordmann, Prosjektleder \(ansvarlig\)[\s\S]*Ola Hansen, Statistiker/);
    expect(order.text).not.toContain('innleggelsesdato');
    expect(order.text).not.toContain('legemiddel');
    const listed = await h.app.inject({ method: 'GET', url: '/orders?delivered=false&limit=100', headers: bearer('custodian', { custodianId: 'FHI' }) });
    expect(listed.statusCode, listed.body).toBe(200);
    const item = listed.json().items.find((o: { applicationId: string }) => o.applicationId === id);
    expect(item.dataSources.map((s: { registerId: string; variables: string[] }) => [s.registerId, s.variables])).toEqual([
      ['MFR', ['svangerskapsdiabetes', 'fødselsår']],
      ['NPR', ['hoveddiagnose']],
    ]);
    const dmp = await h.app.inject({ method: 'GET', url: '/orders?limit=100', headers: bearer('custodian', { custodianId: 'DMP' }) });
    expect(dmp.json().items.filter((o: { applicationId: string }) => o.applicationId === id)).toEqual([]);

    // The permit: the granted sources and variables only.
    const permit = await caseRow(h, 'permits', id);
    expect(permit.data_sources).toEqual([
      { registerId: 'MFR', variables: ['svangerskapsdiabetes', 'fødselsår'] },
      { registerId: 'NPR', variables: ['hoveddiagnose'] },
    ]);
    expect((await h.db('permit_sources').where({ permit_id: permit.id }).pluck('register_id')).sort()).toEqual(['MFR', 'NPR']);
    expect(permit.persons_with_access).toEqual([{ name: 'Kari Nordmann', role: 'Prosjektleder (ansvarlig)' }, { name: 'Ola Hansen', role: 'Statistiker' }]);

    // The public register: what was refused, without the reasons.
    const published = await h.app.inject({ method: 'GET', url: '/public/permits?limit=100' });
    const entry = published.json().items.find((p: { reference: string }) => p.reference === permit.reference);
    expect(entry.sources.map((s: { registerId: string }) => s.registerId)).toEqual(['MFR', 'NPR']);
    expect(entry.refusals).toEqual([
      { registerId: 'NPR', name: 'Norsk pasientregister', wholeSource: false, variablesRefused: 1 },
      { registerId: 'BIVIRK', name: 'System for bivirkningsrapportering', wholeSource: true, variablesRefused: 1 },
    ]);
    expect(published.body).not.toContain(refusalReason);
    expect(published.body).not.toContain('Ola Hansen');
  });

  it('sends hours out of range back to the assessment with the reason, without an incident, and goes on when they are corrected', async () => {
    const { id, processInstanceId } = await startCase(h, threeSources);
    await passCompleteness(processInstanceId);
    let task = await findUserTask(processInstanceId, 'legal-assessment');
    for (const hours of [-3, 100000]) {
      await assess(processInstanceId, 'grant', hours);
      const previous = task.id;
      task = await eventually(async () => {
        const again = await findUserTask(processInstanceId, 'legal-assessment');
        return again.id !== previous ? again : undefined;
      }, { what: 'the assessment task again' });
      expect(await processVariable(processInstanceId, 'assessmentProblem')).toBe(
        `Timer brukt må være et tall mellom 0 og 1000 (du skrev ${hours}). Rett antallet timer og fullfør oppgaven på nytt.`,
      );
      const links = await engine.call<{ type: string; groupId: string | null }[]>('GET', `/task/${task.id}/identity-links`);
      expect(links).toContainEqual(expect.objectContaining({ type: 'candidate', groupId: 'saksbehandler' }));
      expect(await incidents(processInstanceId)).toEqual([]);
      expect(await caseRow(h, 'assessments', id)).toBeUndefined();
    }

    // A client that sends the hours as text, with a decimal comma, is understood too.
    await assess(processInstanceId, 'grant', '2,5');
    await findUserTask(processInstanceId, 'make-decision');
    expect(await processVariable(processInstanceId, 'assessmentProblem')).toBeNull();
    expect(await caseRow(h, 'assessments', id)).toMatchObject({ assessed_by: caseworker, hours_spent: '2.50', recommendation: 'grant' });
    expect(await incidents(processInstanceId)).toEqual([]);
    expect((await recordPath('hds-application', processInstanceId, 'record-assessment')).has('assessment-invalid')).toBe(true);
  });

  it('sends a decision that refuses a source without a reason back to the approver with the reason', async () => {
    const { id, processInstanceId } = await startCase(h, threeSources);
    await passCompleteness(processInstanceId);
    await assess(processInstanceId);
    const slot = await sourceSlots(processInstanceId);
    const first = await findUserTask(processInstanceId, 'make-decision');
    await assignAndComplete(first, approver, { [`source${slot.get('BIVIRK')}Decision`]: 'refused' });
    await eventually(async () => ((await findUserTask(processInstanceId, 'make-decision')).id !== first.id ? true : undefined), { what: 'the decision task again' });
    expect(await processVariable(processInstanceId, 'decisionProblem')).toBe('System for bivirkningsrapportering (BIVIRK) er avslått uten begrunnelse. Skriv hvorfor kilden avslås.');
    expect(await caseRow(h, 'decisions', id)).toBeUndefined();
    expect(await incidents(processInstanceId)).toEqual([]);
    expect((await recordPath('hds-application', processInstanceId, 'decision-invalid')).has('decision-merge')).toBe(true);
  });
});
