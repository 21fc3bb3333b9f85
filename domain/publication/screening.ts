// Screening for personal data in text that would be published (the public title and summary
// of an application, and any other text a public page would show): national identity numbers,
// e-mail addresses, Norwegian phone numbers, the persons the application names, and runs of
// capitalised words that may be a name. It only flags: a caseworker clears or edits what it
// found, and nothing flagged is published before that. It flags rather too much than too
// little, since a wrong flag costs a caseworker a look and a missed one publishes a person.

export const findingKinds = ['national-identity-number', 'd-number', 'email', 'phone', 'person-named', 'possible-name'] as const;
export type FindingKind = (typeof findingKinds)[number];

// What the caseworker reads beside the text.
export const findingLabels: Record<FindingKind, string> = {
  'national-identity-number': 'Fødselsnummer',
  'd-number': 'D-nummer',
  email: 'E-postadresse',
  phone: 'Telefonnummer',
  'person-named': 'Navn på en person i søknaden',
  'possible-name': 'Mulig personnavn',
};

// One finding: the field it is in, what kind of data, and where (start, end: UTF-16 offsets
// into the field's text, end exclusive).
export type Finding = { field: string; kind: FindingKind; match: string; start: number; end: number };

// The mod-11 check digits of a Norwegian identity number (fødselsnummer, D-nummer): the
// tenth digit over the first nine, the eleventh over the first ten. A remainder that would
// need the check digit 10 is never issued.
const firstWeights = [3, 7, 6, 1, 8, 9, 4, 5, 2] as const;
const secondWeights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

function checkDigit(digits: string, weights: readonly number[]): number | undefined {
  const sum = weights.reduce((total, weight, i) => total + weight * Number(digits[i]), 0);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? undefined : check;
}

// The kind of an eleven-digit number whose check digits are right and whose first six digits
// could be a birth date: day 1-31 (a fødselsnummer) or 41-71 (a D-nummer, day + 40); month
// 1-12, or + 40 (an H-nummer) or + 80 (Skatteetaten's synthetic test numbers, which look real
// to a reader). Anything else is not an identity number.
export function identityNumberKind(value: string): 'national-identity-number' | 'd-number' | undefined {
  if (!/^\d{11}$/.test(value)) return undefined;
  if (checkDigit(value, firstWeights) !== Number(value[9]) || checkDigit(value, secondWeights) !== Number(value[10])) return undefined;
  const day = Number(value.slice(0, 2));
  const month = Number(value.slice(2, 4)) % 40;
  if (month < 1 || month > 12) return undefined;
  if (day >= 1 && day <= 31) return 'national-identity-number';
  if (day >= 41 && day <= 71) return 'd-number';
  return undefined;
}

// Eleven digits, also written 6 + 5 ("150590 10023"), not inside a longer number.
const elevenDigits = /(?<!\d)(\d{6}) ?(\d{5})(?!\d)/g;
const email = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// A Norwegian number: eight digits starting 2-9, together or grouped 3-2-3 or 2-2-2-2, with or
// without +47 or 0047 in front; not inside a longer number.
const phone = /(?<![\d+])(?:(?:\+|00)47[ -]?)?[2-9](?:\d{7}|\d{2} \d{2} \d{3}|\d (?:\d{2} ){2}\d{2})(?!\d)/g;
// Two or more capitalised words in a row (a hyphenated name is one word): "Åse Ødegård
// Bjørnstad". Institution and register names match too; the caseworker clears those.
const capitalisedRun = /(?<![\p{L}\p{N}])\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)*(?:\s+\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)*)+(?![\p{L}\p{N}])/gu;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const words = (name: string) => name.trim().split(/\s+/).filter(Boolean);

// What of a person's name the screening looks for: the whole name, the first and last name
// without the middle ones, and the surname alone (of three letters or more), each as whole
// words (a genitive s included: "Hansens"), in any case.
function namePatterns(name: string): RegExp[] {
  const parts = words(name);
  if (parts.length === 0) return [];
  const phrases = new Set([parts.join(' ')]);
  if (parts.length > 2) phrases.add(`${parts[0]} ${parts.at(-1)}`);
  if (parts.length > 1 && parts.at(-1)!.length >= 3) phrases.add(parts.at(-1)!);
  return [...phrases].map((phrase) => new RegExp(`(?<![\\p{L}\\p{N}])${phrase.split(' ').map(escape).join('\\s+')}s?(?![\\p{L}\\p{N}])`, 'giu'));
}

function matches(text: string, pattern: RegExp): { match: string; start: number; end: number }[] {
  return [...text.matchAll(pattern)].map((m) => ({ match: m[0], start: m.index, end: m.index + m[0].length }));
}

// The findings in one text, first to last. Where two findings overlap the more certain one
// stays: an identity number before a phone number, a named person before a possible name.
export function screenText(field: string, text: string, personNames: readonly string[] = []): Finding[] {
  const found: Finding[] = [];
  const add = (kind: FindingKind, hit: { match: string; start: number; end: number }) => {
    if (found.some((f) => hit.start < f.end && f.start < hit.end)) return;
    found.push({ field, kind, ...hit });
  };
  for (const hit of matches(text, elevenDigits)) {
    const kind = identityNumberKind(hit.match.replace(' ', ''));
    if (kind) add(kind, hit);
  }
  for (const hit of matches(text, email)) add('email', hit);
  for (const hit of matches(text, phone)) add('phone', hit);
  for (const name of personNames) for (const pattern of namePatterns(name)) for (const hit of matches(text, pattern)) add('person-named', hit);
  for (const hit of matches(text, capitalisedRun)) add('possible-name', hit);
  return found.sort((a, b) => a.start - b.start);
}

// Every text that would be published, by field; a field left out or empty has no findings.
export function screenTexts(texts: Record<string, string | undefined>, personNames: readonly string[]): Finding[] {
  return Object.entries(texts).flatMap(([field, text]) => (text ? screenText(field, text, personNames) : []));
}

// The persons an application names: its project leader, the other persons with access to the
// data, and the buyer's reference on the invoice, which is most often a person.
export type NamesPersons = {
  projectLeader?: { name?: string | null };
  personsWithAccess?: readonly { name: string }[];
  institution?: { name?: string; invoiceReference?: string | null };
};

export function personsNamedIn(submission: NamesPersons): string[] {
  const names = [submission.projectLeader?.name, ...(submission.personsWithAccess ?? []).map((p) => p.name), submission.institution?.invoiceReference];
  return names.filter((name): name is string => Boolean(name?.trim()));
}
