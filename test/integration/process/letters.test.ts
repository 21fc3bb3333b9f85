// The letters every path of the application process sends, on the real engine and database:
// each made from its template as PDF/A, stored with its hash, journaled, and e-mailed through
// the outbox to the test's own SMTP server. Each test checks the facts a letter must give.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceKid, isValidKid } from '../../../domain/invoice/kid.ts';
import { validateEhf } from '../../ehf.ts';
import { preliminaryAnswerAt } from '../../../domain/deadlines.ts';
import { norwegianDate, osloDay } from '../../../domain/working-days.ts';
import { bearer } from '../auth.ts';
import { recordPath } from '../coverage.ts';
import { assignAndComplete, findTimer, findUserTask, fireTimer, waitForProcessInstanceState } from '../engine.ts';
import { letterOf } from '../letters.ts';
import { sendCaseLetter } from '../../../store/letter/case-letter.ts';
import { day } from '../../../store/case/view.ts';
import { eventually, postToCase, startCase, startHarness, type Harness } from '../harness.ts';
import { approver, assess, caseworker, decide, passCompleteness, processVariable, recordedStep, research, source, status, steps } from './case-steps.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const applicant = research.projectLeader.email;
const date = (value: Date | string) => norwegianDate(typeof value === 'string' ? value.slice(0, 10) : osloDay(value));

describe('letters', { timeout: 180_000 }, () => {
  it('acknowledges receipt, then sends the decision letter with its reasons, fee and appeal rights, the invoice, and one order per custodian', async () => {
    const { id, reference, processInstanceId } = await startCase(h, research);
    const received = await letterOf(h, id, 'acknowledgement');
    expect(received.row).toMatchObject({ recipient_kind: 'applicant', recipient_email: applicant, template: 'acknowledgement' });
    expect(received.text).toContain(`Saksnummer: ${reference}`);
    expect(received.text).toContain('Hjertesykdom etter svangerskapsdiabetes');
    // Linked sources: 60 working days.
    expect(received.text).toContain('innen 60 virkedager (helseregisterloven § 19 f), fordi datakilder skal kobles');
    // One picture of the time it takes: no flat estimate beside the deadline.
    expect(received.text).not.toContain('3–5 måneder');

    await passCompleteness(processInstanceId);
    await assess(processInstanceId, 'grant', 3.5);
    await decide(processInstanceId, {
      outcome: 'grant',
      dispensationGranted: true,
      conditions: 'Data slettes ved prosjektslutt. Bare aggregerte resultater publiseres.',
      decisionNotes: 'Formålet ligger innenfor registrenes formål, og koblingen er nødvendig.',
      // The permit ends before the project does, and gives no repeated deliveries.
      permitEndDate: '2028-06-30',
      periodicDeliveries: false,
    });

    const decision = await letterOf(h, id, 'decision');
    const decided = await h.db('decisions').where({ application_id: id }).first();
    for (const fact of [
      'Helsedataservice har innvilget søknaden',
      'Medisinsk fødselsregister (MFR): innvilget',
      'System for bivirkningsrapportering (BIVIRK): innvilget',
      'dispensasjon fra taushetsplikten etter helsepersonelloven § 29',
      'Data slettes ved prosjektslutt. Bare aggregerte resultater publiseres.',
      'koblingen er nødvendig',
      'forvaltningsloven §§ 28 og 29',
      `innen ${date(decided.appeal_deadline instanceof Date ? osloDay(decided.appeal_deadline) : decided.appeal_deadline)}`,
      'Du har rett til å se dokumentene i saken (forvaltningsloven § 18)',
      'forvaltningsloven §§ 24 og 25',
      'Helsedataservice, Postboks 220 Skøyen, 0213 Oslo',
      'Saksbehandler: Siri Saksbehandler',
      'Vedtaket er fattet av: Bente Beslutter',
      // The permit as the decision form set it, and each source's data period.
      'Dataperiode: 01.01.2010 – 31.12.2024',
      'analyserommet TSD',
      'Tillatelsen gjelder til og med 30.06.2028',
      'Dispensasjonen gjelder bare denne utleveringen, ikke framtidige eller periodiske utleveringer.',
      'prosjektperioden 01.01.2025 – 31.12.2029',
      'personvernforordningen artikkel 6 nr. 1 bokstav e og artikkel 9 nr. 2 bokstav j',
      // Two sources: NOK 3,000, and 4 started hours at NOK 1,155.
      'kr 3 000 i grunngebyr og 4 påbegynte timer saksbehandling à kr 1 155, til sammen kr 7 620',
    ]) {
      expect(decision.text, fact).toContain(fact);
    }
    expect(decision.text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    expect(decision.text).not.toContain('Dispensasjonen gjelder også');
    // The permit made from the same choices ends on the day the letter gives.
    const permit = await eventually(() => h.db('permits').where({ application_id: id }).first(), { what: 'the permit' });
    expect(day(permit.ends_on)).toBe('2028-06-30');
    // Stored once: the same step asked again (a retried job) gets the stored letter, and the
    // case file refuses to change it.
    const again = await sendCaseLetter(h.db, { applicationId: id, kind: 'decision', facts: {}, now: new Date() });
    expect(again).toEqual({ id: decision.row.id, sha256: decision.row.sha256, templateVersion: decision.row.template_version, created: false });
    expect(await h.db('documents').where({ application_id: id, kind: 'decision' })).toHaveLength(1);
    await expect(h.db('documents').where({ id: decision.row.id }).update({ content: Buffer.from('%PDF-1.7 changed') })).rejects.toThrow(/immutable/);

    const invoice = await letterOf(h, id, 'invoice');
    expect(invoice.text).toContain('Å betale: kr 7 620');
    // It can be paid: the payee's account and a KID made from the invoice number, due in 30 days,
    // with the buyer and its reference; the same invoice as EHF XML beside it, hashed as served
    // and valid under UBL 2.1 and the Peppol BIS Billing 3.0 rules.
    const billed = await h.db('invoices').where({ application_id: id }).first();
    expect(isValidKid(billed.kid)).toBe(true);
    expect(billed.kid).toBe(invoiceKid(Number(billed.invoice_number)));
    for (const fact of [`Fakturanummer: ${billed.invoice_number}`, `KID: ${billed.kid}`, 'Kontonummer: 7694.05.12340', 'Folkehelseinstituttet, organisasjonsnummer 983744516', `Forfallsdato: ${date(billed.due_on)}`, `Deres referanse: ${research.projectLeader.name}`]) {
      expect(invoice.text, fact).toContain(fact);
    }
    const ehfRow = await h.db('documents').where({ application_id: id, kind: 'invoice-ehf' }).first();
    const ehf = await h.app.inject({ method: 'GET', url: `/applications/${id}/documents/${ehfRow.id}`, headers: bearer('caseworker') });
    expect(ehf.headers['content-type']).toMatch(/^application\/xml/);
    expect(createHash('sha256').update(ehf.rawPayload).digest('hex')).toBe(ehfRow.sha256);
    expect(ehf.body).toContain(`<cbc:PaymentID>${billed.kid}</cbc:PaymentID>`);
    expect(ehf.body).toContain('<cbc:PayableAmount currencyID="NOK">7620.00</cbc:PayableAmount>');
    const { results } = await validateEhf({ invoice: ehf.rawPayload });
    expect(results.invoice).toMatchObject({ valid: true, errors: [] });

    const orders = await Promise.all(['FHI', 'DMP'].map((custodian) => letterOf(h, id, 'custodian-order', custodian)));
    expect(orders.map((o) => [o.row.recipient_kind, o.row.recipient_email])).toEqual([
      ['custodian', 'datautlevering@fhi.no'],
      ['custodian', 'datautlevering@dmp.no'],
    ]);
    expect(orders[0]!.text).toContain('Medisinsk fødselsregister (MFR)');
    expect(orders[0]!.text).not.toContain('BIVIRK');
    expect(orders[1]!.text).toContain('System for bivirkningsrapportering (BIVIRK)');
    expect(orders[0]!.text).toContain('Dataene utleveres til TSD');

    // The journal: the application in, every letter out; the orders exempt from public access.
    const journal = (await h.app.inject({ method: 'GET', url: `/applications/${id}/journal`, headers: bearer('caseworker') })).json().items;
    expect(journal[0]).toMatchObject({ entryType: 'I', title: 'Søknad om tilgang til helsedata – Hjertesykdom etter svangerskapsdiabetes', correspondent: 'Kari Nordmann, Folkehelseinstituttet', caseReference: reference });
    const outgoing = journal.filter((entry: { entryType: string }) => entry.entryType === 'U');
    expect(outgoing.map((entry: { title: string }) => entry.title).sort()).toEqual([
      'Bekreftelse på mottatt søknad',
      'Bestilling av data etter vedtak',
      'Bestilling av data etter vedtak',
      'Faktura for behandling av søknad',
      'Vedtak om tilgang til helsedata',
    ]);
    const order = outgoing.find((entry: { title: string }) => entry.title === 'Bestilling av data etter vedtak');
    expect(order).toMatchObject({ accessCode: 'U', exemptionBasis: 'Offl. § 13 jf. helseregisterloven § 17' });
    expect(outgoing.find((entry: { title: string }) => entry.title === 'Vedtak om tilgang til helsedata')).toMatchObject({ accessCode: null, correspondent: 'Kari Nordmann, Folkehelseinstituttet' });

    // The list a caseworker opens from Tasklist, with each document's hash and template version.
    const listed = (await h.app.inject({ method: 'GET', url: `/applications/${id}/documents`, headers: bearer('caseworker') })).json().items;
    expect(listed.map((d: { kind: string }) => d.kind).sort()).toEqual(['acknowledgement', 'custodian-order', 'custodian-order', 'decision', 'invoice', 'invoice-ehf']);
    expect(listed.find((d: { kind: string }) => d.kind === 'invoice-ehf')).toMatchObject({ mediaType: 'application/xml', sha256: ehfRow.sha256, deliveredAt: null });
    expect(listed.find((d: { kind: string }) => d.kind === 'decision')).toMatchObject({ sha256: decision.row.sha256, templateVersion: decision.row.template_version });

    // The page the engine serves to Tasklist's forms (as the service account), or a caseworker
    // reads with their own engine login.
    const page = `/caseworker/applications/${id}/documents`;
    const basic = (user: string, password = user) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
    const opened = await h.app.inject({ method: 'GET', url: page, headers: basic('saksbehandler') });
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain(`Dokumenter i sak ${reference}`);
    expect(opened.body).toContain(`href="documents/${decision.row.id}"`);
    const pdf = await h.app.inject({ method: 'GET', url: `${page.replace(/documents$/, '')}documents/${decision.row.id}`, headers: basic('beslutter') });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.equals(decision.row.content)).toBe(true);
    // The engine's account, which reads the page for Tasklist's users (CaseDocuments.java).
    expect((await h.app.inject({ method: 'GET', url: page, headers: basic('hds-service') })).statusCode).toBe(200);
    // Unknown logins and other groups get no further; a wrong password would lock a real login for a while.
    for (const refused of [{}, basic('ukjent', 'passord'), basic('prosesseier')]) {
      const res = await h.app.inject({ method: 'GET', url: page, headers: refused });
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Basic /);
    }
  });

  it('asks for what is missing, reminds, and rejects with the right to appeal', async () => {
    const { id, processInstanceId } = await startCase(h, research);
    await assignAndComplete(await findUserTask(processInstanceId, 'check-completeness'), caseworker, { isComplete: 'no', missingItems: 'Vurdering fra personvernombudet' });
    const request = await letterOf(h, id, 'supplement-request');
    const due = (await h.db('audit_events').where({ application_id: id }).andWhere('step', 'like', 'supplement-requested:%').first()).detail.dueAt;
    expect(request.text).toContain('Vurdering fra personvernombudet');
    expect(request.text).toContain(`innen ${date(new Date(due))} (10 virkedager)`);

    await fireTimer(await findTimer(processInstanceId, 'supplement-due'));
    const reminder = await letterOf(h, id, 'supplement-reminder');
    expect(reminder.text).toContain('Vurdering fra personvernombudet');
    expect(reminder.text).toContain('(5 virkedager)');

    await fireTimer(await findTimer(processInstanceId, 'reminder-due'));
    await waitForProcessInstanceState(processInstanceId, 'COMPLETED');
    const rejection = await letterOf(h, id, 'rejection');
    const { appeal_deadline: appealDeadline } = await h.db('decisions').where({ application_id: id }).first();
    expect(rejection.text).toContain('Søknaden din om tilgang til helsedata');
    expect(rejection.text).toContain('Vurdering fra personvernombudet');
    expect(rejection.text).toContain(`innen ${date(osloDay(appealDeadline))}`);
    // The rule for rejecting, and no fee where none was charged.
    expect(rejection.text).toContain('forvaltningsloven § 17');
    expect(rejection.text).not.toMatch(/gebyr/i);
    expect(reminder.text).not.toMatch(/gebyr/i);
  });

  it('tells the applicant to whom the case went, and why', async () => {
    const { id, processInstanceId } = await startCase(h, { ...research, dataSources: [source('NDR')], linkage: { requested: false } });
    await passCompleteness(processInstanceId);
    const notice = await letterOf(h, id, 'forwarding-notice');
    expect(notice.text).toContain('Regional komité for medisinsk og helsefaglig forskningsetikk (REK)');
    expect(notice.text).toContain('Søknaden gjelder forskning og ingen av de sentrale helseregistrene');
    await recordPath('hds-application', processInstanceId, 'forward-application');
  });

  it('sends a preliminary answer one month after receipt to a case not yet answered, saying why and when', async () => {
    const { id, processInstanceId } = await startCase(h, research);
    await passCompleteness(processInstanceId);
    await findUserTask(processInstanceId, 'legal-assessment');
    const timer = await findTimer(processInstanceId, 'one-month-passed');
    const { received_at: receivedAt } = await h.db('applications').where({ id }).first();
    expect(new Date(timer.dueDate!).toISOString()).toBe(preliminaryAnswerAt(new Date(receivedAt)).toISOString());
    await fireTimer(timer);
    const answer = await letterOf(h, id, 'preliminary-answer');
    const { due_at: dueAt } = await h.db('deadlines').where({ application_id: id }).first();
    expect(answer.text).toContain('forvaltningsloven § 11 a');
    expect(answer.text).toContain('Søknaden er komplett og til juridisk vurdering.');
    expect(answer.text).toContain(`Du kan vente vedtak senest ${date(new Date(dueAt))}`);
    await recordPath('hds-application', processInstanceId, 'preliminary-answered');
    // The case goes on.
    expect((await findUserTask(processInstanceId, 'legal-assessment')).id).toBeTruthy();
    await recordedStep(h, id, 'preliminary-answer');
  });

  it('sends no preliminary answer to a case decided and waiting for its data', async () => {
    const { id, processInstanceId } = await startCase(h, research);
    await passCompleteness(processInstanceId);
    await assess(processInstanceId);
    await decide(processInstanceId, { outcome: 'grant', dispensationGranted: true });
    await letterOf(h, id, 'decision');
    await eventually(async () => (await status(h, id)) === 'awaiting-delivery', { what: `case ${id} to wait for its data` });
    // A month has passed: the timer fires, and the worker finds the case answered.
    await fireTimer(await findTimer(processInstanceId, 'one-month-passed'));
    await recordPath('hds-application', processInstanceId, 'preliminary-answered');
    expect(await processVariable(processInstanceId, 'preliminaryAnswerSent')).toBe(false);
    expect(await h.db('documents').where({ application_id: id, kind: 'preliminary-answer' })).toEqual([]);
    expect(await steps(h, id)).not.toContain('preliminary-answer');
  });

  it('ends the preliminary answer\'s timer with a refused case', async () => {
    const { id, processInstanceId } = await startCase(h, research);
    await passCompleteness(processInstanceId);
    await assess(processInstanceId, 'refusal', 1);
    await decide(processInstanceId, { outcome: 'refusal' });
    await letterOf(h, id, 'decision');
    // Refused and closed: the instance has ended, and its timer with it.
    await waitForProcessInstanceState(processInstanceId, 'COMPLETED');
    expect(await h.engine.call('GET', `/job?processInstanceId=${processInstanceId}&activityId=one-month-passed`)).toEqual([]);
    expect(await h.db('documents').where({ application_id: id, kind: 'preliminary-answer' })).toEqual([]);
  });
});
