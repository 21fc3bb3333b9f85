// The processing-time page's figures from a forecast and a year's report, counted by hand.
import { describe, expect, it } from 'vitest';
import { newApplications } from '../../../domain/forecast/new-application.ts';
import { activityReport } from '../../../domain/statistics/activity.ts';
import { processingTimes } from '../../../domain/statistics/processing-times.ts';

const lastYear = activityReport(
  [
    // MFR: decided after 100 and 140 days, delivered after 200.
    { applicationType: 'new', registerIds: ['MFR'], receivedAt: new Date('2029-02-01T10:00:00Z'), decision: { outcome: 'grant', decidedAt: new Date('2029-05-12T10:00:00Z') }, statutoryDueAt: null, deliveredAt: new Date('2029-08-20T10:00:00Z'), steps: [] },
    { applicationType: 'new', registerIds: ['MFR'], receivedAt: new Date('2029-03-01T10:00:00Z'), decision: { outcome: 'refusal', decidedAt: new Date('2029-07-19T10:00:00Z') }, statutoryDueAt: null, deliveredAt: null, steps: [] },
  ],
  { from: '2029-01-02', to: '2030-01-01' },
);

describe('processing times', () => {
  it('gives the forecast in calendar days after the day it was made, beside the last twelve months', () => {
    const figures = processingTimes(
      [
        { registerId: 'NPR', decision: null, delivery: null },
        { registerId: 'MFR', decision: { median: '2030-04-01', from: '2030-03-02', to: '2030-05-01' }, delivery: { median: '2030-07-10', from: '2030-06-10', to: '2030-09-08' } },
      ],
      '2030-01-01',
      lastYear,
    );
    expect(figures.lastTwelveMonths.toDecision).toEqual({ cases: 2, medianDays: 120, meanDays: 120 });
    // In the catalogue's order: MFR before NPR.
    expect(figures.registers.map((r) => r.registerId)).toEqual(['MFR', 'NPR']);
    expect(figures.registers[0]).toEqual({
      registerId: 'MFR',
      name: 'Medisinsk fødselsregister',
      expected: { toDecision: { median: 90, from: 60, to: 120 }, toDelivery: { median: 190, from: 160, to: 250 } },
      lastTwelveMonths: { toDecision: { cases: 2, medianDays: 120, meanDays: 120 }, toDelivery: { cases: 1, medianDays: 200, meanDays: 200 } },
    });
    expect(figures.registers[1]!.expected).toEqual({ toDecision: null, toDelivery: null });
    expect(figures.registers[1]!.lastTwelveMonths.toDecision).toEqual({ cases: 0, medianDays: null, meanDays: null });
  });

  it('asks the forecast about one new application per register, waiting for its completeness check from today', () => {
    const arriving = newApplications('2030-01-02', 'ehds');
    const mfr = arriving.find((a) => a.registerId === 'MFR')!;
    expect(mfr.forecastCase).toEqual({
      kind: { applicationType: 'new', sourceCount: 1, linked: false },
      rulebook: 'ehds',
      stage: 'completeness-check',
      enteredOn: '2030-01-02',
      receivedOn: '2030-01-02',
      statutoryDueOn: null,
      applicantLastDay: null,
      orders: [{ custodian: 'FHI', sentOn: null }],
    });
    expect(new Set(arriving.map((a) => a.registerId)).size).toBe(arriving.length);
  });
});
