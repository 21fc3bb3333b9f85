// No character is lost silently: a name in Latin extended, Greek, Cyrillic or CJK prints in
// every letter that names it, as a reader's software extracts it (the fonts fall back by
// script, store/letter/fonts.ts); what no font has (emoji) prints as its code point, and the
// letter stays PDF/A-2b under veraPDF.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { letterPdf } from '../../../store/letter/pdf.ts';
import { lettersDir, renderLetter } from '../../../store/letter/templates.ts';
import { letterFacts } from '../../fixtures/letter-facts.ts';
import { pdfaMarkers, pdfText } from '../../pdf-text.ts';

const templates = readdirSync(lettersDir).filter((f) => f.endsWith('.hbs')).map((f) => f.replace(/\.hbs$/, ''));
const createdAt = new Date('2026-12-02T10:00:00Z');
const workDir = mkdtempSync(path.join(tmpdir(), 'hds-scripts-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

// The people and the institution of a case, each in another script.
const names = {
  applicantName: 'Łukasz Żółć-Šťastný',
  institution: 'Πανεπιστήμιο Αθηνών',
  caseworkerName: 'Иван Петрович Сидоров',
  approverName: '李小龙',
  projectTitle: 'Nguyễn Văn Đức og 山田太郎 om Ærø med 김민준',
};
const facts = {
  ...letterFacts,
  ...names,
  applicantAndInstitution: `${names.applicantName}, ${names.institution}`,
  recipientName: `${names.applicantName}, ${names.institution}`,
  buyerName: names.institution,
  buyerReference: names.applicantName,
};
const printed = async (body: string) => (await pdfText(await letterPdf(body, { title: 'Brev', subject: letterFacts.reference, createdAt }))).replace(/\s+/g, ' ');

describe('names in other scripts', () => {
  it.each(templates)('%s prints every name it gives as submitted', async (name) => {
    const letter = renderLetter(name, facts);
    const given = Object.values(names).filter((value) => letter.body.includes(value));
    const text = await printed(letter.body);
    for (const value of given) expect(text, value).toContain(value);
  });

  it('are given by the letters: each name by at least one', () => {
    const bodies = templates.map((name) => renderLetter(name, facts).body).join('\n');
    for (const value of Object.values(names)) expect(bodies, value).toContain(value);
  });

  it('print in the script of each, not as replacements', async () => {
    const text = await printed(Object.values(names).join('\n'));
    for (const value of Object.values(names)) expect(text).toContain(value);
    expect(text).not.toContain('[U+');
  });
});

describe('characters no font has', () => {
  it('print as their code point, never dropped', async () => {
    const text = await printed('Prosjekt 😀 Hjerte 🫀 ok');
    expect(text).toContain('Prosjekt [U+1F600] Hjerte [U+1FAC0] ok');
  });

  it('print as their code point where the font file that should have them cannot be read', async () => {
    // U+2764 lies in a Noto Sans SC file whose character map fontkit cannot read.
    expect(await printed('Hjertet ❤️ slår')).toContain('Hjertet [U+2764][U+FE0F] slår');
  });
});

describe('a letter in many scripts', () => {
  it('stays PDF/A-2b under veraPDF, its fonts embedded as subsets', { timeout: 120_000 }, async () => {
    const letter = renderLetter('decision', { ...facts, reasons: 'Emoji 😀 og 김민준.' });
    const pdf = await letterPdf(letter.body, { title: letter.title, subject: letterFacts.reference, createdAt });
    expect(pdfaMarkers(pdf)).toMatchObject({ part: '2', conformance: 'B', outputIntent: true, standardFonts: 0 });
    // Subsets: the CJK glyphs add kilobytes, not the megabytes of the whole font.
    expect(pdf.length).toBeLessThan(200_000);
    const file = path.join(workDir, 'decision.pdf');
    writeFileSync(file, pdf);
    const validateScript = fileURLToPath(new URL('../../../tools/verapdf/validate.sh', import.meta.url));
    const { exitCode, stdout } = await new Promise<{ exitCode: number; stdout: string }>((resolve) =>
      execFile('bash', [validateScript, file], { maxBuffer: 64 << 20 }, (error, stdout) => resolve({ exitCode: error ? Number(error.code) : 0, stdout })),
    );
    const result = JSON.parse(stdout).report.jobs[0].validationResult[0];
    expect(result.details.ruleSummaries).toEqual([]);
    expect(result.compliant).toBe(true);
    expect(exitCode).toBe(0);
  });
});
