// The limits EHDS sets on a permit's period (Regulation (EU) 2025/327 Art. 68(12)): at most
// 10 years from its start, extended once by up to 10 years, on a request made at least a month
// before it ends. The Norwegian rules have no such limits. Checked when the approver decides,
// so that a decision outside them goes back to the form with the reason and nothing recorded.
import { dayFor, durationText, ruleOf, type RulebookId } from '../rulebook/rulebooks.ts';
import { norwegianDate, type IsoDate } from '../working-days.ts';

// The permit a change application would amend, as the case file holds it.
export type AmendedPermit = {
  endsOn: IsoDate;
  // How many times its end has been moved later since it was granted.
  extensions: number;
};

export type PermitPeriodCheck = {
  // The permit's rulebook: that of the case that granted it.
  rulebook: RulebookId;
  // The period the decision would give the permit.
  period: { startDate: IsoDate; endDate: IsoDate };
  // The permit a change application amends; none: the decision makes a new permit.
  amended?: AmendedPermit;
  // The day the application asking for the decision was received.
  receivedOn: IsoDate;
};

// The number of times a permit's end moved later, from its versions' end dates in order.
export function extensionCount(endDates: readonly IsoDate[]): number {
  const start = { latest: null as IsoDate | null, count: 0 };
  return endDates.reduce(({ latest, count }, end) => (latest === null ? { latest: end, count } : end > latest ? { latest: end, count: count + 1 } : { latest, count }), start).count;
}

const timesText = (n: number) => (n === 1 ? 'én gang' : `${n} ganger`);

// Why the decision may not give the permit this period, in the approver's words; null: it may.
export function permitPeriodProblem({ rulebook, period, amended, receivedOn }: PermitPeriodCheck): string | null {
  if (rulebook !== 'ehds') return null;
  if (!amended) {
    const latest = dayFor(rulebook, 'permit-duration', period.startDate);
    if (period.endDate <= latest) return null;
    const rule = ruleOf(rulebook, 'permit-duration');
    return `En tillatelse kan gjelde i høyst ${durationText(rule)} (${rule.article}). Tillatelsen starter ${norwegianDate(period.startDate)} og kan gjelde til og med ${norwegianDate(latest)}, ikke til ${norwegianDate(period.endDate)}. Sett en tidligere sluttdato. Ingenting er registrert.`;
  }
  // A change that does not move the end later is no extension.
  if (period.endDate <= amended.endsOn) return null;
  const extension = ruleOf(rulebook, 'permit-extension');
  const requestRule = ruleOf(rulebook, 'permit-extension-request');
  const problems: string[] = [];
  if (amended.extensions >= 1) {
    problems.push(`Tillatelsen er allerede forlenget ${timesText(amended.extensions)}, og kan bare forlenges én gang (${extension.article}).`);
  }
  const requestBy = dayFor(rulebook, 'permit-extension-request', amended.endsOn);
  if (receivedOn > requestBy) {
    problems.push(`Søknaden om forlengelse kom ${norwegianDate(receivedOn)}, men måtte komme senest ${durationText(requestRule)} før tillatelsen utløper ${norwegianDate(amended.endsOn)}, det vil si innen ${norwegianDate(requestBy)} (${requestRule.article}).`);
  }
  const latest = dayFor(rulebook, 'permit-extension', amended.endsOn);
  if (period.endDate > latest) {
    problems.push(`Tillatelsen kan forlenges med høyst ${durationText(extension)} (${extension.article}): fra ${norwegianDate(amended.endsOn)} til senest ${norwegianDate(latest)}, ikke til ${norwegianDate(period.endDate)}.`);
  }
  if (problems.length === 0) return null;
  return `${problems.join(' ')} Avslå forlengelsen, eller behold sluttdatoen ${norwegianDate(amended.endsOn)}. Ingenting er registrert.`;
}
