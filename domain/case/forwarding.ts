// To whom HDS forwards a case it does not decide (shared/domain.md, "Who decides"): the body
// the jurisdiction table named, or, when that is CUSTODIAN, the custodians from the register
// table on the day. Pure.
import { readFileSync } from 'node:fs';
import { custodianEmail, custodianName, isCentralRegister, registersByCustodian } from '../registers.ts';
import type { IsoDate } from '../working-days.ts';

export type DecidingCustodian = { custodianId: string; registerIds: string[] };
export type Recipient = { recipient: string; name: string; registerIds: string[] };

// The bodies that decide for every source at once, as the jurisdiction table names them
// (domain/bodies.json: their names and addresses).
const bodies = (JSON.parse(readFileSync(new URL('../bodies.json', import.meta.url), 'utf8')) as { bodies: Record<string, { name: string; email: string }> }).bodies;

// The § 10 exception concerns the central registers: their custodians decide, and sources
// linked with them are not decided by their own custodians. With no central register named
// (rule controller-other), each source's controller decides for its own source.
export function decidingCustodians(registerIds: readonly string[], day: IsoDate): DecidingCustodian[] {
  const central = registerIds.filter(isCentralRegister);
  const concerned = central.length > 0 ? central : registerIds;
  // Custodian ids are unique keys, so the order is total.
  return [...registersByCustodian(concerned, day)]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([custodianId, held]) => ({ custodianId, registerIds: [...held].sort() }));
}

export function recipientName(recipient: string): string {
  return bodies[recipient]?.name ?? custodianName(recipient) ?? recipient;
}

// Where a forwarded application goes: the body's address, or the custodian's from the register
// table; none known, the letter is stored and journaled but not e-mailed.
export function recipientEmail(recipient: string): string | undefined {
  return bodies[recipient]?.email ?? custodianEmail(recipient);
}

export const isCustodianRecipient = (recipient: string) => !(recipient in bodies);

export function forwardingRecipients(decidingBody: string, registerIds: readonly string[], day: IsoDate): Recipient[] {
  if (decidingBody === 'CUSTODIAN') {
    return decidingCustodians(registerIds, day).map(({ custodianId, registerIds: held }) => ({ recipient: custodianId, name: recipientName(custodianId), registerIds: held }));
  }
  if (!(decidingBody in bodies)) throw new RangeError(`HDS forwards no case to ${decidingBody}`);
  return [{ recipient: decidingBody, name: recipientName(decidingBody), registerIds: [] }];
}
