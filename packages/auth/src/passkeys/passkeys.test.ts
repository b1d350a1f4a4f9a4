import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { describe, expect, it } from 'vitest';
import { createAuthFixture } from '../test-support/auth-fixture';
import { codeOf } from '../test-support/rejection-of';

describe('addPasskeyBegin / addPasskeyComplete', () => {
  it('adds a second passkey under the same user handle, excluding the ones already registered', async () => {
    const fixture = createAuthFixture();
    const ada = await fixture.signUp('Ada');
    const begun = await fixture.auth.addPasskeyBegin(ada.session.token);
    expect(begun.options.user.id).toBe(ada.authenticator.credentials[0]?.userHandle);
    expect(begun.options.excludeCredentials?.map((credential) => credential.id)).toEqual([ada.credentialId]);
    expect(begun.options.authenticatorSelection).toMatchObject({ residentKey: 'required', userVerification: 'required' });
    expect(isoBase64URL.toBuffer(begun.options.challenge)).toHaveLength(32);

    fixture.clock.advance(60_000);
    const laptop = fixture.authenticator({ synced: true });
    const { credential } = await fixture.auth.addPasskeyComplete(ada.session.token, { flowId: begun.flowId, response: laptop.register(begun.options) });
    expect(credential).toMatchObject({ id: laptop.credentials[0]?.id, deviceType: 'multiDevice', backedUp: true, lastUsedAt: null });
    expect((await fixture.auth.listPasskeys(ada.session.token)).map((passkey) => passkey.id)).toEqual([ada.credentialId, credential.id]);

    // The new passkey signs in as the same person.
    const login = await fixture.auth.loginBegin();
    const { person } = await fixture.auth.loginComplete({ flowId: login.flowId, response: laptop.authenticate(login.options) });
    expect(person.id).toBe(ada.person.id);
  });

  it('requires a live session to begin and to complete', async () => {
    const fixture = createAuthFixture();
    const ada = await fixture.signUp('Ada');
    expect(await codeOf(fixture.auth.addPasskeyBegin('not-a-session'))).toBe('AUTH_SESSION_INVALID');
    const begun = await fixture.auth.addPasskeyBegin(ada.session.token);
    await fixture.auth.revokeSession(ada.session.token);
    expect(await codeOf(fixture.auth.addPasskeyComplete(ada.session.token, { flowId: begun.flowId, response: fixture.authenticator().register(begun.options) }))).toBe(
      'AUTH_SESSION_INVALID',
    );
    expect((await fixture.store.scan('credentials')).records).toHaveLength(1);
  });

  it('refuses to finish a flow someone else began, and spends it', async () => {
    const fixture = createAuthFixture();
    const ada = await fixture.signUp('Ada');
    const bea = await fixture.signUp('Bea');
    const adaFlow = await fixture.auth.addPasskeyBegin(ada.session.token);
    const response = fixture.authenticator().register(adaFlow.options);
    expect(await codeOf(fixture.auth.addPasskeyComplete(bea.session.token, { flowId: adaFlow.flowId, response }))).toBe('AUTH_CHALLENGE_UNKNOWN');
    expect(await codeOf(fixture.auth.addPasskeyComplete(ada.session.token, { flowId: adaFlow.flowId, response }))).toBe('AUTH_CHALLENGE_UNKNOWN');
    expect(await fixture.auth.listPasskeys(bea.session.token)).toHaveLength(1);
  });

  it('rejects a sign-in challenge used to add a passkey', async () => {
    const fixture = createAuthFixture();
    const ada = await fixture.signUp('Ada');
    const addFlow = await fixture.auth.addPasskeyBegin(ada.session.token);
    const login = await fixture.auth.loginBegin();
    const response = fixture.authenticator().register({ ...addFlow.options, challenge: login.options.challenge });
    expect(await codeOf(fixture.auth.addPasskeyComplete(ada.session.token, { flowId: login.flowId, response }))).toBe('AUTH_CHALLENGE_UNKNOWN');
  });
});

describe('removePasskey', () => {
  it('removes one of several passkeys; the removed one no longer signs in', async () => {
    const fixture = createAuthFixture();
    const ada = await fixture.signUp('Ada');
    const begun = await fixture.auth.addPasskeyBegin(ada.session.token);
    const laptop = fixture.authenticator();
    await fixture.auth.addPasskeyComplete(ada.session.token, { flowId: begun.flowId, response: laptop.register(begun.options) });
    await fixture.auth.removePasskey(ada.session.token, ada.credentialId);
    expect((await fixture.auth.listPasskeys(ada.session.token)).map((passkey) => passkey.id)).toEqual([laptop.credentials[0]?.id]);
    const login = await fixture.auth.loginBegin();
    expect(await codeOf(fixture.auth.loginComplete({ flowId: login.flowId, response: ada.authenticator.authenticate(login.options) }))).toBe('AUTH_CREDENTIAL_UNKNOWN');
  });

  it('never removes the last passkey (AUTH_LAST_PASSKEY)', async () => {
    const fixture = createAuthFixture();
    const ada = await fixture.signUp('Ada');
    expect(await codeOf(fixture.auth.removePasskey(ada.session.token, ada.credentialId))).toBe('AUTH_LAST_PASSKEY');
    expect(await fixture.auth.listPasskeys(ada.session.token)).toHaveLength(1);
  });

  it('treats someone else’s passkey like a missing one, and leaves it alone', async () => {
    const fixture = createAuthFixture();
    const ada = await fixture.signUp('Ada');
    const bea = await fixture.signUp('Bea');
    const begun = await fixture.auth.addPasskeyBegin(bea.session.token);
    await fixture.auth.addPasskeyComplete(bea.session.token, { flowId: begun.flowId, response: fixture.authenticator().register(begun.options) });
    expect(await codeOf(fixture.auth.removePasskey(ada.session.token, bea.credentialId))).toBe('AUTH_CREDENTIAL_UNKNOWN');
    expect(await codeOf(fixture.auth.removePasskey(ada.session.token, 'no-such-passkey'))).toBe('AUTH_CREDENTIAL_UNKNOWN');
    expect(await fixture.auth.listPasskeys(bea.session.token)).toHaveLength(2);
  });

  it('requires a live session to list or remove', async () => {
    const fixture = createAuthFixture();
    const ada = await fixture.signUp('Ada');
    await fixture.auth.revokeSession(ada.session.token);
    expect(await codeOf(fixture.auth.listPasskeys(ada.session.token))).toBe('AUTH_SESSION_INVALID');
    expect(await codeOf(fixture.auth.removePasskey(ada.session.token, ada.credentialId))).toBe('AUTH_SESSION_INVALID');
  });
});
