// verifySession: who a session token belongs to, while it is live (not expired, not revoked).
import type { AuthContext } from '../create-auth-context';
import type { VerifySessionResult } from '../types';
import { toPersonView } from '../views';
import { requireSession } from './require-session';

export async function verifySession(context: AuthContext, token: string): Promise<VerifySessionResult> {
  const { person, session } = await requireSession(context, token);
  return { person: toPersonView(person), session: { expiresAt: session.expiresAt } };
}
