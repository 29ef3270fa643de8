import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import type { InfrastructureConfig } from '#config';
import { RpcErrorFilter } from './rpc-error.filter.js';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

export function logLevels(level: InfrastructureConfig['LOG_LEVEL']): LogLevel[] {
  return LEVELS.slice(0, LEVELS.indexOf(level) + 1);
}

/**
 * Starts a service as a NATS microservice. The queue group is the service name, so running more
 * copies spreads requests across them. Shutdown hooks let consumers finish and ack before exit.
 */
export async function bootstrapService(
  name: string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  module: any,
  config: InfrastructureConfig,
) {
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(module, {
    transport: Transport.NATS,
    options: { servers: config.NATS_URL.split(','), queue: name, name: `${name}-rpc` },
    logger: logLevels(config.LOG_LEVEL),
  });
  app.useGlobalFilters(new RpcErrorFilter());
  app.enableShutdownHooks();
  await app.listen();
  new Logger('Bootstrap').log(`${name} service is listening on NATS ${config.NATS_URL}`);
  return app;
}
