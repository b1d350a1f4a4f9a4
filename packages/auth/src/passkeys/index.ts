export { addPasskeyBegin } from './add-passkey-begin';
export { addPasskeyComplete } from './add-passkey-complete';
export { listPasskeys } from './list-passkeys';
export { registrationOptions, type RegistrationOptionsInput } from './registration-options';
export { removePasskey } from './remove-passkey';
export { verifyRegistration, type VerifyRegistrationInput } from './verify-registration';
