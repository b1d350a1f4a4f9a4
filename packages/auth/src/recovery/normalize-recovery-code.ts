// Reads a recovery code the way a person types it: any case, with or without dashes and spaces.
import { RECOVERY_CODE_ALPHABET } from './recovery-code-format';

const CANONICAL = new RegExp(`^[${RECOVERY_CODE_ALPHABET}]{16}$`);

/** The 16-character canonical form, or null when the input cannot be a recovery code. */
export function normalizeRecoveryCode(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const folded = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    // Crockford decoding: letters that look like digits read as those digits.
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return CANONICAL.test(folded) ? folded : null;
}
