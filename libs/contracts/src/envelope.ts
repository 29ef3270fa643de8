/**
 * Every event crossing services travels in this envelope. `id` is the outbox row id and the
 * JetStream `Nats-Msg-Id`, so the broker drops duplicate publishes and consumers' inboxes drop
 * redeliveries. `correlationId` follows one user request across services; `causationId` is the
 * id of the event (or request) that caused this one.
 */
export interface EventEnvelope<TType extends string = string, TData = unknown> {
  id: string;
  type: TType;
  version: number;
  occurredAt: string;
  correlationId: string;
  causationId: string | null;
  data: TData;
}
