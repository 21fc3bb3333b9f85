// Creates the permit of a granted case (the sources and variables granted only), or amends the permit that a granted change application
// refers to (keeping each version), and starts the permit process, or has it plan the period
// again, through the outbox. A data update decided within its decision never comes here.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { amendmentReschedules, InvalidPermit, permitTerms, stateAfterAmendment, type PermitSubmission, type PermitTerms } from '../../domain/permit/permit.ts';
import { recordStep } from '../../platform/audit.ts';
import { queueCaseMessage } from '../../store/case/messages.ts';
import { grantedSources } from '../../store/case/decisions.ts';
import { endsOn, insertPermit, permitColumns, writeSources, type PermitRow } from '../../store/permit/permits.ts';
import { loadApplication, permitToAmend } from '../case/case-file.ts';
import { caseInput, defineWorker, InvalidJobInput } from '../declaration.ts';
import { auditStep, message } from '../../domain/audit-steps.ts';
import { permitEvent } from '../../domain/permit/states.ts';
import { applyPermitEvent } from '../../store/permit/events.ts';

type Input = { applicationId: string; permitEndDate?: string; periodicDeliveries?: boolean };
type Application = Awaited<ReturnType<typeof loadApplication>> & { submitted_by: string | null };
type Decision = { decided_by_body: string; decided_at: Date; outcome: string; conditions: string | null };

async function createPermit(tx: Knex.Transaction, application: Application, decision: Decision, terms: PermitTerms, now: Date) {
  const id = randomUUID();
  const created = await insertPermit(tx, {
    id,
    application_id: application.id,
    reference: application.reference,
    version: 1,
    ...permitColumns(terms),
    deciding_body: decision.decided_by_body,
    decided_at: decision.decided_at,
    submitted_by: application.submitted_by,
  });
  if (!created) return (await tx('permits').where({ application_id: application.id }).first('id')).id as string;
  await tx('permit_versions').insert({ permit_id: id, version: 1, application_id: application.id, terms: JSON.stringify(terms) });
  await writeSources(tx, id, terms.dataSources);
  await recordStep(tx, { applicationId: application.id, step: auditStep.permitCreated, actor: 'system', detail: { permitId: id, endsOn: terms.period.endDate } });
  await queueCaseMessage(tx, { applicationId: application.id, name: message.permitGranted, starts: true, variables: { applicationId: application.id, permitId: id }, actor: 'system' });
  return id;
}

async function amendPermit(tx: Knex.Transaction, permit: PermitRow, application: Application, terms: PermitTerms, now: Date) {
  const current = (await tx('permits').where({ id: permit.id }).forUpdate().first()) as PermitRow;
  const version = current.version + 1;
  const added = await tx('permit_versions')
    .insert({ permit_id: permit.id, version, application_id: application.id, terms: JSON.stringify(terms) })
    .onConflict('application_id')
    .ignore()
    .returning('version');
  if (added.length === 0) return permit.id;
  const state = stateAfterAmendment(current.state, endsOn(current), terms.period.endDate);
  const detail = { permitId: permit.id, version, byCase: application.reference, endsOn: terms.period.endDate, state };
  const event = state === current.state ? permitEvent.permitAmended : permitEvent.permitExtended;
  await applyPermitEvent(tx, { permitId: permit.id, event, qualifier: version, actor: 'system', detail, changes: { ...permitColumns(terms), version }, now });
  await writeSources(tx, permit.id, terms.dataSources);
  await recordStep(tx, { applicationId: application.id, step: auditStep.permitAmended, actor: 'system', detail: { ...detail, permit: current.reference } });
  // A revocation being decided holds the period; the process plans it again from the case
  // file when the revocation is refused.
  const revocationOpen = await tx('permit_revocations').where({ permit_id: permit.id }).whereNull('outcome').first();
  if (amendmentReschedules(current.state, state) && !revocationOpen) {
    await queueCaseMessage(tx, { applicationId: current.application_id, name: message.permitAmended, variables: {}, actor: 'system' });
  }
  return permit.id;
}

export default defineWorker<Input, { permitId: string }>({
  topic: 'create-permit',
  input: caseInput({
    // The decision form's end date ("" or absent: the project period's end) and its choice of
    // repeated deliveries.
    permitEndDate: { type: 'string', pattern: '^(\\d{4}-\\d{2}-\\d{2})?$' },
    periodicDeliveries: { type: 'boolean' },
  }),
  async handler({ applicationId, permitEndDate, periodicDeliveries }, { db, now }) {
    const application = (await loadApplication(db, applicationId)) as Application;
    const decision = (await db('decisions').where({ application_id: applicationId }).first()) as Decision | undefined;
    if (!decision || decision.outcome === 'refusal') throw new InvalidJobInput(`Application ${applicationId} has no decision granting access`);
    let terms: PermitTerms;
    try {
      const granted = await grantedSources(db, applicationId);
      terms = permitTerms(application.submission as PermitSubmission, decision.conditions, { endDate: permitEndDate || undefined, periodicDeliveries }, granted);
    } catch (error) {
      if (error instanceof InvalidPermit) throw new InvalidJobInput(error.message);
      throw error;
    }
    const amended = await permitToAmend(db, application);
    const permitId = await db.transaction((tx) => (amended ? amendPermit(tx, amended, application, terms, now()) : createPermit(tx, application, decision, terms, now())));
    return { permitId };
  },
});
