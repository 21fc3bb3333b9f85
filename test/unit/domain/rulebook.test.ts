// Every row of both rulebooks (domain/rulebook/*.json): its value, unit and article, and the
// date deadlineFor gives from a known day, across month ends, leap years, Norwegian holidays
// and summer time. A row added to a rulebook fails here until it has its line.
import { describe, expect, it } from 'vitest';
import { dayFor, deadlineFor, deadlineBasisText, durationText, ruleOf, rulebooks, type RuleId, type RulebookId } from '../../../domain/rulebook/rulebooks.ts';
import { decisionRuleReason, extendedClock, extensionOfferText, extensionProblem, extensionRule, statutoryClock } from '../../../domain/rulebook/statutory-clock.ts';
import { supplementDueAt, supplementWindow, supplementWindowFacts } from '../../../domain/rulebook/supplement-window.ts';
import { ehdsPilotFrom, publicBaseUrl } from '../../../platform/config.ts';
import { osloDay } from '../../../domain/working-days.ts';

type Row<B extends RulebookId> = [rule: RuleId<B>, value: number, unit: string, article: RegExp, from: string, expected: string];

const norwegian: Row<'norwegian'>[] = [
  // 30 working days over Christmas and New Year's Day.
  ['decision', 30, 'working-days', /helseregisterloven § 19 f/, '2026-11-23', '2027-01-06'],
  ['decision-linked', 60, 'working-days', /helseregisterloven § 19 f/, '2026-11-23', '2027-02-17'],
  // Back from a deadline, over New Year's Day.
  ['decision-warning', 5, 'working-days', /HDS/, '2027-01-06', '2026-12-29'],
  // Over Christmas and New Year's Day.
  ['decision-publication', 30, 'working-days', /2025\/327 art\. 57 nr\. 1 bokstav j/, '2026-12-18', '2027-02-02'],
  ['supplement', 10, 'working-days', /ehelse\.no/, '2026-11-23', '2026-12-07'],
  ['supplement-reminder', 5, 'working-days', /ehelse\.no/, '2026-11-23', '2026-11-30'],
  // A month after 31 January is the last day of February.
  ['preliminary-answer', 1, 'months', /forvaltningsloven § 11 a/, '2027-01-31', '2027-02-28'],
  ['appeal', 3, 'weeks', /forvaltningsloven § 29/, '2026-12-20', '2027-01-10'],
  ['custodian-delivery', 60, 'working-days', /HDS/, '2026-11-23', '2027-02-17'],
  ['statistics-answer', 60, 'working-days', /HDS/, '2026-11-23', '2027-02-17'],
  ['permit-expiry-reminder', 60, 'calendar-days', /HDS/, '2027-03-01', '2026-12-31'],
  // Over Easter 2027 (Maundy Thursday 25 March to Easter Monday 29 March).
  ['permit-deletion-confirmation', 20, 'working-days', /HDS/, '2027-03-22', '2027-04-22'],
  ['invoice-due', 30, 'calendar-days', /HDS/, '2026-11-23', '2026-12-23'],
];

const ehds: Row<'ehds'>[] = [
  ['decision', 3, 'months', /2025\/327 art\. 68 nr\. 4/, '2026-11-30', '2027-02-28'],
  ['decision-extension', 3, 'months', /2025\/327 art\. 68 nr\. 4/, '2027-02-28', '2027-05-28'],
  ['decision-public-health', 2, 'months', /2025\/327 art\. 68 nr\. 6/, '2026-12-31', '2027-02-28'],
  // Into a leap year's February.
  ['decision-public-health-extension', 1, 'months', /2025\/327 art\. 68 nr\. 6/, '2028-01-31', '2028-02-29'],
  // Back over Easter 2027.
  ['decision-warning', 5, 'working-days', /HDS/, '2027-04-01', '2027-03-22'],
  ['decision-publication', 30, 'working-days', /2025\/327 art\. 57 nr\. 1 bokstav j/, '2029-04-02', '2029-05-16'],
  ['completion', 4, 'weeks', /2025\/327 art\. 67–68/, '2026-12-10', '2027-01-07'],
  ['holder-delivery', 3, 'months', /2025\/327 art\. 60 nr\. 2/, '2026-11-23', '2027-02-23'],
  ['holder-delivery-extension', 3, 'months', /2025\/327 art\. 60 nr\. 2/, '2027-02-23', '2027-05-23'],
  ['user-access', 2, 'months', /2025\/327 art\. 68 nr\. 7/, '2027-08-31', '2027-10-31'],
  ['statistics-assessment', 3, 'months', /2025\/327 art\. 69 nr\. 4/, '2027-05-31', '2027-08-31'],
  ['statistics-answer', 3, 'months', /2025\/327 art\. 69 nr\. 4/, '2027-08-31', '2027-11-30'],
  ['statistics-instead-of-refusal', 10, 'working-days', /2025\/327 art\. 68 nr\. 3/, '2026-11-23', '2026-12-07'],
  // From 29 February, ten years on is 28 February.
  ['permit-duration', 10, 'years', /2025\/327 art\. 68 nr\. 12/, '2028-02-29', '2038-02-28'],
  ['permit-extension', 10, 'years', /2025\/327 art\. 68 nr\. 12/, '2030-06-15', '2040-06-15'],
  ['permit-extension-request', 1, 'months', /2025\/327 art\. 68 nr\. 12/, '2030-03-31', '2030-02-28'],
  // 30 days back from the last day to ask, over the end of February.
  ['permit-extension-reminder', 30, 'calendar-days', /HDS/, '2030-03-15', '2030-02-13'],
  ['deletion', 6, 'months', /2025\/327 art\. 68 nr\. 12/, '2030-08-31', '2031-02-28'],
  ['fee-agreement', 1, 'months', /2025\/327 art\. 62 nr\. 4/, '2029-01-15', '2029-02-15'],
  // Over Easter 2029 (Maundy Thursday 29 March to Easter Monday 2 April).
  ['cost-estimate', 15, 'working-days', /HDS' egen regel, etter Findatas praksis/, '2029-03-26', '2029-04-19'],
  // Over Christmas and New Year.
  ['cost-estimate-answer', 10, 'working-days', /HDS' egen regel/, '2029-12-17', '2030-01-03'],
];

function rulebookTests<B extends RulebookId>(rulebook: B, rows: Row<B>[]) {
  describe(`the ${rulebook} rulebook`, () => {
    it('has a line here for every row, and no other', () => {
      expect(rows.map(([rule]) => rule).sort()).toEqual(rulebooks[rulebook].rules.map((r) => r.id).sort());
    });

    it.each(rows)('%s: %i %s (%s) from %s ends on %s', (rule, value, unit, article, from, expected) => {
      expect(ruleOf(rulebook, rule)).toMatchObject({ value, unit, article: expect.stringMatching(article) });
      expect(dayFor(rulebook, rule, from)).toBe(expected);
      // The deadline is the end of that day in Norway.
      const deadline = deadlineFor(rulebook, rule, new Date(`${from}T10:00:00Z`));
      expect(osloDay(deadline)).toBe(expected);
      expect(osloDay(new Date(deadline.getTime() + 1))).not.toBe(expected);
    });
  });
}

rulebookTests('norwegian', norwegian);
rulebookTests('ehds', ehds);

describe('rulebook texts', () => {
  it('names each rulebook in Norwegian', () => {
    expect(rulebooks.norwegian.name).toBe('Norske regler (helseregisterloven)');
    expect(rulebooks.ehds.name).toBe('EHDS (forordning (EU) 2025/327)');
  });

  it('says a period as a reader reads it', () => {
    expect(durationText({ value: 1, unit: 'months' })).toBe('1 måned');
    expect(durationText({ value: 30, unit: 'working-days' })).toBe('30 virkedager');
    expect(deadlineBasisText('ehds', 'decision', { value: 3, unit: 'months' }, 'komplett søknad')).toBe('3 måneder fra komplett søknad (forordning (EU) 2025/327 art. 68 nr. 4)');
  });
});

describe('the statutory clock under each rulebook', () => {
  // Complete on Friday 15 January 2027 in Oslo.
  const complete = new Date('2027-01-15T09:00:00+01:00');

  it('runs 30 working days under the Norwegian rules, 60 when sources are linked', () => {
    expect(osloDay(statutoryClock('norwegian', { sourcesLinked: false, publicHealthMandate: false }, complete).dueAt)).toBe('2027-02-26');
    expect(osloDay(statutoryClock('norwegian', { sourcesLinked: true, publicHealthMandate: false }, complete).dueAt)).toBe('2027-04-14');
  });

  it('runs 3 months under EHDS, linked or not, ending at midnight in Norwegian summer time', () => {
    const clock = statutoryClock('ehds', { sourcesLinked: true, publicHealthMandate: false }, complete);
    expect(clock.rule).toMatchObject({ id: 'decision', value: 3, unit: 'months' });
    expect(clock.dueAt.toISOString()).toBe('2027-04-15T21:59:59.999Z');
    // Five working days before Thursday 15 April 2027.
    expect(osloDay(clock.warnAt)).toBe('2027-04-08');
    expect(clock.startsOn).toBe('2027-01-15');
  });

  it('runs 2 months under EHDS for a public body with a public-health mandate, which the Norwegian rules ignore', () => {
    const clock = statutoryClock('ehds', { sourcesLinked: false, publicHealthMandate: true }, complete);
    expect(clock.rule).toMatchObject({ id: 'decision-public-health', value: 2, unit: 'months', article: 'forordning (EU) 2025/327 art. 68 nr. 6' });
    expect(osloDay(clock.dueAt)).toBe('2027-03-15');
    expect(decisionRuleReason(clock.rule)).toBe('fordi søkeren er et offentlig organ med mandat innen folkehelse');
    expect(statutoryClock('norwegian', { sourcesLinked: true, publicHealthMandate: true }, complete).rule.id).toBe('decision-linked');
    expect(statutoryClock('norwegian', { sourcesLinked: false, publicHealthMandate: true }, complete).rule.id).toBe('decision');
  });

  it('runs 3 months under EHDS to assess a request for anonymised statistics, with no public-health variant and no extension; the Norwegian rules keep § 19 f', () => {
    const clock = statutoryClock('ehds', { sourcesLinked: false, publicHealthMandate: true, statisticsRequest: true }, complete);
    expect(clock.rule).toMatchObject({ id: 'statistics-assessment', value: 3, unit: 'months', article: 'forordning (EU) 2025/327 art. 69 nr. 4' });
    expect(osloDay(clock.dueAt)).toBe('2027-04-15');
    expect(extensionRule('ehds', 'statistics-assessment')).toBeNull();
    expect(extensionOfferText('ehds', 'statistics-assessment')).toBe('');
    expect(statutoryClock('norwegian', { sourcesLinked: false, publicHealthMandate: false, statisticsRequest: true }, complete).rule.id).toBe('decision');
    expect(statutoryClock('norwegian', { sourcesLinked: true, publicHealthMandate: false, statisticsRequest: true }, complete).rule.id).toBe('decision-linked');
  });
});

describe('the one extension of an EHDS decision deadline', () => {
  const dueAt = new Date('2027-04-15T21:59:59.999Z');
  const before = new Date('2027-04-01T10:00:00Z');
  const state = { rulebook: 'ehds' as const, deadlineRule: 'decision', dueAt, alreadyExtended: false, now: before };
  const request = { months: 3, reasons: 'Kobling av fire registre krever avklaringer med registerforvalterne.' };

  it('is allowed once, by up to 3 months, or 1 for a public-health body, and none under the Norwegian rules', () => {
    expect(extensionRule('ehds', 'decision')).toMatchObject({ id: 'decision-extension', value: 3, unit: 'months' });
    expect(extensionRule('ehds', 'decision-public-health')).toMatchObject({ id: 'decision-public-health-extension', value: 1, unit: 'months' });
    expect(extensionRule('norwegian', 'decision')).toBeNull();
    expect(extensionOfferText('ehds', 'decision')).toBe(
      'Fristen for vedtak kan forlenges én gang, med inntil 3 måneder, når saken krever det (forordning (EU) 2025/327 art. 68 nr. 4). Søkeren får brev med den nye fristen og begrunnelsen.',
    );
    expect(extensionOfferText('ehds', 'decision-public-health')).toContain('med inntil 1 måned, når saken krever det (forordning (EU) 2025/327 art. 68 nr. 6)');
    expect(extensionOfferText('norwegian', 'decision-linked')).toBe('');
  });

  it('is recorded with reasons, by whole months within the rule, before the deadline has passed', () => {
    expect(extensionProblem(request, state)).toBeNull();
    expect(extensionProblem({ ...request, months: '2' }, state)).toBeNull();
    // The last moment of the deadline's day still counts.
    expect(extensionProblem(request, { ...state, now: dueAt })).toBeNull();
  });

  it.each([
    ['under the Norwegian rules', request, { rulebook: 'norwegian' as const, deadlineRule: 'decision-linked' }, /^Fristen kan bare forlenges i saker etter EHDS-forordningen\./],
    ['a second time', request, { alreadyExtended: true }, /^Fristen er allerede forlenget én gang, og kan ikke forlenges igjen \(forordning \(EU\) 2025\/327 art\. 68 nr\. 4\)\.$/],
    ['after the deadline', request, { now: new Date(dueAt.getTime() + 1) }, /^Fristen gikk ut 15\.04\.2027\. En frist som er ute, kan ikke forlenges\.$/],
    ['without reasons', { ...request, reasons: '  ' }, {}, /^Skriv begrunnelsen for forlengelsen\./],
    ['by more than 3 months', { ...request, months: 4 }, {}, /^Forlengelsen må være et helt antall måneder fra 1 til 3 \(forordning \(EU\) 2025\/327 art\. 68 nr\. 4\)\.$/],
    ['by more than 1 month for a public-health body', { ...request, months: 2 }, { deadlineRule: 'decision-public-health' }, /^Forlengelsen må være et helt antall måneder fra 1 til 1 \(forordning \(EU\) 2025\/327 art\. 68 nr\. 6\)\.$/],
    ['by part of a month', { ...request, months: 1.5 }, {}, /helt antall måneder/],
    ['by no time', { ...request, months: 0 }, {}, /helt antall måneder/],
    ['without a length', { ...request, months: undefined }, {}, /helt antall måneder/],
  ])('is refused %s, with the reason in Norwegian', (_name, asked, changes, reason) => {
    expect(extensionProblem(asked, { ...state, ...changes })).toMatch(reason);
  });

  it('moves the deadline by whole months to the same day, and the warning with it', () => {
    const extended = extendedClock('ehds', dueAt, 2);
    expect(extended.dueAt.toISOString()).toBe('2027-06-15T21:59:59.999Z');
    expect(osloDay(extended.warnAt)).toBe('2027-06-08');
    // From the last day of a month to the last day of a shorter one.
    expect(osloDay(extendedClock('ehds', new Date('2027-01-31T22:59:59.999Z'), 1).dueAt)).toBe('2027-02-28');
  });
});

describe('the supplement window under each rulebook', () => {
  const monday = new Date('2026-11-23T09:00:00+01:00');

  it('gives 10 working days and a reminder under the Norwegian rules, 4 weeks and no reminder under EHDS', () => {
    expect(supplementWindow('norwegian')).toMatchObject({ rule: { id: 'supplement', value: 10 }, reminder: { id: 'supplement-reminder', value: 5 } });
    expect(osloDay(supplementDueAt('norwegian', monday))).toBe('2026-12-07');
    expect(supplementWindow('ehds')).toMatchObject({ rule: { id: 'completion', value: 4, unit: 'weeks' }, reminder: null });
    expect(supplementDueAt('ehds', monday).toISOString()).toBe('2026-12-21T22:59:59.999Z');
    expect(supplementWindowFacts('ehds')).toEqual({ supplementPeriod: '4 uker', supplementArticle: 'forordning (EU) 2025/327 art. 67–68', reminderPeriod: null });
    expect(supplementWindowFacts('norwegian')).toMatchObject({ supplementPeriod: '10 virkedager', reminderPeriod: '5 virkedager' });
  });
});

describe('the EHDS pilot setting', () => {
  it('is off unless set, and a day that is not one stops the service at start', () => {
    expect(ehdsPilotFrom({})).toBeNull();
    expect(ehdsPilotFrom({ HDS_EHDS_PILOT_FROM: ' ' })).toBeNull();
    expect(ehdsPilotFrom({ HDS_EHDS_PILOT_FROM: '2027-01-01' })).toBe('2027-01-01');
    for (const wrong of ['2027-02-30', '01.01.2027', '2027-1-1']) expect(() => ehdsPilotFrom({ HDS_EHDS_PILOT_FROM: wrong })).toThrow(/HDS_EHDS_PILOT_FROM/);
  });
});

describe('the public base URL', () => {
  it("is the local API's address unless set, and anything but an absolute http(s) address stops the service at start", () => {
    expect(publicBaseUrl({})).toBe('http://localhost:3000');
    expect(publicBaseUrl({ API_PORT: '8080' })).toBe('http://localhost:8080');
    expect(publicBaseUrl({ PUBLIC_BASE_URL: 'https://helsedata.no/hds/' })).toBe('https://helsedata.no/hds');
    for (const wrong of ['helsedata.no', 'ftp://helsedata.no', 'https://helsedata.no/?a=1', '/public']) expect(() => publicBaseUrl({ PUBLIC_BASE_URL: wrong })).toThrow(/PUBLIC_BASE_URL/);
  });
});
