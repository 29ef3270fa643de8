import {
  Inject,
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { jetstream, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { DataSource } from 'typeorm';
import type { EventSubject } from '#contracts';
import { EventConsumer, type SubscriptionOptions } from './event-consumer.js';
import { connectNats, ensureEventStream } from './event-stream.js';
import { OutboxRelay } from './outbox-relay.js';

export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
export const JETSTREAM_MANAGER = Symbol('JETSTREAM_MANAGER');
export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export interface MessagingOptions {
  serviceName: string;
  natsUrl: string;
  streamName: string;
  /** Services that only consume (or only answer requests) can skip the outbox relay. */
  relayOutbox: boolean;
}

/**
 * The service's side of the event bus: publish through the outbox (see `appendToOutbox`) and call
 * `published()` after commit; consume with `subscribe()` during module init. Consumers start once
 * the whole application is wired, so no event reaches a half-built service.
 */
@Injectable()
export class EventBus implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('EventBus');
  private readonly subscriptions: SubscriptionOptions<EventSubject>[] = [];
  private readonly consumers: EventConsumer<EventSubject>[] = [];
  private relay: OutboxRelay | null = null;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(JETSTREAM_MANAGER) private readonly jsm: JetStreamManager,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly dataSource: DataSource,
  ) {}

  subscribe<S extends EventSubject>(subscription: SubscriptionOptions<S>): void {
    this.subscriptions.push(subscription as unknown as SubscriptionOptions<EventSubject>);
  }

  /** Wake the relay: the caller just committed outbox rows. */
  published(): void {
    this.relay?.nudge();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.relayOutbox) {
      this.relay = new OutboxRelay(this.dataSource, jetstream(this.nc));
      this.relay.start();
    }
    for (const subscription of this.subscriptions) {
      const consumer = new EventConsumer(this.nc, this.jsm, this.options.streamName, this.dataSource, subscription, () =>
        this.published(),
      );
      await consumer.start();
      this.consumers.push(consumer);
      this.logger.log(`consuming ${subscription.subject} as ${subscription.durable}`);
    }
  }

  /** Before the datasource closes: let in-flight handlers commit and ack, stop the relay. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
    await this.relay?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.nc.drain().catch(() => undefined);
  }
}

@Module({})
export class MessagingModule {
  static forService(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        { provide: NATS_CONNECTION, useFactory: () => connectNats(options.natsUrl, options.serviceName) },
        {
          provide: JETSTREAM_MANAGER,
          inject: [NATS_CONNECTION],
          useFactory: (nc: NatsConnection) => ensureEventStream(nc, options.streamName),
        },
        EventBus,
      ],
      exports: [NATS_CONNECTION, JETSTREAM_MANAGER, EventBus],
    };
  }
}
