import { LoomworksError } from '@loomworks/core';
import { describe, expect, it } from 'vitest';
import { AuthError } from './auth-error';
import { mapWebAuthnError } from './map-web-authn-error';

describe('AuthError', () => {
  it('is a LoomworksError with an AUTH_* code, recognised by the registered symbol', () => {
    const error = new AuthError('AUTH_LAST_PASSKEY', 'keep one');
    expect(LoomworksError.is(error, 'AUTH_LAST_PASSKEY')).toBe(true);
    expect(AuthError.is(error)).toBe(true);
    expect(error.name).toBe('AuthError');
    expect(error.toJSON()).toMatchObject({ name: 'AuthError', code: 'AUTH_LAST_PASSKEY' });
    // An AuthError from another copy of the package is still an AuthError.
    const foreign = Object.assign(new Error('copy'), { code: 'AUTH_SESSION_INVALID' });
    Object.defineProperty(foreign, Symbol.for('loomworks.error'), { value: true });
    expect(AuthError.is(foreign, 'AUTH_SESSION_INVALID')).toBe(true);
  });

  it('does not claim store errors or plain errors, so callers can tell a failed sign-in from a failing store', () => {
    expect(AuthError.is(new LoomworksError('E_STORE', 'disk'))).toBe(false);
    expect(AuthError.is(new Error('AUTH_SESSION_INVALID'))).toBe(false);
    expect(AuthError.is({ code: 'AUTH_SESSION_INVALID' })).toBe(false);
  });
});

describe('mapWebAuthnError', () => {
  it('keeps the SimpleWebAuthn error as cause and falls back to AUTH_VERIFICATION_FAILED for anything unrecognised', () => {
    const original = new Error('Something new went wrong in a future version');
    const mapped = mapWebAuthnError(original, 'authentication');
    expect(AuthError.is(mapped, 'AUTH_VERIFICATION_FAILED')).toBe(true);
    expect(mapped.cause).toBe(original);
    expect(AuthError.is(mapWebAuthnError('a thrown string', 'registration'), 'AUTH_VERIFICATION_FAILED')).toBe(true);
  });

  it('passes LoomworksErrors (e.g. from the store) through untouched', () => {
    const storeError = new LoomworksError('E_STORE', 'disk full');
    expect(mapWebAuthnError(storeError, 'registration')).toBe(storeError);
  });
});
