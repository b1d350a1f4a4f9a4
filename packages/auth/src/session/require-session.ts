// Resolves a session token to its live session and person, or rejects with AUTH_SESSION_INVALID.
import type { AuthSessionRecord, PersonRecord } from '@loomworks/core';
import type { AuthContext } from '../create-auth-context';
import { AuthError } from '../errors';
import { hashSessionToken } from './hash-session-token';

export type RequireSessionResult = { person: PersonRecord; session: AuthSessionRecord };

export async function requireSession(context: AuthContext, token: unknown): Promise<RequireSessionResult> {
  if (typeof token !== 'string' || token === '') throw new AuthError('AUTH_SESSION_INVALID', 'No session token was given');
  const session = await context.store.getAuthSession(hashSessionToken(token));
  if (session === null) throw new AuthError('AUTH_SESSION_INVALID', 'The session is unknown');
  if (session.revokedAt !== null) throw new AuthError('AUTH_SESSION_INVALID', 'The session was revoked');
  if (context.clock.now() >= Date.parse(session.expiresAt)) throw new AuthError('AUTH_SESSION_INVALID', 'The session expired');
  const person = await context.store.getPerson(session.personId);
  if (person === null) throw new AuthError('AUTH_SESSION_INVALID', 'The session belongs to nobody');
  return { person, session };
}
