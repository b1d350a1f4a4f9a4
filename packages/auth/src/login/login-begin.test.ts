import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { describe, expect, it } from 'vitest';
import { CHALLENGE_TTL_MS, RP_ID, createAuthFixture } from '../test-support/auth-fixture';

/** The structure of a value: its keys and the types of their values, recursively — but not the values. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, shapeOf((value as Record<string, unknown>)[key])]));
  return typeof value;
}

describe('loginBegin', () => {
  it('without an email asks for any discoverable passkey of this RP, user-verified', async () => {
    const { auth } = createAuthFixture();
    const { flowId, options } = await auth.loginBegin();
    expect(flowId).toEqual(expect.any(String));
    expect(options).not.toHaveProperty('allowCredentials');
    expect(options.rpId).toBe(RP_ID);
    expect(options.userVerification).toBe('required');
    expect(options.timeout).toBe(CHALLENGE_TTL_MS);
    expect(isoBase64URL.toBuffer(options.challenge)).toHaveLength(32);
  });

  it('with a known email narrows allowCredentials to that person’s passkeys, as a hint', async () => {
    const fixture = createAuthFixture();
    const ada = await fixture.signUp('Ada', 'ada@example.com');
    await fixture.signUp('Bea', 'bea@example.com');
    const { options } = await fixture.auth.loginBegin({ email: '  ADA@example.com ' });
    expect(options.allowCredentials).toEqual([{ id: ada.credentialId, type: 'public-key' }]);
  });

  it('answers an unknown, blank or malformed email exactly like no email: same keys, same types, no allowCredentials', async () => {
    const fixture = createAuthFixture();
    await fixture.signUp('Ada', 'ada@example.com');
    const discoverable = await fixture.auth.loginBegin();
    const variants = [
      await fixture.auth.loginBegin({}),
      await fixture.auth.loginBegin({ email: 'nobody@example.com' }),
      await fixture.auth.loginBegin({ email: '' }),
      await fixture.auth.loginBegin({ email: '   ' }),
      await fixture.auth.loginBegin({ email: 'not-an-email' }),
    ];
    for (const variant of variants) {
      expect(shapeOf(variant)).toEqual(shapeOf(discoverable));
      expect(Object.keys(variant.options).sort()).toEqual(Object.keys(discoverable.options).sort());
      expect({ ...variant.options, challenge: '' }).toEqual({ ...discoverable.options, challenge: '' });
      expect(JSON.stringify(variant.options)).not.toContain('allowCredentials');
    }
  });

  it('hands out a fresh challenge every time', async () => {
    const { auth } = createAuthFixture();
    const first = await auth.loginBegin();
    const second = await auth.loginBegin();
    expect(first.options.challenge).not.toBe(second.options.challenge);
    expect(first.flowId).not.toBe(second.flowId);
  });
});
