import { createMemoryStore } from '@loomworks/core';
import { describe, expect, it } from 'vitest';
import { AuthError } from '../errors';
import { CHALLENGE_TTL_MS, createAuthFixture } from '../test-support/auth-fixture';
import { codeOf, rejectionOf } from '../test-support/rejection-of';

async function setUp(options: { synced?: boolean } = {}) {
  const fixture = createAuthFixture();
  const ada = await fixture.signUp('Ada', 'ada@example.com', options);
  return { fixture, ada, auth: fixture.auth };
}

describe('loginComplete', () => {
  it('signs the passkey’s owner in, records the counter and use, and hands out a new session', async () => {
    const { fixture, ada, auth } = await setUp();
    const begun = await auth.loginBegin();
    fixture.clock.advance(1000);
    const { person, session } = await auth.loginComplete({ flowId: begun.flowId, response: ada.authenticator.authenticate(begun.options) });
    expect(person).toEqual(ada.person);
    expect(session.token).not.toBe(ada.session.token);
    expect((await auth.verifySession(session.token)).person.id).toBe(ada.person.id);
    const credential = await fixture.store.getCredential(ada.credentialId);
    expect(credential).toMatchObject({ counter: 1, lastUsedAt: new Date(fixture.clock.now()).toISOString() });
  });

  it('rotates the session: the previous token is revoked', async () => {
    const { ada, auth } = await setUp();
    const begun = await auth.loginBegin();
    const { session } = await auth.loginComplete({ flowId: begun.flowId, response: ada.authenticator.authenticate(begun.options), previousSessionToken: ada.session.token });
    expect(await codeOf(auth.verifySession(ada.session.token))).toBe('AUTH_SESSION_INVALID');
    await auth.verifySession(session.token);
  });

  it('ignores an unknown previous session token instead of failing the sign-in', async () => {
    const { ada, auth } = await setUp();
    const begun = await auth.loginBegin();
    await auth.loginComplete({ flowId: begun.flowId, response: ada.authenticator.authenticate(begun.options), previousSessionToken: 'not-a-session' });
  });

  it('rejects a replayed assertion: the same challenge cannot verify twice', async () => {
    const { ada, auth } = await setUp();
    const begun = await auth.loginBegin();
    const response = ada.authenticator.authenticate(begun.options);
    await auth.loginComplete({ flowId: begun.flowId, response });
    expect(await codeOf(auth.loginComplete({ flowId: begun.flowId, response }))).toBe('AUTH_CHALLENGE_UNKNOWN');
  });

  it('rejects a replayed response on a new challenge (it answers the old one)', async () => {
    const { ada, auth } = await setUp();
    const first = await auth.loginBegin();
    const response = ada.authenticator.authenticate(first.options);
    await auth.loginComplete({ flowId: first.flowId, response });
    const second = await auth.loginBegin();
    expect(await codeOf(auth.loginComplete({ flowId: second.flowId, response }))).toBe('AUTH_CHALLENGE_UNKNOWN');
  });

  it('spends the challenge on a failed attempt: a good response afterwards is refused', async () => {
    const { ada, auth } = await setUp();
    const begun = await auth.loginBegin();
    expect(await codeOf(auth.loginComplete({ flowId: begun.flowId, response: ada.authenticator.authenticate(begun.options, { corruptSignature: true }) }))).toBe(
      'AUTH_VERIFICATION_FAILED',
    );
    expect(await codeOf(auth.loginComplete({ flowId: begun.flowId, response: ada.authenticator.authenticate(begun.options) }))).toBe('AUTH_CHALLENGE_UNKNOWN');
  });

  it('rejects an expired challenge', async () => {
    const { fixture, ada, auth } = await setUp();
    const begun = await auth.loginBegin();
    fixture.clock.advance(CHALLENGE_TTL_MS + 1);
    expect(await codeOf(auth.loginComplete({ flowId: begun.flowId, response: ada.authenticator.authenticate(begun.options) }))).toBe('AUTH_CHALLENGE_EXPIRED');
  });

  it('rejects a challenge issued for another purpose (a sign-up flow used to sign in)', async () => {
    const { ada, auth } = await setUp();
    const signup = await auth.signupBegin({ displayName: 'Eve' });
    const response = ada.authenticator.authenticate({ rpId: signup.options.rp.id, challenge: signup.options.challenge });
    expect(await codeOf(auth.loginComplete({ flowId: signup.flowId, response }))).toBe('AUTH_CHALLENGE_UNKNOWN');
  });

  it('rejects a wrong origin with AUTH_ORIGIN_MISMATCH', async () => {
    const { ada, auth } = await setUp();
    const begun = await auth.loginBegin();
    const error = await rejectionOf(auth.loginComplete({ flowId: begun.flowId, response: ada.authenticator.authenticate(begun.options, { origin: 'https://evil.test' }) }));
    expect(AuthError.is(error, 'AUTH_ORIGIN_MISMATCH')).toBe(true);
    expect((error as AuthError).cause).toBeInstanceOf(Error);
  });

  it('rejects an assertion for another RP ID with AUTH_ORIGIN_MISMATCH', async () => {
    const { ada, auth } = await setUp();
    const begun = await auth.loginBegin();
    const error = await rejectionOf(auth.loginComplete({ flowId: begun.flowId, response: ada.authenticator.authenticate(begun.options, { rpID: 'evil.test' }) }));
    expect(AuthError.is(error, 'AUTH_ORIGIN_MISMATCH')).toBe(true);
    expect((error as AuthError).cause).toMatchObject({ name: 'UnexpectedRPIDHash' });
  });

  it('rejects an unknown credential with AUTH_CREDENTIAL_UNKNOWN', async () => {
    const { fixture, auth } = await setUp();
    const stranger = fixture.authenticator();
    const elsewhere = await auth.signupBegin({ displayName: 'Never finished' });
    stranger.register(elsewhere.options); // a key this site never stored
    const begun = await auth.loginBegin();
    expect(await codeOf(auth.loginComplete({ flowId: begun.flowId, response: stranger.authenticate(begun.options) }))).toBe('AUTH_CREDENTIAL_UNKNOWN');
  });

  it('rejects a user handle that is not the passkey owner’s with AUTH_USER_HANDLE_MISMATCH', async () => {
    const { fixture, ada, auth } = await setUp();
    const bea = await fixture.signUp('Bea', 'bea@example.com');
    const beaHandle = bea.authenticator.credentials[0]?.userHandle;
    const begun = await auth.loginBegin();
    expect(await codeOf(auth.loginComplete({ flowId: begun.flowId, response: ada.authenticator.authenticate(begun.options, { userHandle: beaHandle }) }))).toBe(
      'AUTH_USER_HANDLE_MISMATCH',
    );
    const again = await auth.loginBegin();
    expect(await codeOf(auth.loginComplete({ flowId: again.flowId, response: ada.authenticator.authenticate(again.options, { userHandle: null }) }))).toBe(
      'AUTH_USER_HANDLE_MISMATCH',
    );
  });

  it('rejects a signature that does not verify, and an assertion without user verification', async () => {
    const { ada, auth } = await setUp();
    for (const knobs of [{ corruptSignature: true }, { userVerified: false }, { userPresent: false }, { type: 'webauthn.create' }]) {
      const begun = await auth.loginBegin();
      expect(await codeOf(auth.loginComplete({ flowId: begun.flowId, response: ada.authenticator.authenticate(begun.options, knobs) })), JSON.stringify(knobs)).toBe(
        'AUTH_VERIFICATION_FAILED',
      );
    }
  });

  it('rejects a counter that does not grow with AUTH_COUNTER_REGRESSION and leaves the stored counter alone', async () => {
    const { fixture, ada, auth } = await setUp();
    const first = await auth.loginBegin();
    await auth.loginComplete({ flowId: first.flowId, response: ada.authenticator.authenticate(first.options, { signCount: 7 }) });
    for (const signCount of [7, 3, 0]) {
      const begun = await auth.loginBegin();
      expect(await codeOf(auth.loginComplete({ flowId: begun.flowId, response: ada.authenticator.authenticate(begun.options, { signCount }) })), String(signCount)).toBe(
        'AUTH_COUNTER_REGRESSION',
      );
    }
    expect((await fixture.store.getCredential(ada.credentialId))?.counter).toBe(7);
    const next = await auth.loginBegin();
    await auth.loginComplete({ flowId: next.flowId, response: ada.authenticator.authenticate(next.options, { signCount: 8 }) });
  });

  it('accepts 0 → 0 from a synced passkey, again and again, and records its backup state', async () => {
    const { fixture, ada, auth } = await setUp({ synced: true });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const begun = await auth.loginBegin();
      await auth.loginComplete({ flowId: begun.flowId, response: ada.authenticator.authenticate(begun.options) });
    }
    expect(await fixture.store.getCredential(ada.credentialId)).toMatchObject({ counter: 0, backedUp: true, deviceType: 'multiDevice' });
  });

  it('loses the compare-and-set when another sign-in records the counter between our read and our write', async () => {
    const store = createMemoryStore();
    let interleave = false;
    // The other sign-in lands right after this one read the credential.
    const racingStore = new Proxy(store, {
      get(target, property, receiver) {
        if (property !== 'getCredential') return Reflect.get(target, property, receiver);
        return async (id: string) => {
          const credential = await target.getCredential(id);
          if (interleave && credential) {
            interleave = false;
            await target.updateCredentialCounter(id, { expectedCounter: credential.counter, counter: 9, backedUp: false, lastUsedAt: credential.createdAt });
          }
          return credential;
        };
      },
    });
    const fixture = createAuthFixture({ store: racingStore });
    const ada = await fixture.signUp('Ada');
    const begun = await fixture.auth.loginBegin();
    interleave = true;
    expect(await codeOf(fixture.auth.loginComplete({ flowId: begun.flowId, response: ada.authenticator.authenticate(begun.options, { signCount: 5 }) }))).toBe(
      'AUTH_COUNTER_REGRESSION',
    );
    expect((await store.getCredential(ada.credentialId))?.counter).toBe(9);
    // Nothing else of the losing sign-in was written: only the sign-up's session exists.
    expect((await store.scan('authSessions')).records).toHaveLength(1);
  });
});
