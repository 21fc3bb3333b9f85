// Structured logs. Personal data that may reach a log line is redacted by path: the project
// leader (name, e-mail), national ids, and whole request bodies and submissions, which carry
// both. pino's wildcards match one level each, so the paths spell out the depths at which a
// request, an error or a bound child context can carry them.
import { pino, type DestinationStream, type Logger } from 'pino';

const personalKeys = ['name', 'email', 'nationalId', 'phone', 'projectLeader', 'applicant'];
const wholeObjects = ['body', 'submission'];

export const redactedPaths = [
  ...wholeObjects.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
  ...personalKeys.flatMap((key) => [`*.${key}`, `*.*.${key}`, `*.*.*.${key}`]),
  'projectLeader',
  'nationalId',
  'req.headers.authorization',
];

export function createLogger(level = 'info', destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: redactedPaths, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
