// To whom HDS forwards a case it does not decide (shared/domain.md, "Who decides"): the body
// the jurisdiction table named, or, when that is CUSTODIAN, the custodians from the register
// table on the day. Pure.
import { custodianName, isCentralRegister, registersByCustodian } from '../registers.ts';
import type { IsoDate } from '../working-days.ts';

export type DecidingCustodian = { custodianId: string; registerIds: string[] };
export type Recipient = { recipient: string; name: string; registerIds: string[] };

// The bodies that decide for every source at once, as the jurisdiction table names them.
const bodyNames: Record<string, string> = {
  REK: 'Regional komité for medisinsk og helsefaglig forskningsetikk (REK)',
  HELSEDIREKTORATET: 'Helsedirektoratet',
};

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
  return bodyNames[recipient] ?? custodianName(recipient) ?? recipient;
}

export function forwardingRecipients(decidingBody: string, registerIds: readonly string[], day: IsoDate): Recipient[] {
  if (decidingBody === 'CUSTODIAN') {
    return decidingCustodians(registerIds, day).map(({ custodianId, registerIds: held }) => ({ recipient: custodianId, name: recipientName(custodianId), registerIds: held }));
  }
  if (!(decidingBody in bodyNames)) throw new RangeError(`HDS forwards no case to ${decidingBody}`);
  return [{ recipient: decidingBody, name: recipientName(decidingBody), registerIds: [] }];
}
