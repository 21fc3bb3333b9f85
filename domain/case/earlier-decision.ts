// The decision a change or a data update refers to: whether the reference names a case of this
// service that granted access, and whether a data update stays within that decision. Pure: the
// worker looks the case up in the case file; the texts are what the caseworker reads.
import { linkageRequested, type Period, type Submission } from './facts.ts';
import { dataKindLabels, fitText, notGiven, periodText, purposeLabels } from './summary.ts';
import { registerLabel } from '../registers.ts';
import { norwegianDate, osloDay } from '../working-days.ts';

// The case references this service gives (store/case/intake.ts): HDS-<year>-<number of 5+ digits>.
const hdsReference = /^HDS-\d{4}-\d{5,}$/;
const grantingOutcomes = ['grant', 'partial-grant'];
export const outcomeTexts: Record<string, string> = {
  grant: 'innvilget',
  'partial-grant': 'delvis innvilget',
  refusal: 'avslag',
  rejection: 'avvist',
};

export type ReferenceKind = 'none' | 'hds' | 'malformed-hds' | 'other';

export function referenceKind(reference: string | undefined): ReferenceKind {
  const text = reference?.trim().toUpperCase();
  if (!text) return 'none';
  if (hdsReference.test(text)) return 'hds';
  return text.startsWith('HDS') ? 'malformed-hds' : 'other';
}

// The case an HDS reference names, as the case file holds it (undefined: no such case).
export type ReferencedCase = {
  reference: string;
  projectTitle?: string;
  decision?: { outcome: string; decidedAt: Date };
};

export type EarlierDecisionCheck = {
  // True only for an HDS case whose decision granted access.
  earlierDecisionValid: boolean;
  // What the caseworker reads about the reference.
  earlierDecisionCheck: string;
  // Why the reference does not hold, or "" when nothing needs clarifying.
  earlierDecisionProblem: string;
};

const check = (valid: boolean, text: string, problem = ''): EarlierDecisionCheck => ({
  earlierDecisionValid: valid,
  earlierDecisionCheck: fitText(text),
  earlierDecisionProblem: fitText(problem),
});

export function checkEarlierDecision(applicationType: string, reference: string | undefined, found: ReferencedCase | undefined): EarlierDecisionCheck {
  const refersToDecision = applicationType === 'change' || applicationType === 'data-update';
  const kind = referenceKind(reference);
  const given = reference?.trim() ?? '';
  if (kind === 'none') return check(false, notGiven, refersToDecision ? 'Søknaden viser ikke til vedtaket den endrer eller oppdaterer.' : '');
  if (kind === 'malformed-hds') {
    return check(false, `${given} (ikke kontrollert)`, `«${given}» er ikke et saksnummer fra Helsedataservice. Saksnummer har formen HDS-ÅÅÅÅ-NNNNN.`);
  }
  if (kind === 'other') {
    const text = `${given} (vedtak fra et annet organ, vist slik søker oppga det; ikke kontrollert)`;
    if (applicationType !== 'data-update') return check(false, text);
    return check(false, text, 'En dataoppdatering behandles her bare etter et vedtak fra Helsedataservice. Gjelder oppdateringen et vedtak registerforvalteren fattet før 15. mars 2023, går den direkte til registerforvalteren; ellers behandles søknaden som endringssøknad.');
  }
  const hds = given.toUpperCase();
  if (!found) return check(false, `${hds} (finnes ikke)`, `Helsedataservice har ingen sak med saksnummer ${hds}.`);
  const title = found.projectTitle ? ` – «${found.projectTitle}»` : '';
  if (!found.decision) return check(false, `${hds}: ikke avgjort ennå${title}`, `Sak ${hds} har ikke fått vedtak ennå.`);
  const outcome = outcomeTexts[found.decision.outcome] ?? found.decision.outcome;
  const text = `${hds}: ${outcome} ${norwegianDate(osloDay(found.decision.decidedAt))}${title}`;
  if (!grantingOutcomes.includes(found.decision.outcome)) return check(false, text, `Vedtaket i sak ${hds} ga ikke tilgang til data (${outcome}).`);
  return check(true, text);
}

function periodWithin(inner: Period | undefined, outer: Period | undefined): boolean {
  if (!inner?.startDate || !inner.endDate || !outer?.startDate || !outer.endDate) return false;
  return inner.startDate >= outer.startDate && inner.endDate <= outer.endDate;
}

type Source = { registerId: string; variables?: readonly string[] };

// The sources and variables asked for that the approved ones do not cover. Newer data from
// the same sources is what an update or a periodic delivery is for, so periods are not compared.
export function sourceDifferences(asked: readonly Source[], approvedSources: readonly Source[]): string[] {
  const differences: string[] = [];
  const approved = new Map(approvedSources.map((s) => [s.registerId, new Set(s.variables ?? [])]));
  for (const source of asked) {
    const variables = approved.get(source.registerId);
    if (!variables) {
      differences.push(`Ny datakilde som vedtaket ikke omfatter: ${registerLabel(source.registerId)}`);
      continue;
    }
    const added = (source.variables ?? []).filter((v) => !variables.has(v));
    if (added.length) differences.push(`Nye variabler fra ${registerLabel(source.registerId)}: ${added.join(', ')}`);
  }
  return differences;
}

// Where a data update goes beyond the decision it updates: other sources, variables, purpose
// or kind of data, a linkage not approved, or a project period outside the permit's.
export function updateDifferences(update: Submission, earlier: Submission): string[] {
  const differences = sourceDifferences(update.dataSources, earlier.dataSources);
  const purpose = update.project?.purposeCategory;
  const approvedPurpose = earlier.project?.purposeCategory;
  if (purpose !== approvedPurpose) {
    differences.push(`Annet formål: ${purposeLabels[purpose ?? ''] ?? purpose ?? notGiven} (vedtaket: ${purposeLabels[approvedPurpose ?? ''] ?? approvedPurpose ?? notGiven})`);
  }
  if ((update.dataKind ?? 'identifiable') !== (earlier.dataKind ?? 'identifiable')) {
    differences.push(`Annen type data: ${dataKindLabels[update.dataKind ?? 'identifiable']} (vedtaket: ${dataKindLabels[earlier.dataKind ?? 'identifiable']})`);
  }
  if (linkageRequested(update.linkage) && !linkageRequested(earlier.linkage)) differences.push('Kobling av datakilder som vedtaket ikke omfatter');
  if (!periodWithin(update.project?.period, earlier.project?.period)) {
    differences.push(`Prosjektperioden ${periodText(update.project?.period) ?? notGiven} ligger ikke innenfor tillatelsens periode ${periodText(earlier.project?.period) ?? notGiven}`);
  }
  return differences;
}

export const noDifferences = 'Ingen avvik fra vedtaket funnet: samme kilder, variabler, formål og type data, og prosjektperioden ligger innenfor tillatelsen.';

export function updateDifferencesText(update: Submission, earlier: Submission): string {
  const differences = updateDifferences(update, earlier);
  return fitText(differences.length ? differences.map((d) => `• ${d}`).join('\n') : noDifferences);
}
