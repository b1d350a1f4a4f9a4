// The public types of @loomworks/auth (SPEC §9): options, views handed to callers, and the PasskeyAuth interface.
import type { Clock, IdGenerator, LoomworksStore } from '@loomworks/core';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';

export type { AuthenticationResponseJSON, PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON, RegistrationResponseJSON };

export type PasskeyAuthOptions = {
  /** The WebAuthn relying-party id (a registrable domain, e.g. `example.com`, or `localhost`). Never taken from a request. */
  rpID: string;
  /** The name authenticators show for this site. */
  rpName: string;
  /** Every origin the site is served from (`https://example.com`); responses from any other origin are rejected. */
  origins: readonly string[];
  store: LoomworksStore;
  clock?: Clock;
  /** Ids of people and flows; ULIDs by default. */
  ids?: IdGenerator;
  /** How long a begun ceremony stays completable. Default 120 000 ms. */
  challengeTtlMs?: number;
  /** How long a session lasts. Default 7 days. */
  sessionTtlMs?: number;
  /** Source of randomness for challenges, user handles, session tokens and recovery codes. Default: node:crypto. */
  randomBytes?: (length: number) => Uint8Array;
};

export type PersonView = { id: string; displayName: string; email: string | null };

/** A session token for the client (only its sha256 is stored) and when it expires. */
export type SessionGrant = { token: string; expiresAt: string };

export type CredentialView = {
  id: string;
  deviceType: 'singleDevice' | 'multiDevice';
  backedUp: boolean;
  createdAt: string;
  lastUsedAt: string | null;
  transports: string[];
};

export type SignupBeginInput = { displayName: string; email?: string };
export type RegistrationCeremonyResult = { flowId: string; options: PublicKeyCredentialCreationOptionsJSON };
export type RegistrationCompleteInput = { flowId: string; response: RegistrationResponseJSON };
export type SignupCompleteResult = { person: PersonView; session: SessionGrant; recoveryCodes: string[] };
export type LoginBeginInput = { email?: string };
export type LoginBeginResult = { flowId: string; options: PublicKeyCredentialRequestOptionsJSON };
export type LoginCompleteInput = { flowId: string; response: AuthenticationResponseJSON; previousSessionToken?: string };
export type LoginCompleteResult = { person: PersonView; session: SessionGrant };
export type AddPasskeyCompleteResult = { credential: CredentialView };
export type RedeemRecoveryCodeInput = { code: string };
export type RecoveryCompleteResult = { person: PersonView; credential: CredentialView };
export type VerifySessionResult = { person: PersonView; session: { expiresAt: string } };

/**
 * Passkey-only identity. Every method rejects with an AuthError when authentication fails; store
 * failures reject with the store's own LoomworksError. No method finds a person by email.
 */
export interface PasskeyAuth {
  signupBegin(input: SignupBeginInput): Promise<RegistrationCeremonyResult>;
  /** Creates the person with their first passkey; the recovery codes are returned once and never again. */
  signupComplete(input: RegistrationCompleteInput): Promise<SignupCompleteResult>;
  /** Without an email: a discoverable-credential request. An email only narrows `allowCredentials`. */
  loginBegin(input?: LoginBeginInput): Promise<LoginBeginResult>;
  /** Signs in and rotates the session: `previousSessionToken`, when given, is revoked. */
  loginComplete(input: LoginCompleteInput): Promise<LoginCompleteResult>;
  addPasskeyBegin(sessionToken: string): Promise<RegistrationCeremonyResult>;
  addPasskeyComplete(sessionToken: string, input: RegistrationCompleteInput): Promise<AddPasskeyCompleteResult>;
  listPasskeys(sessionToken: string): Promise<CredentialView[]>;
  /** Never removes a person's last passkey (AUTH_LAST_PASSKEY). */
  removePasskey(sessionToken: string, credentialId: string): Promise<void>;
  /** Spends a recovery code and opens an enrollment flow for a new passkey — nothing else. */
  redeemRecoveryCode(input: RedeemRecoveryCodeInput): Promise<RegistrationCeremonyResult>;
  /** Enrolls the new passkey. Returns no session: the person signs in with the new passkey. */
  recoveryComplete(input: RegistrationCompleteInput): Promise<RecoveryCompleteResult>;
  verifySession(token: string): Promise<VerifySessionResult>;
  /** Revokes a session. Idempotent: an unknown or already revoked token is not an error. */
  revokeSession(token: string): Promise<void>;
}
