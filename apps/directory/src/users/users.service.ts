import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor, CreateUserRequest, UserView } from '#contracts';
import { DomainError, assertCanWrite } from '#service-kit';
import { requireActor } from '../auth/require-actor.js';
import { unitNotFound } from '../units/search/units-search.service.js';
import { hashPassword } from './password-hasher.js';
import { normaliseUsername, validateNewUser } from './user-input.js';
import { USER_COLUMNS, toUserView, type UserRow } from './user-view.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Accounts: each user holds one role in one unit, which bounds everything they see. */
@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(private readonly dataSource: DataSource) {}

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
    const inserted: { id: string }[] = await this.dataSource.query(
      `INSERT INTO users (username, password_hash, full_name, unit_id, role) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (username) DO NOTHING RETURNING id::text AS id`,
      [user.username, passwordHash, user.fullName, unit.id, user.role],
    );
    if (inserted.length === 0) throw usernameTaken(user.username);
    this.logger.log(`${actor.username} created user ${user.username} (${user.role}) in unit ${user.unitCode}`);
    return (await this.findView(inserted[0]!.id))!;
  }

  async me(actorInput: Actor): Promise<UserView> {
    const actor = requireActor(actorInput);
    const view = UUID.test(actor.userId) ? await this.findView(actor.userId) : null;
    if (!view) throw DomainError.notFound('USER.NOT_FOUND', 'người dùng');
    return view;
  }

  /** What login needs: the stored hash and the user's view (for the token claims). */
  async findCredentials(username: string): Promise<{ passwordHash: string; user: UserView } | null> {
    const [row]: (UserRow & { passwordHash: string })[] = await this.dataSource.query(
      `SELECT ${USER_COLUMNS}, us.password_hash AS "passwordHash"
       FROM users us JOIN units u ON u.id = us.unit_id WHERE us.username = $1`,
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
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO users (username, password_hash, full_name, unit_id, role) VALUES ($1, $2, $3, $4, 'admin')
       ON CONFLICT (username) DO NOTHING RETURNING id`,
      [username, passwordHash, 'Quản trị hệ thống', unitId],
    );
    return inserted.length === 1;
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
