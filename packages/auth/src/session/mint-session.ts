// A new session: a random 32-byte token for the client and the record (token hash only) for the store.
import { isoNow, type AuthSessionRecord } from '@loomworks/core';
import type { AuthContext } from '../create-auth-context';
import { randomBase64Url } from '../random-base64-url';
import type { SessionGrant } from '../types';
import { hashSessionToken } from './hash-session-token';

export const SESSION_TOKEN_BYTES = 32;

export type MintSessionResult = { grant: SessionGrant; record: AuthSessionRecord };

/** Builds a session without writing it, so callers can insert it in the same transaction as the rest. */
export function mintSession(context: AuthContext, personId: string): MintSessionResult {
  const token = randomBase64Url(context, SESSION_TOKEN_BYTES);
  const expiresAt = new Date(context.clock.now() + context.sessionTtlMs).toISOString();
  return {
    grant: { token, expiresAt },
    record: { tokenHash: hashSessionToken(token), personId, createdAt: isoNow(context.clock), expiresAt, revokedAt: null },
  };
}
