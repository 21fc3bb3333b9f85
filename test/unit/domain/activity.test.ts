// The activity report's figures, computed by hand for six cases around March 2030.
import { describe, expect, it } from 'vitest';
import { activityReport, stageAtEnd, type CaseActivity } from '../../../domain/statistics/activity.ts';

const at = (iso: string) => new Date(iso);
const period = { from: '2030-03-01', to: '2030-03-31' };

function caseOf(fields: Partial<CaseActivity> & Pick<CaseActivity, 'receivedAt'>): CaseActivity {
  return { applicationType: 'new', registerIds: ['MFR'], decision: null, statutoryDueAt: null, deliveredAt: null, steps: [], ...fields };
}

// Received before the period; decided in it after 60 days, by its deadline; delivered after
// 70 days; closed.
const a = caseOf({
  registerIds: ['MFR', 'NPR'],
  receivedAt: at('2030-01-10T10:00:00Z'),
  decision: { outcome: 'grant', decidedAt: at('2030-03-11T10:00:00Z') },
  statutoryDueAt: at('2030-03-20T22:59:59Z'),
  deliveredAt: at('2030-03-21T10:00:00Z'),
  steps: [
    { step: 'received', at: at('2030-01-10T10:00:00Z') },
    { step: 'statutory-clock-started', at: at('2030-01-20T10:00:00Z') },
    { step: 'decided', at: at('2030-03-11T10:00:00Z') },
    { step: 'orders-created', at: at('2030-03-12T10:00:00Z') },
    { step: 'closed', at: at('2030-03-21T10:00:00Z') },
  ],
});
// A change received in the period, refused after 20 days, past its deadline.
const b = caseOf({
  applicationType: 'change',
  receivedAt: at('2030-03-05T10:00:00Z'),
  decision: { outcome: 'refusal', decidedAt: at('2030-03-25T10:00:00Z') },
  statutoryDueAt: at('2030-03-20T22:59:59Z'),
  steps: [
    { step: 'received', at: at('2030-03-05T10:00:00Z') },
    { step: 'decided', at: at('2030-03-25T10:00:00Z') },
    { step: 'closed', at: at('2030-03-25T10:00:00Z') },
  ],
});
// Received in the period and in assessment at its end (assessed only after it).
const c = caseOf({
  registerIds: ['NPR'],
  receivedAt: at('2030-03-10T10:00:00Z'),
  steps: [
    { step: 'received', at: at('2030-03-10T10:00:00Z') },
    { step: 'statutory-clock-started:task-1', at: at('2030-03-15T10:00:00Z') },
    { step: 'assessed', at: at('2030-04-02T10:00:00Z') },
  ],
});
// Decided before the period, delivered in it after 30 days.
const d = caseOf({
  receivedAt: at('2030-02-01T10:00:00Z'),
  decision: { outcome: 'grant', decidedAt: at('2030-02-21T10:00:00Z') },
  deliveredAt: at('2030-03-03T10:00:00Z'),
  steps: [
    { step: 'decided', at: at('2030-02-21T10:00:00Z') },
    { step: 'orders-created', at: at('2030-02-22T10:00:00Z') },
    { step: 'closed', at: at('2030-03-03T10:00:00Z') },
  ],
});
// A data update granted after 30 days without a statutory deadline, still decided at the end.
const f = caseOf({
  applicationType: 'data-update',
  receivedAt: at('2030-02-25T10:00:00Z'),
  decision: { outcome: 'grant', decidedAt: at('2030-03-27T10:00:00Z') },
  steps: [
    { step: 'received', at: at('2030-02-25T10:00:00Z') },
    { step: 'decided', at: at('2030-03-27T10:00:00Z') },
  ],
});
// Decided at 00:30 on 1 April in Norway (22:30 UTC the day before): after the period.
const g = caseOf({
  registerIds: ['DAR'],
  receivedAt: at('2030-03-20T10:00:00Z'),
  decision: { outcome: 'grant', decidedAt: at('2030-03-31T22:30:00Z') },
  steps: [
    { step: 'received', at: at('2030-03-20T10:00:00Z') },
    { step: 'decided', at: at('2030-03-31T22:30:00Z') },
  ],
});
// Received after the period: in none of its figures.
const later = caseOf({ receivedAt: at('2030-04-05T10:00:00Z'), steps: [{ step: 'received', at: at('2030-04-05T10:00:00Z') }] });

const report = activityReport([a, b, c, d, f, g, later], period);
const openIn = (stages: { code: string; open: number }[]) => Object.fromEntries(stages.filter((s) => s.open > 0).map((s) => [s.code, s.open]));

describe('activity report', () => {
  it('counts applications received in the period by type, and decisions made in it by outcome, by Norwegian days', () => {
    expect(report.total.received).toEqual({ total: 3, byType: { change: 1, new: 2 } });
    expect(report.total.decisions).toEqual({ total: 3, byOutcome: { grant: 2, refusal: 1 } });
  });

  it('gives median and mean days from receipt to decision and to delivery', () => {
    // Decisions after 60, 20 and 30 days; deliveries after 70 and 30.
    expect(report.total.toDecision).toEqual({ cases: 3, medianDays: 30, meanDays: 36.7 });
    expect(report.total.toDelivery).toEqual({ cases: 2, medianDays: 50, meanDays: 50 });
  });

  it('shares the decisions on cases with a statutory deadline by whether they came by it', () => {
    expect(report.total.statutoryDeadline).toEqual({ decided: 2, withinDeadline: 1, share: 0.5 });
  });

  it("counts the backlog per stage at the period's end, from the steps up to then", () => {
    expect(report.total.backlogAtEnd.open).toBe(3);
    expect(openIn(report.total.backlogAtEnd.stages)).toEqual({ 'completeness-check': 1, assessment: 1, decided: 1 });
    expect(report.total.backlogAtEnd.stages.find((s) => s.code === 'assessment')!.name).toBe('Saksbehandling');
    expect(stageAtEnd(c, { from: '2030-04-01', to: '2030-04-30' })).toBe('decision');
    expect(stageAtEnd(a, period)).toBeNull();
  });

  it('gives the same figures per register, a case counting under each register it names', () => {
    expect(report.registers.map((r) => r.registerId)).toEqual(['DAR', 'MFR', 'NPR']);
    const mfr = report.registers.find((r) => r.registerId === 'MFR')!;
    expect(mfr.name).toBe('Medisinsk fødselsregister');
    expect(mfr.received).toEqual({ total: 1, byType: { change: 1 } });
    expect(mfr.decisions).toEqual({ total: 3, byOutcome: { grant: 2, refusal: 1 } });
    expect(mfr.toDelivery).toEqual({ cases: 2, medianDays: 50, meanDays: 50 });
    expect(openIn(mfr.backlogAtEnd.stages)).toEqual({ decided: 1 });
    const npr = report.registers.find((r) => r.registerId === 'NPR')!;
    expect(npr.toDecision).toEqual({ cases: 1, medianDays: 60, meanDays: 60 });
    expect(npr.statutoryDeadline).toEqual({ decided: 1, withinDeadline: 1, share: 1 });
    expect(openIn(npr.backlogAtEnd.stages)).toEqual({ assessment: 1 });
  });

  it('has no median, mean or share for a period without decisions', () => {
    const empty = activityReport([a], { from: '2029-01-01', to: '2029-01-31' });
    expect(empty.total.toDecision).toEqual({ cases: 0, medianDays: null, meanDays: null });
    expect(empty.total.statutoryDeadline.share).toBeNull();
    expect(empty.registers).toEqual([]);
  });
});
