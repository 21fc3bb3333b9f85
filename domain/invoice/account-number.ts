// Norwegian bank account numbers: eleven digits, the last a modulus-11 check digit over the
// first ten with weights 5, 4, 3, 2, 7, 6, 5, 4, 3, 2; a remainder that would need 10 is never
// issued. Written 1234.56.78903 for people to read.
const weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

export function isValidAccountNumber(value: string): boolean {
  if (!/^\d{11}$/.test(value)) return false;
  const sum = weights.reduce((total, weight, i) => total + weight * Number(value[i]), 0);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === Number(value[10]);
}

export const formatAccountNumber = (value: string) => `${value.slice(0, 4)}.${value.slice(4, 6)}.${value.slice(6)}`;
