// Every text of Operaton's Tasklist, Cockpit, Admin and Welcome app has its bokmål, with the
// same placeholders, measured against the English files of the webjar the built engine carries
// (scripts/locale-keys.ts): a newer Operaton with new texts fails here, naming them.
import { describe, expect, it } from 'vitest';
import { englishTexts, localeProblems, norwegianTexts, webApps } from '../../../scripts/locale-keys.ts';

const english = englishTexts();

describe('the web apps\' bokmål', () => {
  it.each(webApps)('has every English text of %s, with its placeholders', (app) => {
    expect(localeProblems(english[app], norwegianTexts(app))).toEqual({ missing: [], placeholders: [] });
  });

  it('names a text that bokmål lacks and one that drops a placeholder', () => {
    const norwegian = norwegianTexts('cockpit');
    const labels = norwegian.labels as Record<string, string>;
    delete labels.DASHBOARD_DASHBOARD;
    labels.PLGN_CLUP_REMOVED = 'Fjernet';
    expect(localeProblems(english.cockpit, norwegian)).toEqual({ missing: ['labels.DASHBOARD_DASHBOARD'], placeholders: ['labels.PLGN_CLUP_REMOVED'] });
  });
});
