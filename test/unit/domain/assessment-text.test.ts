import { describe, expect, it } from 'vitest';
import { assessmentTexts } from '../../../domain/case/assessment-text.ts';

describe('assessmentTexts', () => {
  const proposal = [
    { registerId: 'MFR', granted: true, variables: ['svangerskapsdiabetes', 'fodselsaar'], dispensation: true, conditions: 'Aggregert publisering.', refusalReason: null },
    { registerId: 'NPR', granted: false, variables: [], dispensation: false, conditions: null, refusalReason: 'Ikke nødvendig for formålet.' },
  ];

  it('writes the proposal per source, the reasons and the checklist in the words of the assessment form', () => {
    const texts = assessmentTexts(proposal, { confidentialityBasis: 'dispensation', purposeWithinRegisterPurposes: true, legalBasisConfirmed: true, dataMinimisationConfirmed: false }, 'Vilkårene er oppfylt.');
    expect(texts.assessmentProposalText).toBe([
      'Medisinsk fødselsregister (MFR): innvilges\nVariabler: svangerskapsdiabetes, fodselsaar\nDispensasjon fra taushetsplikt: ja\nSærskilte vilkår: Aggregert publisering.',
      'Norsk pasientregister (NPR): avslås\nBegrunnelse for det som avslås: Ikke nødvendig for formålet.',
    ].join('\n\n'));
    expect(texts.assessmentReasonsText).toBe('Vilkårene er oppfylt.');
    expect(texts.assessmentChecklistText).toBe([
      'Ja: Formålet ligger innenfor registrenes formål (helseregisterloven §§ 19 og 19 a)',
      'Ja: Mottaker har rettslig grunnlag etter personvernforordningen art. 6 og 9',
      'Nei: Bare nødvendige variabler; kobling er begrunnet',
      'Grunnlag for unntak fra taushetsplikt: Dispensasjon (helsepersonelloven § 29)',
    ].join('\n'));
  });

  it('says what is missing instead of leaving a field empty', () => {
    const texts = assessmentTexts([], {}, '  ');
    expect(texts).toMatchObject({ assessmentProposalText: 'Ikke oppgitt', assessmentReasonsText: 'Ikke oppgitt' });
    expect(texts.assessmentChecklistText).toContain('Grunnlag for unntak fra taushetsplikt: ikke valgt');
  });
});
