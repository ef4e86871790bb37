import { describe, expect, it } from 'vitest';
import { auditKindOf } from './audit-log.js';

describe('auditKindOf', () => {
  it('puts sign-ins that did not happen in their own listing, everything else with the events', () => {
    expect(auditKindOf('session.sign_in_failed')).toBe('sign_in_failure');
    expect(auditKindOf('session.sign_in_refused')).toBe('sign_in_failure');
    expect(auditKindOf('session.signed_in')).toBe('event');
    expect(auditKindOf('session.signed_out')).toBe('event');
    expect(auditKindOf('story.published')).toBe('event');
    expect(auditKindOf('user.created')).toBe('event');
  });
});
