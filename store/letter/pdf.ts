// Lays a rendered letter out as PDF/A-2b (pdfkit), with Noto Sans embedded (SIL Open Font
// License 1.1) so that æ, ø and å print. The markup: "# " the heading, "## " a section, "- " a
// bullet, a blank line a gap, any other line a paragraph of its own.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { create as parseFont } from 'fontkit';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
// The Latin subset covers Norwegian letters, §, dashes, guillemets and the bullet.
const fontDir = path.join(path.dirname(require.resolve('@fontsource/noto-sans/package.json')), 'files');
// Parsed once, not for every letter: pdfkit takes a parsed font (an object with layout()) as
// well as a file, though its types name only files.
const fontOf = (file: string) => parseFont(readFileSync(path.join(fontDir, file))) as unknown as Buffer;
const regular = fontOf('noto-sans-latin-400-normal.woff');
const bold = fontOf('noto-sans-latin-700-normal.woff');

export type PdfMeta = { title: string; subject: string; createdAt: Date };

export function letterPdf(body: string, meta: PdfMeta): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 64, bottom: 64, left: 72, right: 72 },
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    tagged: true,
    lang: 'nb-NO',
    displayTitle: true,
    font: regular as unknown as string,
    info: { Title: meta.title, Author: 'Helsedataservice', Subject: meta.subject, Creator: 'HDS saksbehandling', CreationDate: meta.createdAt },
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('bold').fontSize(9).fillColor('#444444').text('Helsedataservice · Folkehelseinstituttet', { align: 'right' });
  doc.moveDown(2).fillColor('black');
  for (const line of body.split('\n')) {
    if (line.startsWith('# ')) doc.font('bold').fontSize(15).text(line.slice(2)).moveDown(0.5);
    else if (line.startsWith('## ')) doc.moveDown(0.4).font('bold').fontSize(11.5).text(line.slice(3)).moveDown(0.2);
    else if (line.startsWith('- ')) doc.font('regular').fontSize(10.5).text(`•  ${line.slice(2)}`, { indent: 10 });
    else if (line.trim() === '') doc.moveDown(0.6);
    else doc.font('regular').fontSize(10.5).text(line, { lineGap: 1.5 });
  }
  doc.end();
  return done;
}
