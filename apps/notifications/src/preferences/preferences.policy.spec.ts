import { DEFAULT_PREFERENCES, chooseChannels, validatePreferenceChanges } from './preferences.policy.js';

describe('chooseChannels', () => {
  const prefs = (changes = {}) => ({ ...DEFAULT_PREFERENCES, ...changes });

  it('by default: in-app and an immediate e-mail (when there is an address)', () => {
    expect(chooseChannels('assignment.created', prefs(), true)).toEqual({ inApp: true, email: 'immediate' });
    expect(chooseChannels('assignment.created', prefs(), false)).toEqual({ inApp: true, email: null });
  });

  it('follows channel switches, digest mode and muted kinds', () => {
    expect(chooseChannels('assignment.overdue', prefs({ emailMode: 'digest' }), true)).toEqual({ inApp: true, email: 'digest' });
    expect(chooseChannels('assignment.overdue', prefs({ email: false }), true)).toEqual({ inApp: true, email: null });
    expect(chooseChannels('assignment.overdue', prefs({ inApp: false }), true)).toEqual({ inApp: false, email: 'immediate' });
    expect(chooseChannels('assignment.overdue', prefs({ inApp: false, email: false }), true)).toBeNull();
    expect(chooseChannels('assignment.overdue', prefs({ mutedKinds: ['assignment.overdue'] }), true)).toBeNull();
  });

  it.each(['assignment.escalated', 'report.escalated'] as const)('never silences an escalation (%s), nor delays it to the digest', (kind) => {
    const everythingOff = prefs({ inApp: false, email: false, emailMode: 'digest', mutedKinds: [kind] });
    expect(chooseChannels(kind, everythingOff, true)).toEqual({ inApp: true, email: 'immediate' });
    expect(chooseChannels(kind, everythingOff, false)).toEqual({ inApp: true, email: null });
  });

  it('report reminders and overdue notices follow the preferences like any other kind', () => {
    expect(chooseChannels('report.overdue', prefs({ emailMode: 'digest' }), true)).toEqual({ inApp: true, email: 'digest' });
    expect(chooseChannels('report.due-soon', prefs({ mutedKinds: ['report.due-soon'] }), true)).toBeNull();
  });
});

describe('validatePreferenceChanges', () => {
  it('keeps only the fields sent, deduplicated, and names unmutable kinds', () => {
    expect(validatePreferenceChanges({ email: false, mutedKinds: ['report.accepted', 'report.accepted'] })).toEqual({
      changes: { email: false, mutedKinds: ['report.accepted'] },
      errors: [],
      unmutable: [],
    });
    expect(validatePreferenceChanges({ mutedKinds: ['assignment.escalated'] }).unmutable).toEqual(['assignment.escalated']);
    expect(validatePreferenceChanges({ mutedKinds: ['report.overdue', 'report.escalated'] }).unmutable).toEqual(['report.escalated']);
  });

  it('reports every bad field', () => {
    const { errors } = validatePreferenceChanges({ inApp: 'yes' as never, emailMode: 'weekly' as never, mutedKinds: ['spam'] as never });
    expect(errors.map((e) => e.path)).toEqual(['inApp', 'emailMode', 'mutedKinds']);
  });
});
