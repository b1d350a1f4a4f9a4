import { sha256Hex } from '@loomworks/core';
import { describe, expect, it } from 'vitest';
import { AuthError } from '../errors';
import { ORIGIN, RP_ID, CHALLENGE_TTL_MS, createAuthFixture } from '../test-support/auth-fixture';
import { codeOf, rejectionOf } from '../test-support/rejection-of';

describe('signupComplete', () => {
  it('creates the person with their passkey, ten recovery codes and a live session', async () => {
    const fixture = createAuthFixture();
    const signed = await fixture.signUp('Ada Lovelace', 'Ada@Example.com');
    expect(signed.person).toEqual({ id: expect.any(String), displayName: 'Ada Lovelace', email: 'ada@example.com' });
    expect(signed.recoveryCodes).toHaveLength(10);
    for (const code of signed.recoveryCodes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(new Set(signed.recoveryCodes).size).toBe(10);
    expect((await fixture.auth.verifySession(signed.session.token)).person).toEqual(signed.person);
    const passkeys = await fixture.auth.listPasskeys(signed.session.token);
    expect(passkeys).toEqual([
      { id: signed.credentialId, deviceType: 'singleDevice', backedUp: false, createdAt: expect.any(String), lastUsedAt: null, transports: ['internal', 'hybrid'] },
    ]);
  });

  it('stores recovery codes and the session token only as sha256 hashes', async () => {
    const fixture = createAuthFixture();
    const signed = await fixture.signUp();
    const stored = JSON.stringify([(await fixture.store.scan('recoveryCodes')).records, (await fixture.store.scan('authSessions')).records]);
    for (const code of signed.recoveryCodes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replaceAll('-', ''));
      expect(stored).toContain(sha256Hex(code.replaceAll('-', '')));
    }
    expect(stored).not.toContain(signed.session.token);
    expect(stored).toContain(sha256Hex(signed.session.token));
  });

  it('writes the person and their passkey under the flow’s user handle, so the passkey signs in as them', async () => {
    const fixture = createAuthFixture();
    const device = fixture.authenticator();
    const begun = await fixture.auth.signupBegin({ displayName: 'Ada' });
    const { person } = await fixture.auth.signupComplete({ flowId: begun.flowId, response: device.register(begun.options) });
    const stored = await fixture.store.getPerson(person.id);
    expect(stored?.userHandle).toBe(begun.options.user.id);
  });

  it('spends the challenge: the same flow cannot complete twice, even with a fresh response', async () => {
    const fixture = createAuthFixture();
    const device = fixture.authenticator();
    const begun = await fixture.auth.signupBegin({ displayName: 'Ada' });
    await fixture.auth.signupComplete({ flowId: begun.flowId, response: device.register(begun.options) });
    expect(await codeOf(fixture.auth.signupComplete({ flowId: begun.flowId, response: device.register(begun.options) }))).toBe('AUTH_CHALLENGE_UNKNOWN');
    expect((await fixture.store.scan('persons')).records).toHaveLength(1);
  });

  it('spends the challenge even when the attempt fails', async () => {
    const fixture = createAuthFixture();
    const device = fixture.authenticator();
    const begun = await fixture.auth.signupBegin({ displayName: 'Ada' });
    expect(await codeOf(fixture.auth.signupComplete({ flowId: begun.flowId, response: device.register(begun.options, { origin: 'https://evil.test' }) }))).toBe(
      'AUTH_ORIGIN_MISMATCH',
    );
    expect(await codeOf(fixture.auth.signupComplete({ flowId: begun.flowId, response: device.register(begun.options) }))).toBe('AUTH_CHALLENGE_UNKNOWN');
  });

  it('rejects an expired flow with AUTH_CHALLENGE_EXPIRED', async () => {
    const fixture = createAuthFixture();
    const begun = await fixture.auth.signupBegin({ displayName: 'Ada' });
    fixture.clock.advance(CHALLENGE_TTL_MS);
    expect(await codeOf(fixture.auth.signupComplete({ flowId: begun.flowId, response: fixture.authenticator().register(begun.options) }))).toBe(
      'AUTH_CHALLENGE_EXPIRED',
    );
  });

  it('accepts a flow completed just before it expires', async () => {
    const fixture = createAuthFixture();
    const begun = await fixture.auth.signupBegin({ displayName: 'Ada' });
    fixture.clock.advance(CHALLENGE_TTL_MS - 1);
    await fixture.auth.signupComplete({ flowId: begun.flowId, response: fixture.authenticator().register(begun.options) });
  });

  it('rejects a login challenge used for sign-up with AUTH_CHALLENGE_UNKNOWN', async () => {
    const fixture = createAuthFixture();
    const signupFlow = await fixture.auth.signupBegin({ displayName: 'Ada' });
    const loginFlow = await fixture.auth.loginBegin();
    const response = fixture.authenticator().register({ ...signupFlow.options, challenge: loginFlow.options.challenge });
    expect(await codeOf(fixture.auth.signupComplete({ flowId: loginFlow.flowId, response }))).toBe('AUTH_CHALLENGE_UNKNOWN');
    // …and the login flow is spent by the attempt.
    expect((await fixture.store.scan('challenges')).records.map((record) => record.flowId)).toEqual([signupFlow.flowId]);
  });

  it('rejects a response from an unconfigured origin (AUTH_ORIGIN_MISMATCH) and keeps SimpleWebAuthn’s error as cause', async () => {
    const fixture = createAuthFixture();
    const begun = await fixture.auth.signupBegin({ displayName: 'Ada' });
    const error = await rejectionOf(
      fixture.auth.signupComplete({ flowId: begun.flowId, response: fixture.authenticator().register(begun.options, { origin: 'https://loomworks.test.evil.test' }) }),
    );
    expect(AuthError.is(error, 'AUTH_ORIGIN_MISMATCH')).toBe(true);
    expect((error as AuthError).cause).toBeInstanceOf(Error);
  });

  it('rejects a credential created for another RP ID (AUTH_ORIGIN_MISMATCH, the RP ID being part of what is configured)', async () => {
    const fixture = createAuthFixture();
    const begun = await fixture.auth.signupBegin({ displayName: 'Ada' });
    const error = await rejectionOf(
      fixture.auth.signupComplete({ flowId: begun.flowId, response: fixture.authenticator().register(begun.options, { rpID: 'evil.test' }) }),
    );
    expect(AuthError.is(error, 'AUTH_ORIGIN_MISMATCH')).toBe(true);
    expect((error as AuthError).cause).toMatchObject({ name: 'UnexpectedRPIDHash' });
  });

  it('requires user verification, a discoverable credential and a create-type response (AUTH_VERIFICATION_FAILED)', async () => {
    const fixture = createAuthFixture();
    for (const knobs of [{ userVerified: false }, { userPresent: false }, { notDiscoverable: true }, { type: 'webauthn.get' }]) {
      const begun = await fixture.auth.signupBegin({ displayName: 'Ada' });
      const code = await codeOf(fixture.auth.signupComplete({ flowId: begun.flowId, response: fixture.authenticator().register(begun.options, knobs) }));
      expect(code, JSON.stringify(knobs)).toBe('AUTH_VERIFICATION_FAILED');
    }
    expect((await fixture.store.scan('persons')).records).toEqual([]);
  });

  it('rejects a response that is not a registration at all, and an unknown flow', async () => {
    const fixture = createAuthFixture();
    const begun = await fixture.auth.signupBegin({ displayName: 'Ada' });
    expect(await codeOf(fixture.auth.signupComplete({ flowId: begun.flowId, response: { nonsense: true } as never }))).toBe('AUTH_VERIFICATION_FAILED');
    expect(await codeOf(fixture.auth.signupComplete({ flowId: 'no-such-flow', response: fixture.authenticator().register(begun.options) }))).toBe(
      'AUTH_CHALLENGE_UNKNOWN',
    );
  });

  it('takes origins and RP ID from configuration: a response claiming the origin it came from is still checked against the list', async () => {
    const fixture = createAuthFixture({ origins: ['https://app.loomworks.test', ORIGIN] });
    const begun = await fixture.auth.signupBegin({ displayName: 'Ada' });
    expect(begun.options.rp.id).toBe(RP_ID);
    await fixture.auth.signupComplete({ flowId: begun.flowId, response: fixture.authenticator().register(begun.options, { origin: 'https://app.loomworks.test' }) });
    const again = await fixture.auth.signupBegin({ displayName: 'Bea' });
    expect(await codeOf(fixture.auth.signupComplete({ flowId: again.flowId, response: fixture.authenticator().register(again.options, { origin: 'https://other.loomworks.test' }) }))).toBe(
      'AUTH_ORIGIN_MISMATCH',
    );
  });
});
