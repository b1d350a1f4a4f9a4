// The recovery-code format: 16 Crockford base-32 characters (80 random bits) shown as four groups of four.
export const RECOVERY_CODE_COUNT = 10;
export const RECOVERY_CODE_BYTES = 10;
/** Crockford's alphabet: no I, L, O or U, so codes survive being read aloud or copied by hand. */
export const RECOVERY_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
