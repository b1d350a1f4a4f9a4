// Ends a ceremony's challenge: taken from the store before anything is verified, so every attempt spends it.
import type { ChallengePurpose, ChallengeRecord } from '@loomworks/core';
import type { AuthContext } from '../create-auth-context';
import { AuthError } from '../errors';

/**
 * Consumes the flow's challenge atomically and only then checks it: a failed attempt (wrong purpose,
 * expired, bad response) still spends it, so a challenge can be verified at most once.
 */
export async function consumeChallenge(context: AuthContext, flowId: unknown, purpose: ChallengePurpose): Promise<ChallengeRecord> {
  if (typeof flowId !== 'string' || flowId === '') throw new AuthError('AUTH_CHALLENGE_UNKNOWN', 'No flow id was given');
  const record = await context.store.consumeChallenge(flowId);
  if (record === null) throw new AuthError('AUTH_CHALLENGE_UNKNOWN', 'The flow is unknown or its challenge was already used');
  // A challenge of another ceremony is unknown to this one; it is spent all the same.
  if (record.purpose !== purpose) throw new AuthError('AUTH_CHALLENGE_UNKNOWN', `The flow is not a ${purpose} flow`);
  if (context.clock.now() >= Date.parse(record.expiresAt)) throw new AuthError('AUTH_CHALLENGE_EXPIRED', 'The flow expired; start again');
  return record;
}
