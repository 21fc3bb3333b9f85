// The invoice as EHF Billing 3.0 (Peppol BIS Billing 3.0: a UBL 2.1 Invoice), which Norwegian
// public buyers receive through the Peppol network and book without retyping. The same invoice
// as the PDF: number, dates, the buyer's reference, the lines, and payment by credit transfer
// to the payee's account with the KID. HDS's fee is a public authority's fee, outside the scope
// of VAT (category O), so the invoice carries no VAT identifiers and a VAT total of 0.
// tools/ehf/validate.sh checks it against the UBL 2.1 schema and the Peppol BIS rules in tests.
import type { Payee } from '../../platform/config.ts';

export type EhfLine = { description: string; quantity: number; unitCode: 'C62' | 'HUR'; unitPriceNok: number };

export type EhfInvoice = {
  invoiceNumber: string;
  issueDate: string;
  dueDate: string;
  buyerReference: string;
  caseReference: string;
  projectTitle: string;
  kid: string;
  payee: Payee;
  buyer: { name: string; organisationNumber: string };
  lines: EhfLine[];
};

export const ehfMediaType = 'application/xml';
export const ehfDocumentKind = 'invoice-ehf';
// ISO 6523 ICD of Norwegian organisation numbers, as Peppol addresses and identifies parties.
const norwegianOrganisationNumber = '0192';
const customizationId = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
const profileId = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const amount = (nok: number) => `<cbc:$TAG currencyID="NOK">${nok.toFixed(2)}</cbc:$TAG>`;
const money = (tag: string, nok: number) => amount(nok).replaceAll('$TAG', tag);

const party = (name: string, organisationNumber: string, address: string) => `
      <cbc:EndpointID schemeID="${norwegianOrganisationNumber}">${organisationNumber}</cbc:EndpointID>
      <cac:PartyName><cbc:Name>${escape(name)}</cbc:Name></cac:PartyName>
      <cac:PostalAddress>${address}<cac:Country><cbc:IdentificationCode>NO</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
      <cac:PartyLegalEntity>
        <cbc:RegistrationName>${escape(name)}</cbc:RegistrationName>
        <cbc:CompanyID schemeID="${norwegianOrganisationNumber}">${organisationNumber}</cbc:CompanyID>
      </cac:PartyLegalEntity>`;

const outsideVat = '<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>';

export function ehfInvoiceXml(invoice: EhfInvoice): string {
  const { payee } = invoice;
  const lines = invoice.lines.map((line) => ({ ...line, amountNok: line.quantity * line.unitPriceNok }));
  const totalNok = lines.reduce((sum, line) => sum + line.amountNok, 0);
  const payeeAddress = `<cbc:StreetName>${escape(payee.address.street)}</cbc:StreetName><cbc:CityName>${escape(payee.address.city)}</cbc:CityName><cbc:PostalZone>${escape(payee.address.postalCode)}</cbc:PostalZone>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
    xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
    xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>${customizationId}</cbc:CustomizationID>
  <cbc:ProfileID>${profileId}</cbc:ProfileID>
  <cbc:ID>${escape(invoice.invoiceNumber)}</cbc:ID>
  <cbc:IssueDate>${invoice.issueDate}</cbc:IssueDate>
  <cbc:DueDate>${invoice.dueDate}</cbc:DueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:Note>${escape(`Saksnummer ${invoice.caseReference}: behandling av søknad om tilgang til helsedata, prosjekt «${invoice.projectTitle}».`)}</cbc:Note>
  <cbc:DocumentCurrencyCode>NOK</cbc:DocumentCurrencyCode>
  <cbc:BuyerReference>${escape(invoice.buyerReference)}</cbc:BuyerReference>
  <cac:AdditionalDocumentReference><cbc:ID>${escape(invoice.caseReference)}</cbc:ID><cbc:DocumentDescription>Saksnummer</cbc:DocumentDescription></cac:AdditionalDocumentReference>
  <cac:AccountingSupplierParty>
    <cac:Party>${party(payee.name, payee.organisationNumber, payeeAddress)}
    </cac:Party>
  </cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty>
    <cac:Party>${party(invoice.buyer.name, invoice.buyer.organisationNumber, '')}
    </cac:Party>
  </cac:AccountingCustomerParty>
  <cac:PaymentMeans>
    <cbc:PaymentMeansCode name="Credit transfer">30</cbc:PaymentMeansCode>
    <cbc:PaymentID>${invoice.kid}</cbc:PaymentID>
    <cac:PayeeFinancialAccount><cbc:ID>${payee.accountNumber}</cbc:ID><cbc:Name>${escape(payee.name)}</cbc:Name></cac:PayeeFinancialAccount>
  </cac:PaymentMeans>
  <cac:PaymentTerms><cbc:Note>${escape(`Betales innen forfall til konto ${payee.accountNumber} med KID ${invoice.kid}.`)}</cbc:Note></cac:PaymentTerms>
  <cac:TaxTotal>
    ${money('TaxAmount', 0)}
    <cac:TaxSubtotal>
      ${money('TaxableAmount', totalNok)}
      ${money('TaxAmount', 0)}
      <cac:TaxCategory>
        <cbc:ID>O</cbc:ID>
        <cbc:TaxExemptionReasonCode>VATEX-EU-O</cbc:TaxExemptionReasonCode>
        <cbc:TaxExemptionReason>Gebyr for offentlig myndighetsutøvelse, utenfor merverdiavgiftsområdet</cbc:TaxExemptionReason>
        ${outsideVat}
      </cac:TaxCategory>
    </cac:TaxSubtotal>
  </cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    ${money('LineExtensionAmount', totalNok)}
    ${money('TaxExclusiveAmount', totalNok)}
    ${money('TaxInclusiveAmount', totalNok)}
    ${money('PayableAmount', totalNok)}
  </cac:LegalMonetaryTotal>${lines
    .map(
      (line, i) => `
  <cac:InvoiceLine>
    <cbc:ID>${i + 1}</cbc:ID>
    <cbc:InvoicedQuantity unitCode="${line.unitCode}">${line.quantity}</cbc:InvoicedQuantity>
    ${money('LineExtensionAmount', line.amountNok)}
    <cac:Item>
      <cbc:Name>${escape(line.description)}</cbc:Name>
      <cac:ClassifiedTaxCategory><cbc:ID>O</cbc:ID>${outsideVat}</cac:ClassifiedTaxCategory>
    </cac:Item>
    <cac:Price>${money('PriceAmount', line.unitPriceNok)}</cac:Price>
  </cac:InvoiceLine>`,
    )
    .join('')}
</Invoice>
`;
}
