import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { firstValueFrom, timeout } from 'rxjs';
import { isErrorPayload } from '#contracts';
import { DomainError } from './domain-error.js';

const RPC_CLIENT = Symbol('RPC_CLIENT');

/**
 * Service-to-service request-reply (plans asks directory to resolve unit codes, assignments to
 * check a parent assignment). Errors from the callee come back as DomainErrors with the callee's
 * code and status, so they surface unchanged to the user; no answer becomes 503.
 */
@Injectable()
export class ServiceRpc implements OnApplicationShutdown {
  constructor(@Inject(RPC_CLIENT) private readonly client: ClientProxy) {}

  async send<TResult>(pattern: string, payload: unknown, timeoutMs = 10_000): Promise<TResult> {
    try {
      return await firstValueFrom(this.client.send<TResult>(pattern, payload).pipe(timeout(timeoutMs)));
    } catch (error) {
      if (isErrorPayload(error)) throw new DomainError(error.code, error.status, error.message, error.fields);
      throw new DomainError('SERVICE.UNAVAILABLE', 503, `Dịch vụ tạm thời không phản hồi (${pattern})`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}

@Module({})
export class ServiceRpcModule {
  static forRoot(natsUrl: string): DynamicModule {
    return {
      module: ServiceRpcModule,
      global: true,
      providers: [
        {
          provide: RPC_CLIENT,
          useFactory: () => ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: natsUrl.split(',') } }),
        },
        ServiceRpc,
      ],
      exports: [ServiceRpc],
    };
  }
}
