import { describe, expect, it } from 'vitest';
import { isValidOrganisationNumber, organisationNumberCheckDigit } from '../../../domain/organisation-number.ts';

describe('organisation numbers', () => {
  it.each([
    ['974760673', 'Brønnøysundregistrene'],
    ['983744516', 'Folkehelseinstituttet'],
    ['971526920', 'Statistisk sentralbyrå'],
  ])('accepts %s (%s)', (number) => {
    expect(isValidOrganisationNumber(number)).toBe(true);
  });

  it('computes the check digit from the weighted sum', () => {
    // 9·3 + 7·2 + 4·7 + 7·6 + 6·5 + 0·4 + 6·3 + 7·2 = 173; 173 mod 11 = 8; 11 − 8 = 3
    expect(organisationNumberCheckDigit('97476067')).toBe(3);
  });

  it('maps remainder 0 to check digit 0', () => {
    // 9·3 + 0 + 0 + 0 + 0 + 0 + 0 + 3·2 = 33
    expect(organisationNumberCheckDigit('90000003')).toBe(0);
    expect(isValidOrganisationNumber('900000030')).toBe(true);
  });

  it('has no valid number when the check digit would be 10', () => {
    const eight = '10000030'; // 1·3 + 3·3 = 12; 12 mod 11 = 1; 11 − 1 = 10
    expect(organisationNumberCheckDigit(eight)).toBeUndefined();
    for (let digit = 0; digit <= 9; digit++) expect(isValidOrganisationNumber(`${eight}${digit}`)).toBe(false);
  });

  it.each([
    ['974760674', 'wrong check digit'],
    ['000000000', 'all zeros, though its check digit is right'],
    ['100000040', 'beginning with 1, though its check digit is right'],
    ['774760679', 'beginning with 7, though its check digit is right'],
    ['97476067', 'eight digits'],
    ['9747606733', 'ten digits'],
    ['974 760 673', 'spaces'],
    ['97476067a', 'a letter'],
    ['', 'empty'],
  ])('rejects %j (%s)', (number) => {
    expect(isValidOrganisationNumber(number)).toBe(false);
  });
});
