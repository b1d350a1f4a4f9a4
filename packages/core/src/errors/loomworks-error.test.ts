import { describe, expect, it } from 'vitest';
import { ERROR_CODES, LoomworksError, isErrorCode, wrapError } from '.';

describe('LoomworksError', () => {
  it('carries a stable code, details, hint and cause', () => {
    const cause = new Error('disk full');
    const error = new LoomworksError('E_STORE', 'Could not write', { cause, details: { table: 'events' }, hint: 'Free some space.' });
    expect(error.code).toBe('E_STORE');
    expect(error.cause).toBe(cause);
    expect(error.details).toEqual({ table: 'events' });
    expect(error.errorClass).toBe('store');
    expect(error.toJSON()).toEqual({ name: 'LoomworksError', code: 'E_STORE', message: 'Could not write', details: { table: 'events' }, hint: 'Free some space.' });
  });

  it('is recognised by a registered symbol, not instanceof, so a second copy of the package still matches', () => {
    const foreign = Object.assign(new Error('from another copy'), { code: 'E_CONFLICT' });
    Object.defineProperty(foreign, Symbol.for('loomworks.error'), { value: true });
    expect(LoomworksError.is(foreign)).toBe(true);
    expect(LoomworksError.is(foreign, 'E_CONFLICT')).toBe(true);
    expect(LoomworksError.is(foreign, ['E_STORE', 'E_CONFLICT'])).toBe(true);
    expect(LoomworksError.is(foreign, 'E_STORE')).toBe(false);
    expect(LoomworksError.is(new Error('plain'))).toBe(false);
    expect(LoomworksError.is(null)).toBe(false);
    expect(LoomworksError.is({ code: 'E_STORE' })).toBe(false);
  });

  it('wrapError keeps the foreign error as cause and passes LoomworksErrors through', () => {
    const sqliteError = Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY' });
    const wrapped = wrapError(sqliteError, 'E_STORE', 'Could not append events');
    expect(wrapped.code).toBe('E_STORE');
    expect(wrapped.cause).toBe(sqliteError);
    expect(wrapped.message).toBe('Could not append events: SQLITE_BUSY: database is locked');
    const original = new LoomworksError('E_CONFLICT', 'lost the race');
    expect(wrapError(original, 'E_STORE', 'ignored')).toBe(original);
  });

  it('has a registry where every code maps to an exit-code class', () => {
    const classes = new Set(['internal', 'usage', 'input', 'induction', 'companion', 'store']);
    for (const [code, entry] of Object.entries(ERROR_CODES)) {
      expect(classes.has(entry.class), code).toBe(true);
      expect(isErrorCode(code)).toBe(true);
    }
    expect(isErrorCode('E_NOPE')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
  });

  it('includes every auth code of SPEC §9', () => {
    for (const code of [
      'AUTH_CHALLENGE_EXPIRED',
      'AUTH_CHALLENGE_UNKNOWN',
      'AUTH_ORIGIN_MISMATCH',
      'AUTH_VERIFICATION_FAILED',
      'AUTH_CREDENTIAL_UNKNOWN',
      'AUTH_USER_HANDLE_MISMATCH',
      'AUTH_COUNTER_REGRESSION',
      'AUTH_LAST_PASSKEY',
      'AUTH_RECOVERY_CODE_INVALID',
    ]) {
      expect(isErrorCode(code), code).toBe(true);
    }
  });
});
