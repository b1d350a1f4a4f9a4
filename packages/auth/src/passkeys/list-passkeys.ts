// listPasskeys: the signed-in person's passkeys, oldest first.
import type { AuthContext } from '../create-auth-context';
import { requireSession } from '../session';
import type { CredentialView } from '../types';
import { toCredentialView } from '../views';

export async function listPasskeys(context: AuthContext, sessionToken: string): Promise<CredentialView[]> {
  const { person } = await requireSession(context, sessionToken);
  const credentials = await context.store.listCredentials(person.id);
  return credentials.map(toCredentialView);
}
