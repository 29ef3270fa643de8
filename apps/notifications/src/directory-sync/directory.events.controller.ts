import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventSubjects, type UsersUpsertedEvent } from '#contracts';
import { EventBus } from '#messaging';
import { upsertUnitsCopy } from '#persistence';

/**
 * This service's copy of the directory, from its events: units (names for the templates, paths to
 * scope the delivery log and webhooks to a subtree) and users (who holds which role where, and
 * their e-mail address). Recipients are resolved against it; the directory's schema is never read.
 */
@Injectable()
export class DirectoryEventsController implements OnModuleInit {
  constructor(private readonly bus: EventBus) {}

  onModuleInit(): void {
    this.bus.subscribe({
      durable: 'notifications-directory-units',
      subject: EventSubjects.unitsUpserted,
      handle: (event, manager) => upsertUnitsCopy(manager, event.data),
    });
    this.bus.subscribe({
      durable: 'notifications-directory-users',
      subject: EventSubjects.usersUpserted,
      handle: (event, manager) => applyUsers(manager, event.data),
    });
  }
}

export async function applyUsers(manager: EntityManager, event: UsersUpsertedEvent): Promise<void> {
  if (event.users.length === 0) return;
  // The newest state wins, whatever order the events arrive in.
  await manager.query(
    `INSERT INTO users (id, username, full_name, email, unit_id, role, active, updated_at)
     SELECT u.id, u.username, u."fullName", u.email, u."unitId", u.role, u.active, u."updatedAt"
     FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, username text, "fullName" text, email text, "unitId" bigint,
       role text, active boolean, "updatedAt" timestamptz)
     ON CONFLICT (id) DO UPDATE SET username = excluded.username, full_name = excluded.full_name, email = excluded.email,
       unit_id = excluded.unit_id, role = excluded.role, active = excluded.active, updated_at = excluded.updated_at
     WHERE users.updated_at <= excluded.updated_at`,
    [JSON.stringify(event.users)],
  );
}
