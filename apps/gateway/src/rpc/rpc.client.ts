import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ClientNats, type ClientProxy } from '@nestjs/microservices';
import type { NatsConnection } from '@nats-io/transport-node';
import { firstValueFrom, timeout, type Subscription } from 'rxjs';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config.js';
import { classifyRpcError, rpcErrorToHttp } from './rpc-error.js';

export const NATS_CLIENT = Symbol('NATS_CLIENT');

export function createNatsClient(config: GatewayConfig): ClientNats {
  return new ClientNats({
    servers: config.NATS_URL.split(','),
    name: 'gateway',
    // Start (and answer /health/live) even when NATS is down; requests fail fast with 503 until it is back.
    waitOnFirstConnect: true,
    maxReconnectAttempts: -1,
  });
}

export interface SendOptions {
  /** Overrides RPC_TIMEOUT_MS (health checks use a short one). */
  timeoutMs?: number;
}

/**
 * The gateway's only way to reach a service: NATS request-reply through Nest's client proxy.
 * A failure becomes an HttpException ready to answer with (see rpcErrorToHttp).
 */
@Injectable()
export class RpcClient implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RpcClient');
  private connected = false;
  private statusSubscription?: Subscription;

  constructor(
    @Inject(NATS_CLIENT) private readonly client: ClientNats,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.statusSubscription = this.client.status.subscribe((status) => {
      this.connected = status === 'connected';
    });
    // Not awaited: with waitOnFirstConnect it resolves only once NATS is reachable.
    this.client.connect().catch((error: unknown) => this.logger.error(`NATS connection failed: ${String(error)}`));
  }

  async onApplicationShutdown(): Promise<void> {
    this.statusSubscription?.unsubscribe();
    await this.client.close().catch(() => undefined);
  }

  /** Sends a request and resolves with the service's reply, or throws the HTTP error to answer with. */
  async send<TRes, TReq extends object = object>(pattern: string, payload: TReq, options: SendOptions = {}): Promise<TRes> {
    try {
      return await this.request<TRes>(pattern, payload, options);
    } catch (error) {
      const kind = classifyRpcError(error);
      if (kind !== 'service-error') this.logger.warn(`${pattern}: ${kind} (${describe(error)})`);
      throw rpcErrorToHttp(error);
    }
  }

  /** Like send, but rejects with the raw transport or service error (for health checks). */
  request<TRes>(pattern: string, payload: object, options: SendOptions = {}): Promise<TRes> {
    const source = (this.client as ClientProxy).send<TRes>(pattern, payload);
    // A handler that returns nothing completes without a value: that is an empty answer, not a failure.
    return firstValueFrom(source.pipe(timeout(options.timeoutMs ?? this.config.RPC_TIMEOUT_MS)), { defaultValue: undefined as TRes });
  }

  /** True when the gateway's own NATS connection is up and answers a round trip. */
  async isConnected(timeoutMs: number): Promise<boolean> {
    if (!this.connected) return false;
    try {
      const nc = this.client.unwrap<NatsConnection>();
      if (nc.isClosed()) return false;
      return await Promise.race([
        nc.flush().then(() => true, () => false),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref()),
      ]);
    } catch {
      return false;
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}
