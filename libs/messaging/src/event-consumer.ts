import { Logger } from '@nestjs/common';
import { AckPolicy, DeliverPolicy, jetstream, type JsMsg, type JetStreamManager } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope, EventMap, EventSubject } from '#contracts';
import { claimInbox } from '#persistence';
import { RetryLater } from './retry-later.js';

/** What a handler may ask of the consumer besides its transaction. */
export interface HandlerContext {
  /**
   * Runs `work` once the handler's transaction has committed (and the message is acked): side
   * effects outside Postgres that must not happen for a rolled-back change, e.g. scheduling a
   * BullMQ timer. Best effort: a failure is logged, not retried (callers have their own sweep).
   */
  afterCommit(work: () => Promise<unknown> | unknown): void;
}

export type EventHandler<S extends EventSubject> = (
  event: EventEnvelope<S, EventMap[S]>,
  manager: EntityManager,
  context: HandlerContext,
) => Promise<void>;

export interface SubscriptionOptions<S extends EventSubject> {
  /** Durable consumer name `<service>-<purpose>`; PERMANENT once released. Replicas share it. */
  durable: string;
  subject: S;
  handle: EventHandler<S>;
}

/** How long a delivered message may stay unacked before JetStream redelivers it (after a crash). */
const ACK_WAIT_MS = 30_000;
/** Handlers that run long (a cascade to 100,000 units) tell the broker they are alive. */
const WORKING_INTERVAL_MS = 10_000;
/** Messages pulled ahead of processing; kept small so a stopping service hands few back. */
const PULL_BATCH = 20;

/**
 * A durable JetStream pull consumer whose handler runs in one database transaction together with
 * the inbox claim; the message is acked only after that commit. A crash before the ack means a
 * redelivery, which the inbox turns into a no-op.
 */
export class EventConsumer<S extends EventSubject> {
  private readonly logger: Logger;
  private stopped = false;
  private messages: { close(): Promise<void | Error> } | null = null;
  private loop: Promise<void> | null = null;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly streamName: string,
    private readonly dataSource: DataSource,
    private readonly options: SubscriptionOptions<S>,
    /** Called after each committed handler transaction: it may have written outbox rows. */
    private readonly onCommitted: () => void = () => undefined,
  ) {
    this.logger = new Logger(`Consumer ${options.durable}`);
  }

  async start(): Promise<void> {
    await this.jsm.consumers.add(this.streamName, {
      durable_name: this.options.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: this.options.subject,
      ack_wait: nanos(ACK_WAIT_MS),
      max_deliver: -1,
      max_ack_pending: 1000,
    });
    const consumer = await jetstream(this.nc).consumers.get(this.streamName, this.options.durable);
    const messages = await consumer.consume({ max_messages: PULL_BATCH });
    this.messages = messages;
    this.loop = (async () => {
      for await (const message of messages) {
        // Pulled but not started: hand it back now rather than after the ack wait.
        if (this.stopped) message.nak();
        else await (this.inFlight = this.process(message));
      }
    })();
  }

  /** Finishes (and acks) the message being handled, returns the rest, then stops pulling. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.inFlight;
    await this.messages?.close();
    await this.loop?.catch(() => undefined);
  }

  private async process(message: JsMsg): Promise<void> {
    let event: EventEnvelope<S, EventMap[S]>;
    try {
      event = message.json<EventEnvelope<S, EventMap[S]>>();
    } catch {
      this.logger.error(`undecodable message seq=${message.seq}: terminated`);
      message.term();
      return;
    }
    const heartbeat = setInterval(() => message.working(), WORKING_INTERVAL_MS);
    const afterCommit: Array<() => Promise<unknown> | unknown> = [];
    try {
      await this.dataSource.transaction(async (manager) => {
        if (!(await claimInbox(manager, this.options.durable, event.id))) return;
        await this.options.handle(event, manager, { afterCommit: (work) => afterCommit.push(work) });
      });
      message.ack();
      this.onCommitted();
      for (const work of afterCommit) {
        try {
          await work();
        } catch (error) {
          this.logger.warn(`after-commit work for event ${event.id} failed: ${(error as Error).message}`);
        }
      }
    } catch (error) {
      const attempt = message.info.deliveryCount;
      if (error instanceof RetryLater) {
        this.logger.debug(`event ${event.id} postponed: ${error.message}`);
        message.nak(error.delayMs);
      } else {
        const delay = Math.min(60_000, 500 * 2 ** Math.min(attempt, 7));
        this.logger.error(`event ${event.id} (${event.type}) failed on attempt ${attempt}: ${(error as Error).stack}`);
        message.nak(delay);
      }
    } finally {
      clearInterval(heartbeat);
    }
  }
}
