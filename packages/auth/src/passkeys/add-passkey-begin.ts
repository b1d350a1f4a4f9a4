// addPasskeyBegin: a signed-in person starts registering another passkey.
import { issueChallenge } from '../challenges';
import type { AuthContext } from '../create-auth-context';
import { requireSession } from '../session';
import type { RegistrationCeremonyResult } from '../types';
import { registrationOptions } from './registration-options';

export async function addPasskeyBegin(context: AuthContext, sessionToken: string): Promise<RegistrationCeremonyResult> {
  const { person } = await requireSession(context, sessionToken);
  const existingCredentials = await context.store.listCredentials(person.id);
  const challenge = await issueChallenge(context, { purpose: 'add-passkey', personId: person.id });
  // The same user handle as the person's other passkeys: any of them signs in as the same person.
  const options = await registrationOptions(context, {
    challenge: challenge.challenge,
    userHandle: person.userHandle,
    displayName: person.displayName,
    existingCredentials,
  });
  return { flowId: challenge.flowId, options };
}
