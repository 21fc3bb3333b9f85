// Clients for the Camunda 8 engine, configured from the service's settings only.
import { Camunda8 } from '@camunda8/sdk';
import type { Config } from './config.ts';

export function createCamunda(config: Pick<Config, 'camunda'>): Camunda8 {
  return new Camunda8({
    ZEEBE_GRPC_ADDRESS: config.camunda.grpcAddress,
    ZEEBE_REST_ADDRESS: config.camunda.restAddress,
    CAMUNDA_AUTH_STRATEGY: config.camunda.authStrategy,
    // The service logs job outcomes itself (pino); the SDK reports only its errors.
    CAMUNDA_LOG_LEVEL: 'error',
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'ERROR' },
  });
}
