// Every letter template beside the models renders with the facts the workers give, names no
// fact they lack (strict), and comes out as PDF/A with Norwegian text intact.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { letterPdf } from '../../../store/letter/pdf.ts';
import { lettersDir, renderLetter } from '../../../store/letter/templates.ts';
import { letterFacts } from '../../fixtures/letter-facts.ts';
import { letterTemplates } from '../../../domain/letter/kinds.ts';
import { pdfaMarkers, pdfText } from '../../pdf-text.ts';

// Partials (bpmn/letters/partials/) are parts of letters, not letters.
const templates = readdirSync(lettersDir).filter((f) => f.endsWith('.hbs')).map((f) => f.replace(/\.hbs$/, ''));

describe('letter templates', () => {
  it('are the twenty-five letters the case and its permit send, and the decision letters of a change and of a request for statistics', () => {
    expect(templates.sort()).toEqual([
      'acknowledgement', 'appeal-dismissed', 'appeal-reversed', 'appeal-to-helseklage', 'change-refusal', 'cost-estimate', 'cost-estimate-request', 'custodian-delivery-order', 'custodian-order', 'custodian-reinstatement', 'custodian-stop-order', 'deadline-extension', 'decision',
      'extension-grant', 'forwarding-letter', 'forwarding-notice', 'holder-fee', 'invoice', 'permit-deletion-request', 'permit-delivery-refusal', 'permit-expiry-reminder', 'permit-revocation-decision',
      'preliminary-answer', 'rejection', 'statistics-decision', 'supplement-reminder', 'supplement-request', 'withdrawal',
    ]);
    // The catalogue the workers name letters by has each template, and no letter without one.
    expect([...letterTemplates].sort()).toEqual(templates);
  });

  it.each(templates)('%s renders as PDF/A with its reference and Norwegian letters', async (name) => {
    const letter = renderLetter(name, letterFacts);
    expect(letter.title.length).toBeGreaterThan(5);
    expect(letter.templateVersion).toMatch(/^[0-9a-f]{16}$/);
    expect(letter.body).not.toMatch(/\{\{|\}\}/);
    const pdf = await letterPdf(letter.body, { title: letter.title, subject: letterFacts.reference, createdAt: new Date('2026-12-02T10:00:00Z') });
    expect(pdfaMarkers(pdf)).toMatchObject({ part: '2', conformance: 'B', outputIntent: true, standardFonts: 0 });
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain(letterFacts.reference);
    expect(text).toMatch(/[æøåÆØÅ]/);
    expect(text).toContain('Helsedataservice');
  });

  it('refuses a template that names a fact the case lacks, instead of leaving a gap', () => {
    const { missing: _missing, ...withoutMissing } = letterFacts;
    expect(() => renderLetter('supplement-request', withoutMissing)).toThrow(/missing/);
  });

  it('names the revocation an appeal is about, and what a reversal of it means', () => {
    const ofDecision = renderLetter('appeal-reversed', letterFacts).body;
    expect(ofDecision).toContain('på vedtaket i saken');
    expect(ofDecision).toContain('endrer vedtaket i samsvar med klagen');
    const ofRevocation = renderLetter('appeal-reversed', { ...letterFacts, revokedPermit: 'HDS-2026-00042' }).body;
    expect(ofRevocation).toContain('på vedtaket om å tilbakekalle tillatelse HDS-2026-00042 i saken');
    expect(ofRevocation).toContain('gjelder igjen fra i dag, på de samme vilkårene, til 31.12.2029');
    expect(ofRevocation).not.toContain('endrer vedtaket i samsvar med klagen');
  });

  it("tells an EHDS permit's holder the last day to ask for an extension and to delete the data, and a Norwegian one neither", () => {
    const reminder = renderLetter('permit-expiry-reminder', letterFacts).body.replace(/\s+/g, ' ');
    expect(reminder).toContain('må du sende en endringssøknad om forlengelse senest 30.11.2029, 1 måned før perioden er ute (forordning (EU) 2025/327 art. 68 nr. 12). En tillatelse kan bare forlenges én gang.');
    const deletion = renderLetter('permit-deletion-request', letterFacts).body.replace(/\s+/g, ' ');
    expect(deletion).toContain('Dataene skal slettes senest 6 måneder etter at tillatelsen utløp, det vil si innen 29.01.2030 (forordning (EU) 2025/327 art. 68 nr. 12).');
    const norwegian = { ...letterFacts, extensionRequestBy: '', extensionRequestPeriod: '', extensionRule: '', deletionPeriod: '', deletionRule: '' };
    const norwegianReminder = renderLetter('permit-expiry-reminder', norwegian).body;
    expect(norwegianReminder).toContain('må du sende en endringssøknad om forlengelse før perioden er ute.');
    expect(norwegianReminder).not.toContain('2025/327');
    const norwegianDeletion = renderLetter('permit-deletion-request', norwegian).body;
    expect(norwegianDeletion).toContain('Bekreft overfor Helsedataservice innen 29.01.2030 at det er gjort.');
    expect(norwegianDeletion).not.toContain('2025/327');
  });

  it('gives linkage as the reason for the longer deadline only when sources are linked', () => {
    expect(renderLetter('acknowledgement', { ...letterFacts, statutoryPeriod: '60 virkedager', sourcesLinked: true }).body).toContain('innen 60 virkedager (helseregisterloven § 19 f), fordi datakilder skal kobles.');
    // One source with linkage asked for: nothing to link, so the ordinary deadline and no reason.
    const oneSource = renderLetter('acknowledgement', { ...letterFacts, statutoryPeriod: '30 virkedager', linkageRequested: true, sourcesLinked: false }).body;
    expect(oneSource).toContain('innen 30 virkedager (helseregisterloven § 19 f).');
  });

  it("gives the statutory period and the rule of the case's rulebook", () => {
    const ehds = renderLetter('acknowledgement', { ...letterFacts, statutoryPeriod: '3 måneder', statutoryArticle: 'forordning (EU) 2025/327 art. 68 nr. 4', sourcesLinked: false }).body;
    expect(ehds).toContain('skal vi fatte vedtak innen 3 måneder (forordning (EU) 2025/327 art. 68 nr. 4).');
    expect(ehds).not.toContain('§ 19 f');
  });

  it("names the supplement window of the case's rulebook: 10 working days and a reminder, or 4 weeks under EHDS and no reminder", () => {
    const norwegian = renderLetter('supplement-request', letterFacts).body;
    expect(norwegian).toContain('innen 16.12.2026 (10 virkedager). Får vi det ikke innen fristen, sender vi en påminnelse med en ny frist på 5 virkedager.');
    const ehdsWindow = { supplementPeriod: '4 uker', supplementArticle: 'forordning (EU) 2025/327 art. 67–68', reminderPeriod: null, reminded: false };
    const ehds = renderLetter('supplement-request', { ...letterFacts, ...ehdsWindow }).body;
    expect(ehds).toContain('innen 16.12.2026 (4 uker). Fristen gjelder hele perioden du har til å gjøre søknaden komplett (forordning (EU) 2025/327 art. 67–68), og den blir ikke forlenget.');
    expect(ehds).not.toMatch(/påminnelse|virkedager/);
    expect(renderLetter('rejection', letterFacts).body).toContain('Vi ba om følgende, og ga en påminnelse med ny frist, men fikk det ikke innen fristen:');
    const rejected = renderLetter('rejection', { ...letterFacts, ...ehdsWindow }).body;
    expect(rejected).toContain('Vi ba om følgende med en frist på 4 uker (forordning (EU) 2025/327 art. 67–68), men fikk det ikke innen fristen:');
    expect(rejected).not.toContain('påminnelse');
    expect(renderLetter('acknowledgement', { ...letterFacts, ...ehdsWindow }).body).toContain('får du beskjed og 4 uker til å ettersende det.');
  });

  it('tells the applicant why the decision deadline is extended, by how long and the new date', () => {
    const letter = renderLetter('deadline-extension', letterFacts);
    expect(letter.title).toBe('Forlengelse av fristen for vedtak');
    expect(letter.body).toContain('Fristen for å fatte vedtak i saken er forlenget med 2 måneder, fra 01.03.2027 til 01.05.2027 (forordning (EU) 2025/327 art. 68 nr. 4).');
    expect(letter.body).toContain(`## Hvorfor fristen forlenges\n${letterFacts.extensionReasons}`);
    expect(letter.body).toContain('Du kan vente vedtak senest 01.05.2027.');
  });

  it('writes amounts and dates as Norwegians read them', () => {
    const body = renderLetter('decision', letterFacts).body;
    expect(body).toContain('kr 3 000 i grunngebyr og 4 påbegynte timer saksbehandling à kr 1 155, til sammen kr 7 620');
    expect(body).toContain('innen 23.12.2026');
  });

  it('gives each source of a decision its own outcome, what was refused and why', () => {
    const body = renderLetter('decision', letterFacts).body;
    expect(body).toContain('- Medisinsk fødselsregister (MFR): delvis innvilget. Innvilgede variabler: svangerskapsdiabetes. Dataperiode: 01.01.2000 – 31.12.2020. Ikke innvilget: fødselsår. Begrunnelse for avslag: Fødselsår er ikke nødvendig for formålet.');
    expect(body).toContain('- Norsk pasientregister (NPR): innvilget. Innvilgede variabler: hoveddiagnose, innleggelsesdato. Dataperiode: 01.01.2000 – 31.12.2024. Vilkår for kilden: Ingen kobling utover søknaden.');
    expect(body).toContain('- System for bivirkningsrapportering (BIVIRK): avslått. Begrunnelse for avslag: Formålet dekkes ikke av registerets formål.');
    expect(body).toContain('opplysningene fra Medisinsk fødselsregister (MFR), Norsk pasientregister (NPR), på vilkårene nedenfor');
  });

  it('versions a template by its text, and carries the journal metadata its front matter sets', () => {
    const order = renderLetter('custodian-order', letterFacts);
    expect(order).toMatchObject({ accessCode: 'U', exemptionBasis: 'Offl. § 13 jf. helseregisterloven § 17' });
    expect(renderLetter('decision', letterFacts)).toMatchObject({ accessCode: null, exemptionBasis: null });
    expect(readFileSync(`${lettersDir}/custodian-order.hbs`, 'utf8').startsWith('---\n')).toBe(true);
    expect(renderLetter('custodian-order', letterFacts).templateVersion).toBe(order.templateVersion);
    expect(renderLetter('decision', letterFacts).templateVersion).not.toBe(order.templateVersion);
  });
});
