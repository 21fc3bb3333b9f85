// The application as a caseworker reads it on every form. Each text is always set, since
// Tasklist submits an empty field back as an empty string, and fits the engine's 4,000
// character string column. Pure: reads the submission as stored, and the day it was received
// (which custodian held each source then).
import { clockFacts, type Period, type Submission } from './facts.ts';
import { custodianName, findCustodianOn, registerLabel } from '../registers.ts';
import { durationText, rulebooks, type RulebookId } from '../rulebook/rulebooks.ts';
import { decisionRule, decisionRuleReason } from '../rulebook/statutory-clock.ts';
import { norwegianDate, type IsoDate } from '../working-days.ts';

export type CaseSummary = {
  applicantName: string;
  institutionName: string;
  projectTitle: string;
  projectDescription: string;
  purposeText: string;
  projectPeriod: string;
  dataKindText: string;
  // One line per source for the task cards; sourcesText is the whole of each for the forms.
  sourcesSummary: string;
  sourcesText: string;
  analysisEnvironmentText: string;
  legalBasisSummary: string;
  rekReference: string;
  linkageSummary: string;
  earlierDecisionReference: string;
  receivedText: string;
};

export const notGiven = 'Ikke oppgitt';
export const maxTextLength = 4_000;

export const purposeLabels: Record<string, string> = {
  research: 'Forskning',
  statistics: 'Statistikk',
  'quality-improvement': 'Kvalitetsforbedring',
  planning: 'Planlegging',
  management: 'Styring',
  preparedness: 'Beredskap',
};

export const dataKindLabels: Record<string, string> = {
  identifiable: 'Personidentifiserbare opplysninger',
  'indirectly-identifiable': 'Indirekte identifiserbare opplysninger',
  anonymous: 'Anonyme opplysninger',
};

export const analysisEnvironmentLabels: Record<string, string> = {
  TSD: 'TSD – Tjenester for sensitive data (Universitetet i Oslo)',
  'HUNT Cloud': 'HUNT Cloud (NTNU)',
  SAFE: 'SAFE (Universitetet i Bergen)',
  other: 'Annet analysemiljø (se søknaden)',
};

function given(text: string | undefined): string | undefined {
  return text?.trim() ? text : undefined;
}

// Cuts on a UTF-16 boundary that never splits a surrogate pair, and marks the cut.
export function fitText(text: string): string {
  if (text.length <= maxTextLength) return text;
  const end = maxTextLength - 1;
  const splitsPair = /[\uD800-\uDBFF]/.test(text.charAt(end - 1));
  return `${text.slice(0, splitsPair ? end - 1 : end)}…`;
}

// As a Norwegian reader writes dates (dd.mm.yyyy); what is not a date stays as submitted.
export function periodText(period: Period | undefined): string | undefined {
  const start = given(period?.startDate);
  const end = given(period?.endDate);
  return start && end ? `${readerDate(start)} – ${readerDate(end)}` : undefined;
}

function readerDate(text: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? norwegianDate(text as IsoDate) : text;
}

function institutionText(institution: Submission['institution']): string | undefined {
  const name = given(institution?.name);
  const number = given(institution?.organisationNumber);
  if (!name) return number && `org.nr. ${number}`;
  return number ? `${name} (org.nr. ${number})` : name;
}

function sourceLine(source: Submission['dataSources'][number]): string {
  const name = registerLabel(source.registerId);
  const count = source.variables?.length ?? 0;
  const variables = `${count} ${count === 1 ? 'variabel' : 'variabler'}`;
  return `${name}: ${variables}, periode ${periodText(source.period) ?? 'ikke oppgitt'}`;
}

// A source as the caseworker checks it: the register, who holds it, the period and each
// variable asked for by name.
function sourceBlock(source: Submission['dataSources'][number], receivedOn: IsoDate): string {
  const custodian = findCustodianOn(source.registerId, receivedOn);
  return [
    registerLabel(source.registerId),
    `Registerforvalter: ${(custodian && custodianName(custodian)) ?? 'ukjent'}`,
    `Periode: ${periodText(source.period) ?? 'ikke oppgitt'}`,
    `Variabler: ${source.variables?.length ? source.variables.join(', ') : 'ingen oppgitt'}`,
  ].join('\n');
}

function legalBasisText(submission: Submission): string | undefined {
  if (submission.dataKind === 'anonymous') return 'Ikke relevant (anonyme data)';
  const article6 = given(submission.legalBasis?.gdprArticle6);
  const article9 = given(submission.legalBasis?.gdprArticle9);
  if (!article6 && !article9) return undefined;
  return [
    `Personvernforordningen art. 6 nr. 1 bokstav ${article6 ?? 'ikke oppgitt'}`,
    `art. 9 nr. 2 bokstav ${article9 ?? 'ikke oppgitt'}`,
  ].join('; ');
}

function linkageText(linkage: Submission['linkage']): string | undefined {
  const requested = typeof linkage === 'object' ? linkage?.requested : linkage;
  if (requested === undefined) return undefined;
  if (!requested) return 'Kildene skal ikke kobles.';
  const justification = typeof linkage === 'object' ? given(linkage.justification) : undefined;
  return `Kildene skal kobles. Begrunnelse: ${justification ?? 'ikke oppgitt'}`;
}

// The rulebook the case follows and how long its statutory clock will run once the application
// is complete, with the rule it comes from: the completeness form shows it until the clock has
// started (and its deadline is set).
export function statutoryPeriodText(submission: Submission, rulebook: RulebookId): string {
  const rule = decisionRule(rulebook, clockFacts(submission));
  const reason = decisionRuleReason(rule);
  return `${rulebooks[rulebook].name}: ${durationText(rule)}${reason ? `, ${reason}` : ''}, fra den dagen søknaden er komplett (${rule.article}). Fristen settes når kompletthetsvurderingen er fullført.`;
}

export function caseSummary(submission: Submission, receivedOn: IsoDate): CaseSummary {
  const { project } = submission;
  const purpose = given(project?.purposeCategory);
  const dataKind = given(submission.dataKind);
  const environment = given(submission.analysisEnvironment);
  const texts: Record<keyof CaseSummary, string | undefined> = {
    applicantName: given(submission.projectLeader?.name),
    institutionName: institutionText(submission.institution),
    projectTitle: given(project?.title),
    projectDescription: given(project?.description),
    purposeText: purpose && (purposeLabels[purpose] ?? purpose),
    projectPeriod: periodText(project?.period),
    dataKindText: dataKind && (dataKindLabels[dataKind] ?? dataKind),
    sourcesSummary: submission.dataSources.map(sourceLine).join('\n') || undefined,
    sourcesText: submission.dataSources.map((source) => sourceBlock(source, receivedOn)).join('\n\n') || undefined,
    analysisEnvironmentText: environment && (analysisEnvironmentLabels[environment] ?? environment),
    legalBasisSummary: legalBasisText(submission),
    rekReference: given(submission.rekReference),
    linkageSummary: linkageText(submission.linkage),
    earlierDecisionReference: given(submission.earlierDecisionReference),
    receivedText: norwegianDate(receivedOn),
  };
  return Object.fromEntries(
    Object.entries(texts).map(([name, text]) => [name, fitText(text ?? notGiven)]),
  ) as CaseSummary;
}
