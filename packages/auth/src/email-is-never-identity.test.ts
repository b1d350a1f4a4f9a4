// SPEC §1.2 principle 1 and §9: no function authenticates, recovers or resets by email. This file proves it.
import { createMemoryStore } from '@loomworks/core';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { LoginCompleteBody, RecoveryCompleteBody, RecoveryRedeemBody } from './http/schemas';
import { createAuthFixture } from './test-support/auth-fixture';
import { createRecordingStore, type RecordedCall } from './test-support/recording-store';
import { codeOf } from './test-support/rejection-of';

const ADA_EMAIL = 'ada@example.com';
const BEA_EMAIL = 'bea@example.com';

function mentionsEmail(value: unknown): boolean {
  const text = JSON.stringify(value).toLowerCase();
  return text.includes(ADA_EMAIL) || text.includes(BEA_EMAIL);
}

async function fullRun() {
  const recording = createRecordingStore(createMemoryStore());
  const fixture = createAuthFixture({ store: recording.store });
  const { auth } = fixture;
  const ada = await fixture.signUp('Ada', ADA_EMAIL);
  const bea = await fixture.signUp('Bea', BEA_EMAIL);

  const discoverable = await auth.loginBegin();
  await auth.loginComplete({ flowId: discoverable.flowId, response: ada.authenticator.authenticate(discoverable.options) });

  // Bea's email as the hint, Ada's passkey in the answer: the email decides nothing.
  const hintCallIndex = recording.calls.length;
  const hinted = await auth.loginBegin({ email: BEA_EMAIL });
  const hintCalls = recording.calls.slice(hintCallIndex);
  const adaByBeaHint = await auth.loginComplete({ flowId: hinted.flowId, response: ada.authenticator.authenticate(hinted.options, { credentialId: ada.credentialId }) });

  const adding = await auth.addPasskeyBegin(ada.session.token);
  const laptop = fixture.authenticator();
  const { credential } = await auth.addPasskeyComplete(ada.session.token, { flowId: adding.flowId, response: laptop.register(adding.options) });
  await auth.listPasskeys(ada.session.token);
  await auth.removePasskey(ada.session.token, credential.id);

  const redeemed = await auth.redeemRecoveryCode({ code: ada.recoveryCodes[0] ?? '' });
  const replacement = fixture.authenticator();
  await auth.recoveryComplete({ flowId: redeemed.flowId, response: replacement.register(redeemed.options) });
  const afterRecovery = await auth.loginBegin();
  const recovered = await auth.loginComplete({ flowId: afterRecovery.flowId, response: replacement.authenticate(afterRecovery.options) });
  await auth.verifySession(recovered.session.token);
  await auth.revokeSession(recovered.session.token);

  return { calls: recording.calls, ada, bea, hinted, hintCalls, adaByBeaHint, recovered };
}

describe('email is never identity', () => {
  it('only findCredentialIdsByEmailHint ever looks anything up by email; other writes merely carry it as contact data', async () => {
    const { calls } = await fullRun();
    const withEmail = calls.filter((call) => mentionsEmail(call.args));
    // Reads: the hint, and nothing else. Writes: the person record, and the sign-up flow holding the pending person.
    expect([...new Set(withEmail.map((call) => call.method))].sort()).toEqual(['findCredentialIdsByEmailHint', 'insertChallenge', 'insertPerson']);
    for (const call of withEmail.filter((call) => call.method !== 'findCredentialIdsByEmailHint')) {
      expect(call.args).toHaveLength(1);
      const record = call.args[0] as { email?: unknown; purpose?: unknown; data?: { email?: unknown } };
      if (call.method === 'insertPerson') {
        const { email, ...rest } = record;
        expect([ADA_EMAIL, BEA_EMAIL]).toContain(email);
        expect(mentionsEmail(rest)).toBe(false);
      } else {
        expect(record.purpose).toBe('signup');
        const { email, ...restOfData } = record.data ?? {};
        expect([ADA_EMAIL, BEA_EMAIL]).toContain(email);
        expect(mentionsEmail({ ...record, data: restOfData })).toBe(false);
      }
    }
    expect(calls.filter((call) => call.method === 'findCredentialIdsByEmailHint')).toHaveLength(1);
  });

  it('uses the hint’s result only as allowCredentials: the login flow stores neither the email nor the hinted ids', async () => {
    const { hinted, hintCalls, bea } = await fullRun();
    const hint = hintCalls.find((call: RecordedCall) => call.method === 'findCredentialIdsByEmailHint');
    expect(hint?.args).toEqual([BEA_EMAIL]);
    expect(hint?.result).toEqual([bea.credentialId]);
    expect(hinted.options.allowCredentials?.map((descriptor) => descriptor.id)).toEqual(hint?.result);
    const otherCalls = hintCalls.filter((call) => call !== hint);
    expect(otherCalls.map((call) => call.method)).toEqual(['insertChallenge']);
    const storedFlow = JSON.stringify(otherCalls[0]?.args);
    expect(mentionsEmail(storedFlow)).toBe(false);
    expect(storedFlow).not.toContain(bea.credentialId);
  });

  it('signs in whoever’s passkey answers, even when the login began with someone else’s email', async () => {
    const { adaByBeaHint, ada } = await fullRun();
    expect(adaByBeaHint.person.id).toBe(ada.person.id);
  });

  it('offers no way to sign in, recover or reset with an email', async () => {
    const fixture = createAuthFixture();
    const { auth } = fixture;
    const ada = await fixture.signUp('Ada', ADA_EMAIL);
    expect(Object.keys(auth).sort()).toEqual([
      'addPasskeyBegin',
      'addPasskeyComplete',
      'listPasskeys',
      'loginBegin',
      'loginComplete',
      'recoveryComplete',
      'redeemRecoveryCode',
      'removePasskey',
      'revokeSession',
      'signupBegin',
      'signupComplete',
      'verifySession',
    ]);
    // Knowing someone's email gets you an ordinary login challenge and nothing more.
    const begun = await auth.loginBegin({ email: ADA_EMAIL });
    // @ts-expect-error — loginComplete takes no email
    expect(await codeOf(auth.loginComplete({ flowId: begun.flowId, email: ADA_EMAIL }))).toBe('AUTH_CREDENTIAL_UNKNOWN');
    // @ts-expect-error — recovery takes a code, never an email
    expect(await codeOf(auth.redeemRecoveryCode({ email: ADA_EMAIL }))).toBe('AUTH_RECOVERY_CODE_INVALID');
    // @ts-expect-error — sessions are tokens, never emails
    expect(await codeOf(auth.verifySession({ email: ADA_EMAIL }))).toBe('AUTH_SESSION_INVALID');
    expect(await codeOf(auth.verifySession(ADA_EMAIL))).toBe('AUTH_SESSION_INVALID');
    expect(await codeOf(auth.listPasskeys(ADA_EMAIL))).toBe('AUTH_SESSION_INVALID');
    expect(await codeOf(auth.removePasskey(ADA_EMAIL, ada.credentialId))).toBe('AUTH_SESSION_INVALID');
    // The HTTP bodies drop an email field rather than pass it on.
    expect(v.parse(RecoveryRedeemBody, { code: 'ABCD', email: ADA_EMAIL })).toEqual({ code: 'ABCD' });
    const response = ada.authenticator.authenticate(begun.options);
    expect(v.parse(LoginCompleteBody, { flowId: 'f', response, email: ADA_EMAIL })).not.toHaveProperty('email');
    expect(v.safeParse(RecoveryCompleteBody, { email: ADA_EMAIL }).success).toBe(false);
  });
});
