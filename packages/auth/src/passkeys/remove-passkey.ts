// removePasskey: deletes one of the signed-in person's passkeys, never the last one.
import type { AuthContext } from '../create-auth-context';
import { AuthError } from '../errors';
import { requireSession } from '../session';

export async function removePasskey(context: AuthContext, sessionToken: string, credentialId: string): Promise<void> {
  const { person } = await requireSession(context, sessionToken);
  const credential = typeof credentialId === 'string' && credentialId !== '' ? await context.store.getCredential(credentialId) : null;
  // Someone else's passkey is reported exactly like a missing one.
  if (credential === null || credential.personId !== person.id) throw new AuthError('AUTH_CREDENTIAL_UNKNOWN', 'You have no passkey with that id');
  // The store refuses the last passkey atomically, so two concurrent removals cannot leave a person with none.
  const outcome = await context.store.deleteCredential(credential.id);
  if (outcome === 'last') throw new AuthError('AUTH_LAST_PASSKEY', 'The last passkey cannot be removed; add another first');
  if (outcome === 'missing') throw new AuthError('AUTH_CREDENTIAL_UNKNOWN', 'You have no passkey with that id');
}
