import { describe, expect, it } from 'vitest';
import { caseFacts, rekRequirement, type Submission } from '../../../domain/case/facts.ts';

const research: Submission = {
  applicationType: 'new',
  project: { purposeCategory: 'research' },
  dataSources: [{ registerId: 'MFR' }, { registerId: 'NDR' }],
  dataKind: 'identifiable',
  linkage: true,
  rekReference: 'REK 2026/1',
};

describe('caseFacts', () => {
  it('sees a central register among the sources and counts each register once', () => {
    const facts = caseFacts({ ...research, dataSources: [{ registerId: 'MFR' }, { registerId: 'MFR' }, { registerId: 'NDR' }] });
    expect(facts).toMatchObject({ namesCentralRegister: true, onlyTreatmentRegisters: false, sourceCount: 2, purposeIsResearch: true });
  });

  it('links sources only when several are named and linkage is asked for', () => {
    expect(caseFacts(research).sourcesLinked).toBe(true);
    expect(caseFacts({ ...research, linkage: false }).sourcesLinked).toBe(false);
    expect(caseFacts({ ...research, dataSources: [{ registerId: 'MFR' }] }).sourcesLinked).toBe(false);
    expect(caseFacts({ ...research, linkage: { requested: true } }).sourcesLinked).toBe(true);
  });

  it('tells an application naming only treatment registers', () => {
    const facts = caseFacts({ ...research, project: { purposeCategory: 'planning' }, dataSources: [{ registerId: 'PASIENTJOURNAL' }] });
    expect(facts).toMatchObject({ namesCentralRegister: false, onlyTreatmentRegisters: true, purposeIsResearch: false });
  });

  it('defaults to identifiable data and a non-student applicant', () => {
    const facts = caseFacts({ applicationType: 'new', dataSources: [{ registerId: 'DAR' }] });
    expect(facts).toMatchObject({ dataKind: 'identifiable', applicantIsStudent: false, custodianException: false });
  });
});

describe('rekRequirement', () => {
  const today = '2026-11-22';
  it('requires REK approval for research on identifiable data', () => {
    expect(rekRequirement(research, caseFacts(research), today)).toEqual({ rekApprovalRequired: true, rekApprovalMissing: false });
    const without = { ...research, rekReference: undefined };
    expect(rekRequirement(without, caseFacts(without), today)).toEqual({ rekApprovalRequired: true, rekApprovalMissing: true });
  });

  it('does not require it for anonymous data or for purposes other than research', () => {
    const anonymous = { ...research, dataKind: 'anonymous', rekReference: undefined };
    expect(rekRequirement(anonymous, caseFacts(anonymous), today).rekApprovalRequired).toBe(false);
    const planning = { ...research, project: { purposeCategory: 'planning' }, rekReference: undefined };
    expect(rekRequirement(planning, caseFacts(planning), today).rekApprovalMissing).toBe(false);
  });
});
