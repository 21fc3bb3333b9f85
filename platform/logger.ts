// Structured logs. Personal data that may reach a log line (the project leader's name and
// e-mail, national ids, phone numbers) is redacted by key, at any depth up to five levels, so
// a request body, a submission or an error's context logged whole keeps its other fields.
//
// Only the personal leaves are listed, never the objects holding them: with pino's redaction,
// a path to a container that also holds a listed leaf (say `*.projectLeader` with `*.*.name`)
// leaves the caller's object censored after the log call (pinojs/redact issue 36).
import { pino, type DestinationStream, type Logger } from 'pino';

const personalKeys = ['name', 'email', 'nationalId', 'phone'];
const depths = ['', '*.', '*.*.', '*.*.*.', '*.*.*.*.'];

export const redactedPaths = [
  ...personalKeys.flatMap((key) => depths.map((depth) => `${depth}${key}`)),
  'req.headers.authorization',
];

export function createLogger(level = 'info', destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: redactedPaths, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
