// Lays a rendered letter out as PDF/A-2b (pdfkit), with its fonts embedded (store/letter/
// fonts.ts: Noto Sans and Noto Sans SC, SIL Open Font License 1.1) so that every character
// prints, or shows as its code point where no font has it. The markup: "# " the heading, "## "
// a section, "- " a bullet, a blank line a gap, any other line a paragraph of its own.
import PDFDocument from 'pdfkit';
import { fontRuns, primaryAscender, primaryFont, type LetterFont, type Weight } from './fonts.ts';

export type PdfMeta = { title: string; subject: string; createdAt: Date };

type Run = { font: LetterFont; text: string };

// A paragraph's runs as lines no wider than the text column, broken only after a space: a word
// set in several fonts (Nguyễn: Latin and Vietnamese) stays whole, which pdfkit's own wrapping
// of one run after another does not promise. A word wider than a line stands alone on its line.
export function wrapRuns(runs: Run[], widthOf: (run: Run) => number, lineWidth: (line: number) => number): Run[][] {
  const words: Run[][] = [[]];
  for (const run of runs) {
    for (const piece of run.text.split(/(?<= )(?=[^ ])/)) {
      words.at(-1)!.push({ font: run.font, text: piece });
      if (piece.endsWith(' ')) words.push([]);
    }
  }
  const lines: Run[][] = [[]];
  let used = 0;
  for (const word of words.filter((w) => w.length > 0)) {
    const trimmed = word.map((run, i) => (i === word.length - 1 ? { ...run, text: run.text.trimEnd() } : run));
    const visible = trimmed.reduce((sum, run) => sum + widthOf(run), 0);
    if (lines.at(-1)!.length > 0 && used + visible > lineWidth(lines.length - 1)) {
      lines.push([]);
      used = 0;
    }
    lines.at(-1)!.push(...word);
    used += word.reduce((sum, run) => sum + widthOf(run), 0);
  }
  // Spaces at a line's end are not printed (they would push a right-aligned line off its edge).
  return lines.map((line) => line.map((run, i) => (i === line.length - 1 ? { ...run, text: run.text.trimEnd() } : run)));
}

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
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  // pdfkit keeps a font by its name: each is registered under its own the first time a letter
  // uses it.
  const registered = new Set<string>();
  const use = (font: LetterFont) => {
    if (!registered.has(font.name)) doc.registerFont(font.name, font.font);
    registered.add(font.name);
    return doc.font(font.name);
  };
  const left = doc.page.margins.left;
  const column = doc.page.width - left - doc.page.margins.right;
  type Layout = { indent?: number; lineGap?: number; align?: 'left' | 'right' };
  const write = (text: string, weight: Weight, size: number, { indent = 0, lineGap = 0, align = 'left' }: Layout = {}) => {
    doc.fontSize(size);
    const widthOf = (run: Run) => use(run.font).widthOfString(run.text);
    const lineHeight = use(primaryFont(weight)).currentLineHeight(true) + lineGap;
    // In points: pdfkit places text this far below the line's top, for every font alike.
    const baseline = -(primaryAscender(weight) * size) / 1000;
    for (const [n, line] of wrapRuns(fontRuns(text, weight), widthOf, (i) => column - (i === 0 ? indent : 0)).entries()) {
      if (doc.y + lineHeight > doc.page.maxY()) doc.addPage();
      const width = line.reduce((sum, run) => sum + widthOf(run), 0);
      const y = doc.y;
      doc.x = align === 'right' ? left + column - width : left + (n === 0 ? indent : 0);
      for (const run of line) use(run.font).text(run.text, { lineBreak: false, baseline });
      doc.x = left;
      doc.y = y + lineHeight;
    }
    // The gaps after it (moveDown) measure in the primary font, not the last run's.
    return use(primaryFont(weight));
  };

  doc.fillColor('#444444');
  write('Helsedataservice · Folkehelseinstituttet', 700, 9, { align: 'right' });
  doc.moveDown(2).fillColor('black');
  for (const line of body.split('\n')) {
    if (line.startsWith('# ')) write(line.slice(2), 700, 15).moveDown(0.5);
    else if (line.startsWith('## ')) {
      doc.moveDown(0.4);
      write(line.slice(3), 700, 11.5).moveDown(0.2);
    }
    else if (line.startsWith('- ')) write(`•  ${line.slice(2)}`, 400, 10.5, { indent: 10 });
    else if (line.trim() === '') doc.moveDown(0.6);
    else write(line, 400, 10.5, { lineGap: 1.5 });
  }
  doc.end();
  return done;
}
