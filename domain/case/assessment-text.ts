// The caseworker's assessment as the approver reads it on the decision form, where it cannot
// be changed: the proposal per source, the reasons and proposed conditions (which the decision
// letter prints under "Hovedhensyn") and the checklist, each in the words of the assessment
// form. Display only: the decision is checked against the case file, never against these.
import { fitText, notGiven } from './summary.ts';
import { registerLabel } from '../registers.ts';
import type { SourceDecision } from './decision.ts';
import type { StatisticsFindings } from './statistics-request.ts';

export type AssessmentFindings = {
  confidentialityBasis?: string;
  purposeWithinRegisterPurposes?: boolean;
  legalBasisConfirmed?: boolean;
  dataMinimisationConfirmed?: boolean;
};

export type AssessmentTexts = { assessmentProposalText: string; assessmentReasonsText: string; assessmentChecklistText: string };

const confidentialityLabels: Record<string, string> = {
  consent: 'Samtykke',
  dispensation: 'Dispensasjon (helsepersonelloven § 29)',
  'not-applicable': 'Ikke relevant (anonyme data)',
};

const checks: [keyof AssessmentFindings, string][] = [
  ['purposeWithinRegisterPurposes', 'Formålet ligger innenfor registrenes formål (helseregisterloven §§ 19 og 19 a)'],
  ['legalBasisConfirmed', 'Mottaker har rettslig grunnlag etter personvernforordningen art. 6 og 9'],
  ['dataMinimisationConfirmed', 'Bare nødvendige variabler; kobling er begrunnet'],
];

function sourceText(source: SourceDecision, statisticsRequest: boolean): string {
  const lines = [`${registerLabel(source.registerId)}: ${source.granted ? 'innvilges' : 'avslås'}`];
  if (source.granted) lines.push(`${statisticsRequest ? 'Tabeller og variabler' : 'Variabler'}: ${source.variables.join(', ')}`);
  if (source.granted && !statisticsRequest) lines.push(`Dispensasjon fra taushetsplikt: ${source.dispensation ? 'ja' : 'nei'}`);
  if (source.conditions) lines.push(`Særskilte vilkår: ${source.conditions}`);
  if (source.refusalReason) lines.push(`Begrunnelse for det som avslås: ${source.refusalReason}`);
  return lines.join('\n');
}

// A request for anonymised statistics is checked for how its output is anonymised instead
// (domain/case/statistics-request.ts): no legal basis, no confidentiality.
function statisticsChecklist(findings: StatisticsFindings): string[] {
  return [
    `${findings.purposeWithinRegisterPurposes === true ? 'Ja' : 'Nei'}: ${checks[0]![1]}`,
    `Aggregeringsnivå: ${findings.aggregationLevel?.trim() || 'ikke oppgitt'}`,
    `${findings.smallCellsSuppressed === true ? 'Ja' : 'Nei'}: Små celler skjermes eller slås sammen før statistikken frigis`,
  ];
}

export function assessmentTexts(proposal: readonly SourceDecision[], findings: AssessmentFindings & StatisticsFindings, notes: string | undefined, statisticsRequest = false): AssessmentTexts {
  const basis = findings.confidentialityBasis && (confidentialityLabels[findings.confidentialityBasis] ?? findings.confidentialityBasis);
  const checklist = statisticsRequest
    ? statisticsChecklist(findings)
    : [...checks.map(([name, label]) => `${findings[name] === true ? 'Ja' : 'Nei'}: ${label}`), `Grunnlag for unntak fra taushetsplikt: ${basis ?? 'ikke valgt'}`];
  return {
    assessmentProposalText: fitText(proposal.map((source) => sourceText(source, statisticsRequest)).join('\n\n') || notGiven),
    assessmentReasonsText: fitText(notes?.trim() ? notes : notGiven),
    assessmentChecklistText: checklist.join('\n'),
  };
}
