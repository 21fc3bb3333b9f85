// Lists the texts of Operaton's web apps that our bokmål files lack. Each app's
// locales/en.json in the webjar that the built engine carries (engine/target/hds-engine.jar) is
// compared with our locales/nb.json, which replaces Operaton's languages (engine/src/main/
// resources/META-INF/resources/webjars/operaton/app/<app>/): a key the English file has and
// ours lacks would show its bare key to users, and a {{placeholder}} our text drops would lose
// a value. A newer Operaton with new texts thus fails test/integration/engine/locales.test.ts.
//   npx tsx scripts/locale-keys.ts      (build the engine first: bash engine/build.sh)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const webApps = ['tasklist', 'cockpit', 'admin', 'welcome'] as const;
export type WebApp = (typeof webApps)[number];
export type Texts = { [key: string]: unknown };

const root = fileURLToPath(new URL('..', import.meta.url));
const engineJar = path.join(root, 'engine/target/hds-engine.jar');
const localeFile = (app: WebApp, language: string) => `META-INF/resources/webjars/operaton/app/${app}/locales/${language}.json`;

// Operaton's files start with a byte-order mark, which JSON.parse does not accept.
const parse = (text: string): Texts => JSON.parse(text.replace(/^\uFEFF/, '')) as Texts;

// The English texts of each app, from the webjar inside the engine's jar.
export function englishTexts(): Record<WebApp, Texts> {
  const dir = mkdtempSync(path.join(tmpdir(), 'operaton-webjar-'));
  try {
    const webjar = path.join(dir, 'webjar.jar');
    try {
      writeFileSync(webjar, execFileSync('unzip', ['-p', engineJar, 'BOOT-INF/lib/operaton-webapp-webjar-*.jar'], { maxBuffer: 256 * 1024 * 1024 }));
    } catch (error) {
      throw new Error(`Operaton's webjar could not be read from ${engineJar} (build the engine first: bash engine/build.sh): ${(error as Error).message}`);
    }
    const read = (app: WebApp) => parse(execFileSync('unzip', ['-p', webjar, localeFile(app, 'en')], { maxBuffer: 16 * 1024 * 1024 }).toString('utf8'));
    return Object.fromEntries(webApps.map((app) => [app, read(app)])) as Record<WebApp, Texts>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function norwegianTexts(app: WebApp): Texts {
  return parse(readFileSync(path.join(root, 'engine/src/main/resources', localeFile(app, 'nb')), 'utf8'));
}

// Every text with its dotted key; a list (month names) counts as one text.
function leaves(texts: Texts, prefix = ''): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const [key, value] of Object.entries(texts)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, text] of leaves(value as Texts, name)) found.set(inner, text);
    } else {
      found.set(name, value);
    }
  }
  return found;
}

const placeholders = (text: unknown) => (typeof text === 'string' ? (text.match(/\{\{\s*\w+\s*\}\}/g) ?? []).map((p) => p.replace(/\s/g, '')).sort() : []);

// The keys English has and bokmål lacks, and the keys whose bokmål drops or adds a placeholder.
export function localeProblems(english: Texts, norwegian: Texts): { missing: string[]; placeholders: string[] } {
  const ours = leaves(norwegian);
  const missing: string[] = [];
  const changed: string[] = [];
  for (const [key, text] of leaves(english)) {
    if (!ours.has(key)) missing.push(key);
    else if (placeholders(text).join() !== placeholders(ours.get(key)).join()) changed.push(key);
  }
  return { missing, placeholders: changed };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const english = englishTexts();
  let faults = 0;
  for (const app of webApps) {
    const { missing, placeholders: changed } = localeProblems(english[app], norwegianTexts(app));
    for (const key of missing) console.log(`${app}: missing ${key}: ${JSON.stringify(leaves(english[app]).get(key))}`);
    for (const key of changed) console.log(`${app}: placeholders differ in ${key}`);
    faults += missing.length + changed.length;
  }
  console.log(faults === 0 ? 'Every English text of the web apps has its bokmål.' : `${faults} texts lack their bokmål.`);
  process.exit(faults === 0 ? 0 : 1);
}
