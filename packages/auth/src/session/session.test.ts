import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { describe, expect, it } from 'vitest';
import { SESSION_TTL_MS, createAuthFixture } from '../test-support/auth-fixture';
import { codeOf } from '../test-support/rejection-of';

describe('sessions', () => {
  it('hands the client a random 32-byte token that expires after sessionTtlMs', async () => {
    const fixture = createAuthFixture();
    const ada = await fixture.signUp('Ada');
    expect(isoBase64URL.toBuffer(ada.session.token)).toHaveLength(32);
    expect(Date.parse(ada.session.expiresAt)).toBe(fixture.clock.now() + SESSION_TTL_MS);
    expect(await fixture.auth.verifySession(ada.session.token)).toEqual({ person: ada.person, session: { expiresAt: ada.session.expiresAt } });
  });

  it('expires: valid until expiresAt, AUTH_SESSION_INVALID from then on', async () => {
    const fixture = createAuthFixture();
    const ada = await fixture.signUp('Ada');
    fixture.clock.advance(SESSION_TTL_MS - 1);
    await fixture.auth.verifySession(ada.session.token);
    fixture.clock.advance(1);
    expect(await codeOf(fixture.auth.verifySession(ada.session.token))).toBe('AUTH_SESSION_INVALID');
    expect(await codeOf(fixture.auth.listPasskeys(ada.session.token))).toBe('AUTH_SESSION_INVALID');
  });

  it('is revoked by revokeSession, which is idempotent and ignores unknown tokens', async () => {
    const fixture = createAuthFixture();
    const ada = await fixture.signUp('Ada');
    await fixture.auth.revokeSession(ada.session.token);
    expect(await codeOf(fixture.auth.verifySession(ada.session.token))).toBe('AUTH_SESSION_INVALID');
    const revokedAt = (await fixture.store.scan('authSessions')).records[0]?.revokedAt;
    fixture.clock.advance(5000);
    await fixture.auth.revokeSession(ada.session.token);
    expect((await fixture.store.scan('authSessions')).records[0]?.revokedAt).toBe(revokedAt);
    await fixture.auth.revokeSession('never-issued');
    await fixture.auth.revokeSession('');
  });

  it('rejects unknown, empty and non-string tokens', async () => {
    const fixture = createAuthFixture();
    await fixture.signUp('Ada');
    for (const token of ['nope', '', undefined, 42]) expect(await codeOf(fixture.auth.verifySession(token as string)), String(token)).toBe('AUTH_SESSION_INVALID');
  });

  it('revoking one session leaves the person’s other sessions alone', async () => {
    const fixture = createAuthFixture();
    const ada = await fixture.signUp('Ada');
    const login = await fixture.auth.loginBegin();
    const { session } = await fixture.auth.loginComplete({ flowId: login.flowId, response: ada.authenticator.authenticate(login.options) });
    await fixture.auth.revokeSession(ada.session.token);
    await fixture.auth.verifySession(session.token);
  });
});
