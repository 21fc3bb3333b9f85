// Letter templates: Handlebars files beside the models (bpmn/letters/<name>.hbs), which a
// process owner edits without touching code. A template starts with front matter (title, and
// the journal's access code and its legal basis), then the letter in a small markup that
// store/letter/pdf.ts lays out. Text several letters share (where and how to appeal) is a
// partial in bpmn/letters/partials/<name>.hbs, used as {{> name}}. A template's version is the
// hash of its text and the partials' text, so every stored document names the exact text it
// was made from.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { countText } from '../../domain/letter/count.ts';
import { norwegianDate } from '../../domain/working-days.ts';

export const lettersDir = fileURLToPath(new URL('../../bpmn/letters', import.meta.url));

const handlebars = Handlebars.create();
// 2026-03-12 or a Date → 12.03.2026
handlebars.registerHelper('date', (value: unknown) => {
  if (value == null || value === '') return '';
  const iso = value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
  return norwegianDate(iso);
});
// 1500 → "kr 1 500" (Norwegian thousands separator: a space)
handlebars.registerHelper('nok', (value: unknown) => `kr ${String(Math.round(Number(value ?? 0))).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')}`);
handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
// {{count hours "time" "timer"}} → "1 time", "2 timer"
handlebars.registerHelper('count', (value: unknown, singular: unknown, plural: unknown) => countText(Number(value), String(singular), String(plural)));

const partialsDir = `${lettersDir}/partials`;

// The partials' text, registered again whenever it changed; its hash is part of every version.
function loadPartials(): string {
  const names = readdirSync(partialsDir).filter((f) => f.endsWith('.hbs')).sort();
  const texts = names.map((file) => readFileSync(`${partialsDir}/${file}`, 'utf8'));
  names.forEach((file, i) => handlebars.registerPartial(file.replace(/\.hbs$/, ''), texts[i]!));
  return texts.join('\n');
}

export type RenderedLetter = {
  template: string;
  templateVersion: string;
  title: string;
  accessCode: string | null;
  exemptionBasis: string | null;
  body: string;
};

type Compiled = { version: string; front: Record<string, HandlebarsTemplateDelegate>; body: HandlebarsTemplateDelegate };
const compiled = new Map<string, Compiled>();

function parse(name: string, text: string, version: string): Compiled {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`Letter template ${name} has no front matter`);
  const front: Record<string, HandlebarsTemplateDelegate> = {};
  for (const line of match[1]!.split('\n')) {
    const field = /^(\w+):\s*(.*)$/.exec(line);
    if (field) front[field[1]!] = handlebars.compile(field[2]!, { noEscape: true, strict: true });
  }
  if (!front.title) throw new Error(`Letter template ${name} has no title`);
  return {
    version,
    front,
    // strict: a fact the template names but the case lacks is an error, never an empty gap.
    body: handlebars.compile(match[2]!, { noEscape: true, strict: true }),
  };
}

function load(name: string): Compiled {
  if (!/^[a-z-]+$/.test(name)) throw new Error(`Bad letter template name ${name}`);
  const text = readFileSync(`${lettersDir}/${name}.hbs`, 'utf8');
  const version = createHash('sha256').update(text).update(loadPartials()).digest('hex').slice(0, 16);
  const cached = compiled.get(name);
  if (cached?.version === version) return cached;
  const fresh = parse(name, text, version);
  compiled.set(name, fresh);
  return fresh;
}

export function renderLetter(name: string, facts: object): RenderedLetter {
  const template = load(name);
  const optional = (key: string) => template.front[key]?.(facts).trim() || null;
  return {
    template: name,
    templateVersion: template.version,
    title: template.front.title!(facts).trim(),
    accessCode: optional('accessCode'),
    exemptionBasis: optional('exemptionBasis'),
    body: template.body(facts).replace(/\n{3,}/g, '\n\n').trim(),
  };
}
