import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EventSubjects, type Actor, type CreateUserRequest, type UpdateUserRequest, type UserRecord, type UserView } from '#contracts';
import { EventBus } from '#messaging';
import { appendToOutbox } from '#persistence';
import { assertCanWrite, DomainError, isUuid, isWithin, requireActor } from '#service-kit';
import { unitNotFound } from '../units/search/units-search.service.js';
import { hashPassword } from './password-hasher.js';
import { normaliseUsername, validateNewUser, validateUserChanges } from './user-input.js';
import { USER_COLUMNS, USER_RECORD_COLUMNS, toUserView, type UserRow } from './user-view.js';

/**
 * Accounts: each user holds one role in one unit, which bounds everything they see. Every change
 * publishes `directory.users.upserted` through the outbox in the same transaction, so other
 * services (notifications) keep their own copy and never read this schema.
 */
@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
  ) {}

  /**
   * The admin creates users anywhere; a secretary or office only in its own unit or below, and
   * never an admin. A unit outside the caller's subtree answers 404 like a missing one.
   */
  async create(request: CreateUserRequest): Promise<UserView> {
    const actor = requireActor(request?.actor);
    assertCanWrite(actor);
    const { user, errors } = validateNewUser(request);
    if (errors.length > 0) throw DomainError.invalid('USER.INVALID', errors);
    if (actor.role !== 'admin' && user.role === 'admin') {
      throw DomainError.forbidden('Chỉ quản trị viên mới được tạo tài khoản quản trị');
    }
    const scope = actor.role === 'admin' ? null : actor.unitPath;
    const [unit]: { id: string }[] = await this.dataSource.query(
      'SELECT id::text AS id FROM units WHERE code = $1 AND ($2::ltree IS NULL OR path <@ $2::ltree)',
      [user.unitCode, scope],
    );
    if (!unit) throw unitNotFound(user.unitCode);
    // Cheap check first so a taken name does not cost a hash; the unique index decides races.
    if (await this.usernameExists(user.username)) throw usernameTaken(user.username);
    const passwordHash = await hashPassword(user.password);
    const inserted = await this.dataSource.transaction(async (manager) => {
      const rows: { id: string }[] = await manager.query(
        `INSERT INTO users (username, password_hash, full_name, unit_id, role, email) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (username) DO NOTHING RETURNING id::text AS id`,
        [user.username, passwordHash, user.fullName, unit.id, user.role, user.email],
      );
      await this.publish(manager, rows.map((row) => row.id), actor.correlationId);
      return rows;
    });
    if (inserted.length === 0) throw usernameTaken(user.username);
    this.bus.published();
    this.logger.log(`${actor.username} created user ${user.username} (${user.role}) in unit ${user.unitCode}`);
    return (await this.findView(inserted[0]!.id))!;
  }

  /**
   * Anyone may change their own name and e-mail. Role, active and other users' accounts need a
   * writer role over the user's unit (404 outside the caller's subtree); only an admin changes an
   * admin or makes one; nobody deactivates or demotes themselves (no locking oneself out).
   */
  async update(request: UpdateUserRequest): Promise<UserView> {
    const actor = requireActor(request?.actor);
    const { changes, errors } = validateUserChanges(request);
    if (errors.length > 0) throw DomainError.invalid('USER.INVALID', errors);
    const target = typeof request.userId === 'string' && isUuid(request.userId) ? await this.findView(request.userId) : null;
    const self = target?.id === actor.userId;
    if (!target || (!self && actor.role !== 'admin' && !isWithin(target.unit.path, actor.unitPath))) {
      throw DomainError.notFound('USER.NOT_FOUND', 'người dùng');
    }
    const privileged = changes.role !== undefined || changes.active !== undefined;
    if (!self || privileged) assertCanWrite(actor);
    if (actor.role !== 'admin' && (target.role === 'admin' || changes.role === 'admin')) {
      throw DomainError.forbidden('Chỉ quản trị viên mới được thay đổi tài khoản quản trị');
    }
    if (self && ((changes.active === false) || (changes.role !== undefined && changes.role !== target.role))) {
      throw DomainError.conflict('USER.SELF_LOCKOUT', 'Không thể tự khóa hoặc tự đổi vai trò của chính mình');
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE users SET full_name = COALESCE($2, full_name), email = CASE WHEN $3 THEN $4 ELSE email END,
           role = COALESCE($5, role), active = COALESCE($6, active), updated_at = clock_timestamp()
         WHERE id = $1`,
        [target.id, changes.fullName ?? null, changes.email !== undefined, changes.email ?? null, changes.role ?? null, changes.active ?? null],
      );
      await this.publish(manager, [target.id], actor.correlationId);
    });
    this.bus.published();
    this.logger.log(`${actor.username} updated user ${target.username}: ${Object.keys(changes).join(', ') || 'nothing'}`);
    return (await this.findView(target.id))!;
  }

  async me(actorInput: Actor): Promise<UserView> {
    const actor = requireActor(actorInput);
    const view = isUuid(actor.userId) ? await this.findView(actor.userId) : null;
    if (!view) throw DomainError.notFound('USER.NOT_FOUND', 'người dùng');
    return view;
  }

  /** What login needs: the stored hash and the user's view (for the token claims). */
  async findCredentials(username: string): Promise<{ passwordHash: string; user: UserView } | null> {
    const [row]: (UserRow & { passwordHash: string })[] = await this.dataSource.query(
      `SELECT ${USER_COLUMNS}, us.password_hash AS "passwordHash"
       FROM users us JOIN units u ON u.id = us.unit_id WHERE us.username = $1 AND us.active`,
      [normaliseUsername(username)],
    );
    return row ? { passwordHash: row.passwordHash, user: toUserView(row) } : null;
  }

  /**
   * The first admin, from ADMIN_USERNAME/ADMIN_PASSWORD. Idempotent: an existing account is left
   * as it is (its password may have been changed since), so restarts never reset anything.
   */
  async seedAdmin(usernameInput: string, password: string, unitId: string): Promise<boolean> {
    const username = normaliseUsername(usernameInput);
    if (await this.usernameExists(username)) return false;
    const passwordHash = await hashPassword(password);
    const inserted = await this.dataSource.transaction(async (manager) => {
      const rows: { id: string }[] = await manager.query(
        `INSERT INTO users (username, password_hash, full_name, unit_id, role) VALUES ($1, $2, $3, $4, 'admin')
         ON CONFLICT (username) DO NOTHING RETURNING id::text AS id`,
        [username, passwordHash, 'Quản trị hệ thống', unitId],
      );
      await this.publish(manager, rows.map((row) => row.id), undefined);
      return rows;
    });
    if (inserted.length > 0) this.bus.published();
    return inserted.length === 1;
  }

  /** `directory.users.upserted` for these users as they now are, in the caller's transaction. */
  private async publish(manager: EntityManager, userIds: string[], correlationId: string | undefined): Promise<void> {
    if (userIds.length === 0) return;
    const users: UserRecord[] = await manager.query(`SELECT ${USER_RECORD_COLUMNS} FROM users us WHERE us.id = ANY($1::uuid[])`, [userIds]);
    await appendToOutbox(manager, EventSubjects.usersUpserted, [{ users }], { correlationId: correlationId ?? randomUUID() });
  }

  private async usernameExists(username: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM users WHERE username = $1', [username]);
    return rows.length > 0;
  }

  private async findView(userId: string): Promise<UserView | null> {
    const [row]: UserRow[] = await this.dataSource.query(
      `SELECT ${USER_COLUMNS} FROM users us JOIN units u ON u.id = us.unit_id WHERE us.id = $1`,
      [userId],
    );
    return row ? toUserView(row) : null;
  }
}

function usernameTaken(username: string): DomainError {
  return DomainError.conflict('USER.USERNAME_TAKEN', `Tên đăng nhập "${username}" đã được sử dụng`);
}
