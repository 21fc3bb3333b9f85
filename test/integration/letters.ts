// A letter a case sent, as the tests check it: the stored document and its hash, the PDF the
// API serves, its text, and the e-mail the test's SMTP server received with it attached.
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { pdfaMarkers, pdfText } from '../pdf-text.ts';
import { bearer } from './auth.ts';
import { eventually, type Harness } from './harness.ts';

const sha256 = (content: Buffer | Uint8Array) => createHash('sha256').update(content).digest('hex');

export async function letterOf(h: Harness, applicationId: string, kind: string, recipient?: string) {
  const row = await eventually(
    () => h.db('documents').where({ application_id: applicationId, kind }).modify((q) => (recipient ? q.where({ custodian_id: recipient }) : q)).first(),
    { what: `the ${kind} of ${applicationId}` },
  );
  expect(sha256(row.content)).toBe(row.sha256);
  const res = await h.app.inject({ method: 'GET', url: `/applications/${applicationId}/documents/${row.id}`, headers: bearer('caseworker') });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  expect(sha256(res.rawPayload)).toBe(row.sha256);
  const markers = pdfaMarkers(res.rawPayload);
  expect(markers).toMatchObject({ part: '2', conformance: 'B', outputIntent: true, standardFonts: 0 });
  expect(markers.embeddedFonts).toBeGreaterThan(0);

  // The relay delivers it; the message carries the same PDF.
  const mail = await eventually(
    async () => {
      await h.relay.relayDue();
      return h.mailbox.messages.find((m) => m.attachments.some((a) => sha256(a.content) === row.sha256));
    },
    { what: `the e-mail with the ${kind}` },
  );
  expect(mail.subject).toContain(row.title);
  expect(mail.messageId).toBe(`<${row.id}@helsedataservice.no>`);
  const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  expect(to?.value[0]?.address).toBe(row.recipient_email);
  return { row, text: (await pdfText(res.rawPayload)).replace(/\s+/g, ' '), mail };
}
