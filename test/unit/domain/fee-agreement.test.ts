// The holder's fee agreement under EHDS (Art. 62(4); domain/order/fee-agreement.ts): its
// deadline from the permit, when a custodian's report is refused, and what HDS's setting needs.
import { describe, expect, it } from 'vitest';
import { agreementRefusal, feeAgreementDueAt, holderFeeProblem } from '../../../domain/order/fee-agreement.ts';

const permitOn = new Date('2029-04-15T10:00:00Z');
const open = { dueAt: feeAgreementDueAt(permitOn), reportedAt: null, setAt: null };
const beforeDeadline = new Date('2029-05-10T10:00:00Z');

describe('the fee agreement', () => {
  it('is due at the end of the same day a month after the permit, Norwegian time', () => {
    expect(feeAgreementDueAt(permitOn).toISOString()).toBe('2029-05-15T21:59:59.999Z');
    expect(feeAgreementDueAt(new Date('2029-01-31T12:00:00Z')).toISOString()).toBe('2029-02-28T22:59:59.999Z');
  });

  it('takes a report for an open agreement before its deadline', () => {
    expect(agreementRefusal('ehds', open, beforeDeadline)).toBeUndefined();
  });

  it('refuses a Norwegian case, an order without an agreement, a second report, a fee HDS set and a report after the deadline', () => {
    expect(agreementRefusal('norwegian', open, beforeDeadline)).toMatchObject({ kind: 'rulebook' });
    expect(agreementRefusal('ehds', undefined, beforeDeadline)).toMatchObject({ kind: 'state', message: expect.stringMatching(/no fee agreement/) });
    expect(agreementRefusal('ehds', { ...open, reportedAt: beforeDeadline }, beforeDeadline)).toMatchObject({ kind: 'state', message: expect.stringMatching(/reported once/) });
    expect(agreementRefusal('ehds', { ...open, setAt: beforeDeadline }, beforeDeadline)).toMatchObject({ kind: 'state', message: expect.stringMatching(/Helsedataservice set the fee/) });
    expect(agreementRefusal('ehds', open, new Date('2029-05-16T08:00:00Z'))).toMatchObject({ kind: 'state', message: expect.stringMatching(/passed on 2029-05-15/) });
  });

  it("needs a whole, non-negative fee and reasons for HDS's setting", () => {
    expect(holderFeeProblem({ feeNok: 16_000, reasons: 'Etter overslaget.' })).toBeNull();
    expect(holderFeeProblem({ feeNok: 0, reasons: 'Ingen kostnader.' })).toBeNull();
    expect(holderFeeProblem({ feeNok: null, reasons: 'Etter overslaget.' })).toMatch(/helt antall kroner/);
    expect(holderFeeProblem({ feeNok: 10.5, reasons: 'Etter overslaget.' })).toMatch(/helt antall kroner/);
    expect(holderFeeProblem({ feeNok: 100, reasons: '  ' })).toMatch(/Begrunn vederlaget/);
  });
});
