// @loomworks/auth — passkey-only identity (SPEC §9): email is never identity.

export { createPasskeyAuth } from './create-passkey-auth';
export { AuthError, type AuthErrorCode } from './errors';
export {
  LoginBeginBody,
  LoginCompleteBody,
  PasskeyCompleteBody,
  RecoveryCompleteBody,
  RecoveryRedeemBody,
  SignupBeginBody,
  SignupCompleteBody,
  createAuthHandlers,
  type AuthHandlers,
  type AuthHandlersOptions,
} from './http';
export type {
  AddPasskeyCompleteResult,
  AuthenticationResponseJSON,
  CredentialView,
  LoginBeginInput,
  LoginBeginResult,
  LoginCompleteInput,
  LoginCompleteResult,
  PasskeyAuth,
  PasskeyAuthOptions,
  PersonView,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RecoveryCompleteResult,
  RedeemRecoveryCodeInput,
  RegistrationCeremonyResult,
  RegistrationCompleteInput,
  RegistrationResponseJSON,
  SessionGrant,
  SignupBeginInput,
  SignupCompleteResult,
  VerifySessionResult,
} from './types';
