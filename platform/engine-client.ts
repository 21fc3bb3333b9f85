// Calls to the Operaton engine's REST API, signed in as an engine user (HTTP Basic). Every
// call under /engine-rest needs one; what the user may do follows its groups' authorizations.
import type { Config } from './config.ts';

export class EngineError extends Error {
  constructor(
    readonly status: number,
    readonly type: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

function parseJson(text: string): any {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

export type EngineClient = ReturnType<typeof createEngineClient>;

export function createEngineClient({ url, user, password }: Config['engine']) {
  const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const base = `${url}/engine-rest`;

  // JSON in and out; a body that is FormData goes as multipart (deployments). A 4xx or 5xx
  // throws an EngineError with the engine's own exception type and message.
  async function call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const isForm = body instanceof FormData;
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization, accept: 'application/json', ...(body === undefined || isForm ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed = parseJson(text);
    if (!res.ok) throw new EngineError(res.status, parsed?.type, `${method} ${path} answered ${res.status}: ${parsed?.message ?? text}`);
    return parsed as T;
  }

  return { call, user };
}

// The engine's answer (400, MismatchingMessageCorrelationException) when no process instance
// or start event takes the message.
export function matchesNoOne(error: unknown): boolean {
  return error instanceof EngineError && error.status === 400 && error.message.includes('No process definition or execution matches');
}
