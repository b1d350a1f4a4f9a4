// createAuthHandlers: Fetch-API handlers for {base}/* on top of a PasskeyAuth, for any server framework.
import { LoomworksError, systemClock, type Clock } from '@loomworks/core';
import { AuthError } from '../errors';
import type { AuthenticationResponseJSON, PasskeyAuth, PersonView, RegistrationResponseJSON } from '../types';
import { isLocalHost } from './is-local-host';
import { jsonResponse } from './json-response';
import { readCookie } from './read-cookie';
import { readJsonBody } from './read-json-body';
import {
  LoginBeginBody,
  LoginCompleteBody,
  PasskeyCompleteBody,
  RecoveryCompleteBody,
  RecoveryRedeemBody,
  SignupBeginBody,
  SignupCompleteBody,
} from './schemas';
import { sessionCookie } from './session-cookie';

export type AuthHandlersOptions = {
  /** Where the routes live. Default `/auth`. */
  basePath?: string;
  /** Default `loomworks_session`. */
  cookieName?: string;
  /**
   * Whether the session cookie carries `Secure`. Default: true, except when the request's host is
   * localhost / 127.0.0.1 / [::1]. Set it to true explicitly when a proxy rewrites request URLs to localhost.
   */
  secureCookies?: boolean;
  /** Receives the code of every failure; clients only ever see a generic body. Default: console.warn the code. */
  onError?: (code: string, error: unknown) => void;
  /** Used for the cookie's Max-Age; pass the clock given to createPasskeyAuth. Default: the system clock. */
  clock?: Clock;
};

export type AuthHandlers = {
  /** Answers a request under `basePath`; null for any other path, so it composes with other routes. */
  handle(request: Request): Promise<Response | null>;
  /** The signed-in person of a request (from its session cookie), or null. Store failures still reject. */
  sessionFrom(request: Request): Promise<{ person: PersonView } | null>;
};

type RouteContext = { request: Request; token: string | null; secure: boolean; params: { id?: string } };
type Route = { method: 'GET' | 'POST' | 'DELETE'; path: string; run(route: RouteContext): Promise<Response> };

const INVALID_REQUEST = { error: 'invalid_request' } as const;
const AUTHENTICATION_FAILED = { error: 'authentication_failed' } as const;
const SERVER_ERROR = { error: 'server_error' } as const;

export function createAuthHandlers(auth: PasskeyAuth, options: AuthHandlersOptions = {}): AuthHandlers {
  const basePath = normalizeBasePath(options.basePath ?? '/auth');
  const cookieName = options.cookieName ?? 'loomworks_session';
  const clock = options.clock ?? systemClock;
  const onError = options.onError ?? ((code: string) => console.warn(`@loomworks/auth: request failed with ${code}`));

  const setSession = (session: { token: string; expiresAt: string }, secure: boolean): Record<string, string> => ({
    'set-cookie': sessionCookie({ name: cookieName, token: session.token, maxAgeSeconds: (Date.parse(session.expiresAt) - clock.now()) / 1000, secure }),
  });
  const clearSession = (secure: boolean): Record<string, string> => ({
    'set-cookie': sessionCookie({ name: cookieName, token: null, maxAgeSeconds: 0, secure }),
  });

  const routes: Route[] = [
    {
      method: 'POST',
      path: '/signup/begin',
      run: async ({ request }) => jsonResponse(200, await auth.signupBegin(await readJsonBody(request, SignupBeginBody))),
    },
    {
      method: 'POST',
      path: '/signup/complete',
      run: async ({ request, token, secure }) => {
        const body = await readJsonBody(request, SignupCompleteBody);
        const { person, session, recoveryCodes } = await auth.signupComplete({ flowId: body.flowId, response: body.response as RegistrationResponseJSON });
        // Whoever was signed in on this browser before is signed out by the new account.
        if (token !== null) await auth.revokeSession(token);
        return jsonResponse(200, { person, recoveryCodes }, setSession(session, secure));
      },
    },
    {
      method: 'POST',
      path: '/login/begin',
      run: async ({ request }) => {
        const body = await readJsonBody(request, LoginBeginBody, { allowEmpty: true });
        return jsonResponse(200, await auth.loginBegin(body.email === undefined ? {} : { email: body.email }));
      },
    },
    {
      method: 'POST',
      path: '/login/complete',
      run: async ({ request, token, secure }) => {
        const body = await readJsonBody(request, LoginCompleteBody);
        const { person, session } = await auth.loginComplete({
          flowId: body.flowId,
          response: body.response as AuthenticationResponseJSON,
          ...(token === null ? {} : { previousSessionToken: token }),
        });
        return jsonResponse(200, { person }, setSession(session, secure));
      },
    },
    {
      method: 'POST',
      path: '/logout',
      run: async ({ token, secure }) => {
        if (token !== null) await auth.revokeSession(token);
        return new Response(null, { status: 204, headers: { 'cache-control': 'no-store', ...clearSession(secure) } });
      },
    },
    {
      method: 'GET',
      path: '/session',
      run: async ({ token }) => jsonResponse(200, { person: (await auth.verifySession(token ?? '')).person }),
    },
    {
      method: 'POST',
      path: '/passkeys/begin',
      run: async ({ token }) => jsonResponse(200, await auth.addPasskeyBegin(token ?? '')),
    },
    {
      method: 'POST',
      path: '/passkeys/complete',
      run: async ({ request, token }) => {
        const body = await readJsonBody(request, PasskeyCompleteBody);
        return jsonResponse(200, await auth.addPasskeyComplete(token ?? '', { flowId: body.flowId, response: body.response as RegistrationResponseJSON }));
      },
    },
    {
      method: 'GET',
      path: '/passkeys',
      run: async ({ token }) => jsonResponse(200, { passkeys: await auth.listPasskeys(token ?? '') }),
    },
    {
      method: 'DELETE',
      path: '/passkeys/:id',
      run: async ({ token, params }) => {
        await auth.removePasskey(token ?? '', params.id ?? '');
        return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
      },
    },
    {
      method: 'POST',
      path: '/recovery/redeem',
      run: async ({ request }) => jsonResponse(200, await auth.redeemRecoveryCode(await readJsonBody(request, RecoveryRedeemBody))),
    },
    {
      method: 'POST',
      path: '/recovery/complete',
      run: async ({ request }) => {
        const body = await readJsonBody(request, RecoveryCompleteBody);
        const { person } = await auth.recoveryComplete({ flowId: body.flowId, response: body.response as RegistrationResponseJSON });
        return jsonResponse(200, { person });
      },
    },
  ];

  const fail = (error: unknown): Response => {
    // The code goes to the operator's log; the client learns only which of three things happened.
    if (AuthError.is(error)) {
      onError(error.code, error);
      return jsonResponse(401, AUTHENTICATION_FAILED);
    }
    if (LoomworksError.is(error) && (error.errorClass === 'input' || error.errorClass === 'usage')) {
      onError(error.code, error);
      return jsonResponse(400, INVALID_REQUEST);
    }
    onError(LoomworksError.is(error) ? error.code : 'E_INTERNAL', error);
    return jsonResponse(500, SERVER_ERROR);
  };

  return {
    async handle(request) {
      const url = new URL(request.url);
      const subPath = pathUnder(basePath, url.pathname);
      if (subPath === null) return null;
      const matches = routes.map((route) => ({ route, params: matchPath(route.path, subPath) })).filter((match) => match.params !== null);
      if (matches.length === 0) return jsonResponse(404, { error: 'not_found' });
      const match = matches.find(({ route }) => route.method === request.method);
      if (match === undefined) {
        return jsonResponse(405, { error: 'method_not_allowed' }, { allow: [...new Set(matches.map(({ route }) => route.method))].join(', ') });
      }
      const secure = options.secureCookies ?? !isLocalHost(url.hostname);
      try {
        return await match.route.run({ request, token: readCookie(request, cookieName), secure, params: match.params ?? {} });
      } catch (error) {
        return fail(error);
      }
    },

    async sessionFrom(request) {
      const token = readCookie(request, cookieName);
      if (token === null) return null;
      try {
        const { person } = await auth.verifySession(token);
        return { person };
      } catch (error) {
        if (AuthError.is(error)) return null;
        throw error;
      }
    },
  };
}

function normalizeBasePath(basePath: string): string {
  const trimmed = basePath.replace(/\/+$/, '');
  return trimmed === '' ? '' : trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** The part of `pathname` below `basePath` (`''` for the base itself), or null when it is not below it. */
function pathUnder(basePath: string, pathname: string): string | null {
  if (pathname === basePath) return '';
  return pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : null;
}

/** Matches `/passkeys/:id`-style paths; null when the path does not match. */
function matchPath(pattern: string, path: string): { id?: string } | null {
  const patternParts = pattern.split('/');
  const pathParts = path.split('/');
  if (patternParts.length !== pathParts.length) return null;
  const params: { id?: string } = {};
  for (const [index, part] of patternParts.entries()) {
    const actual = pathParts[index] ?? '';
    if (part === ':id') {
      if (actual === '') return null;
      try {
        params.id = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (part !== actual) return null;
  }
  return params;
}
