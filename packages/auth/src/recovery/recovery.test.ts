import { describe, expect, it } from 'vitest';
import { createAuthFixture } from '../test-support/auth-fixture';
import { codeOf } from '../test-support/rejection-of';
import { normalizeRecoveryCode } from './normalize-recovery-code';

describe('redeemRecoveryCode / recoveryComplete', () => {
  it('opens an enrollment flow for the code’s owner, enrolls a new passkey without a session, and that passkey signs in', async () => {
    const fixture = createAuthFixture();
    const ada = await fixture.signUp('Ada', 'ada@example.com');
    const [code] = ada.recoveryCodes;
    const redeemed = await fixture.auth.redeemRecoveryCode({ code: code ?? '' });
    expect(redeemed.options.user.id).toBe(ada.authenticator.credentials[0]?.userHandle);
    expect(redeemed.options.authenticatorSelection).toMatchObject({ residentKey: 'required', userVerification: 'required' });
    expect(Object.keys(redeemed).sort()).toEqual(['flowId', 'options']);

    const replacement = fixture.authenticator();
    const sessionsBefore = (await fixture.store.scan('authSessions')).records.length;
    const recovered = await fixture.auth.recoveryComplete({ flowId: redeemed.flowId, response: replacement.register(redeemed.options) });
    expect(recovered.person).toEqual(ada.person);
    expect(recovered.credential.id).toBe(replacement.credentials[0]?.id);
    expect(recovered).not.toHaveProperty('session');
    expect((await fixture.store.scan('authSessions')).records).toHaveLength(sessionsBefore);

    const login = await fixture.auth.loginBegin();
    const { person } = await fixture.auth.loginComplete({ flowId: login.flowId, response: replacement.authenticate(login.options) });
    expect(person.id).toBe(ada.person.id);
  });

  it('uses each code once: reuse is AUTH_RECOVERY_CODE_INVALID, even while the first enrollment is still open', async () => {
    const fixture = createAuthFixture();
    const ada = await fixture.signUp('Ada');
    const code = ada.recoveryCodes[3] ?? '';
    await fixture.auth.redeemRecoveryCode({ code });
    expect(await codeOf(fixture.auth.redeemRecoveryCode({ code }))).toBe('AUTH_RECOVERY_CODE_INVALID');
    expect(await codeOf(fixture.auth.redeemRecoveryCode({ code: code.toLowerCase().replaceAll('-', ' ') }))).toBe('AUTH_RECOVERY_CODE_INVALID');
    // The other nine still work.
    await fixture.auth.redeemRecoveryCode({ code: ada.recoveryCodes[4] ?? '' });
  });

  it('accepts a code typed loosely: lower case, spaces instead of dashes, O for 0 and I or L for 1', async () => {
    // Deterministic randomness, so the codes are known to contain the digits 0 and 1.
    let state = 7;
    const randomBytes = (length: number) => Uint8Array.from({ length }, () => ((state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0) >>> 16) & 0xff);
    const fixture = createAuthFixture({ randomBytes });
    const ada = await fixture.signUp('Ada');
    const code = ada.recoveryCodes.find((candidate) => candidate.includes('0') && candidate.includes('1')) ?? '';
    expect(code).not.toBe('');
    const typed = code.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o').replace('1', 'l').replaceAll('1', 'i');
    await fixture.auth.redeemRecoveryCode({ code: `  ${typed}  ` });
    expect(await codeOf(fixture.auth.redeemRecoveryCode({ code }))).toBe('AUTH_RECOVERY_CODE_INVALID');
  });

  it('rejects unknown and malformed codes without touching any person', async () => {
    const fixture = createAuthFixture();
    await fixture.signUp('Ada');
    for (const code of ['', 'hello', '0000-0000-0000-0000', 'AAAA-BBBB-CCCC-DDDD-EEEE', 'U'.repeat(16)]) {
      expect(await codeOf(fixture.auth.redeemRecoveryCode({ code })), code).toBe('AUTH_RECOVERY_CODE_INVALID');
    }
    expect((await fixture.store.scan('challenges')).records).toEqual([]);
  });

  it('binds the enrollment flow to recovery: it cannot be finished as a sign-up or an add-passkey, and spent flows stay spent', async () => {
    const fixture = createAuthFixture();
    const ada = await fixture.signUp('Ada');
    const redeemed = await fixture.auth.redeemRecoveryCode({ code: ada.recoveryCodes[0] ?? '' });
    const device = fixture.authenticator();
    expect(await codeOf(fixture.auth.signupComplete({ flowId: redeemed.flowId, response: device.register(redeemed.options) }))).toBe('AUTH_CHALLENGE_UNKNOWN');
    expect(await codeOf(fixture.auth.recoveryComplete({ flowId: redeemed.flowId, response: device.register(redeemed.options) }))).toBe('AUTH_CHALLENGE_UNKNOWN');
    const login = await fixture.auth.loginBegin();
    expect(await codeOf(fixture.auth.recoveryComplete({ flowId: login.flowId, response: device.register({ ...redeemed.options, challenge: login.options.challenge }) }))).toBe(
      'AUTH_CHALLENGE_UNKNOWN',
    );
  });

  it('verifies the new passkey like any other registration (origin, user verification)', async () => {
    const fixture = createAuthFixture();
    const ada = await fixture.signUp('Ada');
    const first = await fixture.auth.redeemRecoveryCode({ code: ada.recoveryCodes[0] ?? '' });
    expect(await codeOf(fixture.auth.recoveryComplete({ flowId: first.flowId, response: fixture.authenticator().register(first.options, { origin: 'https://evil.test' }) }))).toBe(
      'AUTH_ORIGIN_MISMATCH',
    );
    const second = await fixture.auth.redeemRecoveryCode({ code: ada.recoveryCodes[1] ?? '' });
    expect(await codeOf(fixture.auth.recoveryComplete({ flowId: second.flowId, response: fixture.authenticator().register(second.options, { userVerified: false }) }))).toBe(
      'AUTH_VERIFICATION_FAILED',
    );
    expect((await fixture.store.scan('credentials')).records).toHaveLength(1);
  });
});

describe('normalizeRecoveryCode', () => {
  it('folds case, separators and look-alike letters; refuses anything else', () => {
    expect(normalizeRecoveryCode('abcd-efgh-jkmn-pqrs')).toBe('ABCDEFGHJKMNPQRS');
    expect(normalizeRecoveryCode('OIL0 1234 5678 9ABC')).toBe('0110123456789ABC');
    expect(normalizeRecoveryCode('ABCD-EFGH-JKMN-PQR')).toBeNull();
    expect(normalizeRecoveryCode('ABCD-EFGH-JKMN-PQRU')).toBeNull();
    expect(normalizeRecoveryCode(42)).toBeNull();
  });
});
