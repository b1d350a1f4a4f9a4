// The Set-Cookie value of the session cookie: HttpOnly, SameSite=Strict, Path=/, Secure outside localhost.
export type SessionCookieOptions = {
  name: string;
  /** The session token, or null to clear the cookie. */
  token: string | null;
  maxAgeSeconds: number;
  secure: boolean;
};

export function sessionCookie(options: SessionCookieOptions): string {
  const attributes = [
    `${options.name}=${options.token ?? ''}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${options.token === null ? 0 : Math.max(0, Math.floor(options.maxAgeSeconds))}`,
  ];
  if (options.secure) attributes.push('Secure');
  return attributes.join('; ');
}
