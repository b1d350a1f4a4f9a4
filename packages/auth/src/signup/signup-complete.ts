// signupComplete: verifies the first passkey, then writes the person, passkey, recovery codes and session at once.
import { isoNow, LoomworksError, type JsonValue, type PersonRecord } from '@loomworks/core';
import { consumeChallenge } from '../challenges';
import type { AuthContext } from '../create-auth-context';
import { verifyRegistration } from '../passkeys/verify-registration';
import { generateRecoveryCodes } from '../recovery';
import { mintSession } from '../session';
import type { RegistrationCompleteInput, SignupCompleteResult } from '../types';
import { toPersonView } from '../views';

export async function signupComplete(context: AuthContext, input: RegistrationCompleteInput): Promise<SignupCompleteResult> {
  const challenge = await consumeChallenge(context, input?.flowId, 'signup');
  const pending = readPendingPerson(challenge.data);
  const personId = context.ids.newId();
  const credential = await verifyRegistration(context, { response: input.response, expectedChallenge: challenge.challenge, personId });
  const now = isoNow(context.clock);
  const person: PersonRecord = { id: personId, displayName: pending.displayName, email: pending.email, userHandle: pending.userHandle, createdAt: now };
  const recoveryCodes = generateRecoveryCodes(context);
  const session = mintSession(context, personId);
  // All or nothing: a person never exists without their passkey, recovery codes and first session.
  await context.store.transaction(async (operations) => {
    await operations.insertPerson(person);
    await operations.insertCredential(credential);
    await operations.insertRecoveryCodes(recoveryCodes.map(({ codeHash }) => ({ personId, codeHash, createdAt: now, usedAt: null })));
    await operations.insertAuthSession(session.record);
  });
  return { person: toPersonView(person), session: session.grant, recoveryCodes: recoveryCodes.map(({ code }) => code) };
}

type PendingPerson = { displayName: string; email: string | null; userHandle: string };

function readPendingPerson(data: JsonValue | null): PendingPerson {
  const record = (typeof data === 'object' && data !== null && !Array.isArray(data) ? data : {}) as Record<string, JsonValue>;
  const { displayName, email, userHandle } = record;
  if (typeof displayName !== 'string' || typeof userHandle !== 'string' || (email !== null && typeof email !== 'string'))
    throw new LoomworksError('E_INTERNAL', 'The sign-up flow was stored without its pending person');
  return { displayName, email, userHandle };
}
