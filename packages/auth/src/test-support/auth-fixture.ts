// One place that wires a PasskeyAuth to a memory store, a fake clock and a software authenticator.
import { createMemoryStore, createSequentialIds, type LoomworksStore } from '@loomworks/core';
import { createPasskeyAuth } from '../create-passkey-auth';
import type { PasskeyAuth, PasskeyAuthOptions, SignupCompleteResult } from '../types';
import { createFakeClock, type FakeClock } from './fake-clock';
import { createSoftwareAuthenticator, type SoftwareAuthenticator } from './software-authenticator';

export const RP_ID = 'loomworks.test';
export const ORIGIN = 'https://loomworks.test';
export const CHALLENGE_TTL_MS = 120_000;
export const SESSION_TTL_MS = 7 * 24 * 3_600_000;

export type AuthFixture = {
  auth: PasskeyAuth;
  store: LoomworksStore;
  clock: FakeClock;
  /** A new authenticator speaking from the configured origin. */
  authenticator(options?: { synced?: boolean }): SoftwareAuthenticator;
  /** Signs a person up with a fresh authenticator. */
  signUp(displayName?: string, email?: string, options?: { synced?: boolean }): Promise<SignedUp>;
};

export type SignedUp = SignupCompleteResult & { authenticator: SoftwareAuthenticator; credentialId: string };

export function createAuthFixture(overrides: Partial<PasskeyAuthOptions> & { store?: LoomworksStore } = {}): AuthFixture {
  const clock = createFakeClock();
  const store = overrides.store ?? createMemoryStore();
  const auth = createPasskeyAuth({
    rpID: RP_ID,
    rpName: 'Loomworks',
    origins: [ORIGIN],
    store,
    clock,
    ids: createSequentialIds('auth'),
    challengeTtlMs: CHALLENGE_TTL_MS,
    sessionTtlMs: SESSION_TTL_MS,
    ...overrides,
  });
  const authenticator = (options: { synced?: boolean } = {}) => createSoftwareAuthenticator({ origin: ORIGIN, ...options });
  return {
    auth,
    store,
    clock,
    authenticator,
    async signUp(displayName = 'Ada Lovelace', email, options = {}) {
      const device = authenticator(options);
      const begun = await auth.signupBegin({ displayName, ...(email === undefined ? {} : { email }) });
      const result = await auth.signupComplete({ flowId: begun.flowId, response: device.register(begun.options) });
      return { ...result, authenticator: device, credentialId: device.credentials[0]?.id ?? '' };
    },
  };
}
