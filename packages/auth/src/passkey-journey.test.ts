// The whole life of a person's identity, end to end: what an integrator's users actually go through.
import { LoomworksError, createMemoryStore } from '@loomworks/core';
import { describe, expect, it } from 'vitest';
import { AuthError } from './errors';
import { createAuthFixture } from './test-support/auth-fixture';
import { rejectionOf } from './test-support/rejection-of';

describe('a passkey journey', () => {
  it('signs up, signs in, adds and removes a passkey, loses it, recovers, and signs in with the new one', async () => {
    const fixture = createAuthFixture();
    const { auth, clock } = fixture;
    const ada = await fixture.signUp('Ada', 'ada@example.com');

    clock.advance(60_000);
    const login = await auth.loginBegin();
    const signedIn = await auth.loginComplete({ flowId: login.flowId, response: ada.authenticator.authenticate(login.options), previousSessionToken: ada.session.token });
    const token = signedIn.session.token;

    clock.advance(60_000);
    const adding = await auth.addPasskeyBegin(token);
    const phone = fixture.authenticator({ synced: true });
    const { credential: phoneCredential } = await auth.addPasskeyComplete(token, { flowId: adding.flowId, response: phone.register(adding.options) });
    expect((await auth.listPasskeys(token)).map((passkey) => passkey.id)).toEqual([ada.credentialId, phoneCredential.id]);

    // The phone is lost: remove it, then lose the first device too.
    await auth.removePasskey(token, phoneCredential.id);
    expect((await auth.listPasskeys(token)).map((passkey) => passkey.id)).toEqual([ada.credentialId]);
    await auth.revokeSession(token);

    const redeemed = await auth.redeemRecoveryCode({ code: ada.recoveryCodes[9] ?? '' });
    const replacement = fixture.authenticator();
    const recovered = await auth.recoveryComplete({ flowId: redeemed.flowId, response: replacement.register(redeemed.options) });
    expect(recovered.person).toEqual(ada.person);

    const again = await auth.loginBegin({ email: 'ada@example.com' });
    expect(again.options.allowCredentials?.map((descriptor) => descriptor.id).sort()).toEqual([ada.credentialId, recovered.credential.id].sort());
    const back = await auth.loginComplete({ flowId: again.flowId, response: replacement.authenticate(again.options) });
    expect(back.person).toEqual(ada.person);
    expect((await auth.verifySession(back.session.token)).person).toEqual(ada.person);
  });

  it('lets store failures through as the store’s own LoomworksError, not as an AuthError', async () => {
    const store = createMemoryStore();
    let failing = false;
    const flaky = new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'getCredential' && failing) return async () => Promise.reject(new LoomworksError('E_STORE', 'disk on fire'));
        return Reflect.get(target, property, receiver);
      },
    });
    const fixture = createAuthFixture({ store: flaky });
    const ada = await fixture.signUp('Ada');
    const login = await fixture.auth.loginBegin();
    failing = true;
    const error = await rejectionOf(fixture.auth.loginComplete({ flowId: login.flowId, response: ada.authenticator.authenticate(login.options) }));
    expect(LoomworksError.is(error, 'E_STORE')).toBe(true);
    expect(AuthError.is(error)).toBe(false);
  });
});
