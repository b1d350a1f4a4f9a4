// The signature-counter rule: a counter must grow, except that synced passkeys always report 0.
/**
 * True when `reported` may follow `stored`: strictly greater, or 0 after 0 (multi-device passkeys do
 * not keep a counter). Anything else means the response came from a copy of the key or was replayed.
 */
export function counterAdvances(stored: number, reported: number): boolean {
  if (stored === 0 && reported === 0) return true;
  return reported > stored;
}
