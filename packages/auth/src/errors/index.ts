export { AUTH_ERROR_CODES, AuthError, type AuthErrorCode } from './auth-error';
export { mapWebAuthnError } from './map-web-authn-error';
