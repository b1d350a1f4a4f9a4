// Starts a ceremony: a fresh 32-byte challenge stored under a new flow id with its purpose and expiry.
import { isoNow, type ChallengePurpose, type ChallengeRecord, type JsonValue } from '@loomworks/core';
import type { AuthContext } from '../create-auth-context';
import { randomBase64Url } from '../random-base64-url';

export const CHALLENGE_BYTES = 32;

export type IssueChallengeOptions = {
  purpose: ChallengePurpose;
  /** The person the ceremony is for (add-passkey, recovery); null when nobody is known yet. */
  personId: string | null;
  data?: JsonValue;
};

export async function issueChallenge(context: AuthContext, options: IssueChallengeOptions): Promise<ChallengeRecord> {
  const now = context.clock.now();
  const record: ChallengeRecord = {
    flowId: context.ids.newId(),
    challenge: randomBase64Url(context, CHALLENGE_BYTES),
    purpose: options.purpose,
    personId: options.personId,
    data: options.data ?? null,
    createdAt: isoNow(context.clock),
    expiresAt: new Date(now + context.challengeTtlMs).toISOString(),
  };
  await context.store.insertChallenge(record);
  return record;
}
