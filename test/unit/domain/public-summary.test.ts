import { describe, expect, it } from 'vitest';
import { approvalProblems, findingsText, proposedTitle, publicationProposal, screenSummary } from '../../../domain/publication/public-summary.ts';

const persons = ['Åse Ødegård Bjørnstad'];

describe('proposedTitle', () => {
  it("starts from the applicant's public title, else the project title", () => {
    expect(proposedTitle({ title: 'Vaksiner i svangerskapet' }, 'Prosjekt 17')).toBe('Vaksiner i svangerskapet');
    expect(proposedTitle({ title: '  ' }, 'Prosjekt 17')).toBe('Prosjekt 17');
    expect(proposedTitle({}, 'Prosjekt 17')).toBe('Prosjekt 17');
  });
});

describe('approvalProblems', () => {
  const flagged = { title: 'Studie ledet av Bjørnstad', summary: 'Skriv til ase@uio.no', institution: 'Universitetet i Oslo' };

  it('refuses text with findings until the caseworker cleared them, naming each in Norwegian', () => {
    const findings = screenSummary(flagged, persons);
    const [problem] = approvalProblems({ ...flagged, findingsCleared: false }, findings);
    expect(problem).toContain('Offentlig tittel: Navn på en person i søknaden («Bjørnstad»)');
    expect(problem).toContain('Offentlig sammendrag: E-postadresse («ase@uio.no»)');
    expect(approvalProblems({ ...flagged, findingsCleared: true }, findings)).toEqual([]);
  });

  it('screens the institution name too: a sole proprietorship bears a person’s name', () => {
    const sole = { title: 'Studie av hjertesykdom', institution: 'Åse Bjørnstad Forskning' };
    expect(findingsText(screenSummary(sole, persons))).toBe('Institusjon: Navn på en person i søknaden («Åse Bjørnstad»)');
  });

  it('approves edited text without findings, and refuses an empty title or institution', () => {
    const edited = { title: 'Studie av hjertesykdom', summary: 'Om hjertet.', institution: 'Universitetet i Oslo' };
    expect(approvalProblems({ ...edited, findingsCleared: false }, screenSummary(edited, persons))).toEqual([]);
    expect(approvalProblems({ title: ' ', institution: ' ', findingsCleared: true }, [])).toEqual(['Skriv en offentlig tittel.', 'Skriv institusjonens navn slik det skal publiseres.']);
  });
});

describe('findingsText', () => {
  it('is one line per finding', () => {
    expect(findingsText(screenSummary({ title: 'Pasient 15059010023' }, []))).toBe('Offentlig tittel: Fødselsnummer («15059010023»)');
  });
});

describe('publicationProposal', () => {
  it("gives the completeness form the applicant's proposal with its findings", () => {
    expect(publicationProposal({ title: 'Studie ledet av Åse Bjørnstad', summary: ' Om hjertet. ', institution: ' Universitetet i Oslo ' }, 'Prosjekt 17', persons)).toEqual({
      publicTitle: 'Studie ledet av Åse Bjørnstad',
      publicSummary: 'Om hjertet.',
      publicInstitution: 'Universitetet i Oslo',
      publicationFindings: 'Offentlig tittel: Navn på en person i søknaden («Åse Bjørnstad»)',
      publicationProblem: '',
    });
    expect(publicationProposal({}, 'Prosjekt 17', persons)).toEqual({ publicTitle: 'Prosjekt 17', publicSummary: '', publicInstitution: '', publicationFindings: '', publicationProblem: '' });
  });
});
