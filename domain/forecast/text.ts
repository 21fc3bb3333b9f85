// The forecast as the caseworker reads it on the task's form (process variable forecastText):
// dates only, so that the text changes when the forecast does and not at every refresh.
import type { CaseForecast, DateRange } from './forecast.ts';
import { norwegianDate } from '../working-days.ts';

const range = ({ median, from, to }: DateRange) => `rundt ${norwegianDate(median)} (80 %: ${norwegianDate(from)}–${norwegianDate(to)})`;

export function forecastText(forecast: CaseForecast, statutoryDueOn: string | null): string {
  const parts: string[] = [];
  if (forecast.decision) parts.push(`Vedtak ${range(forecast.decision)}`);
  if (forecast.delivery) parts.push(`utlevering ved innvilgelse ${range(forecast.delivery)}`);
  if (forecast.deadlineAtRisk && statutoryDueOn) parts.push(`fristen ${norwegianDate(statutoryDueOn)} er i fare`);
  // Neither comes when no run of the simulation reaches a decision here (forecast.ts).
  if (parts.length === 0) return 'Ingen prognose: i ingen av simuleringene kom saken til vedtak hos HDS. Saker som denne er oftest blitt avvist eller sendt til et annet organ.';
  const text = parts.join('; ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}
