// Renders one page of a letter, from its template and the fixture facts, as a PNG for the
// README: the PDF/A the service makes, drawn by pdf.js (pdfjs-dist) in Chromium.
// Usage: tsx scripts/letter-png.ts <template> <page> <out.png>
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { launchChromium } from '../test/integration/browser/chromium.ts';
import { letterFacts } from '../test/fixtures/letter-facts.ts';
import { letterPdf } from '../store/letter/pdf.ts';
import { renderLetter } from '../store/letter/templates.ts';

const [template = 'decision', page = '1', out = 'docs/decision-letter.png'] = process.argv.slice(2);
const letter = renderLetter(template, letterFacts);
const pdf = await letterPdf(letter.body, { title: letter.title, subject: letterFacts.reference, createdAt: new Date('2026-12-02T10:00:00Z') });
const pdfjs = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/build/pdf.mjs'));

const origin = 'http://letter.invalid';
const files: Record<string, { body: Buffer; contentType: string }> = {
  '/letter.pdf': { body: pdf, contentType: 'application/pdf' },
  '/pdf.mjs': { body: readFileSync(`${pdfjs}/pdf.mjs`), contentType: 'text/javascript' },
  '/pdf.worker.mjs': { body: readFileSync(`${pdfjs}/pdf.worker.mjs`), contentType: 'text/javascript' },
  '/': {
    contentType: 'text/html',
    body: Buffer.from(`<!doctype html><body style="margin:0"><canvas id="page"></canvas><script type="module">
      import * as pdfjs from '/pdf.mjs';
      pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
      const doc = await pdfjs.getDocument('/letter.pdf').promise;
      const page = await doc.getPage(${Number(page)});
      const viewport = page.getViewport({ scale: 1.5 });
      const canvas = document.getElementById('page');
      canvas.width = viewport.width;
      canvas.height = viewport.height;
      await page.render({ canvasContext: canvas.getContext('2d'), viewport }).promise;
      document.body.dataset.done = 'yes';
    </script></body>`),
  },
};

const browser = await launchChromium();
try {
  const tab = await browser.newPage();
  await tab.route(`${origin}/**`, (route) => {
    const file = files[new URL(route.request().url()).pathname];
    return file ? route.fulfill({ status: 200, body: file.body, contentType: file.contentType }) : route.fulfill({ status: 404 });
  });
  await tab.goto(`${origin}/`);
  await tab.waitForSelector('body[data-done="yes"]', { timeout: 30_000 });
  writeFileSync(out, await tab.locator('#page').screenshot());
  console.log(`${out}: page ${page} of ${template}`);
} finally {
  await browser.close();
}
