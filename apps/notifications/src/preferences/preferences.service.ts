import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UNMUTABLE_KINDS, type ActorRequest, type NotificationPreferences, type UpdatePreferencesRequest } from '#contracts';
import { DomainError, requireActor } from '#service-kit';
import { DEFAULT_PREFERENCES, validatePreferenceChanges } from './preferences.policy.js';

/** Each user's channel choices. A user without a row has the defaults. */
@Injectable()
export class PreferencesService {
  constructor(private readonly dataSource: DataSource) {}

  async get(request: ActorRequest): Promise<NotificationPreferences> {
    const actor = requireActor(request?.actor);
    const [row]: NotificationPreferences[] = await this.dataSource.query(
      `SELECT in_app AS "inApp", email, email_mode AS "emailMode", muted_kinds AS "mutedKinds" FROM preferences WHERE user_id = $1`,
      [actor.userId],
    );
    return row ?? { ...DEFAULT_PREFERENCES };
  }

  /**
   * Only the fields sent change. Muting an escalation is refused (400 NOTIFICATION.UNMUTABLE):
   * escalations always arrive, in-app and by immediate e-mail, whatever else is chosen.
   */
  async update(request: UpdatePreferencesRequest): Promise<NotificationPreferences> {
    const actor = requireActor(request?.actor);
    const { changes, errors, unmutable } = validatePreferenceChanges(request);
    if (errors.length > 0) throw DomainError.invalid('NOTIFICATION.PREFERENCES_INVALID', errors);
    if (unmutable.length > 0) {
      throw new DomainError('NOTIFICATION.UNMUTABLE', 400, `Không thể tắt thông báo loại: ${UNMUTABLE_KINDS.join(', ')}`, [
        { path: 'mutedKinds', message: `không được chứa ${unmutable.join(', ')}: thông báo đôn đốc vượt cấp luôn được gửi` },
      ]);
    }
    const merged = { ...(await this.get({ actor })), ...changes };
    await this.dataSource.query(
      `INSERT INTO preferences (user_id, in_app, email, email_mode, muted_kinds, updated_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (user_id) DO UPDATE SET in_app = excluded.in_app, email = excluded.email, email_mode = excluded.email_mode,
         muted_kinds = excluded.muted_kinds, updated_at = now()`,
      [actor.userId, merged.inApp, merged.email, merged.emailMode, merged.mutedKinds],
    );
    return merged;
  }
}
