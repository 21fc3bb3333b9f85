// What the outbox holds: a command for the relay (correlate a message with the engine, or
// deliver a document), written in the same transaction as the change it follows from.

export type MessagePayload = {
  name: string;
  businessKey: string;
  messageId: string;
  starts: boolean;
  localCorrelationKeys?: Record<string, string>;
  correlationKeys?: Record<string, string>;
  variables: Record<string, unknown>;
};

export type OutboxRow = {
  id: string;
  application_id: string;
  command: string;
  payload: any;
  attempts: number;
};
