// The public statistics on the benchmarks' synthetic two-year history (bench/forecast-history.ts):
// the case file as it stood at the end of the two years, its forecast refreshed then, the
// activity report of the last twelve months and the processing-time page, rendered as the
// routes render them and photographed with Chromium into docs/. Prints the page's figures
// beside the flat estimate HDS publishes (3–5 months to the decision, then 2–3 months).
// Run: npx tsx bench/public-statistics.ts > bench/results/public-statistics.txt
// (HDS_BENCH_DB: the database, else hds_bench_public)
import { chromium } from 'playwright-core';
import { activityReport } from '../domain/statistics/activity.ts';
import { processingTimes } from '../domain/statistics/processing-times.ts';
import { addCalendarDays, osloDay } from '../domain/working-days.ts';
import { activityPage, processingTimePage } from '../api/routes/statistics/public-statistics-format.ts';
import { learnFromHistory } from '../domain/forecast/history.ts';
import { computeForecasts } from '../store/forecast/forecasts.ts';
import { forecastDays, readHistory, readOpenCases } from '../store/forecast/snapshot.ts';
import { readNewApplicationForecasts, storeForecasts } from '../store/forecast/store.ts';
import { readCaseActivity } from '../store/statistics/activity.ts';
import { writeCaseFile } from './forecast-case-file.ts';
import { addMonths, defaultHistory, generateHistory } from './forecast-history.ts';
import { benchDatabaseUrl, freshDatabase, progress } from './lib.ts';

const endDay = addMonths(defaultHistory.start, defaultHistory.months);
// Before the day's first step (the generator's steps start at 08:00 UTC).
const moment = new Date(`${endDay}T04:00:00Z`);
const to = addCalendarDays(endDay, -1);
const period = { from: addCalendarDays(to, -364), to };

const generated = generateHistory(defaultHistory);
progress(`${generated.cases.length} synthetic cases from ${defaultHistory.start}; the case file as on ${endDay}`);
const db = await freshDatabase(benchDatabaseUrl(process.env.HDS_BENCH_DB ? '' : '_public'));
await writeCaseFile(db, generated.cases, moment);

const days = forecastDays(moment);
const forecasts = computeForecasts(learnFromHistory(await readHistory(db, days), days), await readOpenCases(db, moment), days, defaultHistory.rulebook);
if (!forecasts) throw new Error('The history has too few decisions to forecast');
await db.transaction((tx) => storeForecasts(tx, forecasts, moment));

const report = activityReport(await readCaseActivity(db, to), period);
const stored = await readNewApplicationForecasts(db);
const times = processingTimes(stored, osloDay(moment), report);
await db.destroy();

const computedAt = moment.toISOString();
const pages = {
  'public-activity-report': activityPage('/public/statistics/activity', report, computedAt),
  'public-processing-times': processingTimePage(times, computedAt, computedAt),
};
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
for (const [name, html] of Object.entries(pages)) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
  await page.setContent(html);
  await page.screenshot({ path: `docs/${name}.png`, fullPage: true });
  await page.close();
}
await browser.close();

const months = (days: number | null) => (days === null ? '–' : (days / 30.4).toFixed(1));
console.log(`\nLast twelve months (${period.from}–${period.to}): ${report.total.received.total} received, ${report.total.decisions.total} decisions`);
console.log(`  to decision: median ${report.total.toDecision.medianDays} d (${months(report.total.toDecision.medianDays)} mo), mean ${report.total.toDecision.meanDays} d`);
console.log(`  to delivery: median ${report.total.toDelivery.medianDays} d (${months(report.total.toDelivery.medianDays)} mo), mean ${report.total.toDelivery.meanDays} d`);
console.log(`  within the statutory deadline: ${report.total.statutoryDeadline.share}; open at the end: ${report.total.backlogAtEnd.open}`);
console.log('\nA new application on', osloDay(moment), '(days: median (80% interval)); flat estimate: decision 91–152 d, delivery 152–244 d');
for (const r of times.registers) {
  const range = (x: { median: number; from: number; to: number } | null) => (x ? `${x.median} (${x.from}–${x.to})` : '–');
  console.log(`  ${r.registerId.padEnd(16)} decision ${range(r.expected.toDecision).padEnd(16)} delivery ${range(r.expected.toDelivery).padEnd(16)} last 12 mo median ${r.lastTwelveMonths.toDecision.medianDays} / ${r.lastTwelveMonths.toDelivery.medianDays}`);
}
