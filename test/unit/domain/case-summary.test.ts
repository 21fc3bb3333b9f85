import { describe, expect, it } from 'vitest';
import { caseSummary, maxTextLength, notGiven, statutoryPeriodText } from '../../../domain/case/summary.ts';
import { validSubmission } from '../../fixtures/submission.ts';

const submission = validSubmission;
const received = '2026-03-02';

describe('caseSummary', () => {
  it('writes the application in Norwegian for the forms', () => {
    expect(caseSummary(submission, received)).toEqual({
      applicantName: 'Kari Nordmann',
      institutionName: 'Folkehelseinstituttet (org.nr. 983744516)',
      projectTitle: 'Hjertesykdom etter svangerskapsdiabetes',
      purposeText: 'Forskning',
      projectPeriod: '01.01.2025 – 31.12.2029',
      dataKindText: 'Personidentifiserbare opplysninger',
      projectDescription: 'Risiko for hjerte- og karsykdom hos kvinner som har hatt svangerskapsdiabetes.',
      sourcesSummary: [
        'Medisinsk fødselsregister (MFR): 2 variabler, periode 01.01.2000 – 31.12.2020',
        'Norsk pasientregister (NPR): 2 variabler, periode 01.01.2000 – 31.12.2024',
      ].join('\n'),
      sourcesText: [
        'Medisinsk fødselsregister (MFR)\nRegisterforvalter: Folkehelseinstituttet\nPeriode: 01.01.2000 – 31.12.2020\nVariabler: svangerskapsdiabetes, fodselsaar',
        'Norsk pasientregister (NPR)\nRegisterforvalter: Folkehelseinstituttet\nPeriode: 01.01.2000 – 31.12.2024\nVariabler: hoveddiagnose, innleggelsesdato',
      ].join('\n\n'),
      analysisEnvironmentText: 'TSD – Tjenester for sensitive data (Universitetet i Oslo)',
      legalBasisSummary: 'Personvernforordningen art. 6 nr. 1 bokstav e; art. 9 nr. 2 bokstav j',
      rekReference: 'REK 2024/123456',
      linkageSummary: 'Kildene skal kobles. Begrunnelse: Diagnoser i NPR må kobles til svangerskap i MFR.',
      earlierDecisionReference: notGiven,
      receivedText: '02.03.2026',
    });
  });

  it("names the case's rulebook and the rule its statutory period comes from", () => {
    expect(statutoryPeriodText(submission, 'norwegian')).toBe(
      'Norske regler (helseregisterloven): 60 virkedager, fordi kildene skal kobles, fra den dagen søknaden er komplett (helseregisterloven § 19 f). Fristen settes når kompletthetsvurderingen er fullført.',
    );
    expect(statutoryPeriodText({ applicationType: 'new', dataSources: [] }, 'norwegian')).toMatch(/^Norske regler \(helseregisterloven\): 30 virkedager, fra den dagen søknaden er komplett/);
    // Under EHDS linked sources change nothing: 3 months.
    expect(statutoryPeriodText(submission, 'ehds')).toBe(
      'EHDS (forordning (EU) 2025/327): 3 måneder, fra den dagen søknaden er komplett (forordning (EU) 2025/327 art. 68 nr. 4). Fristen settes når kompletthetsvurderingen er fullført.',
    );
  });

  it('names purposes and data kinds in Norwegian', () => {
    const purposes = { statistics: 'Statistikk', 'quality-improvement': 'Kvalitetsforbedring', planning: 'Planlegging', management: 'Styring', preparedness: 'Beredskap' };
    for (const [purposeCategory, text] of Object.entries(purposes)) {
      expect(caseSummary({ ...submission, project: { ...submission.project, purposeCategory } }, received).purposeText).toBe(text);
    }
    expect(caseSummary({ ...submission, dataKind: 'indirectly-identifiable' }, received).dataKindText).toBe('Indirekte identifiserbare opplysninger');
    expect(caseSummary({ ...submission, dataKind: 'anonymous' }, received).dataKindText).toBe('Anonyme opplysninger');
  });

  it('needs no legal basis for anonymous data', () => {
    const { legalBasis, ...anonymous } = { ...submission, dataKind: 'anonymous' };
    expect(legalBasis).toBeDefined();
    expect(caseSummary(anonymous, received).legalBasisSummary).toBe('Ikke relevant (anonyme data)');
  });

  it('tells sources that are not linked, and a single variable', () => {
    const summary = caseSummary({
      ...submission,
      dataSources: [{ registerId: 'NDR', variables: ['hba1c'], period: { startDate: '2010-01-01', endDate: '2020-12-31' } }],
      linkage: { requested: false },
    }, received);
    expect(summary.sourcesSummary).toBe('Norsk diabetesregister for voksne (NDR): 1 variabel, periode 01.01.2010 – 31.12.2020');
    expect(summary.linkageSummary).toBe('Kildene skal ikke kobles.');
  });

  it('writes "Ikke oppgitt" for every text the submission lacks, never an empty string', () => {
    const summary = caseSummary({ applicationType: 'new', dataSources: [] }, received);
    const { receivedText, ...texts } = summary;
    expect(Object.keys(texts)).toHaveLength(14);
    expect(Object.values(texts).every((text) => text === notGiven)).toBe(true);
    expect(receivedText).toBe('02.03.2026');
    expect(caseSummary({ ...submission, rekReference: '  ', dataKind: '' }, received)).toMatchObject({ rekReference: notGiven, dataKindText: notGiven });
  });

  it('names the custodian that held the source on the day the application came', () => {
    const npr = (day: string) => caseSummary({ ...submission, dataSources: [{ registerId: 'NPR', variables: ['x'] }] }, day).sourcesText;
    expect(npr('2023-12-31')).toContain('Registerforvalter: Helsedirektoratet\n');
    expect(npr('2024-01-01')).toContain('Registerforvalter: Folkehelseinstituttet\n');
  });

  it('sets the optional fields when they are given', () => {
    expect(caseSummary({ ...submission, applicationType: 'change', earlierDecisionReference: 'HDS-2024-00042' }, received).earlierDecisionReference).toBe('HDS-2024-00042');
  });

  it('keeps a source it does not know by its id', () => {
    const summary = caseSummary({ applicationType: 'new', dataSources: [{ registerId: 'UKJENT', variables: ['a', 'b', 'c'] }] }, received);
    expect(summary.sourcesSummary).toBe('UKJENT: 3 variabler, periode ikke oppgitt');
    expect(summary.sourcesText).toBe('UKJENT\nRegisterforvalter: ukjent\nPeriode: ikke oppgitt\nVariabler: a, b, c');
  });

  it(`cuts every text to at most ${maxTextLength} characters and marks the cut`, () => {
    const long = 'x'.repeat(5_000);
    const summary = caseSummary({ ...submission, projectLeader: { name: long }, linkage: { requested: true, justification: long } }, received);
    expect(summary.applicantName).toHaveLength(maxTextLength);
    expect(summary.applicantName.endsWith('…')).toBe(true);
    expect(summary.linkageSummary).toHaveLength(maxTextLength);
    expect(caseSummary({ ...submission, projectLeader: { name: 'x'.repeat(maxTextLength) } }, received).applicantName).toBe('x'.repeat(maxTextLength));
  });

  it('never cuts a character in half', () => {
    const name = `${'x'.repeat(maxTextLength - 2)}😀😀`;
    const { applicantName } = caseSummary({ ...submission, projectLeader: { name } }, received);
    expect(applicantName.length).toBeLessThanOrEqual(maxTextLength);
    expect(applicantName).toBe(`${'x'.repeat(maxTextLength - 2)}…`);
  });
});
