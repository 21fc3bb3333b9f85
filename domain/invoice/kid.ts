// KID (kundeidentifikasjon), the payment reference a Norwegian payer types in or the bank reads
// from the giro, with a modulus-10 check digit (the Luhn algorithm, as the banks' KID
// specification describes it: weights 2, 1, 2, 1 … from the right, the digits of each product
// summed, the check digit what brings the sum to a multiple of ten). MOD10 rather than MOD11:
// MOD11 has no digit for a remainder of 10 and writes "-" there, which some payers' banks and
// accounting systems refuse, so some invoice numbers would need skipping; MOD10 gives every
// number a digit and still catches every single wrong digit and most swapped neighbours.

export function mod10CheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new Error(`A KID is digits only, got "${digits}"`);
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = Number(digits[digits.length - 1 - i]);
    const product = i % 2 === 0 ? digit * 2 : digit;
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

export const isValidKid = (kid: string) => /^\d{2,25}$/.test(kid) && mod10CheckDigit(kid.slice(0, -1)) === Number(kid.at(-1));

// HDS's KIDs have one length (the bank agreement names it): the invoice number in nine digits,
// then the check digit.
export const kidDigits = 9;

export function invoiceKid(invoiceNumber: number): string {
  if (!Number.isSafeInteger(invoiceNumber) || invoiceNumber < 1 || String(invoiceNumber).length > kidDigits) {
    throw new Error(`Invoice number ${invoiceNumber} does not fit a KID of ${kidDigits} digits`);
  }
  const base = String(invoiceNumber).padStart(kidDigits, '0');
  return `${base}${mod10CheckDigit(base)}`;
}
