// createAuthContext: the resolved configuration every ceremony function receives — options validated once, defaults filled in.
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { LoomworksError, createUlidGenerator, systemClock, type Clock, type IdGenerator, type LoomworksStore } from '@loomworks/core';
import type { PasskeyAuthOptions } from './types';

export type AuthContext = {
  readonly rpID: string;
  readonly rpName: string;
  readonly origins: string[];
  readonly store: LoomworksStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly challengeTtlMs: number;
  readonly sessionTtlMs: number;
  readonly randomBytes: (length: number) => Uint8Array;
};

const DEFAULT_CHALLENGE_TTL_MS = 120_000;
const DEFAULT_SESSION_TTL_MS = 7 * 24 * 3_600_000;

export function createAuthContext(options: PasskeyAuthOptions): AuthContext {
  if (typeof options.rpID !== 'string' || options.rpID.trim() === '' || options.rpID.includes('/') || options.rpID.includes(':'))
    throw usage('rpID must be a bare domain such as "example.com" or "localhost"');
  if (typeof options.rpName !== 'string' || options.rpName.trim() === '') throw usage('rpName must be a non-empty string');
  if (!Array.isArray(options.origins) || options.origins.length === 0) throw usage('origins must list at least one origin');
  for (const origin of options.origins) {
    // WebAuthn compares origins as exact strings, so a trailing slash or path would never match.
    if (!isSerializedOrigin(origin)) throw usage(`"${String(origin)}" is not an origin such as "https://example.com"`);
  }
  if (!options.store) throw usage('store is required');
  const challengeTtlMs = positive(options.challengeTtlMs, DEFAULT_CHALLENGE_TTL_MS, 'challengeTtlMs');
  const sessionTtlMs = positive(options.sessionTtlMs, DEFAULT_SESSION_TTL_MS, 'sessionTtlMs');
  const clock = options.clock ?? systemClock;
  return {
    rpID: options.rpID,
    rpName: options.rpName,
    origins: [...options.origins],
    store: options.store,
    clock,
    ids: options.ids ?? createUlidGenerator({ clock }),
    challengeTtlMs,
    sessionTtlMs,
    randomBytes: options.randomBytes ?? ((length) => new Uint8Array(nodeRandomBytes(length))),
  };
}

function isSerializedOrigin(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw usage(`${name} must be a positive number of milliseconds`);
  return value;
}

function usage(message: string): LoomworksError {
  return new LoomworksError('E_USAGE', `createPasskeyAuth: ${message}`);
}
