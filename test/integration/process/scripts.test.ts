// No character is lost between intake and the letter, on the real engine and database: names in
// Latin extended, Greek, Cyrillic and CJK, submitted through the API, come back in the
// acknowledgement's extracted text as submitted; an emoji in the project's title is printed as
// its code point, not dropped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { letterOf } from '../letters.ts';
import { startCase, startHarness, validSubmission, type Harness } from '../harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe('names in other scripts', { timeout: 180_000 }, () => {
  it('print in the acknowledgement as they were submitted', async () => {
    const projectLeader = { name: 'Łukasz Παπαδόπουλος Иванов 李小龙', email: 'lukasz@example.no' };
    const institution = { name: '東京大学 og Universitetet i Tromsø', organisationNumber: '983744516' };
    const project = { ...validSubmission.project, title: 'Hjertet ❤️ og søsken 😀' };
    const { id } = await startCase(h, { ...validSubmission, projectLeader, institution, project });
    const { text } = await letterOf(h, id, 'acknowledgement');
    expect(text).toContain(`${projectLeader.name}, ${institution.name}`);
    // No font here prints ❤ (U+2764), its variation selector (U+FE0F) or 😀.
    expect(text).toContain('Hjertet [U+2764][U+FE0F] og søsken [U+1F600]');
  });
});
