// Every worker the service runs. The contract test holds this list against the models.
import registerApplication from './register-application.ts';
import type { WorkerDeclaration } from './declaration.ts';

export const workers: WorkerDeclaration[] = [registerApplication];
