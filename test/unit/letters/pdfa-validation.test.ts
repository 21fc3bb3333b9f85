// Every letter passes veraPDF's PDF/A-2b validation, not only carries the markers: one PDF per
// template goes through tools/verapdf/validate.sh (veraPDF from Maven Central, built by
// tools/verapdf/build.sh, which CI runs before the tests). Without the validator the tests fail
// and say how to build it: they are never skipped.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { afterAll, describe, expect, it } from 'vitest';
import { letterPdf } from '../../../store/letter/pdf.ts';
import { lettersDir, renderLetter } from '../../../store/letter/templates.ts';
import { letterFacts } from '../../fixtures/letter-facts.ts';

// validate.sh says so itself when veraPDF is not built (exit 69, no report).
const validateScript = fileURLToPath(new URL('../../../tools/verapdf/validate.sh', import.meta.url));
const templates = readdirSync(lettersDir).filter((f) => f.endsWith('.hbs')).map((f) => f.replace(/\.hbs$/, ''));
const workDir = mkdtempSync(path.join(tmpdir(), 'hds-pdfa-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

// The parts of veraPDF's JSON report (--format json) the tests read.
type RuleSummary = { clause: string; testNumber: number; description: string; failedChecks: number };
type ValidationResult = { profileName: string; compliant: boolean; details: { failedRules: number; ruleSummaries: RuleSummary[] } };
type Job = { itemDetails: { name: string }; validationResult?: ValidationResult[]; taskException?: { exceptionMessage?: string } };
type Validation = { exitCode: number; jobs: Map<string, Job> };

function validate(files: string[]): Promise<Validation> {
  return new Promise((resolve, reject) => {
    execFile('bash', [validateScript, ...files], { maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const exitCode = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      try {
        const jobs = (JSON.parse(stdout) as { report: { jobs: Job[] } }).report.jobs;
        resolve({ exitCode, jobs: new Map(jobs.map((job) => [path.basename(job.itemDetails.name, '.pdf'), job])) });
      } catch {
        reject(new Error(`tools/verapdf/validate.sh exited with ${exitCode} and no JSON report: ${stderr.trim() || error?.message}`));
      }
    });
  });
}

// One run of the validator (one JVM) for all twelve letters; every test awaits the same run.
let lettersRun: Promise<Validation> | undefined;
function validateLetters(): Promise<Validation> {
  lettersRun ??= (async () => {
    const files: string[] = [];
    for (const name of templates) {
      const letter = renderLetter(name, letterFacts);
      const pdf = await letterPdf(letter.body, { title: letter.title, subject: letterFacts.reference, createdAt: new Date('2026-12-02T10:00:00Z') });
      const file = path.join(workDir, `${name}.pdf`);
      writeFileSync(file, pdf);
      files.push(file);
    }
    return validate(files);
  })();
  return lettersRun;
}

const failedRules = (result: ValidationResult) =>
  result.details.ruleSummaries.map((rule) => `${rule.clause}-${rule.testNumber} (${rule.failedChecks}×): ${rule.description}`);

describe('letters under veraPDF', () => {
  it.each(templates)('%s is valid PDF/A-2b', { timeout: 120_000 }, async (name) => {
    const { jobs } = await validateLetters();
    const job = jobs.get(name);
    expect(job, `no report for ${name}.pdf`).toBeDefined();
    expect(job!.taskException?.exceptionMessage, `veraPDF could not validate ${name}.pdf`).toBeUndefined();
    const result = job!.validationResult?.[0];
    expect(result?.profileName).toMatch(/^PDF\/A-2B\b/);
    expect(failedRules(result!), `${name}.pdf breaks these PDF/A-2b rules`).toEqual([]);
    expect(result!.compliant).toBe(true);
  });

  it('all pass in one run, which validate.sh reports with exit status 0', { timeout: 120_000 }, async () => {
    const { exitCode, jobs } = await validateLetters();
    expect([...jobs.keys()].sort()).toEqual([...templates].sort());
    expect(exitCode).toBe(0);
  });

  it('rejects a PDF that is not PDF/A, so that a pass means something', { timeout: 120_000 }, async () => {
    const file = path.join(workDir, 'plain.pdf');
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => doc.on('end', resolve));
    doc.text('Helsedataservice');
    doc.end();
    await ended;
    writeFileSync(file, Buffer.concat(chunks));

    const { exitCode, jobs } = await validate([file]);
    const result = jobs.get('plain')?.validationResult?.[0];
    expect(exitCode).toBe(1);
    expect(result).toMatchObject({ profileName: expect.stringMatching(/^PDF\/A-2B\b/), compliant: false });
    // No XMP metadata, Helvetica not embedded, DeviceGray without an output intent.
    expect(failedRules(result!).map((rule) => rule.split(' ')[0])).toEqual(expect.arrayContaining(['6.6.2.1-1', '6.2.11.4.1-1']));
  });
});
