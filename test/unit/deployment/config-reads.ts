// The environment variables the service reads, found by letting loadConfig read an
// environment that notes every name asked for: a variable added to platform/config.ts is
// known here without anyone keeping a list.
import { loadConfig } from '../../../platform/config.ts';

export function variablesLoadConfigReads(): Set<string> {
  const read = new Set<string>();
  const recorder = new Proxy({} as NodeJS.ProcessEnv, {
    get(_target, name) {
      if (typeof name === 'string') read.add(name);
      return undefined;
    },
  });
  loadConfig(recorder);
  return read;
}
