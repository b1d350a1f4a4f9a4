import { createHash } from 'node:crypto';
import { LoomworksError } from '@loomworks/core';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { describe, expect, it } from 'vitest';
import { CHALLENGE_TTL_MS, RP_ID, createAuthFixture } from '../test-support/auth-fixture';
import { rejectionOf } from '../test-support/rejection-of';

describe('signupBegin', () => {
  it('asks for a discoverable, user-verified passkey with no attestation, for the configured RP', async () => {
    const { auth } = createAuthFixture();
    const { flowId, options } = await auth.signupBegin({ displayName: 'Ada Lovelace' });
    expect(flowId).toEqual(expect.any(String));
    expect(options.authenticatorSelection).toMatchObject({ residentKey: 'required', requireResidentKey: true, userVerification: 'required' });
    expect(options.attestation).toBe('none');
    expect(options.rp).toEqual({ id: RP_ID, name: 'Loomworks' });
    expect(options.timeout).toBe(CHALLENGE_TTL_MS);
    expect(isoBase64URL.toBuffer(options.challenge)).toHaveLength(32);
  });

  it('gives every person a random 32-byte user handle that has nothing to do with their email', async () => {
    const { auth } = createAuthFixture();
    const email = 'ada@example.com';
    const first = await auth.signupBegin({ displayName: 'Ada', email });
    const second = await auth.signupBegin({ displayName: 'Ada', email });
    const firstHandle = isoBase64URL.toBuffer(first.options.user.id);
    expect(firstHandle).toHaveLength(32);
    expect(first.options.user.id).not.toBe(second.options.user.id);
    const emailDigest = isoBase64URL.fromBuffer(new Uint8Array(createHash('sha256').update(email).digest()));
    expect(first.options.user.id).not.toBe(emailDigest);
    expect(JSON.stringify(first.options)).not.toContain(email);
  });

  it('shows the authenticator the display name, never the email', async () => {
    const { auth } = createAuthFixture();
    const { options } = await auth.signupBegin({ displayName: '  Ada Lovelace ', email: 'ada@example.com' });
    expect(options.user.name).toBe('Ada Lovelace');
    expect(options.user.displayName).toBe('Ada Lovelace');
  });

  it('rejects a blank or oversized display name and a malformed email before starting a flow', async () => {
    const { auth, store } = createAuthFixture();
    for (const input of [{ displayName: '   ' }, { displayName: 'x'.repeat(101) }, { displayName: 'Ada\u0000' }, { displayName: 'Ada', email: 'not an email' }]) {
      const error = await rejectionOf(auth.signupBegin(input));
      expect(LoomworksError.is(error, 'E_INVALID_INPUT'), JSON.stringify(input)).toBe(true);
    }
    expect((await store.scan('challenges')).records).toEqual([]);
  });

  it('treats a blank email as no email', async () => {
    const fixture = createAuthFixture();
    const { person } = await fixture.signUp('Ada', '   ');
    expect(person.email).toBeNull();
  });
});
