// A deliberately loose shape check: one @ with something on both sides, no spaces, at most 254 characters.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+$/;

export function isPlausibleEmail(email: string): boolean {
  return email.length <= 254 && EMAIL_SHAPE.test(email);
}
