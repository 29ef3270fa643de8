import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import {
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  jetstreamManager,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { EVENT_STREAM_SUBJECTS } from '#contracts';

export async function connectNats(url: string, name: string): Promise<NatsConnection> {
  return connect({ servers: url.split(','), name, maxReconnectAttempts: -1, reconnectTimeWait: 500 });
}

/**
 * Creates the events stream if it is missing. `discard: new` makes a full stream refuse new
 * events (the outbox keeps them and retries) instead of silently dropping old unconsumed ones.
 * The duplicate window is how long JetStream remembers `Nats-Msg-Id`s; consumer inboxes cover
 * anything older.
 */
export async function ensureEventStream(nc: NatsConnection, streamName: string): Promise<JetStreamManager> {
  const jsm = await jetstreamManager(nc);
  const config = {
    name: streamName,
    subjects: EVENT_STREAM_SUBJECTS,
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.New,
    duplicate_window: nanos(5 * 60 * 1000),
    max_age: nanos(30 * 24 * 3600 * 1000),
  };
  try {
    await jsm.streams.info(streamName);
  } catch {
    try {
      await jsm.streams.add(config);
    } catch (error) {
      // Another replica created it between our info and add: fine.
      await jsm.streams.info(streamName).catch(() => {
        const overlapping = /overlap/i.test(String((error as Error).message));
        throw overlapping
          ? new Error(
              `Cannot create stream ${streamName}: another JetStream stream already captures ${EVENT_STREAM_SUBJECTS.join(', ')}. ` +
                'Set NATS_STREAM to that stream\'s name or delete it.',
            )
          : error;
      });
    }
  }
  return jsm;
}
