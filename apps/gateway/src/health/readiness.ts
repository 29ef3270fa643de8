import { Injectable } from '@nestjs/common';
import { RpcPatterns, SERVICES, type HealthReport, type ServiceName } from '#contracts';
import { classifyRpcError } from '../rpc/rpc-error.js';
import { RpcClient } from '../rpc/rpc.client.js';

/** How long readiness waits for each service (and for the gateway's own NATS round trip). */
export const HEALTH_TIMEOUT_MS = 2_000;

export type ServiceHealth =
  | (HealthReport & { reachable: true; healthy: boolean })
  | { service: ServiceName; reachable: false; healthy: false; error: string };

export interface Readiness {
  status: 'ready' | 'not_ready';
  gateway: { nats: boolean };
  services: ServiceHealth[];
}

function isHealthReport(value: unknown): value is HealthReport {
  const v = value as HealthReport;
  return typeof v === 'object' && v !== null && typeof v.postgres === 'boolean' && typeof v.redis === 'boolean' && typeof v.nats === 'boolean';
}

/**
 * Asks every service for its health in parallel over NATS. Ready only when the gateway's own NATS
 * connection works and every service answered with Postgres, Redis and NATS all up.
 */
@Injectable()
export class ReadinessCheck {
  constructor(private readonly rpc: RpcClient) {}

  async check(): Promise<Readiness> {
    const [nats, services] = await Promise.all([
      this.rpc.isConnected(HEALTH_TIMEOUT_MS),
      Promise.all(SERVICES.map((service) => this.checkService(service))),
    ]);
    const ready = nats && services.every((s) => s.healthy);
    return { status: ready ? 'ready' : 'not_ready', gateway: { nats }, services };
  }

  private async checkService(service: ServiceName): Promise<ServiceHealth> {
    try {
      const report = await this.rpc.request<unknown>(RpcPatterns[service].health, {}, { timeoutMs: HEALTH_TIMEOUT_MS });
      if (!isHealthReport(report)) return { service, reachable: false, healthy: false, error: 'invalid health report' };
      const { postgres, redis, nats } = report;
      return { service, reachable: true, healthy: postgres && redis && nats, postgres, redis, nats };
    } catch (error) {
      return { service, reachable: false, healthy: false, error: reason(error) };
    }
  }
}

function reason(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return 'timeout';
    if (classifyRpcError(error) === 'no-responders') return 'no responders';
    return error.message;
  }
  if (typeof error === 'object' && error !== null && 'code' in error) return String((error as { code: unknown }).code);
  return String(error);
}
