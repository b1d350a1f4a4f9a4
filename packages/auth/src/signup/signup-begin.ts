// signupBegin: a new person's first passkey ceremony. The person exists only once signupComplete verifies.
import { LoomworksError } from '@loomworks/core';
import { issueChallenge } from '../challenges';
import type { AuthContext } from '../create-auth-context';
import { registrationOptions } from '../passkeys/registration-options';
import { isPlausibleEmail, normalizeDisplayName, normalizeEmail } from '../people';
import { randomBase64Url } from '../random-base64-url';
import type { RegistrationCeremonyResult, SignupBeginInput } from '../types';

/** The WebAuthn user handle: random, so it says nothing about the person (and never derives from email). */
export const USER_HANDLE_BYTES = 32;

export async function signupBegin(context: AuthContext, input: SignupBeginInput): Promise<RegistrationCeremonyResult> {
  const displayName = normalizeDisplayName(input?.displayName);
  if (input?.email !== undefined && input.email !== null && typeof input.email !== 'string')
    throw new LoomworksError('E_INVALID_INPUT', 'email must be a string when given');
  const email = normalizeEmail(input?.email);
  if (email !== null && !isPlausibleEmail(email)) throw new LoomworksError('E_INVALID_INPUT', 'email does not look like an email address');
  const userHandle = randomBase64Url(context, USER_HANDLE_BYTES);
  // The pending person waits in the flow's data until the passkey verifies.
  const challenge = await issueChallenge(context, { purpose: 'signup', personId: null, data: { displayName, email, userHandle } });
  const options = await registrationOptions(context, { challenge: challenge.challenge, userHandle, displayName });
  return { flowId: challenge.flowId, options };
}
