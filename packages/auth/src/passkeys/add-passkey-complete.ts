// addPasskeyComplete: verifies the new passkey and adds it to the signed-in person.
import { consumeChallenge } from '../challenges';
import type { AuthContext } from '../create-auth-context';
import { AuthError } from '../errors';
import { requireSession } from '../session';
import type { AddPasskeyCompleteResult, RegistrationCompleteInput } from '../types';
import { toCredentialView } from '../views';
import { verifyRegistration } from './verify-registration';

export async function addPasskeyComplete(context: AuthContext, sessionToken: string, input: RegistrationCompleteInput): Promise<AddPasskeyCompleteResult> {
  // Spend the challenge first, so even an attempt with a dead session cannot leave it reusable.
  const challenge = await consumeChallenge(context, input?.flowId, 'add-passkey');
  const { person } = await requireSession(context, sessionToken);
  // A flow begun by someone else is not this person's to finish.
  if (challenge.personId !== person.id) throw new AuthError('AUTH_CHALLENGE_UNKNOWN', 'The flow was begun by another session');
  const credential = await verifyRegistration(context, { response: input.response, expectedChallenge: challenge.challenge, personId: person.id });
  await context.store.insertCredential(credential);
  return { credential: toCredentialView(credential) };
}
