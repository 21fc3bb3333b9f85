// The time and size to make each letter: template filled (Handlebars) and laid out as PDF/A
// (pdfkit, Noto Sans embedded), one after the other in one process, as a worker makes them.
// Run: npm run bench:letters   (BENCH_LETTERS: how many of each, 50)
import { readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { letterPdf } from '../store/letter/pdf.ts';
import { lettersDir, renderLetter } from '../store/letter/templates.ts';
import { letterFacts } from '../test/fixtures/letter-facts.ts';
import { machine, percentile, printTable, progress, round } from './lib.ts';

const count = Number(process.env.BENCH_LETTERS ?? 50);
const templates = readdirSync(lettersDir).filter((f) => f.endsWith('.hbs')).map((f) => f.replace(/\.hbs$/, '')).sort();

progress(`${machine()}; ${count} of each letter`);
// The first letter loads the fonts and compiles the templates; it is measured on its own.
const firstStart = performance.now();
await letterPdf(renderLetter('decision', letterFacts).body, { title: 'x', subject: 'x', createdAt: new Date() });
const firstMs = performance.now() - firstStart;

const rows = [];
for (const name of templates) {
  const times: number[] = [];
  let size = 0;
  for (let n = 0; n < count; n++) {
    const start = performance.now();
    const letter = renderLetter(name, letterFacts);
    const pdf = await letterPdf(letter.body, { title: letter.title, subject: letterFacts.reference, createdAt: new Date() });
    times.push(performance.now() - start);
    size = pdf.length;
  }
  times.sort((a, b) => a - b);
  rows.push({ letter: name, 'p50 ms': round(percentile(times, 50)), 'p95 ms': round(percentile(times, 95)), 'size KiB': round(size / 1024) });
}
printTable(rows);
progress(`first letter in a fresh process (fonts loaded, template compiled): ${round(firstMs)} ms`);
