// A permit (tillatelse): what a granted decision allows, for whom and until when, and the
// rules of its life until the data are deleted. Pure: the workers read and write the case
// file, the texts are what caseworkers and holders read.
import { personsWithAccess, type PersonWithAccess, type Period, type Submission } from '../case/facts.ts';
import { fitText, notGiven, periodText } from '../case/summary.ts';
import { rules, workingDaysAfter } from '../deadlines.ts';
import { dayFor, durationText, ruleOf, type RulebookId } from '../rulebook/rulebooks.ts';
import { sourceDifferences } from '../case/earlier-decision.ts';
import { registerLabel } from '../registers.ts';
import { isRunning, stateLabels, type PermitState } from './states.ts';
import { addCalendarDays, endOfOsloDay, norwegianDate, type IsoDate } from '../working-days.ts';

export const decidingBodyNames: Record<string, string> = { HDS: 'Helsedataservice' };

export type PermitSource = { registerId: string; variables: string[] };

export type PermitTerms = {
  institutionName: string;
  organisationNumber: string | null;
  projectLeaderName: string | null;
  projectLeaderEmail: string | null;
  // Who may work with the data: the project leader first (EHDS Art. 68(10)).
  personsWithAccess: PersonWithAccess[];
  projectTitle: string;
  purposeCategory: string;
  dataSources: PermitSource[];
  analysisEnvironment: string | null;
  period: { startDate: IsoDate; endDate: IsoDate };
  conditions: string | null;
  periodicDeliveries: boolean;
};

// The submission as stored, with the fields a permit reads beyond the routing facts.
export type PermitSubmission = Submission & {
  projectLeader?: { name?: string; email?: string };
  analysisEnvironment?: string;
  project?: { title?: string; purposeCategory?: string; period?: Period };
};

// What the decision chose beyond the application: an end date other than the project's, and
// whether the holder may ask for repeated deliveries within the permit.
export type DecisionChoices = { endDate?: IsoDate; periodicDeliveries?: boolean };

export class InvalidPermit extends RangeError {
  override name = 'InvalidPermit';
}

// The permit allows the sources and variables the decision granted (all those asked for when
// it is not given, as for a decision recorded without sources).
export function permitTerms(submission: PermitSubmission, conditions: string | null, choices: DecisionChoices, granted?: readonly PermitSource[]): PermitTerms {
  const startDate = submission.project?.period?.startDate;
  const endDate = choices.endDate || submission.project?.period?.endDate;
  if (!startDate || !endDate) throw new InvalidPermit('The application has no project period and the decision set no end date');
  if (endDate < startDate) throw new InvalidPermit(`The permit would end (${endDate}) before it starts (${startDate})`);
  return {
    institutionName: submission.institution?.name ?? notGiven,
    organisationNumber: submission.institution?.organisationNumber ?? null,
    projectLeaderName: submission.projectLeader?.name ?? null,
    projectLeaderEmail: submission.projectLeader?.email ?? null,
    personsWithAccess: personsWithAccess(submission),
    projectTitle: submission.project?.title ?? notGiven,
    purposeCategory: submission.project?.purposeCategory ?? notGiven,
    dataSources: (granted ?? submission.dataSources).map((s) => ({ registerId: s.registerId, variables: [...(s.variables ?? [])] })),
    analysisEnvironment: submission.analysisEnvironment ?? null,
    period: { startDate, endDate },
    conditions: conditions?.trim() ? conditions : null,
    periodicDeliveries: choices.periodicDeliveries === true,
  };
}

// A granted change moves the permit on: a later end date extends it (also one that has just
// expired and waits for its deletion to be confirmed); a revoked or closed permit stays so.
export function stateAfterAmendment(state: PermitState, previousEnd: IsoDate, newEnd: IsoDate): PermitState {
  if (state === 'revoked' || state === 'closed') return state;
  return newEnd > previousEnd ? 'extended' : state;
}

// Whether the permit process must plan the period again after an amendment: it does while the
// period runs, and when an expired permit is extended.
export function amendmentReschedules(before: PermitState, after: PermitState): boolean {
  return isRunning(before) || (before === 'expired' && after === 'extended');
}

// The first moment of a Norwegian calendar day.
export function startOfOsloDay(day: IsoDate): Date {
  return new Date(endOfOsloDay(addCalendarDays(day, -1)).getTime() + 1);
}

export type PermitSchedule = {
  reminderAt: Date;
  endsAt: Date;
  // The last day the holder may ask for an extension (EHDS); null: no such day (Norwegian rules).
  extensionRequestBy: IsoDate | null;
};

// When the holder is reminded (at the start of the day) and when the period ends (after its last
// day), by the permit's rulebook. Norwegian rules: a configured number of days before the end.
// EHDS: an extension must be asked for a month before the end (Art. 68(12)), so the reminder
// comes before that day, not before the end.
export function permitSchedule(endsOn: IsoDate, rulebook: RulebookId = 'norwegian'): PermitSchedule {
  const endsAt = endOfOsloDay(endsOn);
  if (rulebook === 'norwegian') {
    return { reminderAt: startOfOsloDay(addCalendarDays(endsOn, -rules.permitReminderCalendarDaysBeforeEnd)), endsAt, extensionRequestBy: null };
  }
  const extensionRequestBy = dayFor(rulebook, 'permit-extension-request', endsOn);
  return { reminderAt: startOfOsloDay(dayFor(rulebook, 'permit-extension-reminder', extensionRequestBy)), endsAt, extensionRequestBy };
}

// When the holder must have confirmed that the data are deleted, by the permit's rulebook.
// Norwegian rules: working days after the permit expired or was revoked. EHDS: the data are
// deleted within months of the permit's end (Art. 68(12)), counted from its last day; a
// revocation ends it on the day it is decided.
export function deletionConfirmationDue(rulebook: RulebookId, endsOn: IsoDate, endedAt: Date): Date {
  if (rulebook === 'norwegian') return workingDaysAfter(endedAt, rules.permitDeletionConfirmationWorkingDays);
  return endOfOsloDay(dayFor(rulebook, 'deletion', endsOn));
}

// The period and rule of the deletion deadline as the holder's letters name them: EHDS's rule
// deletion; empty under the Norwegian rules, whose letters give the day only.
export function deletionRuleText(rulebook: RulebookId): { deletionPeriod: string; deletionRule: string } {
  if (rulebook === 'norwegian') return { deletionPeriod: '', deletionRule: '' };
  const rule = ruleOf(rulebook, 'deletion');
  return { deletionPeriod: durationText(rule), deletionRule: rule.article };
}

export type DeliveryRequestCheck = {
  permit: { state: string; periodicDeliveries: boolean; endsOn: IsoDate; dataSources: PermitSource[] };
  requestedSources: { registerId: string; variables?: readonly string[] }[];
  today: IsoDate;
};

// Why a request for the next delivery is not within the permit; none: it is.
export function deliveryRequestProblems({ permit, requestedSources, today }: DeliveryRequestCheck): string[] {
  const problems: string[] = [];
  if (!permit.periodicDeliveries) problems.push('Tillatelsen gir ikke rett til gjentatte utleveringer.');
  if (!isRunning(permit.state)) problems.push(`Tillatelsen er ikke aktiv (${stateLabels[permit.state as PermitState] ?? permit.state}).`);
  else if (today > permit.endsOn) problems.push(`Tillatelsens periode endte ${norwegianDate(permit.endsOn)}.`);
  return [...problems, ...sourceDifferences(requestedSources, permit.dataSources)];
}


export type PermitFacts = {
  applicationReference: string;
  institutionName: string;
  projectTitle: string;
  sourcesSummary: string;
  permitPeriod: string;
  permitConditions: string;
};

// The permit as the caseworker's and the approver's forms show it; each text set and short
// enough for the engine's string column.
export function permitFacts(permit: { reference: string; terms: PermitTerms }): PermitFacts {
  const { terms } = permit;
  const number = terms.organisationNumber ? ` (org.nr. ${terms.organisationNumber})` : '';
  const sources = terms.dataSources.map((s) => `${registerLabel(s.registerId)}: ${s.variables.length} ${s.variables.length === 1 ? 'variabel' : 'variabler'}`);
  return {
    applicationReference: permit.reference,
    institutionName: fitText(`${terms.institutionName}${number}`),
    projectTitle: fitText(terms.projectTitle),
    sourcesSummary: fitText(sources.join('\n') || notGiven),
    permitPeriod: periodText(terms.period) ?? notGiven,
    permitConditions: fitText(terms.conditions ?? 'Ingen særskilte vilkår'),
  };
}
