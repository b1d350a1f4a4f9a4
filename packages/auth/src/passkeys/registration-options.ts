// Creation options for every ceremony that registers a passkey (sign-up, add-passkey, recovery): one policy.
import { generateRegistrationOptions, type PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import type { CredentialRecord } from '@loomworks/core';
import type { AuthContext } from '../create-auth-context';

export type RegistrationOptionsInput = {
  challenge: string;
  /** The person's WebAuthn user handle (base64url of 32 random bytes). */
  userHandle: string;
  displayName: string;
  /** The person's passkeys, so the same authenticator is not registered twice. */
  existingCredentials?: readonly CredentialRecord[];
};

/**
 * Discoverable credentials only (`residentKey: 'required'`), user verification required, no attestation.
 * The authenticator's `user.name` is the display name, not the email: passkey managers show and keep
 * that name, and email is optional contact metadata that must never look like an account identifier.
 */
export async function registrationOptions(context: AuthContext, input: RegistrationOptionsInput): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return generateRegistrationOptions({
    rpName: context.rpName,
    rpID: context.rpID,
    userName: input.displayName,
    userDisplayName: input.displayName,
    userID: isoBase64URL.toBuffer(input.userHandle),
    challenge: isoBase64URL.toBuffer(input.challenge),
    timeout: context.challengeTtlMs,
    attestationType: 'none',
    excludeCredentials: (input.existingCredentials ?? []).map((credential) => ({ id: credential.id, transports: [...credential.transports] })),
    // A fresh object each call: generateRegistrationOptions writes requireResidentKey into it.
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
}
