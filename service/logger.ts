// Structured logs. Personal data that may reach a log line is redacted by path.
import { pino, type Logger } from 'pino';

export const redactedPaths = [
  '*.name',
  '*.email',
  '*.nationalId',
  '*.phone',
  '*.projectLeader',
  '*.applicant',
  'submission',
  'req.headers.authorization',
];

export function createLogger(level = 'info'): Logger {
  return pino({ level, redact: { paths: redactedPaths, censor: '[redacted]' } });
}
