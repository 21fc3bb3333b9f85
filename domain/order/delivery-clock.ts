// The custodians' delivery clock under the case's rulebook, counted from the day the order is
// sent: Norwegian rules 60 working days (HDS's own period, custodian-delivery); EHDS 3 months
// from the body's request (Art. 60(2), holder-delivery), which the custodian may have extended
// once by up to 3 months with reasons (holder-delivery-extension). The Norwegian rules know no
// extension.
import { deadlineFor, ruleOf, valueIn, type Rule, type RulebookId } from '../rulebook/rulebooks.ts';
import { addCalendarMonths, endOfOsloDay, osloDay } from '../working-days.ts';
import { orderKind, orderState, type OrderKind, type OrderState } from './states.ts';

export function deliveryRule(rulebook: RulebookId): Rule {
  return rulebook === 'ehds' ? ruleOf('ehds', 'holder-delivery') : ruleOf('norwegian', 'custodian-delivery');
}

export function deliveryDueAt(rulebook: RulebookId, sentAt: Date): Date {
  return rulebook === 'ehds' ? deadlineFor('ehds', 'holder-delivery', sentAt) : deadlineFor('norwegian', 'custodian-delivery', sentAt);
}

// A periodic delivery under a permit: under EHDS the holders' deadline, as for a case's data
// order (Art. 60(2)); the Norwegian rules set it none.
export function periodicDeliveryDueAt(rulebook: RulebookId, sentAt: Date): Date | null {
  return rulebook === 'ehds' ? deliveryDueAt(rulebook, sentAt) : null;
}

// The longest extension the rule allows, in the months the request counts in.
export const maxExtensionMonths = () => valueIn('ehds', 'holder-delivery-extension', 'months');

// The new deadline: the same day of the month `months` months after the old one (or that
// month's last day), at midnight Norwegian time.
export function extendedDueAt(dueAt: Date, months: number): Date {
  return endOfOsloDay(addCalendarMonths(osloDay(dueAt), months));
}

export type ExtensionRequest = { months: number; reason: string };

export type OrderForExtension = {
  kind: OrderKind;
  state: OrderState;
  custodianId: string;
  dueAt: Date | null;
  deliveredAt: Date | null;
  extendedAt: Date | null;
};

// Why a request cannot be granted, as the problem the API answers: `rulebook` says the case's
// rulebook has no such extension; `field` names the invalid field of the request; `state` says
// the order can no longer take it. Checked in that order: what the case allows at all, what the
// request asks, whether the order still waits for its deadline.
export type ExtensionRefusal = { kind: 'field'; field: keyof ExtensionRequest; message: string } | { kind: 'rulebook' | 'state'; message: string };

const at = (instant: Date | null) => (instant ? osloDay(instant) : 'an earlier date');

export function extensionRefusal(rulebook: RulebookId, order: OrderForExtension, request: ExtensionRequest, now: Date): ExtensionRefusal | undefined {
  if (rulebook !== 'ehds') return { kind: 'rulebook', message: `The case follows the Norwegian rules: ${deliveryRule(rulebook).value} working days with no extension; only a case under EHDS (Regulation (EU) 2025/327 Art. 60(2)) may have the delivery deadline extended` };
  if (request.reason.trim() === '') return { kind: 'field', field: 'reason', message: 'must give the reasons for the extension' };
  const max = maxExtensionMonths();
  if (request.months > max) return { kind: 'field', field: 'months', message: `must be at most ${max}: the delivery deadline is extended by up to ${max} months (${ruleOf('ehds', 'holder-delivery-extension').article})` };
  if (order.kind !== orderKind.dataOrder) return { kind: 'state', message: `The order to ${order.custodianId} is a ${order.kind} order: only a case's data order has the delivery deadline of Art. 60(2)` };
  if (order.state === orderState.delivered) return { kind: 'state', message: `${order.custodianId} confirmed this delivery on ${at(order.deliveredAt)}: there is nothing left to extend` };
  if (order.extendedAt) return { kind: 'state', message: `The delivery deadline of this order was extended on ${at(order.extendedAt)}: it is extended once (Art. 60(2))` };
  if (order.state !== orderState.sent || !order.dueAt) return { kind: 'state', message: `The order to ${order.custodianId} is ${order.state}: only a sent order waiting for delivery can have its deadline extended` };
  if (order.dueAt.getTime() < now.getTime()) return { kind: 'state', message: `The delivery deadline passed on ${at(order.dueAt)}: an extension is asked for before it passes` };
  return undefined;
}
