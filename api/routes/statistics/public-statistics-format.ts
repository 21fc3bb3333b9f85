// The public statistics as web pages that need no JavaScript (tables, a period form and inline
// SVG bar charts) and the activity report as CSV. Every figure is a count or a number of days:
// no case and no person is named.
import type { DayRange } from '../../../domain/forecast/new-application.ts';
import { applicationTypeName, outcomeName, type Activity, type ActivityReport } from '../../../domain/statistics/activity.ts';
import type { processingTimes } from '../../../domain/statistics/processing-times.ts';
import { norwegianDate } from '../../../domain/working-days.ts';
import { csvLines, html, publicDocument } from '../../public-formats.ts';

const number = (value: number | null, unit = '') => (value === null ? '–' : `${value.toLocaleString('nb-NO', { maximumFractionDigits: 1 })}${unit}`);
const percent = (share: number | null) => (share === null ? '–' : `${(share * 100).toLocaleString('nb-NO', { maximumFractionDigits: 1 })} %`);
const osloTime = (iso: string) => new Date(iso).toLocaleString('nb-NO', { timeZone: 'Europe/Oslo', dateStyle: 'long', timeStyle: 'short' });

export type Bar = { label: string; value: number | null };

// A horizontal bar chart as inline SVG, readable without the table beside it: each bar carries
// its label and its value.
export function barChart(title: string, bars: readonly Bar[], unit: string): string {
  const rowHeight = 26;
  const labelWidth = 230;
  const barWidth = 360;
  const largest = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const height = bars.length * rowHeight + 10;
  const rows = bars.map((bar, i) => {
    const y = i * rowHeight + 5;
    const width = Math.round(((bar.value ?? 0) / largest) * barWidth);
    return `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end">${html(bar.label)}</text>
    <rect x="${labelWidth}" y="${y + 3}" width="${width}" height="${rowHeight - 8}" fill="#2f6f9f"></rect>
    <text x="${labelWidth + width + 6}" y="${y + 17}">${html(number(bar.value, unit))}</text>`;
  });
  return `<svg role="img" aria-label="${html(title)}" viewBox="0 0 ${labelWidth + barWidth + 110} ${height}" width="${labelWidth + barWidth + 110}" height="${height}" font-size="13" font-family="system-ui, sans-serif">
    <title>${html(title)}</title>
    ${rows.join('\n    ')}
  </svg>`;
}

// path: the page's own, which the link bar to the other public pages marks.
export function page(path: string, title: string, body: string): string {
  return publicDocument(
    path,
    title,
    `body { max-width: 70rem; }
    table { border-collapse: collapse; margin-bottom: 1.5rem; }
    th, td { border-bottom: 1px solid #ccc; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
    td.number, th.number { text-align: right; }
    nav, form { margin: 1rem 0; display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
    figure { margin: 1rem 0 2rem; }
    .note { color: #555; }`,
    body,
  );
}

const cell = (text: string) => `<td class="number">${html(text)}</td>`;
// In the order of their names, so that every row lists them alike.
const counts = (byKey: Record<string, number>, name: (key: string) => string) =>
  Object.entries(byKey)
    .map(([key, n]) => [name(key), n] as const)
    .sort(([a], [b]) => a.localeCompare(b, 'nb'))
    .map(([label, n]) => `${html(label)}: ${n}`)
    .join('<br>') || '–';

function activityRow(label: string, a: Activity): string {
  return `<tr>
      <th scope="row">${html(label)}</th>
      ${cell(String(a.received.total))}
      <td>${counts(a.received.byType, applicationTypeName)}</td>
      ${cell(String(a.decisions.total))}
      <td>${counts(a.decisions.byOutcome, outcomeName)}</td>
      ${cell(number(a.toDecision.medianDays))}
      ${cell(number(a.toDecision.meanDays))}
      ${cell(number(a.toDelivery.medianDays))}
      ${cell(number(a.toDelivery.meanDays))}
      ${cell(percent(a.statutoryDeadline.share))}
      ${cell(String(a.backlogAtEnd.open))}
    </tr>`;
}

export function activityPage(path: string, report: ActivityReport, computedAt: string): string {
  const { from, to } = report.period;
  const rows = [activityRow('Alle registre', report.total), ...report.registers.map((r) => activityRow(`${r.name} (${r.registerId})`, r))];
  const stageRows = report.total.backlogAtEnd.stages.map((s) => `<tr><th scope="row">${html(s.name)}</th>${cell(String(s.open))}</tr>`);
  const link = (format: string) => html(`${path}?${new URLSearchParams({ from, to, format })}`);
  return page(
    path,
    'Aktivitet i saksbehandlingen',
    `<p>Søknader Helsedataservice mottok og vedtak den fattet i perioden ${norwegianDate(from)}–${norwegianDate(to)}, i alt og per register, og saker under behandling ved periodens slutt. En søknad som gjelder flere registre, telles med under hvert av dem. Tallene er antall saker og dager; ingen personopplysninger.</p>
  <form method="get" action="${html(path)}">
    <input type="hidden" name="format" value="html">
    <label for="from">Fra og med</label> <input type="date" id="from" name="from" value="${html(from)}">
    <label for="to">Til og med</label> <input type="date" id="to" name="to" value="${html(to)}">
    <button type="submit">Vis</button>
  </form>
  <nav><a href="${link('csv')}" download>Last ned som CSV</a> <a href="${link('json')}">JSON</a></nav>
  <table>
    <caption>Aktivitet ${norwegianDate(from)}–${norwegianDate(to)}</caption>
    <thead>
      <tr><th scope="col">Register</th><th scope="col" class="number">Søknader mottatt</th><th scope="col">etter type</th><th scope="col" class="number">Vedtak</th><th scope="col">etter utfall</th><th scope="col" class="number">Dager til vedtak, median</th><th scope="col" class="number">gjennomsnitt</th><th scope="col" class="number">Dager til utlevering, median</th><th scope="col" class="number">gjennomsnitt</th><th scope="col" class="number">Vedtak innen lovfristen</th><th scope="col" class="number">Under behandling ved slutt</th></tr>
    </thead>
    <tbody>
    ${rows.join('\n    ')}
    </tbody>
  </table>
  <p class="note">Dager regnes fra søknaden kom inn til vedtaket (for vedtak i perioden) og til siste dataleverandør hadde levert (for utleveringer i perioden), i kalenderdager. Andelen innen lovfristen gjelder vedtak i saker med lovpålagt frist.</p>
  <figure>
    ${barChart('Median dager fra mottak til vedtak, per register', report.registers.map((r) => ({ label: r.registerId, value: r.toDecision.medianDays })), ' d')}
    <figcaption>Median dager fra mottak til vedtak, per register</figcaption>
  </figure>
  <table>
    <caption>Saker under behandling ${norwegianDate(to)}, per trinn</caption>
    <tbody>
    ${stageRows.join('\n    ')}
    </tbody>
  </table>
  <figure>
    ${barChart('Saker under behandling ved periodens slutt, per trinn', report.total.backlogAtEnd.stages.map((s) => ({ label: s.name, value: s.open })), '')}
    <figcaption>Saker under behandling ved periodens slutt, per trinn</figcaption>
  </figure>
  <p class="note">Beregnet ${html(osloTime(computedAt))}.</p>`,
  );
}

// The report as long rows (one figure a line), so that every register, type, outcome and
// stage has the same columns: register (or "alle"), measure, category, value.
export function activityCsv(report: ActivityReport): string {
  const figures = (register: string, a: Activity): string[][] => [
    [register, 'mottatt', '', String(a.received.total)],
    ...Object.entries(a.received.byType).map(([type, n]) => [register, 'mottatt', type, String(n)]),
    [register, 'vedtak', '', String(a.decisions.total)],
    ...Object.entries(a.decisions.byOutcome).map(([outcome, n]) => [register, 'vedtak', outcome, String(n)]),
    [register, 'dager_til_vedtak_median', '', String(a.toDecision.medianDays ?? '')],
    [register, 'dager_til_vedtak_gjennomsnitt', '', String(a.toDecision.meanDays ?? '')],
    [register, 'dager_til_utlevering_median', '', String(a.toDelivery.medianDays ?? '')],
    [register, 'dager_til_utlevering_gjennomsnitt', '', String(a.toDelivery.meanDays ?? '')],
    [register, 'andel_vedtak_innen_lovfrist', '', String(a.statutoryDeadline.share ?? '')],
    ...a.backlogAtEnd.stages.map((s) => [register, 'under_behandling_ved_slutt', s.code, String(s.open)]),
  ];
  return csvLines([['register', 'maal', 'kategori', 'verdi'], ...figures('alle', report.total), ...report.registers.flatMap((r) => figures(r.registerId, r))]);
}

type ProcessingTimes = ReturnType<typeof processingTimes>;

const range = (r: DayRange | null) => (r === null ? '–' : `${number(r.median)} (${number(r.from)}–${number(r.to)})`);
const months = (days: number | null) => (days === null ? '' : ` ≈ ${number(Math.round((days / 30.4) * 10) / 10)} mnd.`);

// forecastAt: when the forecast was made (null before there is one); figuresAt: when the last
// twelve months were counted.
export function processingTimePage(times: ProcessingTimes, forecastAt: string | null, figuresAt: string): string {
  const { toDecision, toDelivery, period } = times.lastTwelveMonths;
  const rows = times.registers.map(
    (r) => `<tr>
      <th scope="row">${html(r.name)} (${html(r.registerId)})</th>
      ${cell(range(r.expected.toDecision))}
      ${cell(range(r.expected.toDelivery))}
      ${cell(number(r.lastTwelveMonths.toDecision.medianDays))}
      ${cell(number(r.lastTwelveMonths.toDelivery.medianDays))}
    </tr>`,
  );
  const forecastNote = forecastAt
    ? `Forventningen ble beregnet ${html(osloTime(forecastAt))}, fra sakene som er under behandling nå og tempoet det siste året.`
    : 'Det er ennå ikke nok avgjorte saker til å beregne en forventning.';
  return page(
    '/public/statistics/processing-times',
    'Saksbehandlingstid',
    `<p>Hvor lang tid en ny søknad som kommer inn i dag, kan regne med: dager fra søknaden kommer inn til vedtaket, og til dataene er utlevert, per register. Tallet først er det mest sannsynlige; i parentes er intervallet åtte av ti søknader forventes å havne innenfor. Ved siden av står medianen for sakene de siste tolv månedene.</p>
  <p><strong>Alle registre, siste tolv måneder:</strong> median ${number(toDecision.medianDays)} dager til vedtak${months(toDecision.medianDays)} (${toDecision.cases} vedtak), median ${number(toDelivery.medianDays)} dager til utlevering${months(toDelivery.medianDays)} (${toDelivery.cases} utleveringer), ${norwegianDate(period.from)}–${norwegianDate(period.to)}.</p>
  <table>
    <caption>Forventet saksbehandlingstid for en ny søknad i dag, i kalenderdager</caption>
    <thead>
      <tr><th scope="col">Register</th><th scope="col" class="number">Til vedtak (intervall)</th><th scope="col" class="number">Til utlevering (intervall)</th><th scope="col" class="number">Median til vedtak, siste 12 mnd.</th><th scope="col" class="number">Median til utlevering, siste 12 mnd.</th></tr>
    </thead>
    <tbody>
    ${rows.join('\n    ') || '<tr><td colspan="5">Ingen forventning ennå.</td></tr>'}
    </tbody>
  </table>
  <figure>
    ${barChart('Forventede dager til vedtak for en ny søknad i dag, per register', times.registers.map((r) => ({ label: r.registerId, value: r.expected.toDecision?.median ?? null })), ' d')}
    <figcaption>Forventede dager til vedtak for en ny søknad i dag, per register</figcaption>
  </figure>
  <p class="note">${forecastNote} Medianene ble beregnet ${html(osloTime(figuresAt))}. Tallene gjelder en søknad om data fra ett register; en søknad om data fra flere registre tar ofte lengre tid. Tallene er antall dager; ingen personopplysninger.</p>`,
  );
}
