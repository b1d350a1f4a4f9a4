// Property: however begin / complete / expire / replay interleave, a challenge verifies at most once,
// never after it expired and never for another ceremony than the one it was issued for.
import type { ChallengePurpose } from '@loomworks/core';
import type { AuthenticationResponseJSON, PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuthError } from '../errors';
import { CHALLENGE_TTL_MS, RP_ID, createAuthFixture } from '../test-support/auth-fixture';

const PURPOSES = ['signup', 'login', 'add-passkey', 'recovery'] as const satisfies readonly ChallengePurpose[];

type Action =
  | { kind: 'begin'; purpose: ChallengePurpose }
  /** `as: null` completes the flow as the ceremony it was begun for. */
  | { kind: 'complete'; flow: number; as: ChallengePurpose | null; answerAnotherFlow: boolean }
  | { kind: 'replay'; submission: number }
  | { kind: 'advance'; milliseconds: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('begin' as const), purpose: fc.constantFrom(...PURPOSES) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('complete' as const),
      flow: fc.nat(),
      // The flow's own ceremony about half the time, another one otherwise.
      as: fc.option(fc.constantFrom(...PURPOSES), { freq: 3, nil: null }),
      // A response answering another flow's challenge: a cross-flow or replayed answer.
      answerAnotherFlow: fc.integer({ min: 0, max: 3 }).map((roll) => roll === 0),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('replay' as const), submission: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      milliseconds: fc.oneof(fc.integer({ min: 0, max: CHALLENGE_TTL_MS / 10 }), fc.integer({ min: CHALLENGE_TTL_MS - 2, max: CHALLENGE_TTL_MS * 1.5 })),
    }),
  },
);

type Flow = { flowId: string; purpose: ChallengePurpose; challenge: string; expiresAt: number; attempted: boolean };
type Submission = { flow: Flow; as: ChallengePurpose; response: RegistrationResponseJSON | AuthenticationResponseJSON };
type Outcome = 'verified' | 'AUTH_CHALLENGE_UNKNOWN' | 'AUTH_CHALLENGE_EXPIRED';

describe('the challenge state machine', () => {
  it('never verifies a challenge twice, after expiry, or for the wrong purpose', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 4, maxLength: 40, size: 'medium' }), async (actions) => {
        const fixture = createAuthFixture();
        const ada = await fixture.signUp('Ada');
        const template: PublicKeyCredentialCreationOptionsJSON = (await fixture.auth.addPasskeyBegin(ada.session.token)).options;
        const registrar = fixture.authenticator();
        const recoveryCodes = [...ada.recoveryCodes];
        const flows: Flow[] = [];
        const submissions: Submission[] = [];
        const verifiedFlows: string[] = [];

        const submit = async (flow: Flow, as: ChallengePurpose, response: Submission['response']): Promise<Outcome> => {
          const input = { flowId: flow.flowId, response } as never;
          try {
            if (as === 'login') await fixture.auth.loginComplete(input);
            else if (as === 'signup') await fixture.auth.signupComplete(input);
            else if (as === 'add-passkey') await fixture.auth.addPasskeyComplete(ada.session.token, input);
            else await fixture.auth.recoveryComplete(input);
            verifiedFlows.push(flow.flowId);
            return 'verified';
          } catch (error) {
            if (!AuthError.is(error, ['AUTH_CHALLENGE_UNKNOWN', 'AUTH_CHALLENGE_EXPIRED'])) throw error;
            return error.code as Outcome;
          }
        };

        for (const step of actions) {
          if (step.kind === 'advance') {
            fixture.clock.advance(step.milliseconds);
          } else if (step.kind === 'begin') {
            let begun: { flowId: string; options: { challenge: string } };
            if (step.purpose === 'login') begun = await fixture.auth.loginBegin();
            else if (step.purpose === 'signup') begun = await fixture.auth.signupBegin({ displayName: 'Someone' });
            else if (step.purpose === 'add-passkey') begun = await fixture.auth.addPasskeyBegin(ada.session.token);
            else {
              const code = recoveryCodes.shift();
              if (code === undefined) continue;
              begun = await fixture.auth.redeemRecoveryCode({ code });
            }
            flows.push({ flowId: begun.flowId, purpose: step.purpose, challenge: begun.options.challenge, expiresAt: fixture.clock.now() + CHALLENGE_TTL_MS, attempted: false });
          } else if (step.kind === 'complete') {
            if (flows.length === 0) continue;
            const flow = flows[step.flow % flows.length] as Flow;
            const as = step.as ?? flow.purpose;
            const other = flows.find((candidate) => candidate !== flow);
            const answered = step.answerAnotherFlow && other ? other.challenge : flow.challenge;
            const response = as === 'login' ? ada.authenticator.authenticate({ rpId: RP_ID, challenge: answered }) : registrar.register({ ...template, challenge: answered });
            const expected: Outcome = flow.attempted
              ? 'AUTH_CHALLENGE_UNKNOWN'
              : as !== flow.purpose
                ? 'AUTH_CHALLENGE_UNKNOWN'
                : fixture.clock.now() >= flow.expiresAt
                  ? 'AUTH_CHALLENGE_EXPIRED'
                  : answered !== flow.challenge
                    ? 'AUTH_CHALLENGE_UNKNOWN'
                    : 'verified';
            flow.attempted = true;
            submissions.push({ flow, as, response });
            expect(await submit(flow, as, response)).toBe(expected);
          } else {
            if (submissions.length === 0) continue;
            const earlier = submissions[step.submission % submissions.length] as Submission;
            // Every submission spent its flow, so a replay can never verify.
            expect(await submit(earlier.flow, earlier.as, earlier.response)).toBe('AUTH_CHALLENGE_UNKNOWN');
          }
        }
        expect(new Set(verifiedFlows).size).toBe(verifiedFlows.length);
      }),
      { numRuns: 100 },
    );
  });
});
