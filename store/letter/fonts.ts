// The fonts a letter prints with: Noto Sans (Latin, Latin extended, Greek, Cyrillic, Vietnamese),
// for Chinese, Japanese kanji and other CJK characters Noto Sans SC, and for Korean (Hangul)
// Noto Sans KR; all SIL Open Font
// License 1.1, from @fontsource, which splits each font into files by Unicode range. A
// character is set in the first font whose ranges hold it and that has its glyph; a file is read
// only when a letter needs one of its characters, and pdfkit embeds only the glyphs a letter
// uses (a name in Chinese adds a few kilobytes, not the whole CJK font).
// What no font can print (emoji, scripts without a font here) is never dropped: it prints as
// its code point, "[U+1F600]", in the letter's own font, so a reader sees that something was
// there and what it was.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { create as parseFont } from 'fontkit';

const require = createRequire(import.meta.url);

export type Weight = 400 | 700;
// A parsed font as pdfkit takes it (its types name only files).
export type LetterFont = { name: string; font: Buffer };
type FontkitFont = { hasGlyphForCodePoint(codePoint: number): boolean; ascent: number; unitsPerEm: number };
type Subset = { file: (weight: Weight) => string; ranges: [number, number][] };

function subsetsOf(pkg: string, fileOf: (subset: string, weight: Weight) => string, names: (all: string[]) => string[]): Subset[] {
  const dir = path.dirname(require.resolve(`${pkg}/package.json`));
  const unicode = JSON.parse(readFileSync(path.join(dir, 'unicode.json'), 'utf8')) as Record<string, string>;
  return names(Object.keys(unicode)).map((name) => ({
    file: (weight) => path.join(dir, 'files', fileOf(name, weight)),
    ranges: unicode[name]!.split(',').map((range) => {
      const [from, to] = range.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(from!, 16), parseInt(to ?? from!, 16)];
    }),
  }));
}

// A CJK font's own ranges ("[N]" in its unicode.json); its Latin and Cyrillic are Noto Sans's.
function cjkSubsetsOf(language: 'sc' | 'kr'): Subset[] {
  return subsetsOf(`@fontsource/noto-sans-${language}`, (name, weight) => `noto-sans-${language}-${name.slice(1, -1)}-${weight}-normal.woff`, (all) => all.filter((name) => /^\[\d+\]$/.test(name)));
}

// Latin first: it holds everything Norwegian, so most letters read no other file.
const subsets: Subset[] = [
  ...subsetsOf('@fontsource/noto-sans', (name, weight) => `noto-sans-${name}-${weight}-normal.woff`, () => ['latin', 'latin-ext', 'greek', 'greek-ext', 'cyrillic', 'cyrillic-ext', 'vietnamese']),
  ...cjkSubsetsOf('sc'),
  ...cjkSubsetsOf('kr'),
];

// fontkit cannot read the character map of a few of Noto Sans SC's files (it throws, e.g. on the
// one holding U+2764): such a file counts as having no glyphs, so its characters fall back to
// the next font or to their code point like any other.
function readable(glyphs: FontkitFont): FontkitFont {
  try {
    glyphs.hasGlyphForCodePoint(0x20);
    return glyphs;
  } catch {
    return { ...glyphs, hasGlyphForCodePoint: () => false };
  }
}

const parsed = new Map<string, LetterFont & { glyphs: FontkitFont }>();
function load(file: string) {
  let font = parsed.get(file);
  if (!font) {
    const parsedFont = parseFont(readFileSync(file)) as unknown as FontkitFont;
    font = { name: path.basename(file, '.woff'), font: parsedFont as unknown as Buffer, glyphs: readable(parsedFont) };
    parsed.set(file, font);
  }
  return font;
}

export const primaryFont = (weight: Weight): LetterFont => load(subsets[0]!.file(weight));
// Parsed once when the service starts, as every letter needs them; the others when a letter does.
primaryFont(400);
primaryFont(700);

// The primary font's ascender in thousandths of the font size: every run of a line sits on the
// baseline it gives, whatever the ascender of the run's own font (CJK fonts' are taller).
export function primaryAscender(weight: Weight): number {
  const { glyphs } = load(subsets[0]!.file(weight));
  return (glyphs.ascent * 1000) / glyphs.unitsPerEm;
}

const inRanges = (ranges: [number, number][], codePoint: number) => ranges.some(([from, to]) => codePoint >= from && codePoint <= to);

function fontFor(codePoint: number, weight: Weight) {
  for (const subset of subsets) {
    if (!inRanges(subset.ranges, codePoint)) continue;
    const font = load(subset.file(weight));
    if (font.glyphs.hasGlyphForCodePoint(codePoint)) return font;
  }
  return undefined;
}

export const unprintable = (codePoint: number) => `[U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}]`;

// A line as runs of one font each. A character the current run's font can print stays in the
// run (spaces, digits and punctuation do not start a new one); line breaks and tabs are left to
// the layout.
export function fontRuns(text: string, weight: Weight): { font: LetterFont; text: string }[] {
  const runs: { font: LetterFont & { glyphs: FontkitFont }; text: string }[] = [];
  const primary = load(subsets[0]!.file(weight));
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    const current = runs.at(-1);
    if (current && (codePoint < 0x20 || current.font.glyphs.hasGlyphForCodePoint(codePoint))) {
      current.text += char;
      continue;
    }
    const font = fontFor(codePoint, weight);
    const [runFont, runText] = font ? [font, char] : [primary, unprintable(codePoint)];
    if (current?.font === runFont) current.text += runText;
    else runs.push({ font: runFont, text: runText });
  }
  return runs;
}
