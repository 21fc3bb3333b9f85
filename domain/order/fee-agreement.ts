// The holder's fee for a data order under EHDS (Regulation (EU) 2025/327, Art. 62(4)): holder
// and user agree it within 1 month of the permit (rule fee-agreement), and the custodian reports
// it; if none is reported by then, the health data access body sets it. The Norwegian rules have
// no such deadline: there the custodians invoice as before.
import { deadlineFor, ruleOf, type RulebookId } from '../rulebook/rulebooks.ts';
import { osloDay } from '../working-days.ts';

export const feeAgreementRule = () => ruleOf('ehds', 'fee-agreement');

// The last moment to report an agreement: 1 month from the day the permit was granted.
export const feeAgreementDueAt = (permitDecidedAt: Date) => deadlineFor('ehds', 'fee-agreement', permitDecidedAt);

export type AgreementState = { dueAt: Date; reportedAt: Date | null; setAt: Date | null };

// Why a custodian's report cannot be taken, as the problem the API answers: `rulebook` for a
// case under the Norwegian rules, `state` when the order has no agreement to report or it is
// settled or late. Checked in that order.
export type AgreementRefusal = { kind: 'rulebook' | 'state'; message: string };

export function agreementRefusal(rulebook: RulebookId, agreement: AgreementState | undefined, now: Date): AgreementRefusal | undefined {
  if (rulebook !== 'ehds') return { kind: 'rulebook', message: "The case follows the Norwegian rules: the custodian invoices its fee itself, and no agreement is reported; only a case under EHDS (Regulation (EU) 2025/327 Art. 62(4)) has the holder's fee agreed within a month of the permit" };
  if (!agreement) return { kind: 'state', message: "This order has no fee agreement: only a data order sent under a permit has one" };
  if (agreement.reportedAt) return { kind: 'state', message: `The agreed fee of this order was reported on ${osloDay(agreement.reportedAt)}: it is reported once` };
  if (agreement.setAt) return { kind: 'state', message: `Helsedataservice set the fee of this order on ${osloDay(agreement.setAt)}` };
  if (agreement.dueAt.getTime() < now.getTime()) return { kind: 'state', message: `The deadline for an agreement passed on ${osloDay(agreement.dueAt)}: Helsedataservice sets the fee (Art. 62(4))` };
  return undefined;
}

// Why HDS's setting of the fee in the caseworker's form cannot be recorded, in Norwegian for
// the form; null when it can.
export function holderFeeProblem({ feeNok, reasons }: { feeNok?: number | null; reasons?: string | null }): string | null {
  const problems = [
    ...(feeNok == null || !Number.isInteger(feeNok) || feeNok < 0 ? ['Vederlaget må være et helt antall kroner, 0 eller mer.'] : []),
    ...(!reasons?.trim() ? ['Begrunn vederlaget: dataholderen og søkeren får begrunnelsen i brevet.'] : []),
  ];
  return problems.length > 0 ? problems.join('\n') : null;
}
