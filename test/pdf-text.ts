// The text of a PDF as a reader's software extracts it (pdf.js), one page after another, for
// tests that check what a letter says.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export async function pdfText(content: Buffer | Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(content), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
  }
  await pdf.cleanup();
  return pages.join('\n');
}

// What makes the file PDF/A-2b as pdfkit writes it: the identification in the XMP metadata, an
// output intent, and every font embedded (no standard font referenced without its file).
export function pdfaMarkers(content: Buffer) {
  const raw = content.toString('latin1');
  return {
    part: /pdfaid:part>(\d)</.exec(raw)?.[1] ?? /pdfaid:part="(\d)"/.exec(raw)?.[1],
    conformance: /pdfaid:conformance>(\w)</.exec(raw)?.[1] ?? /pdfaid:conformance="(\w)"/.exec(raw)?.[1],
    outputIntent: raw.includes('/OutputIntents'),
    embeddedFonts: (raw.match(/\/FontFile2/g) ?? []).length,
    standardFonts: (raw.match(/\/BaseFont \/(Helvetica|Times|Courier)/g) ?? []).length,
  };
}
