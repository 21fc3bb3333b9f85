// The data sources an application may name and who holds each, read from registers.json so
// that a change of custodian is a data change.
import { readFileSync } from 'node:fs';
import type { IsoDate } from './working-days.ts';

export type RegisterKind = 'central' | 'quality' | 'treatment' | 'population';
type Holder = { custodian: string; from: IsoDate; to?: IsoDate };
export type Register = { id: string; name: string; kind: RegisterKind; holders: Holder[] };

const table = JSON.parse(readFileSync(new URL('./registers.json', import.meta.url), 'utf8')) as {
  custodians: Record<string, string>;
  custodianEmails: Record<string, string>;
  registers: Register[];
};

export const registers: readonly Register[] = table.registers;
export const registerIds: readonly string[] = registers.map((r) => r.id);
const byId = new Map(registers.map((r) => [r.id, r]));

export function findRegister(id: string): Register | undefined {
  return byId.get(id);
}

// A register's name, or its id when the table does not know it.
export const registerName = (id: string) => findRegister(id)?.name ?? id;

// A register as people read it: "Medisinsk fødselsregister (MFR)".
export function registerLabel(id: string): string {
  const register = findRegister(id);
  return register ? `${register.name} (${id})` : id;
}

export function custodianName(custodianId: string): string | undefined {
  return table.custodians[custodianId];
}

// Where the custodian receives its orders.
export function custodianEmail(custodianId: string): string | undefined {
  return table.custodianEmails[custodianId];
}

// The custodian holding a register on a given day, if the table knows one.
export function findCustodianOn(registerId: string, day: IsoDate): string | undefined {
  return byId.get(registerId)?.holders.find((h) => h.from <= day && (!h.to || day <= h.to))?.custodian;
}

// The custodian holding a register on a given day.
export function custodianOn(registerId: string, day: IsoDate): string {
  if (!byId.has(registerId)) throw new RangeError(`Unknown register ${registerId}`);
  const custodian = findCustodianOn(registerId, day);
  if (!custodian) throw new RangeError(`No custodian holds ${registerId} on ${day}`);
  return custodian;
}

// The registers each custodian held on the day, each register once: one order (or one
// forwarding) per custodian, not per register.
export function registersByCustodian(registerIds: readonly string[], day: IsoDate): Map<string, string[]> {
  const held = new Map<string, string[]>();
  for (const registerId of new Set(registerIds)) {
    const custodian = custodianOn(registerId, day);
    held.set(custodian, [...(held.get(custodian) ?? []), registerId]);
  }
  return held;
}

// The registers a custodian holds on the day.
export function registersHeldBy(custodianId: string, day: IsoDate): string[] {
  return registers.filter((r) => r.holders.some((h) => h.custodian === custodianId && h.from <= day && (!h.to || day <= h.to))).map((r) => r.id);
}

export function isCentralRegister(registerId: string): boolean {
  return byId.get(registerId)?.kind === 'central';
}
