export { generateRecoveryCodes, type GeneratedRecoveryCode } from './generate-recovery-codes';
export { hashRecoveryCode } from './hash-recovery-code';
export { normalizeRecoveryCode } from './normalize-recovery-code';
export { RECOVERY_CODE_ALPHABET, RECOVERY_CODE_BYTES, RECOVERY_CODE_COUNT } from './recovery-code-format';
export { recoveryComplete } from './recovery-complete';
export { redeemRecoveryCode } from './redeem-recovery-code';
