// The facts about an application that route its case: which sources it names, for what and
// how. Pure: reads the submission as stored, decides nothing (the DMN tables decide).
import { findRegister, isCentralRegister } from '../registers.ts';
import { rules } from '../deadlines.ts';
import type { IsoDate } from '../working-days.ts';
import type { ClockFacts } from '../rulebook/statutory-clock.ts';
import { isStatisticsRequest } from './statistics-request.ts';

export type Period = { startDate?: string; endDate?: string };

// The submission as stored (api/schemas.ts checked it at intake). Fields are optional so that
// a submission stored before a field existed is still read.
export type Submission = {
  applicationType: string;
  project?: { title?: string; purposeCategory?: string; description?: string; period?: Period; publicTitle?: string; publicSummary?: string };
  projectLeader?: { name?: string; isStudent?: boolean };
  institution?: { name?: string; organisationNumber?: string; invoiceReference?: string; publicHealthMandate?: boolean; feeCategory?: string };
  legalBasis?: { gdprArticle6?: string; gdprArticle9?: string };
  dataSources: { registerId: string; variables?: readonly string[]; period?: Period }[];
  dataKind?: string;
  analysisEnvironment?: string;
  linkage?: boolean | { requested?: boolean; justification?: string };
  rekReference?: string;
  earlierDecisionReference?: string;
  personsWithAccess?: { name: string; role?: string }[];
};

export type CaseFacts = {
  applicationType: string;
  namesCentralRegister: boolean;
  onlyTreatmentRegisters: boolean;
  purposeIsResearch: boolean;
  custodianException: boolean;
  sourceCount: number;
  sourcesLinked: boolean;
  applicantIsStudent: boolean;
  dataKind: string;
};

// The applicant as letters and the journal name it: the project leader, at the institution.
export const applicantName = (submission: Pick<Submission, 'projectLeader' | 'institution'>) =>
  [submission.projectLeader?.name, submission.institution?.name].filter(Boolean).join(', ');

// The persons who will have access to the data (EHDS, Regulation (EU) 2025/327, Art. 68(10)
// has the permit name them): the project leader, responsible for the project, first; then those
// the application names, each once.
export type PersonWithAccess = { name: string; role: string };
export const projectLeaderRole = 'Prosjektleder (ansvarlig)';

export function personsWithAccess(submission: Pick<Submission, 'projectLeader' | 'personsWithAccess'>): PersonWithAccess[] {
  const leader = submission.projectLeader?.name?.trim();
  const persons = [...(leader ? [{ name: leader, role: projectLeaderRole }] : []), ...(submission.personsWithAccess ?? []).map((p) => ({ name: p.name.trim(), role: p.role?.trim() ?? '' }))];
  const seen = new Set<string>();
  return persons.filter((p) => {
    const key = p.name.toLocaleLowerCase('nb');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function linkageRequested(linkage: Submission['linkage']): boolean {
  return typeof linkage === 'object' ? linkage?.requested === true : linkage === true;
}

export function caseFacts(submission: Submission): CaseFacts {
  const registerIds = [...new Set(submission.dataSources.map((s) => s.registerId))];
  return {
    applicationType: submission.applicationType,
    namesCentralRegister: registerIds.some(isCentralRegister),
    onlyTreatmentRegisters: registerIds.every((id) => findRegister(id)?.kind === 'treatment'),
    purposeIsResearch: submission.project?.purposeCategory === 'research',
    // Set by the caseworker at the completeness check (§ 10 third paragraph a or b).
    custodianException: false,
    sourceCount: registerIds.length,
    sourcesLinked: registerIds.length > 1 && linkageRequested(submission.linkage),
    applicantIsStudent: submission.projectLeader?.isStudent === true,
    dataKind: submission.dataKind ?? 'identifiable',
  };
}

// What the statutory clock reads from the application (domain/rulebook/statutory-clock.ts):
// linked sources, and whether the applicant is a public body with a public-health mandate
// (EHDS, Regulation (EU) 2025/327, Art. 68(6)), as the application says.
export function clockFacts(submission: Submission): ClockFacts {
  return { sourcesLinked: caseFacts(submission).sourcesLinked, publicHealthMandate: submission.institution?.publicHealthMandate === true, statisticsRequest: isStatisticsRequest(submission.applicationType) };
}

// Whether the case needs REK's prior approval (helseforskningsloven §§ 9, 33), and whether
// the application lacks it. Pure register studies are exempt from the date in rules.json.
export function rekRequirement(submission: Submission, facts: CaseFacts, today: IsoDate) {
  const exemptFrom = rules.rekExemptionForRegisterStudiesFrom;
  const registerStudy = submission.dataSources.every((s) => findRegister(s.registerId)?.kind !== 'treatment');
  const exempt = exemptFrom !== null && today >= exemptFrom && registerStudy;
  const required = facts.purposeIsResearch && facts.dataKind !== 'anonymous' && !exempt;
  return { rekApprovalRequired: required, rekApprovalMissing: required && !submission.rekReference };
}
