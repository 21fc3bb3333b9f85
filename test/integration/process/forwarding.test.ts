// Cases HDS does not decide, on the real engine and database: the case names the bodies it is
// forwarded to (the custodians from the register table, or REK), the case file keeps to whom
// and when, and GET /applications/{id} shows it. Each body gets a forwarding letter with the
// application, journaled as outgoing and e-mailed through the outbox; the body's decision is
// journaled as coming from that body, and the case names the body that decided.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import forwardApplication from '../../../workers/case/forward-application.ts';
import type { WorkerContext } from '../../../workers/declaration.ts';
import { bearer } from '../auth.ts';
import { recordPath } from '../coverage.ts';
import { letterOf } from '../letters.ts';
import { waitForMessageSubscription, waitForProcessInstanceState } from '../engine.ts';
import { log, postToCase, startCase, startHarness, validSubmission, type Harness } from '../harness.ts';
import { auditEvent, caseView as caseViewOf, passCompleteness, processVariable, recordedStep, source } from './case-steps.ts';

const process = 'hds-application';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

async function stepRecorded(applicationId: string, step: string) {
  await recordedStep(h, applicationId, step);
  return auditEvent(h, applicationId, step);
}

const caseView = (id: string) => caseViewOf(h, id);

function expectWithin(instant: string, from: Date, to: Date) {
  expect(new Date(instant).getTime()).toBeGreaterThanOrEqual(from.getTime());
  expect(new Date(instant).getTime()).toBeLessThanOrEqual(to.getTime());
}

describe('forwarding a case HDS does not decide', { timeout: 180_000 }, () => {
  it('forwards a § 10 case to the custodians of the central registers it names, and closes it with their decision', async () => {
    const { id, processInstanceId } = await startCase(h, {
      ...validSubmission,
      dataSources: [source('KREFT'), source('BIVIRK'), source('SSB-BEFOLKNING')],
      linkage: { requested: true, justification: 'Befolkningsdata kobles til krefttilfeller og bivirkninger.' },
    });
    expect((await caseView(id)).forwardedTo).toEqual([]);

    const before = new Date();
    await passCompleteness(processInstanceId, { custodianException: true });
    const audit = await stepRecorded(id, 'forwarded');
    const after = new Date();

    // Today's custodians of KREFT and BIVIRK; SSB holds only a linked source and decides nothing.
    const forwarded = await caseView(id);
    expect(forwarded).toMatchObject({ status: 'forwarded', decidingBody: 'CUSTODIAN' });
    expect(forwarded.forwardedTo).toEqual([
      { recipient: 'DMP', name: 'Direktoratet for medisinske produkter', registerIds: ['BIVIRK'], forwardedAt: expect.any(String) },
      { recipient: 'FHI', name: 'Folkehelseinstituttet', registerIds: ['KREFT'], forwardedAt: expect.any(String) },
    ]);
    for (const { forwardedAt } of forwarded.forwardedTo) expectWithin(forwardedAt, before, after);
    expect(audit.detail).toEqual({
      to: 'CUSTODIAN',
      recipients: [
        { recipient: 'DMP', registerIds: ['BIVIRK'] },
        { recipient: 'FHI', registerIds: ['KREFT'] },
      ],
    });
    await waitForMessageSubscription(processInstanceId, 'external-decision-received');
    expect(await processVariable(processInstanceId, 'forwardedTo')).toBe('Direktoratet for medisinske produkter, Folkehelseinstituttet');

    // External tasks are at-least-once: the same job again writes nothing new and keeps the first time.
    const context = { db: h.db, log, now: () => new Date(), userTasks: { completedBy: async () => undefined, nameOf: async (id: string) => id }, timers: { move: async () => false }, task: { id: 'again', processInstanceId, retries: 5 } } satisfies WorkerContext;
    await forwardApplication.handler({ applicationId: id, decidingBody: 'CUSTODIAN' }, context);
    expect((await caseView(id)).forwardedTo).toEqual(forwarded.forwardedTo);

    // Each custodian gets the application in a forwarding letter, to its order address.
    const letters = await Promise.all(['DMP', 'FHI'].map((custodian) => letterOf(h, id, 'forwarding-letter', custodian)));
    expect(letters.map((l) => [l.row.recipient_kind, l.row.recipient_name, l.row.recipient_email])).toEqual([
      ['custodian', 'Direktoratet for medisinske produkter', 'datautlevering@dmp.no'],
      ['custodian', 'Folkehelseinstituttet', 'datautlevering@fhi.no'],
    ]);
    for (const fact of ['Oversendelse av søknad om tilgang til helsedata', 'forskrift om nasjonal løsning for tilgjengeliggjøring av helsedata § 10 tredje ledd', validSubmission.project.description, 'Kari Nordmann, Folkehelseinstituttet, organisasjonsnummer 983744516', 'Søkeren ber om kobling av kildene: Befolkningsdata kobles til krefttilfeller og bivirkninger.']) {
      expect(letters[1]!.text, fact).toContain(fact);
    }
    expect(letters[0]!.text).toContain('for BIVIRK');
    expect(letters[1]!.text).toContain('for KREFT');
    expect(letters[1]!.text).toContain('Kreftregisteret (KREFT)');
    const journal = async () => (await h.app.inject({ method: 'GET', url: `/applications/${id}/journal`, headers: bearer('caseworker') })).json().items as { entryType: string; title: string; correspondent: string }[];
    expect((await journal()).filter((e) => e.title === 'Oversendelse av søknad om tilgang til helsedata').map((e) => [e.entryType, e.correspondent])).toEqual([
      ['U', 'Direktoratet for medisinske produkter'],
      ['U', 'Folkehelseinstituttet'],
    ]);

    // Two custodians: the caseworker names the one that decided; a body the case did not go to
    // is refused, naming the field, and changes nothing.
    for (const [payload, reason] of [
      [{ outcome: 'grant', reference: 'FHI 2026/4711' }, 'must name which body decided: one of DMP, FHI'],
      [{ outcome: 'grant', reference: 'FHI 2026/4711', decidedBy: 'REK' }, 'was not sent the case: name one of DMP, FHI'],
    ] as const) {
      const refused = await h.app.inject({ method: 'POST', url: `/applications/${id}/external-decision`, payload, headers: bearer('caseworker') });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors).toEqual([{ field: '/decidedBy', message: reason }]);
    }
    expect((await caseView(id)).status).toBe('forwarded');

    await postToCase(h, `/applications/${id}/external-decision`, { outcome: 'grant', reference: 'FHI 2026/4711', decidedBy: 'FHI' });
    await waitForProcessInstanceState(processInstanceId, 'COMPLETED');
    const closed = await caseView(id);
    expect(closed).toMatchObject({ status: 'closed', decision: { decidedByBody: 'FHI', outcome: 'grant', externalReference: 'FHI 2026/4711' } });
    expect((await journal()).filter((e) => e.entryType === 'I').map((e) => [e.title, e.correspondent])).toContainEqual(['Vedtak fra organet saken ble sendt til', 'Folkehelseinstituttet']);
    expect(closed.forwardedTo).toEqual(forwarded.forwardedTo);
    await recordPath(process, processInstanceId, 'closed-by-other-body');
  });

  it('forwards a research case without central registers to REK', async () => {
    const { id, processInstanceId } = await startCase(h, { ...validSubmission, dataSources: [source('NDR')], linkage: { requested: false } });
    const before = new Date();
    await passCompleteness(processInstanceId);
    await stepRecorded(id, 'forwarded');
    const after = new Date();

    const forwarded = await caseView(id);
    expect(forwarded).toMatchObject({ status: 'forwarded', decidingBody: 'REK' });
    expect(forwarded.forwardedTo).toEqual([
      { recipient: 'REK', name: 'Regional komité for medisinsk og helsefaglig forskningsetikk (REK)', registerIds: [], forwardedAt: expect.any(String) },
    ]);
    expectWithin(forwarded.forwardedTo[0].forwardedAt, before, after);
    await waitForMessageSubscription(processInstanceId, 'external-decision-received');
    expect(await processVariable(processInstanceId, 'forwardedTo')).toBe('Regional komité for medisinsk og helsefaglig forskningsetikk (REK)');
    const letter = await letterOf(h, id, 'forwarding-letter');
    expect(letter.row).toMatchObject({ recipient_kind: 'body', recipient_name: 'Regional komité for medisinsk og helsefaglig forskningsetikk (REK)', recipient_email: 'post@helseforskning.etikkom.no' });
    expect(letter.text).toContain('helsepersonelloven § 29');
    expect(letter.text).toContain(validSubmission.project.title);
    await recordPath(process, processInstanceId, 'forward-application');
  });
});
