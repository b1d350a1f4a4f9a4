// Contact emails are compared as trimmed lower-case text; blank counts as absent. Email is never identity.
/**
 * Lower-casing the whole address is technically lossy for the local part, but in practice mail systems
 * treat addresses case-insensitively, and the address is only ever contact metadata and a sign-in hint.
 */
export function normalizeEmail(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const email = value.trim().toLowerCase();
  return email === '' ? null : email;
}
