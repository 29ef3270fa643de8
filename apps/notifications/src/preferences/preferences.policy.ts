import {
  EMAIL_MODES,
  NOTIFICATION_KINDS,
  UNMUTABLE_KINDS,
  type EmailMode,
  type FieldError,
  type NotificationKind,
  type NotificationPreferences,
  type UpdatePreferencesRequest,
} from '#contracts';

/** What a user who never chose anything gets: everything, in-app and by e-mail at once. */
export const DEFAULT_PREFERENCES: NotificationPreferences = { inApp: true, email: true, emailMode: 'immediate', mutedKinds: [] };

/** How one notification reaches one user, or null when it reaches them nowhere. */
export interface ChannelChoice {
  inApp: boolean;
  email: EmailMode | null;
}

/**
 * The one place preferences are applied. Escalations (UNMUTABLE_KINDS) ignore them: in-app and an
 * immediate e-mail, even for a user who turned both channels off or chose the digest. Without an
 * e-mail address there is no e-mail, whatever was chosen.
 */
export function chooseChannels(kind: NotificationKind, preferences: NotificationPreferences, hasEmail: boolean): ChannelChoice | null {
  if (UNMUTABLE_KINDS.includes(kind)) return { inApp: true, email: hasEmail ? 'immediate' : null };
  if (preferences.mutedKinds.includes(kind)) return null;
  const email = preferences.email && hasEmail ? preferences.emailMode : null;
  if (!preferences.inApp && email === null) return null;
  return { inApp: preferences.inApp, email };
}

/** The fields a request changes, each checked; muting an unmutable kind is refused by name. */
export function validatePreferenceChanges(request: Partial<UpdatePreferencesRequest>): {
  changes: Partial<NotificationPreferences>;
  errors: FieldError[];
  unmutable: NotificationKind[];
} {
  const changes: Partial<NotificationPreferences> = {};
  const errors: FieldError[] = [];
  let unmutable: NotificationKind[] = [];
  for (const channel of ['inApp', 'email'] as const) {
    const value = request[channel];
    if (value === undefined) continue;
    if (typeof value !== 'boolean') errors.push({ path: channel, message: 'phải là true hoặc false' });
    else changes[channel] = value;
  }
  if (request.emailMode !== undefined) {
    if (!EMAIL_MODES.includes(request.emailMode)) errors.push({ path: 'emailMode', message: `phải là một trong: ${EMAIL_MODES.join(', ')}` });
    else changes.emailMode = request.emailMode;
  }
  if (request.mutedKinds !== undefined) {
    const kinds = request.mutedKinds;
    if (!Array.isArray(kinds) || kinds.some((kind) => !NOTIFICATION_KINDS.includes(kind))) {
      errors.push({ path: 'mutedKinds', message: `mỗi phần tử phải là một trong: ${NOTIFICATION_KINDS.join(', ')}` });
    } else {
      unmutable = kinds.filter((kind) => UNMUTABLE_KINDS.includes(kind));
      changes.mutedKinds = [...new Set(kinds)].sort();
    }
  }
  return { changes, errors, unmutable };
}
