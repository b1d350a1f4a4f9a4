// Ten fresh recovery codes, each 80 random bits written as XXXX-XXXX-XXXX-XXXX, with the hash the store keeps.
import type { AuthContext } from '../create-auth-context';
import { hashRecoveryCode } from './hash-recovery-code';
import { RECOVERY_CODE_ALPHABET, RECOVERY_CODE_BYTES, RECOVERY_CODE_COUNT } from './recovery-code-format';

export type GeneratedRecoveryCode = {
  /** Shown to the person once. */
  code: string;
  /** What the store keeps. */
  codeHash: string;
};

export function generateRecoveryCodes(context: AuthContext): GeneratedRecoveryCode[] {
  const generated: GeneratedRecoveryCode[] = [];
  for (let index = 0; index < RECOVERY_CODE_COUNT; index += 1) {
    const canonical = encodeBase32(context.randomBytes(RECOVERY_CODE_BYTES));
    const code = [0, 4, 8, 12].map((start) => canonical.slice(start, start + 4)).join('-');
    generated.push({ code, codeHash: hashRecoveryCode(canonical) });
  }
  return generated;
}

function encodeBase32(bytes: Uint8Array): string {
  let bits = 0;
  let bitCount = 0;
  let characters = '';
  for (const byte of bytes) {
    bits = (bits << 8) | byte;
    bitCount += 8;
    while (bitCount >= 5) {
      bitCount -= 5;
      characters += RECOVERY_CODE_ALPHABET[(bits >> bitCount) & 31];
    }
    bits &= (1 << bitCount) - 1;
  }
  return characters;
}
