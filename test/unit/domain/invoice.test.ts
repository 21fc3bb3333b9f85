// The invoice's payment details: the KID's modulus-10 check digit, Norwegian account numbers,
// and the payee from configuration with defaults that are themselves valid.
import { describe, expect, it } from 'vitest';
import { formatAccountNumber, isValidAccountNumber } from '../../../domain/invoice/account-number.ts';
import { invoiceKid, isValidKid, mod10CheckDigit } from '../../../domain/invoice/kid.ts';
import { loadPayee } from '../../../platform/config.ts';

describe('KID (modulus 10)', () => {
  it('computes the check digit as the banks specify it, weights 2, 1, 2, 1 … from the right', () => {
    // The worked example of the KID specification: 234567.
    // 7·2 = 14 → 1+4 = 5, 6·1 = 6, 5·2 = 10 → 1, 4·1 = 4, 3·2 = 6, 2·1 = 2; sum 24; 10 − 4 = 6
    expect(mod10CheckDigit('234567')).toBe(6);
    expect(isValidKid('2345676')).toBe(true);
    // The Luhn algorithm's own example (ISO/IEC 7812): 7992739871 → 3.
    expect(mod10CheckDigit('7992739871')).toBe(3);
    // 109: 9·2 = 18 → 9, 0·1 = 0, 1·2 = 2; sum 11; 10 − 1 = 9
    expect(mod10CheckDigit('109')).toBe(9);
    // A sum that is already a multiple of ten gives 0, not 10. 19: 9·2 = 18 → 9, 1·1 = 1; sum 10
    expect(mod10CheckDigit('19')).toBe(0);
    expect(mod10CheckDigit('0')).toBe(0);
  });

  it.each(['2345676', '79927398713', '0000000422', '0000000018'])('accepts %s', (kid) => {
    expect(isValidKid(kid)).toBe(true);
  });

  it('catches every single wrong digit and a swap of two neighbours', () => {
    const kid = invoiceKid(123456789);
    for (let i = 0; i < kid.length; i++) {
      for (let digit = 0; digit <= 9; digit++) {
        if (String(digit) === kid[i]) continue;
        expect(isValidKid(kid.slice(0, i) + digit + kid.slice(i + 1)), `${kid} with ${digit} at ${i}`).toBe(false);
      }
    }
    expect(isValidKid('3245676')).toBe(false);
    expect(isValidKid('2354676')).toBe(false);
  });

  it('makes an invoice number into a KID of one length: nine digits and the check digit', () => {
    expect(invoiceKid(42)).toBe('0000000422');
    expect(invoiceKid(1)).toBe('0000000018');
    expect(invoiceKid(999_999_999)).toHaveLength(10);
    expect(() => invoiceKid(1_000_000_000)).toThrow(/does not fit/);
    expect(() => invoiceKid(0)).toThrow();
  });
});

describe('account numbers', () => {
  it('accepts eleven digits with the modulus-11 check digit', () => {
    // 7·5 + 6·4 + 9·3 + 4·2 + 0·7 + 5·6 + 1·5 + 2·4 + 3·3 + 4·2 = 154; 154 mod 11 = 0 → check digit 0
    expect(isValidAccountNumber('76940512340')).toBe(true);
    expect(isValidAccountNumber('76940512341')).toBe(false);
    expect(isValidAccountNumber('7694051234')).toBe(false);
    expect(formatAccountNumber('76940512340')).toBe('7694.05.12340');
  });
});

describe('the payee', () => {
  it('has working defaults: a valid organisation number, account and address', () => {
    expect(loadPayee({})).toEqual({
      name: 'Folkehelseinstituttet',
      organisationNumber: '983744516',
      accountNumber: '76940512340',
      address: { street: 'Postboks 222 Skøyen', postalCode: '0213', city: 'Oslo' },
    });
  });

  it('is configured by environment, and a wrong number stops the service at start', () => {
    expect(loadPayee({ INVOICE_PAYEE_ACCOUNT_NUMBER: '1503.40.00007', INVOICE_PAYEE_NAME: 'Helsedataservice' })).toMatchObject({ name: 'Helsedataservice', accountNumber: '15034000007' });
    expect(() => loadPayee({ INVOICE_PAYEE_ACCOUNT_NUMBER: '15034000008' })).toThrow(/INVOICE_PAYEE_ACCOUNT_NUMBER/);
    expect(() => loadPayee({ INVOICE_PAYEE_ORGANISATION_NUMBER: '983744517' })).toThrow(/INVOICE_PAYEE_ORGANISATION_NUMBER/);
  });
});
