import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import issueInvoice, { invoiceAmount } from '../../../workers/case/issue-invoice.ts';

describe('invoiceAmount', () => {
  it('adds the hourly rate for every started hour', () => {
    expect(invoiceAmount({ baseFeeNok: 1500, hourlyRateNok: 1155 }, 2.1)).toEqual({ hoursBilled: 3, fullAmountNok: 1500 + 3 * 1155, amountNok: 1500 + 3 * 1155 });
    expect(invoiceAmount({ baseFeeNok: 3000, hourlyRateNok: 1155 }, 0)).toEqual({ hoursBilled: 0, fullAmountNok: 3000, amountNok: 3000 });
  });

  it('bills nothing for an exempt case', () => {
    expect(invoiceAmount({ baseFeeNok: 0, hourlyRateNok: 0, feeExemption: 'student-anonymous' }, 7)).toEqual({ hoursBilled: 0, fullAmountNok: 0, amountNok: 0 });
  });

  it("takes off the fee table's reduction for a confirmed fee category (EHDS, Art. 62(3)), in whole NOK", () => {
    expect(invoiceAmount({ baseFeeNok: 1500, hourlyRateNok: 1155, feeReductionPercent: 50 }, 3.5)).toEqual({ hoursBilled: 4, fullAmountNok: 6120, amountNok: 3060 });
    expect(invoiceAmount({ baseFeeNok: 1500, hourlyRateNok: 1155, feeReductionPercent: 50 }, 1)).toEqual({ hoursBilled: 1, fullAmountNok: 2655, amountNok: 1327 });
  });
});

describe('issue-invoice input', () => {
  const ajv = new Ajv({ allErrors: true });
  addFormats.default(ajv);
  const validate = ajv.compile(issueInvoice.input);
  const applicationId = '0f8fad5b-d9cb-469f-a165-70867728950e';
  const input = { applicationId, baseFeeNok: 1500, hourlyRateNok: 1155, hoursSpent: 2 };

  it('reads the fee as separate variables, with or without an exemption', () => {
    expect(validate(input)).toBe(true);
    expect(validate({ ...input, feeExemption: 'student-anonymous' })).toBe(true);
  });

  // The fee table found no price: the runtime drops the null amounts, and the task must fail.
  it('refuses a case without base fee or hourly rate', () => {
    expect(validate({ applicationId, hourlyRateNok: 1155, hoursSpent: 2 })).toBe(false);
    expect(validate({ applicationId, baseFeeNok: 1500, hoursSpent: 2 })).toBe(false);
    expect(validate({ ...input, baseFeeNok: -1 })).toBe(false);
  });
});
