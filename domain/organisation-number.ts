// Norwegian organisation numbers (Enhetsregisteret): nine digits beginning with 8 or 9, the
// last a modulus-11 check digit over the first eight with weights 3, 2, 7, 6, 5, 4, 3, 2. A
// remainder that would need the check digit 10 is never issued, so such a number is invalid;
// so is 000000000, whose check digit is right but which no unit was ever given.
const weights = [3, 2, 7, 6, 5, 4, 3, 2] as const;

export function organisationNumberCheckDigit(firstEight: string): number | undefined {
  if (!/^\d{8}$/.test(firstEight)) return undefined;
  const sum = weights.reduce((total, weight, i) => total + weight * Number(firstEight[i]), 0);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? undefined : check;
}

export function isValidOrganisationNumber(value: string): boolean {
  if (!/^[89]\d{8}$/.test(value)) return false;
  return organisationNumberCheckDigit(value.slice(0, 8)) === Number(value[8]);
}
