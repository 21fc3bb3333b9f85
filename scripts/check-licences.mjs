// Every npm package the project installs (package-lock.json) must carry an OSI-approved
// open-source licence: those the service ships and those only its tests and tools use. An SPDX
// expression passes when one side of each OR, and both sides of each AND, are on the list.
// Exits 1 and names each package that does not pass.
import { readFileSync } from 'node:fs';

// OSI-approved licences found among the packages, and what each covers here.
const approved = new Set([
  'MIT', 'MIT-0', 'ISC', '0BSD', 'BSD-2-Clause', 'BSD-3-Clause', 'Apache-2.0', 'BlueOak-1.0.0',
  'Unlicense', 'Zlib', 'PSF-2.0', 'MPL-2.0', 'EUPL-1.1',
  // The font embedded in letters (@fontsource/noto-sans, no Reserved Font Name).
  'OFL-1.1',
]);

// Packages whose package.json names no licence, with the licence of their LICENSE file.
const licenceFiles = { 'png-js': 'MIT', 'cli-table': 'MIT' };

function passes(expression) {
  const text = expression.replace(/[()]/g, ' ').trim();
  if (/\sOR\s/.test(text)) return text.split(/\s+OR\s+/).some(passes);
  if (/\sAND\s/.test(text)) return text.split(/\s+AND\s+/).every(passes);
  return approved.has(text.replace(/\+$/, ''));
}

const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8'));
const refused = [];
for (const [path, entry] of Object.entries(lock.packages)) {
  if (!path || entry.link) continue;
  const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
  const licence = entry.license ?? licenceFiles[name];
  if (typeof licence !== 'string' || !passes(licence)) refused.push(`${name} (${licence ?? 'no licence named'})${entry.dev ? ', dev' : ''}`);
}
if (refused.length > 0) {
  console.error(`Packages without an approved open-source licence:\n  ${refused.join('\n  ')}`);
  process.exit(1);
}
console.log(`Licences: all ${Object.keys(lock.packages).length - 1} packages carry an approved open-source licence.`);
