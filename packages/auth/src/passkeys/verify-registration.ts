// Verifies a registration response against the flow's challenge and the configured origins and RP ID.
import { verifyRegistrationResponse, type RegistrationResponseJSON } from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { isoNow, type CredentialRecord } from '@loomworks/core';
import type { AuthContext } from '../create-auth-context';
import { AuthError, mapWebAuthnError } from '../errors';

export type VerifyRegistrationInput = {
  response: RegistrationResponseJSON;
  expectedChallenge: string;
  /** The person the new credential will belong to. */
  personId: string;
};

/** Returns the credential record to store; rejects with an AuthError when the response does not verify. */
export async function verifyRegistration(context: AuthContext, input: VerifyRegistrationInput): Promise<CredentialRecord> {
  const { response } = input;
  let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: input.expectedChallenge,
      // From configuration only: nothing in the request chooses what is trusted.
      expectedOrigin: [...context.origins],
      expectedRPID: context.rpID,
      requireUserPresence: true,
      requireUserVerification: true,
    });
  } catch (error) {
    throw mapWebAuthnError(error, 'registration');
  }
  if (verification.verified !== true) throw new AuthError('AUTH_VERIFICATION_FAILED', 'The passkey registration did not verify');
  const info = verification.registrationInfo;
  if (!info.userVerified) throw new AuthError('AUTH_VERIFICATION_FAILED', 'The authenticator did not verify the user');
  // We asked for a discoverable credential; one the browser reports as non-discoverable could never sign in without a hint.
  if (response.clientExtensionResults?.credProps?.rk === false)
    throw new AuthError('AUTH_VERIFICATION_FAILED', 'The authenticator created a credential that is not discoverable');
  return {
    id: info.credential.id,
    personId: input.personId,
    publicKey: isoBase64URL.fromBuffer(info.credential.publicKey),
    counter: info.credential.counter,
    transports: sanitizeTransports(response.response.transports),
    deviceType: info.credentialDeviceType,
    backedUp: info.credentialBackedUp,
    createdAt: isoNow(context.clock),
    lastUsedAt: null,
  };
}

function sanitizeTransports(transports: unknown): string[] {
  if (!Array.isArray(transports)) return [];
  return transports.filter((transport): transport is string => typeof transport === 'string' && transport.length <= 32).slice(0, 8);
}
