// Only a session token's sha256 is stored: a leaked store does not hand out live sessions.
import { sha256Hex } from '@loomworks/core';

export function hashSessionToken(token: string): string {
  return sha256Hex(token);
}
