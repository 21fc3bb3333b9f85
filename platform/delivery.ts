// Sends a case's document to its recipient. One small interface, so that a national channel
// (eFormidling, a digital mailbox) can stand in for e-mail without a change to the workers or
// the relay. E-mail goes over SMTP (nodemailer); with no SMTP server set, as in a local run,
// each message is written as an .eml file that a developer can open.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import nodemailer from 'nodemailer';

export type Letter = {
  documentId: string;
  to: string;
  subject: string;
  text: string;
  attachment: { filename: string; content: Buffer };
};

export type DocumentDelivery = { send(letter: Letter): Promise<void> };

export type MailConfig = { smtpHost: string | undefined; smtpPort: number; smtpSecure: boolean; from: string; dir: string };

// The same Message-ID on every attempt lets a receiving system drop a copy that a retry after a
// lost acknowledgement sends again.
const messageId = (documentId: string) => `<${documentId}@helsedataservice.no>`;

export function createMailDelivery(config: MailConfig): DocumentDelivery {
  if (!config.smtpHost) {
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    return {
      async send(letter) {
        const info = await transport.sendMail({ from: config.from, to: letter.to, subject: letter.subject, text: letter.text, messageId: messageId(letter.documentId), attachments: [letter.attachment] });
        mkdirSync(config.dir, { recursive: true });
        writeFileSync(path.join(config.dir, `${letter.documentId}.eml`), info.message as Buffer);
      },
    };
  }
  const transport = nodemailer.createTransport({ host: config.smtpHost, port: config.smtpPort, secure: config.smtpSecure });
  return {
    async send(letter) {
      await transport.sendMail({ from: config.from, to: letter.to, subject: letter.subject, text: letter.text, messageId: messageId(letter.documentId), attachments: [letter.attachment] });
    },
  };
}

// Delivers one stored document once: a delivered one is not sent again.
export async function deliverDocument(db: Knex, delivery: DocumentDelivery, documentId: string) {
  const document = await db('documents as d').join('applications as a', 'a.id', 'd.application_id').where('d.id', documentId).first('d.*', 'a.reference');
  if (!document) throw new Error(`No document ${documentId}`);
  if (document.delivered_at || !document.recipient_email) return;
  await delivery.send({
    documentId,
    to: document.recipient_email,
    subject: `${document.title} (${document.reference})`,
    text: `Vedlagt følger ${document.title.charAt(0).toLowerCase()}${document.title.slice(1)} i sak ${document.reference} fra Helsedataservice.\n\nHelsedataservice\nFolkehelseinstituttet`,
    attachment: { filename: `${document.reference}-${document.kind}.pdf`, content: document.content },
  });
  await db('documents').where({ id: documentId }).update({ delivered_at: db.fn.now() });
}
