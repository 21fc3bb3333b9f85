// The custodians' delivery clock under each rulebook, and the checks of a custodian's
// extension under EHDS (domain/order/delivery-clock.ts).
import { describe, expect, it } from 'vitest';
import { deliveryDueAt, deliveryRule, extendedDueAt, extensionRefusal, maxExtensionMonths, periodicDeliveryDueAt, type OrderForExtension } from '../../../domain/order/delivery-clock.ts';
import { endOfOsloDay } from '../../../domain/working-days.ts';

// Sent on Thursday 30 November 2028, midday in Oslo.
const sentAt = new Date('2028-11-30T11:00:00Z');
const now = new Date('2028-12-04T09:00:00Z');
const sent: OrderForExtension = { kind: 'data-order', state: 'sent', custodianId: 'FHI', dueAt: endOfOsloDay('2029-02-28'), deliveredAt: null, extendedAt: null };
const request = { months: 3, reason: 'Koblingen tar lengre tid.' };

describe('the delivery clock', () => {
  it('gives the Norwegian rules 60 working days and EHDS 3 months from the order, at midnight in Oslo', () => {
    expect(deliveryRule('norwegian')).toMatchObject({ id: 'custodian-delivery', value: 60, unit: 'working-days' });
    expect(deliveryRule('ehds')).toMatchObject({ id: 'holder-delivery', value: 3, unit: 'months', article: 'forordning (EU) 2025/327 art. 60 nr. 2' });
    // 30 November + 3 months: 28 February 2029 (no 30 February).
    expect(deliveryDueAt('ehds', sentAt)).toEqual(endOfOsloDay('2029-02-28'));
    // 60 working days: 19 in December (not Christmas Day or Boxing Day), 22 in January (not New
    // Year's Day), 19 in February.
    expect(deliveryDueAt('norwegian', sentAt)).toEqual(endOfOsloDay('2029-02-27'));
  });

  it("gives a periodic delivery under an EHDS permit the holders' 3 months, and none under the Norwegian rules", () => {
    expect(periodicDeliveryDueAt('ehds', sentAt)).toEqual(endOfOsloDay('2029-02-28'));
    expect(periodicDeliveryDueAt('norwegian', sentAt)).toBeNull();
  });

  it('moves a deadline by whole months to the same day, or the month\'s last day', () => {
    expect(maxExtensionMonths()).toBe(3);
    expect(extendedDueAt(endOfOsloDay('2029-02-28'), 3)).toEqual(endOfOsloDay('2029-05-28'));
    expect(extendedDueAt(endOfOsloDay('2029-03-31'), 2)).toEqual(endOfOsloDay('2029-05-31'));
    expect(extendedDueAt(endOfOsloDay('2029-03-31'), 1)).toEqual(endOfOsloDay('2029-04-30'));
  });
});

describe('a custodian\'s extension', () => {
  it('is taken for a sent EHDS data order before its deadline, with reasons and up to 3 months', () => {
    expect(extensionRefusal('ehds', sent, request, now)).toBeUndefined();
    expect(extensionRefusal('ehds', sent, { months: 1, reason: 'x' }, now)).toBeUndefined();
  });

  it('is refused under the Norwegian rules, before anything else', () => {
    expect(extensionRefusal('norwegian', sent, { months: 9, reason: '' }, now)).toMatchObject({ kind: 'rulebook' });
  });

  it('names the field when the reasons are blank or the months too many', () => {
    expect(extensionRefusal('ehds', sent, { months: 1, reason: ' \n ' }, now)).toEqual({ kind: 'field', field: 'reason', message: 'must give the reasons for the extension' });
    expect(extensionRefusal('ehds', sent, { months: 4, reason: 'x' }, now)).toMatchObject({ kind: 'field', field: 'months' });
  });

  it('is refused for an order extended before, delivered, not sent, stopped, a notice, or past its deadline', () => {
    const refused = (order: Partial<OrderForExtension>, at = now) => extensionRefusal('ehds', { ...sent, ...order }, request, at);
    expect(refused({ extendedAt: new Date('2028-12-01T10:00:00Z') })?.message).toBe('The delivery deadline of this order was extended on 2028-12-01: it is extended once (Art. 60(2))');
    expect(refused({ state: 'delivered', deliveredAt: new Date('2028-12-02T10:00:00Z') })?.message).toBe('FHI confirmed this delivery on 2028-12-02: there is nothing left to extend');
    expect(refused({ state: 'created', dueAt: null })).toMatchObject({ kind: 'state' });
    expect(refused({ state: 'stopped' })).toMatchObject({ kind: 'state' });
    expect(refused({ kind: 'periodic-delivery' })).toMatchObject({ kind: 'state' });
    expect(refused({}, new Date('2029-03-01T00:00:00Z'))?.message).toBe('The delivery deadline passed on 2029-02-28: an extension is asked for before it passes');
  });
});
