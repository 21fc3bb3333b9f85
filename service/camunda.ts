// Clients for the Camunda 8 engine, configured from the service's settings only.
import { Camunda8 } from '@camunda8/sdk';
import type { Config } from './config.ts';

// gRPC calls are retried while the engine is unreachable: without end for the service, which
// waits for the engine; a bounded number of times for a command that should fail and say so.
export function createCamunda(config: Pick<Config, 'camunda'>, { maxRetries }: { maxRetries?: number } = {}): Camunda8 {
  return new Camunda8({
    ZEEBE_GRPC_ADDRESS: config.camunda.grpcAddress,
    ZEEBE_REST_ADDRESS: config.camunda.restAddress,
    CAMUNDA_AUTH_STRATEGY: config.camunda.authStrategy,
    // The service logs job outcomes itself (pino); the SDK reports only its errors.
    CAMUNDA_LOG_LEVEL: 'error',
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'ERROR', ...(maxRetries === undefined ? {} : { ZEEBE_GRPC_CLIENT_MAX_RETRIES: maxRetries }) },
  });
}
