// recoveryComplete: enrolls the passkey of a recovery flow. No session: the person then signs in with it.
import { consumeChallenge } from '../challenges';
import type { AuthContext } from '../create-auth-context';
import { AuthError } from '../errors';
import { verifyRegistration } from '../passkeys/verify-registration';
import type { RecoveryCompleteResult, RegistrationCompleteInput } from '../types';
import { toCredentialView, toPersonView } from '../views';

export async function recoveryComplete(context: AuthContext, input: RegistrationCompleteInput): Promise<RecoveryCompleteResult> {
  const challenge = await consumeChallenge(context, input?.flowId, 'recovery');
  const person = challenge.personId === null ? null : await context.store.getPerson(challenge.personId);
  if (person === null) throw new AuthError('AUTH_CHALLENGE_UNKNOWN', 'The recovery flow belongs to nobody');
  const credential = await verifyRegistration(context, { response: input.response, expectedChallenge: challenge.challenge, personId: person.id });
  await context.store.insertCredential(credential);
  return { person: toPersonView(person), credential: toCredentialView(credential) };
}
