// Sends one custodian its order: decision reference, its granted sources with only the granted
// variables, conditions, and the delivery deadline, set now by the case's rulebook
// (domain/order/delivery-clock.ts: Norwegian rules 60 working days, EHDS 3 months from the
// body's request). Gives the deadline to this custodian's hand-off, whose delivery-late timer
// runs to it. Under EHDS the order of a permit also gets its fee-agreement deadline, 1 month
// from the permit (Art. 62(4)), and its own hds-fee-agreement instance; a request for anonymised
// statistics has no permit and no such agreement. An order stopped before it went out (its
// permit was revoked meanwhile) is not sent: the custodian has the stop order instead. The order
// of a request for anonymised statistics asks for aggregated, anonymised figures instead of data.
import { orderedSources } from '../../store/case/statistics-offers.ts';
import { defineWorker, InvalidJobInput } from '../declaration.ts';
import { deliveryDueAt, deliveryRule, maxExtensionMonths } from '../../domain/order/delivery-clock.ts';
import { durationText, isRulebookId } from '../../domain/rulebook/rulebooks.ts';
import { norwegianDate, osloDay } from '../../domain/working-days.ts';
import { custodianRecipient, letterSource, sendCaseLetter } from '../../store/letter/case-letter.ts';
import { loadApplication } from '../case/case-file.ts';
import { orderEvent, orderKind, orderState } from '../../domain/order/states.ts';
import { applyOrderEvent, lockOrder } from '../../store/order/events.ts';
import { letterKind } from '../../domain/letter/kinds.ts';
import { planFeeAgreement } from '../../store/order/fee-agreement.ts';
import { feeAgreementDueAt } from '../../domain/order/fee-agreement.ts';
import { isStatisticsRequest } from '../../domain/case/statistics-request.ts';

export default defineWorker<{ applicationId: string; custodianId: string }, { deliveryDueAt: string; deliveryDueText: string }>({
  topic: 'send-custodian-order',
  input: {
    type: 'object',
    properties: { applicationId: { type: 'string', format: 'uuid' }, custodianId: { type: 'string' } },
    required: ['applicationId', 'custodianId'],
  },
  async handler({ applicationId, custodianId }, { db, now }) {
    const [order, decision, { submission, rulebook, reference, application_type: applicationType }, granted, assessment] = await Promise.all([
      db('custodian_orders').where({ application_id: applicationId, custodian_id: custodianId, kind: orderKind.dataOrder }).first(),
      db('decisions').where({ application_id: applicationId }).first(),
      loadApplication(db, applicationId),
      orderedSources(db, applicationId),
      db('assessments').where({ application_id: applicationId }).first('findings'),
    ]);
    if (!order || !decision) throw new InvalidJobInput(`No order to ${custodianId} or no decision in case ${applicationId}`);
    if (!isRulebookId(rulebook)) throw new InvalidJobInput(`Application ${applicationId} has no rulebook recorded (record-rulebook sets it)`);
    // A retried job keeps the deadline the order was sent with.
    const dueAt = order.due_at ? new Date(order.due_at) : deliveryDueAt(rulebook, now());
    const ordered = new Set<string>(order.register_ids);
    const rule = deliveryRule(rulebook);
    const statisticsRequest = isStatisticsRequest(applicationType);
    const feeAgreement = rulebook === 'ehds' && !statisticsRequest;
    const facts = {
      outcomeText: decision.outcome === 'partial-grant' ? 'delvis innvilget' : 'innvilget',
      decidedOn: osloDay(new Date(decision.decided_at)),
      dueOn: osloDay(dueAt),
      deliveryPeriod: durationText(rule),
      deliveryArticle: rule.article,
      // Only EHDS lets the custodian have its deadline extended.
      extensionMonths: rulebook === 'ehds' ? maxExtensionMonths() : null,
      feeAgreementDueOn: feeAgreement ? osloDay(feeAgreementDueAt(new Date(decision.decided_at))) : null,
      conditions: decision.conditions ?? '',
      // A request for anonymised statistics orders aggregated, anonymised figures, not data.
      statisticsRequest,
      aggregationLevel: assessment?.findings?.aggregationLevel?.trim() ?? '',
      dispensationGranted: decision.dispensation_granted === true,
      analysisEnvironment: (submission as { analysisEnvironment?: string }).analysisEnvironment ?? 'analyserommet i søknaden',
      orderSources: granted
        .filter((source) => ordered.has(source.registerId))
        .map((source) => ({ ...letterSource(source), period: source.period ?? {} })),
    };
    await db.transaction(async (tx) => {
      const locked = (await lockOrder(tx, order.id))!;
      if (locked.state === orderState.stopped) return;
      await applyOrderEvent(tx, { order: locked, event: orderEvent.orderSent, actor: 'system', now: now(), changes: { due_at: dueAt, due_rule: rule.id } });
      await sendCaseLetter(tx, { applicationId, kind: letterKind.custodianOrder, qualifier: custodianId, facts, recipient: custodianRecipient(custodianId), now: now() });
      if (feeAgreement) await planFeeAgreement(tx, { order: locked, permitDecidedAt: new Date(decision.decided_at), applicationReference: reference });
    });
    return { deliveryDueAt: dueAt.toISOString(), deliveryDueText: norwegianDate(osloDay(dueAt)) };
  },
});
