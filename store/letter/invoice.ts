// HDS's invoice for a case: the row in invoices (its number, the KID made from it, the due date
// and the buyer's reference, kept as sent), the PDF letter, and, when there is something to
// pay, the same invoice as EHF Billing 3.0 XML beside it. Once per case: a retried step finds
// the invoice and the documents it made.
import type { Knex } from 'knex';
import type { Submission } from '../../domain/case/facts.ts';
import { feeCategoryNames, type FeeCategory } from '../../domain/case/fee-category.ts';
import { formatAccountNumber } from '../../domain/invoice/account-number.ts';
import { invoiceKid } from '../../domain/invoice/kid.ts';
import { letterKind } from '../../domain/letter/kinds.ts';
import { stepOf } from '../../domain/state-machine.ts';
import { addCalendarDays, osloDay } from '../../domain/working-days.ts';
import { rules } from '../../domain/deadlines.ts';
import type { Payee } from '../../platform/config.ts';
import { sendCaseLetter } from './case-letter.ts';
import { storeVariant, type IssuedDocument } from './documents.ts';
import { ehfDocumentKind, ehfInvoiceXml, ehfMediaType, type EhfLine } from './ehf.ts';

type Db = Knex | Knex.Transaction;

// Under EHDS, the fee table's reduction for a confirmed fee category (Art. 62(3)); 0 and null: none.
export type FeeReduction = { percent: number; category: FeeCategory | null };

export type InvoiceRequest = {
  applicationId: string;
  baseFeeNok: number;
  hourlyRateNok: number;
  hoursBilled: number;
  amountNok: number;
  exemption: string | null;
  reduction?: FeeReduction;
  sourceCountText: string;
  payee: Payee;
  now: Date;
};

export type IssuedInvoice = { invoiceNumber: number; kid: string | null; pdf: IssuedDocument; ehf: IssuedDocument | null };

type Buyer = { name: string; organisationNumber: string; reference: string };

// The buyer is the applicant's institution; its reference ("Deres ref.") the one the applicant
// gave for invoices, else the project leader, whom the institution's accounts can ask.
function buyerOf(submission: Submission & { institution?: { invoiceReference?: string } }): Buyer {
  return {
    name: submission.institution?.name ?? '',
    organisationNumber: submission.institution?.organisationNumber ?? '',
    reference: submission.institution?.invoiceReference ?? submission.projectLeader?.name ?? '',
  };
}

// What the invoice and the decision letter say of a reduction: how much, the full fee and why.
export function reductionFacts(reduction: FeeReduction, fullAmountNok: number, amountNok: number) {
  return {
    reductionPercent: reduction.category ? reduction.percent : 0,
    reductionNok: fullAmountNok - amountNok,
    fullAmountNok,
    feeCategoryText: reduction.category ? feeCategoryNames[reduction.category] : '',
  };
}

export async function issueInvoice(db: Db, request: InvoiceRequest): Promise<IssuedInvoice> {
  const { applicationId, payee, now } = request;
  const reduction = request.reduction ?? { percent: 0, category: null };
  const fullAmountNok = request.baseFeeNok + request.hourlyRateNok * request.hoursBilled;
  const application = await db('applications').where({ id: applicationId }).first('reference', 'submission');
  const submission = application.submission as Submission;
  const buyer = buyerOf(submission);
  const payable = request.amountNok > 0;
  await db('invoices')
    .insert({
      application_id: applicationId,
      base_fee_nok: request.baseFeeNok,
      hourly_rate_nok: request.hourlyRateNok,
      hours_billed: request.hoursBilled,
      amount_nok: request.amountNok,
      exemption: request.exemption,
      reduction_percent: reduction.percent,
      reduction_category: reduction.category,
      issued_at: now,
      due_on: addCalendarDays(osloDay(now), rules.invoiceDueCalendarDays),
      buyer_reference: buyer.reference,
    })
    .onConflict('application_id')
    .ignore();
  const invoice = await db('invoices').where({ application_id: applicationId }).first();
  const invoiceNumber = Number(invoice.invoice_number);
  // A free case has nothing to pay, so no KID either.
  const kid = payable ? (invoice.kid ?? invoiceKid(invoiceNumber)) : null;
  if (kid && !invoice.kid) await db('invoices').where({ application_id: applicationId }).update({ kid });
  const dueOn = osloDay(new Date(invoice.due_on));
  const issuedOn = osloDay(new Date(invoice.issued_at));

  const pdf = await sendCaseLetter(db, {
    applicationId,
    kind: letterKind.invoice,
    now,
    facts: {
      baseFeeNok: request.baseFeeNok,
      hourlyRateNok: request.hourlyRateNok,
      feeExemption: request.exemption ?? '',
      hoursBilled: request.hoursBilled,
      amountNok: request.amountNok,
      hoursAmountNok: request.hourlyRateNok * request.hoursBilled,
      ...reductionFacts(reduction, fullAmountNok, request.amountNok),
      sourceCountText: request.sourceCountText,
      invoiceNumber: String(invoiceNumber),
      today: issuedOn,
      dueOn,
      kid: kid ?? '',
      buyerName: buyer.name,
      buyerOrganisationNumber: buyer.organisationNumber,
      buyerReference: invoice.buyer_reference,
      payeeName: payee.name,
      payeeOrganisationNumber: payee.organisationNumber,
      payeeAddress: `${payee.address.street}, ${payee.address.postalCode} ${payee.address.city}`,
      accountNumber: formatAccountNumber(payee.accountNumber),
    },
  });
  if (!kid) return { invoiceNumber, kid, pdf, ehf: null };

  const lines: EhfLine[] = [
    { description: `Grunngebyr (${request.sourceCountText})`, quantity: 1, unitCode: 'C62', unitPriceNok: request.baseFeeNok },
    ...(request.hoursBilled > 0 ? [{ description: 'Saksbehandling, påbegynte timer', quantity: request.hoursBilled, unitCode: 'HUR' as const, unitPriceNok: request.hourlyRateNok }] : []),
    // A reduction as a line of its own with a negative quantity: a price may not be negative.
    ...(reduction.category ? [{ description: `Redusert gebyr, ${reduction.percent} % (${feeCategoryNames[reduction.category]})`, quantity: -1, unitCode: 'C62' as const, unitPriceNok: fullAmountNok - request.amountNok }] : []),
  ];
  const xml = ehfInvoiceXml({
    invoiceNumber: String(invoiceNumber),
    issueDate: issuedOn,
    dueDate: dueOn,
    buyerReference: invoice.buyer_reference,
    caseReference: application.reference,
    projectTitle: submission.project?.title ?? '',
    kid,
    payee,
    buyer,
    lines,
  });
  const ehf = await storeVariant(db, {
    applicationId,
    caseReference: application.reference,
    step: stepOf(letterKind.invoice, 'ehf'),
    kind: ehfDocumentKind,
    template: letterKind.invoice,
    templateVersion: pdf.templateVersion,
    title: `Faktura ${invoiceNumber} (EHF)`,
    content: Buffer.from(xml, 'utf8'),
    mediaType: ehfMediaType,
    recipient: { kind: 'applicant', name: buyer.name, email: null },
    now,
  });
  return { invoiceNumber, kid, pdf, ehf };
}
