import { Logger } from '@nestjs/common';
import { AckPolicy, DeliverPolicy, jetstream, type JsMsg, type JetStreamManager } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope, EventMap, EventSubject } from '#contracts';
import { claimInbox, claimInboxBatch } from '#persistence';
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
/** Unacked messages the broker lets one consumer hold: bounds memory and redelivery after a crash. */
const MAX_ACK_PENDING = 1000;
/** Events applied in one transaction when they queue up: one commit instead of a hundred. */
const BATCH_MAX = 100;

type Envelope<S extends EventSubject> = EventEnvelope<S, EventMap[S]>;

/**
 * A durable JetStream pull consumer whose handler runs in one database transaction together with
 * the inbox claim; messages are acked only after that commit. A crash before the ack means a
 * redelivery, which the inbox turns into a no-op.
 *
 * Messages that queue up are applied in batches (one transaction, one batched inbox claim, then
 * one ack each): under load this is what keeps the event path close to raw JetStream. If anything
 * in a batch fails, the batch rolls back and each message is retried alone, so one bad event
 * never holds back the others and RetryLater keeps its per-event meaning.
 */
export class EventConsumer<S extends EventSubject> {
  private readonly logger: Logger;
  private stopped = false;
  private messages: { close(): Promise<void | Error> } | null = null;
  private readonly pending: JsMsg[] = [];
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;

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
      max_ack_pending: MAX_ACK_PENDING,
    });
    const consumer = await jetstream(this.nc).consumers.get(this.streamName, this.options.durable);
    // The callback only queues: the broker's max_ack_pending bounds how many can wait here.
    this.messages = await consumer.consume({
      max_messages: BATCH_MAX,
      callback: (message) => {
        if (this.stopped) return message.nak(); // hand it back now, not after the ack wait
        this.pending.push(message);
        this.wake?.();
      },
    });
    this.loop = this.run();
  }

  /** Finishes (and acks) the batch being applied, hands the queued rest back, stops pulling. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    for (const message of this.pending.splice(0)) message.nak();
    await this.messages?.close();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      if (this.pending.length === 0) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
        continue;
      }
      await this.applyBatch(this.pending.splice(0, BATCH_MAX));
    }
  }

  private async applyBatch(messages: JsMsg[]): Promise<void> {
    const decoded = messages.flatMap((message) => {
      const event = this.decode(message);
      return event ? [{ message, event }] : [];
    });
    if (decoded.length === 0) return;
    if (decoded.length === 1) return this.applyOne(decoded[0].message, decoded[0].event);
    const heartbeat = setInterval(() => decoded.forEach(({ message }) => message.working()), WORKING_INTERVAL_MS);
    const afterCommit: Array<() => Promise<unknown> | unknown> = [];
    try {
      await this.dataSource.transaction(async (manager) => {
        const fresh = await claimInboxBatch(manager, this.options.durable, decoded.map(({ event }) => event.id));
        for (const { event } of decoded) {
          if (!fresh.delete(event.id)) continue; // already applied, or twice in this batch
          await this.options.handle(event, manager, { afterCommit: (work) => afterCommit.push(work) });
        }
      });
    } catch {
      clearInterval(heartbeat);
      for (const { message, event } of decoded) await this.applyOne(message, event);
      return;
    }
    clearInterval(heartbeat);
    for (const { message } of decoded) message.ack();
    this.onCommitted();
    await this.runAfterCommit(afterCommit, `a batch of ${decoded.length}`);
  }

  private async applyOne(message: JsMsg, event: Envelope<S>): Promise<void> {
    const heartbeat = setInterval(() => message.working(), WORKING_INTERVAL_MS);
    const afterCommit: Array<() => Promise<unknown> | unknown> = [];
    try {
      await this.dataSource.transaction(async (manager) => {
        if (!(await claimInbox(manager, this.options.durable, event.id))) return;
        await this.options.handle(event, manager, { afterCommit: (work) => afterCommit.push(work) });
      });
      message.ack();
      this.onCommitted();
      await this.runAfterCommit(afterCommit, `event ${event.id}`);
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

  private async runAfterCommit(works: Array<() => Promise<unknown> | unknown>, what: string): Promise<void> {
    for (const work of works) {
      try {
        await work();
      } catch (error) {
        this.logger.warn(`after-commit work for ${what} failed: ${(error as Error).message}`);
      }
    }
  }

  private decode(message: JsMsg): Envelope<S> | null {
    try {
      return message.json<Envelope<S>>();
    } catch {
      this.logger.error(`undecodable message seq=${message.seq}: terminated`);
      message.term();
      return null;
    }
  }
}
