// beginEnrollment: opens a flow that registers one more passkey for an existing person (add-passkey, recovery).
import type { PersonRecord } from '@loomworks/core';
import { issueChallenge } from '../challenges';
import type { AuthContext } from '../create-auth-context';
import type { RegistrationCeremonyResult } from '../types';
import { registrationOptions } from './registration-options';

/** The same user handle as the person's other passkeys, so any of them signs in as the same person. */
export async function beginEnrollment(context: AuthContext, person: PersonRecord, purpose: 'add-passkey' | 'recovery'): Promise<RegistrationCeremonyResult> {
  const existingCredentials = await context.store.listCredentials(person.id);
  const challenge = await issueChallenge(context, { purpose, personId: person.id });
  const options = await registrationOptions(context, {
    challenge: challenge.challenge,
    userHandle: person.userHandle,
    displayName: person.displayName,
    existingCredentials,
  });
  return { flowId: challenge.flowId, options };
}
