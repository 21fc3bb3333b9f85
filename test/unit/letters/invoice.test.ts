// The invoice can be paid: the PDF names the payee, its organisation number and account, the
// KID, the due date and the buyer's reference; the EHF XML beside it says the same and passes
// the UBL 2.1 schema and the Peppol BIS Billing 3.0 rules (tools/ehf).
import { describe, expect, it } from 'vitest';
import { isValidKid } from '../../../domain/invoice/kid.ts';
import { loadPayee } from '../../../platform/config.ts';
import { ehfInvoiceXml, type EhfInvoice } from '../../../store/letter/ehf.ts';
import { letterPdf } from '../../../store/letter/pdf.ts';
import { renderLetter } from '../../../store/letter/templates.ts';
import { validateEhf } from '../../ehf.ts';
import { letterFacts } from '../../fixtures/letter-facts.ts';
import { pdfText } from '../../pdf-text.ts';

const invoice: EhfInvoice = {
  invoiceNumber: '42',
  issueDate: '2026-12-02',
  dueDate: '2027-01-01',
  buyerReference: 'Kari Nordmann',
  caseReference: 'HDS-2026-00042',
  projectTitle: 'Hjertesykdom & «søsken» <særkull>',
  kid: '0000000422',
  payee: loadPayee({}),
  buyer: { name: 'Universitetet i Oslo', organisationNumber: '971035854' },
  lines: [
    { description: 'Grunngebyr (flere datakilder)', quantity: 1, unitCode: 'C62', unitPriceNok: 3000 },
    { description: 'Saksbehandling, påbegynte timer', quantity: 4, unitCode: 'HUR', unitPriceNok: 1155 },
  ],
};

describe('the invoice letter', () => {
  it('gives everything a payer needs', async () => {
    const letter = renderLetter('invoice', letterFacts);
    const pdf = await letterPdf(letter.body, { title: letter.title, subject: letterFacts.reference, createdAt: new Date('2026-12-02T10:00:00Z') });
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(isValidKid(letterFacts.kid)).toBe(true);
    for (const fact of [
      'Fakturanummer: 42',
      'Folkehelseinstituttet, organisasjonsnummer 983744516',
      'Postboks 222 Skøyen, 0213 Oslo',
      'Kontonummer: 7694.05.12340',
      'KID: 0000000422',
      'Beløp: kr 7 620',
      'Forfallsdato: 16.12.2026',
      'Deres referanse: Kari Nordmann',
      'Å betale: kr 7 620',
    ]) {
      expect(text, fact).toContain(fact);
    }
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('asks for no payment, and gives no KID, when the fee is exempt', async () => {
    const letter = renderLetter('invoice', { ...letterFacts, feeExemption: 'appeal', amountNok: 0, kid: '' });
    expect(letter.body).toContain('Å betale: kr 0');
    expect(letter.body).not.toContain('KID');
    expect(letter.body).not.toContain('Kontonummer');
  });
});

// The invoice and a broken one, in one run of the validator.
const broken = ehfInvoiceXml(invoice)
  .replace(/<cbc:BuyerReference>.*<\/cbc:BuyerReference>/, '')
  .replace('<cbc:PayableAmount currencyID="NOK">7620.00', '<cbc:PayableAmount currencyID="NOK">7000.00')
  .replace('<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>', '<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode><cbc:Unknown/>');
let run: ReturnType<typeof validateEhf> | undefined;
// A fee with no hours billed has one line; a buyer's name may need escaping.
const baseFeeOnly = ehfInvoiceXml({ ...invoice, buyer: { name: 'Sykehuset Østfold & Co <HF>', organisationNumber: '983971709' }, lines: invoice.lines.slice(0, 1) });
// Under EHDS a reduced fee (Art. 62(3)) is a line of its own with quantity -1 (issueInvoice).
const reduced = ehfInvoiceXml({ ...invoice, lines: [...invoice.lines, { description: 'Redusert gebyr, 50 % (universitet eller høyskole)', quantity: -1, unitCode: 'C62', unitPriceNok: 3810 }] });
const validated = () => (run ??= validateEhf({ invoice: ehfInvoiceXml(invoice), baseFeeOnly, reduced, broken }));

describe('the EHF invoice', () => {
  it('passes the UBL 2.1 schema and the Peppol BIS Billing 3.0 rules', { timeout: 120_000 }, async () => {
    const { results } = await validated();
    expect(results.invoice!.errors).toEqual([]);
    expect(results.invoice!.valid).toBe(true);
    expect(results.baseFeeOnly!.errors).toEqual([]);
    expect(results.baseFeeOnly!.valid).toBe(true);
    expect(results.reduced!.errors).toEqual([]);
    expect(results.reduced!.valid).toBe(true);
    expect(reduced).toContain('<cbc:PayableAmount currencyID="NOK">3810.00</cbc:PayableAmount>');
  });

  it('carries the payment: the account, the KID, the due date, the total and the buyer', () => {
    const xml = ehfInvoiceXml(invoice);
    expect(xml).toContain('<cbc:PaymentID>0000000422</cbc:PaymentID>');
    expect(xml).toContain('<cac:PayeeFinancialAccount><cbc:ID>76940512340</cbc:ID>');
    expect(xml).toContain('<cbc:DueDate>2027-01-01</cbc:DueDate>');
    expect(xml).toContain('<cbc:BuyerReference>Kari Nordmann</cbc:BuyerReference>');
    expect(xml).toContain('<cbc:PayableAmount currencyID="NOK">7620.00</cbc:PayableAmount>');
    expect(xml).toContain('<cbc:EndpointID schemeID="0192">971035854</cbc:EndpointID>');
    expect(xml).toContain('Hjertesykdom &amp; «søsken» &lt;særkull&gt;');
  });

  it('fails an invoice that breaks the rules, so that a pass means something', { timeout: 120_000 }, async () => {
    const { exitCode, results } = await validated();
    expect(exitCode).toBe(1);
    expect(results.broken!.valid).toBe(false);
    const found = results.broken!.errors.join('\n');
    expect(found).toMatch(/schema line \d+: cvc-complex-type/);
    expect(found).toContain('[PEPPOL-EN16931-R003]');
    expect(found).toContain('[BR-CO-16]');
  });
});
