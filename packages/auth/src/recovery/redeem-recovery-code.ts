// redeemRecoveryCode: spends a recovery code and opens an enrollment flow for a new passkey — nothing else.
import { isoNow } from '@loomworks/core';
import type { AuthContext } from '../create-auth-context';
import { AuthError } from '../errors';
import { beginEnrollment } from '../passkeys/begin-enrollment';
import type { RedeemRecoveryCodeInput, RegistrationCeremonyResult } from '../types';
import { hashRecoveryCode } from './hash-recovery-code';
import { normalizeRecoveryCode } from './normalize-recovery-code';

/**
 * The code is consumed here, atomically, before the new passkey exists: a second redemption of the same
 * code fails even while the first enrollment is still open, and an abandoned enrollment spends the code
 * (the person has ten). Redeeming grants no session; only signing in with the new passkey does.
 */
export async function redeemRecoveryCode(context: AuthContext, input: RedeemRecoveryCodeInput): Promise<RegistrationCeremonyResult> {
  const canonical = normalizeRecoveryCode(input?.code);
  if (canonical === null) throw new AuthError('AUTH_RECOVERY_CODE_INVALID', 'That is not a recovery code');
  const used = await context.store.consumeRecoveryCode(hashRecoveryCode(canonical), isoNow(context.clock));
  if (used === null) throw new AuthError('AUTH_RECOVERY_CODE_INVALID', 'The recovery code is unknown or already used');
  const person = await context.store.getPerson(used.personId);
  if (person === null) throw new AuthError('AUTH_RECOVERY_CODE_INVALID', 'The recovery code belongs to nobody');
  return beginEnrollment(context, person, 'recovery');
}
