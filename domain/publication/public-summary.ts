// The public title and lay summary of an application, and the institution's name, as a
// caseworker approves them in the completeness task (or when publishing the decision of a case
// that passed completeness without them): the applicant may propose title and summary at
// intake; without a proposal the project title is the caseworker's starting point, never
// published before approval. The institution's name is the applicant's text too: a sole
// proprietorship is named after a person. Text in which
// the screening found possible personal data is approved only when the caseworker has cleared
// the findings (they are not personal data) or edited them away.
import { findingLabels, screenTexts, type Finding } from './screening.ts';

export type SummaryProposal = { title?: string | null; summary?: string | null; institution?: string | null };
export type SummaryApproval = SummaryProposal & { findingsCleared: boolean };

// The caseworker's starting point: the applicant's proposal, else the project title.
export function proposedTitle(proposal: SummaryProposal, projectTitle: string): string {
  return proposal.title?.trim() || projectTitle;
}

// The findings in the text to publish, by field (title, summary, institution).
export function screenSummary(approval: SummaryProposal, personNames: readonly string[]): Finding[] {
  return screenTexts({ title: approval.title ?? undefined, summary: approval.summary ?? undefined, institution: approval.institution ?? undefined }, personNames);
}

// What the completeness form starts from: the text it proposes for approval, what the
// screening found in it (the persons named: those the application names), and no problem yet
// (every text the form shows is set, empty when there is nothing to say).
export function publicationProposal(proposal: SummaryProposal, projectTitle: string, personNames: readonly string[]) {
  const start = { title: proposedTitle(proposal, projectTitle), summary: proposal.summary?.trim() ?? '', institution: proposal.institution?.trim() ?? '' };
  return {
    publicTitle: start.title,
    publicSummary: start.summary,
    publicInstitution: start.institution,
    publicationFindings: findingsText(screenSummary(start, personNames)),
    publicationProblem: '',
  };
}

// What the caseworker sees of the findings: one line each, in Norwegian.
const fieldNames: Record<string, string> = { title: 'Offentlig tittel', summary: 'Offentlig sammendrag', institution: 'Institusjon', reasons: 'Offentlig begrunnelse' };
export function findingsText(findings: readonly Finding[]): string {
  return findings.map((f) => `${fieldNames[f.field] ?? f.field}: ${findingLabels[f.kind]} («${f.match}»)`).join('\n');
}

// Why the approval cannot be recorded, in Norwegian for the form; none: it can.
export function approvalProblems(approval: SummaryApproval, findings: readonly Finding[]): string[] {
  const problems: string[] = [];
  if (!approval.title?.trim()) problems.push('Skriv en offentlig tittel.');
  if (!approval.institution?.trim()) problems.push('Skriv institusjonens navn slik det skal publiseres.');
  if (findings.length > 0 && !approval.findingsCleared) {
    problems.push(`Teksten som skal publiseres kan inneholde personopplysninger:\n${findingsText(findings)}\nRediger teksten, eller bekreft at funnene ikke er personopplysninger.`);
  }
  return problems;
}
