// loginComplete: verifies an assertion against the credential it names, then rotates the session.
import { verifyAuthenticationResponse, type AuthenticationResponseJSON } from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { isoNow } from '@loomworks/core';
import { consumeChallenge } from '../challenges';
import type { AuthContext } from '../create-auth-context';
import { AuthError, mapWebAuthnError } from '../errors';
import { mintSession, revokeSession } from '../session';
import type { LoginCompleteInput, LoginCompleteResult } from '../types';
import { toPersonView } from '../views';
import { counterAdvances } from './counter-advances';

export async function loginComplete(context: AuthContext, input: LoginCompleteInput): Promise<LoginCompleteResult> {
  // Spend the challenge before looking at anything else: a failed attempt cannot be retried on it.
  const challenge = await consumeChallenge(context, input?.flowId, 'login');
  const response: Partial<AuthenticationResponseJSON> = typeof input?.response === 'object' && input.response !== null ? input.response : {};

  // The person is found by credential id — never by email, never by anything the login began with.
  const credential = typeof response.id === 'string' && response.id !== '' ? await context.store.getCredential(response.id) : null;
  if (credential === null) throw new AuthError('AUTH_CREDENTIAL_UNKNOWN', 'No passkey with that credential id is registered');
  const person = await context.store.getPerson(credential.personId);
  if (person === null) throw new AuthError('AUTH_CREDENTIAL_UNKNOWN', 'The passkey belongs to nobody');
  const userHandle = response.response?.userHandle;
  if (typeof userHandle !== 'string' || isoBase64URL.trimPadding(userHandle) !== person.userHandle)
    throw new AuthError('AUTH_USER_HANDLE_MISMATCH', 'The user handle does not belong to the passkey owner');

  let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verification = await verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge: challenge.challenge,
      // From configuration only: nothing in the request chooses what is trusted.
      expectedOrigin: [...context.origins],
      expectedRPID: context.rpID,
      credential: { id: credential.id, publicKey: isoBase64URL.toBuffer(credential.publicKey), counter: credential.counter, transports: credential.transports },
      requireUserVerification: true,
    });
  } catch (error) {
    throw mapWebAuthnError(error, 'authentication');
  }
  if (verification.verified !== true) throw new AuthError('AUTH_VERIFICATION_FAILED', 'The passkey signature did not verify');
  const info = verification.authenticationInfo;
  if (!info.userVerified) throw new AuthError('AUTH_VERIFICATION_FAILED', 'The authenticator did not verify the user');
  // SimpleWebAuthn checks the counter too; checking it here keeps the rule (and its 0 → 0 exception) ours.
  if (!counterAdvances(credential.counter, info.newCounter))
    throw new AuthError('AUTH_COUNTER_REGRESSION', `The passkey counter went from ${credential.counter} to ${info.newCounter}`);

  const session = mintSession(context, person.id);
  await context.store.transaction(async (operations) => {
    const updated = await operations.updateCredentialCounter(credential.id, {
      expectedCounter: credential.counter,
      counter: info.newCounter,
      backedUp: info.credentialBackedUp,
      lastUsedAt: isoNow(context.clock),
    });
    // Compare-and-set lost: another sign-in with this passkey recorded its counter first.
    if (!updated) throw new AuthError('AUTH_COUNTER_REGRESSION', 'Another sign-in with this passkey changed its counter first');
    await operations.insertAuthSession(session.record);
    if (typeof input.previousSessionToken === 'string') await revokeSession(context, input.previousSessionToken, operations);
  });
  return { person: toPersonView(person), session: session.grant };
}
