// Validation of EHF Billing 3.0 invoices for tests: tools/ehf/validate.sh (the UBL 2.1 schema,
// then the CEN EN 16931 and PEPPOL Schematron rules of Peppol BIS Billing 3.0), built by
// tools/ehf/build.sh, which scripts/test.sh and CI run. Without the validator the tests fail and
// say how to build it: they are never skipped. One JVM validates all the files given at once
// (compiling the rules takes it seconds).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const validateScript = fileURLToPath(new URL('../tools/ehf/validate.sh', import.meta.url));

export type EhfValidation = { valid: boolean; errors: string[]; warnings: string[] };

export async function validateEhf(invoices: Record<string, string | Buffer>): Promise<{ exitCode: number; results: Record<string, EhfValidation> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hds-ehf-'));
  const files = Object.entries(invoices).map(([name, xml]) => {
    const file = path.join(dir, `${name}.xml`);
    writeFileSync(file, xml);
    return [name, file] as const;
  });
  try {
    const { exitCode, stdout } = await new Promise<{ exitCode: number; stdout: string }>((resolve, reject) => {
      execFile('bash', [validateScript, ...files.map(([, file]) => file)], { maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
        const exitCode = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        if (exitCode !== 0 && exitCode !== 1) reject(new Error(`tools/ehf/validate.sh exited with ${exitCode}: ${stderr.trim()}`));
        else resolve({ exitCode, stdout });
      });
    });
    const lines = stdout.split('\n').filter(Boolean);
    const results = Object.fromEntries(
      files.map(([name, file]) => {
        const findings = lines.filter((line) => line.startsWith(`${file}: `)).map((line) => line.slice(file.length + 2));
        return [
          name,
          {
            valid: findings.includes('valid'),
            errors: findings.filter((line) => line !== 'valid' && !line.includes('] warning:')),
            warnings: findings.filter((line) => line.includes('] warning:')),
          },
        ];
      }),
    );
    return { exitCode, results };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
