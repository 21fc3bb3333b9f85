// The structured decision: per source (register) of an application, granted or refused, the
// variables granted, whether a dispensation from confidentiality is granted for it, its
// conditions, and why it was refused. The outcome of the whole decision is derived from the
// sources, never chosen beside them. The forms carry a fixed number of source slots of
// primitive fields (Tasklist submits arrays and objects as JSON, which the engine refuses
// without Spin); this module turns slots into sources and back, and checks a proposal.
import { registerLabel, registers } from '../registers.ts';

export type Outcome = 'grant' | 'partial-grant' | 'refusal';

// What the applicant asked for from one register: its variables, in the order given.
export type AskedSource = { registerId: string; variables: string[] };

export type SourceDecision = {
  registerId: string;
  granted: boolean;
  // A subset of the variables asked for; empty when refused.
  variables: string[];
  dispensation: boolean;
  conditions: string | null;
  refusalReason: string | null;
};

// One slot per register the table knows: an application names each register at most once.
export const slotCount = registers.length;

// Hours a caseworker may record for one assessment; the case file keeps them as numeric(6,2).
export const maxHoursSpent = 1000;

export function deriveOutcome(asked: readonly AskedSource[], sources: readonly SourceDecision[]): Outcome {
  const granted = sources.filter((s) => s.granted);
  if (granted.length === 0) return 'refusal';
  const inFull = asked.every((a) => {
    const decided = granted.find((s) => s.registerId === a.registerId);
    return decided !== undefined && a.variables.every((v) => decided.variables.includes(v));
  });
  return inFull ? 'grant' : 'partial-grant';
}

// How a source's own outcome reads: granted in full, in part, or refused.
export function sourceOutcome(asked: AskedSource | undefined, source: SourceDecision): Outcome {
  if (!source.granted) return 'refusal';
  return (asked?.variables ?? []).every((v) => source.variables.includes(v)) ? 'grant' : 'partial-grant';
}

// The sources an application asks for, one per register, variables merged.
export function askedSources(dataSources: readonly { registerId: string; variables?: readonly string[] }[]): AskedSource[] {
  const byRegister = new Map<string, string[]>();
  for (const source of dataSources) {
    const variables = byRegister.get(source.registerId) ?? [];
    byRegister.set(source.registerId, [...variables, ...(source.variables ?? []).filter((v) => !variables.includes(v))]);
  }
  return [...byRegister].map(([registerId, variables]) => ({ registerId, variables }));
}

// The slot variables of a form: slot i (from 1) holds the i-th source, the rest are empty, so
// that the form hides them and every variable a model expression reads exists.
export type SlotVariables = Record<string, string | boolean>;

const key = (slot: number, field: string) => `source${slot}${field}`;

export function slotVariables(asked: readonly AskedSource[], sources?: readonly SourceDecision[]): SlotVariables {
  const variables: SlotVariables = {};
  for (let slot = 1; slot <= slotCount; slot++) {
    const source = asked[slot - 1];
    // An empty slot needs only what hides it and what the model's dispensation check reads.
    variables[key(slot, 'RegisterId')] = source?.registerId ?? '';
    variables[key(slot, 'Dispensation')] = false;
    if (!source) continue;
    const decided = sources?.find((s) => s.registerId === source.registerId);
    variables[key(slot, 'Name')] = registerLabel(source.registerId);
    variables[key(slot, 'Decision')] = decided && !decided.granted ? 'refused' : 'granted';
    variables[key(slot, 'Variables')] = (decided?.granted ? decided.variables : source.variables).join('\n');
    variables[key(slot, 'Dispensation')] = decided?.dispensation ?? false;
    variables[key(slot, 'Conditions')] = decided?.conditions ?? '';
    variables[key(slot, 'Reason')] = decided?.refusalReason ?? '';
  }
  return variables;
}

const slotFields = ['RegisterId', 'Name', 'Decision', 'Variables', 'Dispensation', 'Conditions', 'Reason'];

// The names of every slot variable, for a worker's input schema.
export function slotVariableNames(): string[] {
  return Array.from({ length: slotCount }, (_, i) => slotFields.map((field) => key(i + 1, field))).flat();
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);

// The sources as the form submitted them; a slot without a register is no source.
export function sourcesFromSlots(variables: Record<string, unknown>): SourceDecision[] {
  const sources: SourceDecision[] = [];
  for (let slot = 1; slot <= slotCount; slot++) {
    const registerId = text(variables[key(slot, 'RegisterId')]);
    if (!registerId) continue;
    const granted = variables[key(slot, 'Decision')] !== 'refused';
    const lines = String(variables[key(slot, 'Variables')] ?? '').split(/\r?\n|,/).map((v) => v.trim()).filter(Boolean);
    sources.push({
      registerId,
      granted,
      variables: granted ? [...new Set(lines)] : [],
      dispensation: granted && variables[key(slot, 'Dispensation')] === true,
      conditions: text(variables[key(slot, 'Conditions')]),
      refusalReason: text(variables[key(slot, 'Reason')]),
    });
  }
  return sources;
}

// Why a proposed decision cannot be recorded, in Norwegian for the form, or null when it can.
export function decisionProblem(asked: readonly AskedSource[], sources: readonly SourceDecision[]): string | null {
  const problems: string[] = [];
  for (const source of sources) {
    const askedSource = asked.find((a) => a.registerId === source.registerId);
    const label = registerLabel(source.registerId);
    if (!askedSource) {
      problems.push(`${label} er ikke en kilde i søknaden.`);
      continue;
    }
    if (!source.granted && !source.refusalReason) problems.push(`${label} er avslått uten begrunnelse. Skriv hvorfor kilden avslås.`);
    if (source.granted && source.variables.length === 0) problems.push(`${label} er innvilget uten variabler. Før opp variablene som innvilges, eller avslå kilden.`);
    const unknown = source.variables.filter((v) => !askedSource.variables.includes(v));
    if (unknown.length > 0) problems.push(`${label}: ${unknown.join(', ')} er ikke blant variablene søkeren ba om (${askedSource.variables.join(', ')}).`);
  }
  const missing = asked.filter((a) => !sources.some((s) => s.registerId === a.registerId));
  if (missing.length > 0) problems.push(`Vedtaket mangler ${missing.map((a) => registerLabel(a.registerId)).join(', ')}.`);
  return problems.length > 0 ? problems.join(' ') : null;
}

// Hours as a form may send them: a number, or a text with a decimal comma or point (a number
// field set to keep its value as text, or a client of the REST API).
export function hoursValue(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\s*-?\d+([.,]\d+)?\s*$/.test(value)) return Number(value.trim().replace(',', '.'));
  return Number.NaN;
}

// Why the hours a caseworker recorded cannot be billed, in Norwegian, or null when they can.
export function hoursProblem(value: unknown): string | null {
  const hours = hoursValue(value);
  if (Number.isFinite(hours) && hours >= 0 && hours <= maxHoursSpent) return null;
  return `Timer brukt må være et tall mellom 0 og ${maxHoursSpent} (du skrev ${String(value ?? '')}). Rett antallet timer og fullfør oppgaven på nytt.`;
}
