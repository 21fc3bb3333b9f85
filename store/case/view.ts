// One case as the API shows it: where it stands, who decides and to whom it was forwarded, its
// deadlines, the decision, the fee, the custodian orders, appeals, its stored forecast and the
// timeline, read from the case file.
import type { Knex } from 'knex';
import { recipientName } from '../../domain/case/forwarding.ts';
import { forecastStageOfStatus } from '../../domain/forecast/stage-visits.ts';
import { stageOf } from '../../domain/stages.ts';
import { readCaseForecast } from '../forecast/store.ts';
import { orderKind, stateLabels as orderStateLabels, type OrderKind, type OrderState } from '../../domain/order/states.ts';
import { caseEvent, caseMachine } from '../../domain/case/states.ts';
import { latestSupplementRequest } from './supplement-requests.ts';
import { decisionSources } from './decisions.ts';
import { readCostEstimate } from './cost-estimates.ts';
import { withExtension, withFeeAgreement } from '../order/read.ts';
import { feeAgreementView } from '../order/fee-agreement.ts';
import { userAccessOf } from './user-access.ts';
import { statisticsAnswerOf } from './statistics-answers.ts';
import { applicationTypeChanges, statisticsOfferOf } from './statistics-offers.ts';
import { statisticsAnswerRule } from '../../domain/case/statistics-request.ts';
import { deadlineBasisText, isRulebookId, rulebooks, type RuleUnit } from '../../domain/rulebook/rulebooks.ts';

// Where a case stands, as the API shows it in the case and in lists: the stage's code for
// programs, its Norwegian name for people.
export function stageFields(status: string, appealOpen: boolean) {
  const stage = stageOf(status, appealOpen);
  return { stage: stage.code, stageName: stage.name };
}

export const iso = (value: Date | string | null | undefined) => (value == null ? null : new Date(value).toISOString());
// node-postgres reads a date column as local midnight of that day.
export function day(value: Date | string | null | undefined): string | null {
  if (value == null || typeof value === 'string') return value ?? null;
  return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
}

export async function readCase(db: Knex, application: Record<string, any>) {
  const id = application.id as string;
  const [deadline, extension, decision, sources, invoice, orders, appeals, timeline, supplementDue, forwardings, forecast, access, costEstimate, statisticsAnswer, statisticsOffer, typeChanges] = await Promise.all([
    db('deadlines').where({ application_id: id }).first(),
    db('deadline_extensions').where({ application_id: id }).first(),
    db('decisions').where({ application_id: id }).first(),
    decisionSources(db, id),
    db('invoices').where({ application_id: id }).first(),
    db('custodian_orders as o').where({ 'o.application_id': id, 'o.kind': orderKind.dataOrder }).modify(withExtension).modify(withFeeAgreement).select('o.*').orderBy('o.custodian_id'),
    db('appeals').where({ application_id: id }).orderBy('id'),
    db('audit_events').where({ application_id: id }).orderBy('id').select('step', 'actor', 'occurred_at as at'),
    caseMachine.accepts(application.status, caseEvent.supplementReceived) ? latestSupplementRequest(db, id) : undefined,
    db('forwardings').where({ application_id: id }).orderBy('recipient'),
    forecastStageOfStatus(application.status) ? readCaseForecast(db, id) : null,
    userAccessOf(db, id),
    readCostEstimate(db, id),
    statisticsAnswerOf(db, id),
    statisticsOfferOf(db, id),
    applicationTypeChanges(db, id),
  ]);
  const rulebook = isRulebookId(application.rulebook) ? application.rulebook : null;
  return {
    id,
    reference: application.reference,
    status: application.status,
    ...stageFields(application.status, appeals.some((appeal) => appeal.outcome == null)),
    applicationType: application.application_type,
    typeChange: application.type_changed_from
      ? { from: application.type_changed_from, reason: application.type_change_reason, changedAt: iso(application.type_changed_at) }
      : null,
    applicationTypeChanges: typeChanges.map((c) => ({ from: c.from_type, to: c.to_type, fromDataKind: c.from_data_kind, toDataKind: c.to_data_kind, reason: c.reason, changedAt: iso(c.changed_at) })),
    statisticsOffer: statisticsOffer
      ? { offered: statisticsOffer.offered_text, answerDueAt: iso(statisticsOffer.answer_due_at), answer: statisticsOffer.answer, answeredAt: iso(statisticsOffer.answered_at) }
      : null,
    processInstanceId: application.process_instance_id,
    receivedAt: application.received_at,
    rulebook: rulebook && { id: rulebook, name: rulebooks[rulebook].name },
    decidingBody: application.deciding_body ?? null,
    forwardedTo: forwardings.map((f) => ({ recipient: f.recipient, name: recipientName(f.recipient), registerIds: f.register_ids, forwardedAt: iso(f.forwarded_at) })),
    deadlines: {
      statutory: deadline
        ? {
            workingDays: deadline.working_days ?? null,
            rule: deadline.rule ?? null,
            period: deadline.period ?? null,
            unit: deadline.period_unit ?? null,
            basis: rulebook && deadline.rule ? deadlineBasisText(rulebook, deadline.rule, { value: deadline.period, unit: deadline.period_unit as RuleUnit }, 'komplett søknad') : null,
            startsOn: day(deadline.starts_on),
            dueAt: iso(deadline.due_at),
            warnedAt: iso(deadline.warned_at),
            breachedAt: iso(deadline.breached_at),
            stoppedAt: iso(deadline.stopped_at),
            extension: extension
              ? {
                  rule: extension.rule,
                  period: extension.period,
                  unit: extension.period_unit,
                  basis: rulebook ? deadlineBasisText(rulebook, extension.rule, { value: extension.period, unit: extension.period_unit as RuleUnit }, 'fristen som gjaldt') : null,
                  reasons: extension.reasons,
                  extendedBy: extension.extended_by,
                  extendedAt: iso(extension.extended_at),
                  previousDueAt: iso(extension.previous_due_at),
                }
              : null,
          }
        : null,
      supplementDueAt: iso(supplementDue?.dueAt),
      appealDeadline: day(decision?.appeal_deadline),
      statisticsAnswer: statisticsAnswer
        ? {
            rule: statisticsAnswer.rule,
            basis: deadlineBasisText(statisticsAnswer.rulebook, statisticsAnswer.rule, statisticsAnswerRule(statisticsAnswer.rulebook), 'avgjørelsen'),
            dueAt: iso(statisticsAnswer.due_at),
            releasedAt: iso(statisticsAnswer.released_at),
            lateAt: iso(statisticsAnswer.late_at),
          }
        : null,
    },
    decision: decision
      ? {
          outcome: decision.outcome,
          decidedByBody: decision.decided_by_body,
          externalReference: decision.external_reference ?? null,
          conditions: decision.conditions ?? null,
          dispensationGranted: decision.dispensation_granted ?? null,
          decidedAt: iso(decision.decided_at),
          letterSentAt: iso(decision.letter_sent_at),
          sources: sources.map((s) => ({
            registerId: s.registerId,
            granted: s.granted,
            variablesGranted: s.granted ? s.variables : [],
            variablesRefused: s.granted ? s.askedVariables.filter((v) => !s.variables.includes(v)) : s.askedVariables,
            dispensationGranted: s.granted && s.dispensation,
            conditions: s.conditions ?? null,
            refusalReason: s.refusalReason ?? null,
          })),
        }
      : null,
    fee: invoice
      ? {
          amountNok: invoice.amount_nok,
          baseFeeNok: invoice.base_fee_nok,
          hourlyRateNok: invoice.hourly_rate_nok,
          hoursBilled: invoice.hours_billed,
          exemption: invoice.exemption ?? null,
          issuedAt: iso(invoice.issued_at),
        }
      : null,
    orders: orders.map(orderView),
    userAccess: access
      ? { deliveredAt: iso(access.delivered_at), dueAt: iso(access.due_at), givenAt: iso(access.given_at), lateAt: iso(access.late_at) }
      : null,
    appeals: appeals.map((appeal) => ({
      receivedOn: day(appeal.received_on),
      withinDeadline: appeal.within_deadline,
      outcome: appeal.outcome ?? null,
      helseklageReference: appeal.helseklage_reference ?? null,
      decidedAt: iso(appeal.decided_at),
      revocationId: appeal.revocation_id ?? null,
    })),
    costEstimate,
    forecast,
    timeline,
  };
}

export function orderView(order: Record<string, any>) {
  return {
    orderId: Number(order.id),
    kind: order.kind as OrderKind,
    state: order.state as OrderState,
    stateName: orderStateLabels[order.state as OrderState],
    custodianId: order.custodian_id as string,
    registerIds: order.register_ids as string[],
    dueAt: iso(order.due_at),
    dueRule: order.due_rule ?? null,
    // Under EHDS: the custodian's one extension of the deadline (Art. 60(2)), and when the
    // deadline passed undelivered (Art. 63(4)).
    extension: order.extension_requested_at
      ? {
          months: order.extension_months as number,
          reason: order.extension_reason as string,
          requestedBy: order.extension_requested_by as string,
          requestedAt: iso(order.extension_requested_at),
          dueAtBefore: iso(order.extension_due_at_before),
        }
      : null,
    lateAt: iso(order.late_at),
    // Under EHDS: the holder's fee, agreed and reported by the custodian or set by HDS (Art. 62(4)).
    feeAgreement: feeAgreementView(order.fee_agreement),
    sentAt: iso(order.sent_at),
    deliveredAt: iso(order.delivered_at),
    stoppedAt: iso(order.stopped_at),
    analysisEnvironment: order.analysis_environment ?? null,
  };
}

// The case with this id; for an integrator (submittedBy), only one it submitted.
export async function findCase(db: Knex, id: string, submittedBy?: string): Promise<Record<string, any> | undefined> {
  return db('applications')
    .where({ id })
    .modify((q) => (submittedBy === undefined ? q : q.where({ submitted_by: submittedBy })))
    .first();
}
