import { LoomworksError, createMemoryStore } from '@loomworks/core';
import { describe, expect, it } from 'vitest';
import { createPasskeyAuth } from './create-passkey-auth';
import type { PasskeyAuthOptions } from './types';
import { createFakeClock } from './test-support/fake-clock';
import { createSoftwareAuthenticator } from './test-support/software-authenticator';

const valid = (): PasskeyAuthOptions => ({ rpID: 'example.com', rpName: 'Example', origins: ['https://example.com'], store: createMemoryStore() });

describe('createPasskeyAuth', () => {
  it('refuses a configuration that could never verify anything, with E_USAGE', () => {
    const broken: Partial<PasskeyAuthOptions>[] = [
      { rpID: '' },
      { rpID: 'https://example.com' },
      { rpName: ' ' },
      { origins: [] },
      { origins: ['https://example.com/'] },
      { origins: ['example.com'] },
      { origins: ['https://example.com/login'] },
      { challengeTtlMs: 0 },
      { sessionTtlMs: -1 },
      { challengeTtlMs: Number.NaN },
    ];
    for (const override of broken) {
      let thrown: unknown;
      try {
        createPasskeyAuth({ ...valid(), ...override });
      } catch (error) {
        thrown = error;
      }
      expect(LoomworksError.is(thrown, 'E_USAGE'), JSON.stringify(override)).toBe(true);
    }
  });

  it('defaults to a 120-second challenge and a 7-day session', async () => {
    const clock = createFakeClock();
    const auth = createPasskeyAuth({ ...valid(), clock });
    const begun = await auth.signupBegin({ displayName: 'Ada' });
    expect(begun.options.timeout).toBe(120_000);
    const device = createSoftwareAuthenticator({ origin: 'https://example.com' });
    const { session } = await auth.signupComplete({ flowId: begun.flowId, response: device.register(begun.options) });
    expect(Date.parse(session.expiresAt) - clock.now()).toBe(7 * 24 * 3_600_000);
  });

  it('does not change when the caller mutates the origins array afterwards', async () => {
    const origins = ['https://example.com'];
    const auth = createPasskeyAuth({ ...valid(), origins });
    origins.push('https://evil.test');
    const begun = await auth.signupBegin({ displayName: 'Ada' });
    const device = createSoftwareAuthenticator({ origin: 'https://evil.test' });
    const error = await auth.signupComplete({ flowId: begun.flowId, response: device.register(begun.options) }).catch((rejection: unknown) => rejection);
    expect(LoomworksError.is(error, 'AUTH_ORIGIN_MISMATCH')).toBe(true);
  });
});
