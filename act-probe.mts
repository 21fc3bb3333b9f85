import { Camunda8 } from '@camunda8/sdk';
const c = new Camunda8({ ZEEBE_GRPC_ADDRESS: 'grpc://127.0.0.1:26500', ZEEBE_REST_ADDRESS: 'http://127.0.0.1:8088', CAMUNDA_AUTH_STRATEGY: 'NONE' } as never);
const z = c.getZeebeGrpcApiClient();
const jobs = await z.activateJobs({ type: 'register-application', maxJobsToActivate: 50, timeout: 1000, worker: 'probe', requestTimeout: 3000 } as never);
console.log('activated', jobs.length, jobs.slice(0,3).map((j: any) => [j.processInstanceKey, j.variables.applicationId]));
await c.closeAllClients?.(); process.exit(0);
