// One rule for a number and the noun it counts, used by every template through `count`.
import { describe, expect, it } from 'vitest';
import { countText } from '../../../domain/letter/count.ts';
import { renderLetter } from '../../../store/letter/templates.ts';
import { letterFacts } from '../../fixtures/letter-facts.ts';
import { durationText } from '../../../domain/rulebook/rulebooks.ts';

describe('countText', () => {
  it.each([
    [1, 'time', 'timer', '1 time'],
    [2, 'time', 'timer', '2 timer'],
    [1, 'påbegynt time', 'påbegynte timer', '1 påbegynt time'],
    [2, 'påbegynt time', 'påbegynte timer', '2 påbegynte timer'],
    [1, 'virkedag', 'virkedager', '1 virkedag'],
    [2, 'virkedag', 'virkedager', '2 virkedager'],
    [0, 'time', 'timer', '0 timer'],
  ])('%i with %s/%s reads "%s"', (count, singular, plural, expected) => {
    expect(countText(count, singular, plural)).toBe(expected);
  });
});

describe('counted things in the letters', () => {
  it.each([
    [1, '1 påbegynt time saksbehandling'],
    [2, '2 påbegynte timer saksbehandling'],
  ])('the decision letter bills %i hour(s) as "%s"', (hoursBilled, expected) => {
    expect(renderLetter('decision', { ...letterFacts, hoursBilled }).body).toContain(expected);
  });

  it.each([
    [1, 'Saksbehandling, 1 påbegynt time à'],
    [2, 'Saksbehandling, 2 påbegynte timer à'],
  ])('the invoice bills %i hour(s) as "%s"', (hoursBilled, expected) => {
    const body = renderLetter('invoice', { ...letterFacts, hoursBilled }).body;
    expect(body).toContain(expected);
    expect(body).not.toMatch(/\b1 påbegynte timer\b/);
  });

  it.each([
    [1, 'og 1 virkedag til å ettersende'],
    [2, 'og 2 virkedager til å ettersende'],
  ])('the acknowledgement counts %i working day(s)', (days, supplement) => {
    const body = renderLetter('acknowledgement', { ...letterFacts, supplementPeriod: durationText({ value: days, unit: 'working-days' }), sourcesLinked: false }).body;
    expect(body).toContain(supplement);
  });
});
