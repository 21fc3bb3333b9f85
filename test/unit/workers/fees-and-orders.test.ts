import { describe, expect, it } from 'vitest';
import { registersByCustodian } from '../../../workers/create-custodian-orders.ts';
import { invoiceAmount } from '../../../workers/issue-invoice.ts';

describe('invoiceAmount', () => {
  it('adds the hourly rate for every started hour', () => {
    expect(invoiceAmount({ baseFeeNok: 1500, hourlyRateNok: 1155, feeExemption: null }, 2.1)).toEqual({ hoursBilled: 3, amountNok: 1500 + 3 * 1155 });
    expect(invoiceAmount({ baseFeeNok: 3000, hourlyRateNok: 1155, feeExemption: null }, 0)).toEqual({ hoursBilled: 0, amountNok: 3000 });
  });

  it('bills nothing for an exempt case', () => {
    expect(invoiceAmount({ baseFeeNok: 0, hourlyRateNok: 0, feeExemption: 'student-anonymous' }, 7)).toEqual({ hoursBilled: 0, amountNok: 0 });
  });
});

describe('registersByCustodian', () => {
  it('makes one order per custodian, as custodians held the registers on the day', () => {
    const now = registersByCustodian(['MFR', 'NPR', 'KREFT', 'BIVIRK'], '2026-11-22');
    expect([...now.entries()]).toEqual([['FHI', ['MFR', 'NPR', 'KREFT']], ['DMP', ['BIVIRK']]]);
    const before = registersByCustodian(['MFR', 'NPR', 'KREFT'], '2023-06-01');
    expect([...before.keys()].sort()).toEqual(['FHI', 'HDIR', 'KREFTREGISTERET']);
  });
});
