// revokeSession: ends a session. Idempotent, so signing out twice or with a stale cookie is not an error.
import { isoNow, type StoreOperations } from '@loomworks/core';
import type { AuthContext } from '../create-auth-context';
import { hashSessionToken } from './hash-session-token';

/** Revokes the session if it exists and is live; `operations` lets a caller do it inside its transaction. */
export async function revokeSession(context: AuthContext, token: string, operations: StoreOperations = context.store): Promise<void> {
  if (typeof token !== 'string' || token === '') return;
  const tokenHash = hashSessionToken(token);
  const session = await operations.getAuthSession(tokenHash);
  if (session === null || session.revokedAt !== null) return;
  await operations.revokeAuthSession(tokenHash, isoNow(context.clock));
}
