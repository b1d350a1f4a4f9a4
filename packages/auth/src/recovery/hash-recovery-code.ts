// Only a recovery code's sha256 is stored; the code itself is shown once, at sign-up.
import { sha256Hex } from '@loomworks/core';

/** Hashes the canonical form (see normalizeRecoveryCode), so every way of typing a code hashes alike. */
export function hashRecoveryCode(canonicalCode: string): string {
  return sha256Hex(canonicalCode);
}
