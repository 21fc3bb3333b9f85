import { describe, expect, it } from 'vitest';
import { registerCsv, registerPage } from '../../../api/routes/permit/public-register-format.ts';
import { negotiate } from '../../../api/public-formats.ts';
import type { PublicPermit } from '../../../store/permit/public-register.ts';

const permit = (changes: Partial<PublicPermit> = {}): PublicPermit => ({
  reference: 'HDS-2026-00001',
  institution: 'Universitetet i Oslo',
  publicTitle: 'Hjertesykdom, "svangerskap" og <diabetes>',
  publicSummary: 'Hvordan henger hjertesykdom\nsammen med svangerskap?',
  purpose: 'Forskning',
  sources: [{ registerId: 'MFR', name: 'Medisinsk fødselsregister' }, { registerId: 'NPR', name: 'Norsk pasientregister' }],
  period: { startDate: '2025-01-01', endDate: '2029-12-31' },
  decidedOn: '2026-03-12',
  decidingBody: 'Helsedataservice',
  refusals: [],
  state: 'revoked',
  stateName: 'Tilbakekalt',
  stateSince: '2026-06-10',
  changes: [
    { state: 'active', stateName: 'Aktiv', on: '2026-03-12' },
    { state: 'revoked', stateName: 'Tilbakekalt', on: '2026-06-10' },
  ],
  ...changes,
});

describe('negotiate', () => {
  it.each([
    [undefined, 'json'],
    ['*/*', 'json'],
    ['application/json', 'json'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'html'],
    ['text/csv', 'csv'],
    ['text/html;q=0.5, text/csv', 'csv'],
    ['application/json;q=0.2, text/html;q=0.9', 'html'],
  ])('reads %j as %s', (accept, format) => {
    expect(negotiate(accept)).toBe(format);
  });
});

describe('registerCsv', () => {
  it('writes a header and one quoted line per permit, with the register ids of its sources', () => {
    expect(registerCsv([permit()]).split('\r\n')).toEqual([
      'saksnummer,institusjon,offentlig_tittel,offentlig_sammendrag,formaal,datakilder,periode_fra,periode_til,vedtaksdato,vedtaksorgan,avslaatt,status,status_fra,endringer',
      'HDS-2026-00001,Universitetet i Oslo,"Hjertesykdom, ""svangerskap"" og <diabetes>","Hvordan henger hjertesykdom\nsammen med svangerskap?",Forskning,MFR NPR,2025-01-01,2029-12-31,2026-03-12,Helsedataservice,,Tilbakekalt,2026-06-10,Aktiv 2026-03-12; Tilbakekalt 2026-06-10',
      '',
    ]);
  });

  it('names each refused source, and how many variables of a source granted in part', () => {
    const refusals = [
      { registerId: 'BIVIRK', name: 'System for bivirkningsrapportering', wholeSource: true, variablesRefused: 2 },
      { registerId: 'MFR', name: 'Medisinsk fødselsregister', wholeSource: false, variablesRefused: 1 },
    ];
    const [, line] = registerCsv([permit({ refusals })]).split('\r\n');
    expect(line!.endsWith(',Helsedataservice,BIVIRK MFR:1,Tilbakekalt,2026-06-10,Aktiv 2026-03-12; Tilbakekalt 2026-06-10')).toBe(true);
    const page = registerPage('/public/permits', { items: [permit({ refusals })], nextCursor: null }, {});
    expect(page).toContain('<td>System for bivirkningsrapportering (BIVIRK): hele kilden<br>Medisinsk fødselsregister (MFR): 1 variabel</td>');
  });

  it('keeps a spreadsheet from reading a title as a formula', () => {
    const [, line] = registerCsv([permit({ publicTitle: '=HYPERLINK("http://x")' })]).split('\r\n');
    expect(line).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});

describe('registerPage', () => {
  it('escapes what applicants wrote, and links the next page and the files without script', () => {
    const page = registerPage('/public/permits', { items: [permit({ institution: '<script>alert(1)</script>' })], nextCursor: 'abc' }, { registerId: 'MFR', limit: 10 });
    expect(page).not.toContain('<script');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('Hjertesykdom, &quot;svangerskap&quot; og &lt;diabetes&gt;');
    expect(page).toContain('href="/public/permits?format=html&amp;registerId=MFR&amp;limit=10&amp;cursor=abc"');
    expect(page).toContain('href="/public/permits?format=csv&amp;registerId=MFR"');
    expect(page).toContain('<option value="MFR" selected>');
    expect(page).toContain('<td>01.01.2025–31.12.2029</td>');
    expect(page).toContain('<td>Tilbakekalt fra 10.06.2026<ol class="history" aria-label="Endringer"><li>Aktiv 12.03.2026</li><li>Tilbakekalt 10.06.2026</li></ol></td>');
    expect(page).toContain('<td>Hjertesykdom, &quot;svangerskap&quot; og &lt;diabetes&gt;<br><small>Hvordan henger hjertesykdom\nsammen med svangerskap?</small></td>');
  });

  it('shows nothing of the project or institution before a caseworker approved them', () => {
    const unapproved = permit({ institution: null, publicTitle: null, publicSummary: null });
    const page = registerPage('/public/permits', { items: [unapproved], nextCursor: null }, {});
    expect(page).toContain('<td>HDS-2026-00001</td>\n      <td><em>Ikke publisert ennå</em></td>\n      <td><em>Ikke publisert ennå</em></td>');
    const [, line] = registerCsv([unapproved]).split('\r\n');
    expect(line!.startsWith('HDS-2026-00001,,,,Forskning,')).toBe(true);
  });
});
