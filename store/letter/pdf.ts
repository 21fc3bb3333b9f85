// Lays a rendered letter out as PDF/A-2b (pdfkit), with its fonts embedded (store/letter/
// fonts.ts: Noto Sans and Noto Sans SC, SIL Open Font License 1.1) so that every character
// prints, or shows as its code point where no font has it. The markup: "# " the heading, "## "
// a section, "- " a bullet, a blank line a gap, any other line a paragraph of its own.
import PDFDocument from 'pdfkit';
import { fontRuns, primaryFont, type Weight } from './fonts.ts';

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
    font: primaryFont(400).font as unknown as string,
    info: { Title: meta.title, Author: 'Helsedataservice', Subject: meta.subject, Creator: 'HDS saksbehandling', CreationDate: meta.createdAt },
  });
  // Each line is written as runs of one font each; pdfkit keeps a font by its name, so each is
  // registered under its own the first time a letter uses it.
  const registered = new Set<string>();
  const write = (text: string, weight: Weight, size: number, options: PDFKit.Mixins.TextOptions = {}, gapBefore = 0) => {
    const runs = fontRuns(text, weight);
    if (gapBefore) doc.moveDown(gapBefore);
    doc.fontSize(size);
    runs.forEach(({ font, text: run }, i) => {
      if (!registered.has(font.name)) doc.registerFont(font.name, font.font);
      registered.add(font.name);
      doc.font(font.name).text(run, { ...options, continued: i < runs.length - 1 });
    });
    if (runs.length === 0) doc.text('', options);
    return doc;
  };
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.fillColor('#444444');
  write('Helsedataservice · Folkehelseinstituttet', 700, 9, { align: 'right' });
  doc.moveDown(2).fillColor('black');
  for (const line of body.split('\n')) {
    if (line.startsWith('# ')) write(line.slice(2), 700, 15).moveDown(0.5);
    else if (line.startsWith('## ')) write(line.slice(3), 700, 11.5, {}, 0.4).moveDown(0.2);
    else if (line.startsWith('- ')) write(`•  ${line.slice(2)}`, 400, 10.5, { indent: 10 });
    else if (line.trim() === '') doc.moveDown(0.6);
    else write(line, 400, 10.5, { lineGap: 1.5 });
  }
  doc.end();
  return done;
}
