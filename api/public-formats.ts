// What the public pages share: the format a client asks for, HTML escaping, CSV fields, and
// the policy of pages that load and run nothing.
export type Format = 'json' | 'html' | 'csv';
const mediaTypes: Record<Format, string> = { json: 'application/json', html: 'text/html', csv: 'text/csv' };

// The format the client prefers by its Accept header (q-values honoured) among those offered;
// JSON when it names none of them or accepts anything.
export function negotiate(accept: string | undefined, offered: readonly Format[] = ['json', 'html', 'csv']): Format {
  let best: { format: Format; q: number } = { format: 'json', q: 0 };
  for (const part of (accept ?? '').split(',')) {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? 1);
    const format = offered.find((f) => mediaTypes[f] === type);
    if (format && q > best.q) best = { format, q };
  }
  return best.format;
}

// The page loads nothing and runs nothing: no script at all, and only its own inline styles.
export const pagePolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const html = (text: string) => text.replace(/[&<>"']/g, (c) => htmlEscapes[c]!);

// A field as RFC 4180 quotes it; one a spreadsheet would read as a formula starts with '.
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const csvLines = (rows: readonly (readonly string[])[]) => rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
