// addPasskeyBegin: a signed-in person starts registering another passkey.
import type { AuthContext } from '../create-auth-context';
import { requireSession } from '../session';
import type { RegistrationCeremonyResult } from '../types';
import { beginEnrollment } from './begin-enrollment';

export async function addPasskeyBegin(context: AuthContext, sessionToken: string): Promise<RegistrationCeremonyResult> {
  const { person } = await requireSession(context, sessionToken);
  return beginEnrollment(context, person, 'add-passkey');
}
