import { LoomworksError, createMemoryStore } from '@loomworks/core';
import { describe, expect, it } from 'vitest';
import { AuthError } from '../errors';
import { ORIGIN, SESSION_TTL_MS, createAuthFixture } from '../test-support/auth-fixture';
import { createAuthHandlers, type AuthHandlersOptions } from './create-auth-handlers';

const BASE = `${ORIGIN}/auth`;

function setUp(options: AuthHandlersOptions & { store?: ReturnType<typeof createMemoryStore> } = {}) {
  const { store, ...handlerOptions } = options;
  const fixture = createAuthFixture(store ? { store } : {});
  const errors: { code: string; error: unknown }[] = [];
  const handlers = createAuthHandlers(fixture.auth, { clock: fixture.clock, onError: (code, error) => errors.push({ code, error }), ...handlerOptions });
  const call = async (method: string, path: string, body?: unknown, cookie?: string, base = BASE) => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (cookie) headers.cookie = cookie;
    const response = await handlers.handle(new Request(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) }));
    if (response === null) throw new Error(`No response for ${method} ${path}`);
    return response;
  };
  return { fixture, handlers, errors, call };
}

/** A response's JSON body, loosely typed: the assertions below check its shape. */
async function jsonOf(response: Response): Promise<any> {
  return response.json();
}

/** `name=value` of a Set-Cookie header, ready to send back as a Cookie header. */
function cookieOf(response: Response): string {
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function signUpOverHttp(context: ReturnType<typeof setUp>, email?: string) {
  const device = context.fixture.authenticator();
  const begin = await context.call('POST', '/signup/begin', { displayName: 'Ada', ...(email === undefined ? {} : { email }) });
  const { flowId, options } = await jsonOf(begin);
  const complete = await context.call('POST', '/signup/complete', { flowId, response: device.register(options) });
  return { device, complete, cookie: cookieOf(complete), body: await jsonOf(complete) };
}

describe('createAuthHandlers', () => {
  it('returns null for every path outside basePath, so it composes with other routes', async () => {
    const { handlers } = setUp();
    for (const url of [`${ORIGIN}/`, `${ORIGIN}/authx/session`, `${ORIGIN}/operator/auth/session`, `${ORIGIN}/Auth/session`]) {
      expect(await handlers.handle(new Request(url)), url).toBeNull();
    }
    const custom = setUp({ basePath: '/api/identity/' });
    expect(await custom.handlers.handle(new Request(`${ORIGIN}/auth/session`))).toBeNull();
    expect((await custom.handlers.handle(new Request(`${ORIGIN}/api/identity/session`)))?.status).toBe(401);
  });

  it('signs up: options, then the person and recovery codes with an HttpOnly, SameSite=Strict, Secure session cookie', async () => {
    const context = setUp();
    const begin = await context.call('POST', '/signup/begin', { displayName: 'Ada', email: '' });
    expect(begin.status).toBe(200);
    expect(begin.headers.get('cache-control')).toBe('no-store');
    const { flowId, options } = await jsonOf(begin);
    expect(options.authenticatorSelection).toMatchObject({ residentKey: 'required', userVerification: 'required' });
    const complete = await context.call('POST', '/signup/complete', { flowId, response: context.fixture.authenticator().register(options) });
    expect(complete.status).toBe(200);
    const body = await jsonOf(complete);
    expect(Object.keys(body).sort()).toEqual(['person', 'recoveryCodes']);
    expect(body.person).toMatchObject({ displayName: 'Ada', email: null });
    expect(body.recoveryCodes).toHaveLength(10);
    const cookie = complete.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^loomworks_session=[A-Za-z0-9_-]{43}; /);
    expect(cookie.split('; ').slice(1).sort()).toEqual(['HttpOnly', `Max-Age=${SESSION_TTL_MS / 1000}`, 'Path=/', 'SameSite=Strict', 'Secure']);
    const session = await context.call('GET', '/session', undefined, cookieOf(complete));
    expect(await jsonOf(session)).toEqual({ person: body.person });
  });

  it('leaves Secure off only on localhost and 127.0.0.1, unless told otherwise', async () => {
    const secureOf = async (base: string, options: AuthHandlersOptions = {}) => {
      const context = setUp(options);
      const begin = await context.call('POST', '/signup/begin', { displayName: 'Ada' }, undefined, base);
      const { flowId, options: creation } = await jsonOf(begin);
      const complete = await context.call('POST', '/signup/complete', { flowId, response: context.fixture.authenticator().register(creation) }, undefined, base);
      return (complete.headers.get('set-cookie') ?? '').split('; ').includes('Secure');
    };
    expect(await secureOf('http://localhost:5174/auth')).toBe(false);
    expect(await secureOf('http://127.0.0.1:5174/auth')).toBe(false);
    expect(await secureOf('https://loomworks.test/auth')).toBe(true);
    expect(await secureOf('http://localhost.evil.test/auth')).toBe(true);
    expect(await secureOf('http://localhost:5174/auth', { secureCookies: true })).toBe(true);
    expect(await secureOf('https://loomworks.test/auth', { secureCookies: false })).toBe(false);
  });

  it('signs in with or without an email field (blank = absent, body optional) and rotates the session cookie', async () => {
    const context = setUp();
    const { device, cookie: signupCookie } = await signUpOverHttp(context, 'ada@example.com');
    for (const body of [undefined, {}, { email: '' }, { email: 'ada@example.com' }]) {
      const begin = await context.call('POST', '/login/begin', body);
      expect(begin.status, JSON.stringify(body)).toBe(200);
    }
    const noBody = await jsonOf(await context.call('POST', '/login/begin'));
    const blank = await jsonOf(await context.call('POST', '/login/begin', { email: '' }));
    expect(Object.keys(blank.options).sort()).toEqual(Object.keys(noBody.options).sort());

    const begin = await jsonOf(await context.call('POST', '/login/begin'));
    const complete = await context.call('POST', '/login/complete', { flowId: begin.flowId, response: device.authenticate(begin.options) }, signupCookie);
    expect(complete.status).toBe(200);
    expect(Object.keys(await jsonOf(complete))).toEqual(['person']);
    const newCookie = cookieOf(complete);
    expect(newCookie).not.toBe(signupCookie);
    expect((await context.call('GET', '/session', undefined, signupCookie)).status).toBe(401);
    expect((await context.call('GET', '/session', undefined, newCookie)).status).toBe(200);
  });

  it('logs out: 204, the cookie cleared and the session revoked', async () => {
    const context = setUp();
    const { cookie } = await signUpOverHttp(context);
    const logout = await context.call('POST', '/logout', undefined, cookie);
    expect(logout.status).toBe(204);
    expect((logout.headers.get('set-cookie') ?? '').split('; ')).toEqual(expect.arrayContaining(['loomworks_session=', 'Max-Age=0', 'HttpOnly', 'Path=/']));
    expect((await context.call('GET', '/session', undefined, cookie)).status).toBe(401);
    expect((await context.call('POST', '/logout')).status).toBe(204);
  });

  it('manages passkeys with the session cookie: add, list, delete, never the last', async () => {
    const context = setUp();
    const { cookie } = await signUpOverHttp(context);
    const begin = await context.call('POST', '/passkeys/begin', undefined, cookie);
    expect(begin.status).toBe(200);
    const { flowId, options } = await jsonOf(begin);
    const laptop = context.fixture.authenticator();
    const complete = await context.call('POST', '/passkeys/complete', { flowId, response: laptop.register(options) }, cookie);
    expect(complete.status).toBe(200);
    const { credential } = await jsonOf(complete);
    const list = await jsonOf(await context.call('GET', '/passkeys', undefined, cookie));
    expect(list.passkeys.map((passkey: { id: string }) => passkey.id)).toContain(credential.id);
    expect((await context.call('DELETE', `/passkeys/${encodeURIComponent(credential.id)}`, undefined, cookie)).status).toBe(204);
    const [remaining] = (await jsonOf(await context.call('GET', '/passkeys', undefined, cookie))).passkeys;
    const last = await context.call('DELETE', `/passkeys/${remaining.id}`, undefined, cookie);
    expect(last.status).toBe(401);
    expect(context.errors.at(-1)?.code).toBe('AUTH_LAST_PASSKEY');
    for (const [method, path] of [['POST', '/passkeys/begin'], ['GET', '/passkeys'], ['DELETE', `/passkeys/${remaining.id}`]] as const) {
      expect((await context.call(method, path)).status, `${method} ${path} without a cookie`).toBe(401);
    }
  });

  it('recovers: redeem gives options, complete gives the person and no session cookie', async () => {
    const context = setUp();
    const { body } = await signUpOverHttp(context);
    const redeem = await context.call('POST', '/recovery/redeem', { code: body.recoveryCodes[0] });
    expect(redeem.status).toBe(200);
    const { flowId, options } = await jsonOf(redeem);
    const complete = await context.call('POST', '/recovery/complete', { flowId, response: context.fixture.authenticator().register(options) });
    expect(complete.status).toBe(200);
    expect(await jsonOf(complete)).toEqual({ person: body.person });
    expect(complete.headers.get('set-cookie')).toBeNull();
    const reuse = await context.call('POST', '/recovery/redeem', { code: body.recoveryCodes[0] });
    expect(reuse.status).toBe(401);
    expect(context.errors.at(-1)?.code).toBe('AUTH_RECOVERY_CODE_INVALID');
  });

  it('answers every AuthError with one generic 401 body and gives the code only to onError', async () => {
    const context = setUp();
    const { device } = await signUpOverHttp(context);
    const begin = await jsonOf(await context.call('POST', '/login/begin'));
    const response = device.authenticate(begin.options);
    await context.call('POST', '/login/complete', { flowId: begin.flowId, response });
    const replay = await context.call('POST', '/login/complete', { flowId: begin.flowId, response });
    const wrongOrigin = await (async () => {
      const again = await jsonOf(await context.call('POST', '/login/begin'));
      return context.call('POST', '/login/complete', { flowId: again.flowId, response: device.authenticate(again.options, { origin: 'https://evil.test' }) });
    })();
    const noSession = await context.call('GET', '/session');
    for (const failed of [replay, wrongOrigin, noSession]) {
      expect(failed.status).toBe(401);
      expect(await failed.text()).toBe('{"error":"authentication_failed"}');
    }
    expect(context.errors.map((entry) => entry.code)).toEqual(['AUTH_CHALLENGE_UNKNOWN', 'AUTH_ORIGIN_MISMATCH', 'AUTH_SESSION_INVALID']);
    expect(context.errors.every((entry) => AuthError.is(entry.error))).toBe(true);
  });

  it('answers a body that fails its schema with 400 invalid_request', async () => {
    const context = setUp();
    const bad: [string, unknown][] = [
      ['/signup/begin', {}],
      ['/signup/begin', { displayName: '   ' }],
      ['/signup/begin', { displayName: 'Ada', email: 'not-an-email' }],
      ['/signup/begin', '{not json'],
      ['/signup/complete', { flowId: 'f', response: { id: 'x' } }],
      ['/login/begin', { email: 42 }],
      ['/login/complete', { flowId: '', response: {} }],
      ['/passkeys/complete', { flowId: 'f' }],
      ['/recovery/redeem', {}],
      ['/recovery/complete', { flowId: 'f', response: 'nope' }],
      ['/signup/begin', { displayName: 'x'.repeat(70_000) }],
    ];
    for (const [path, body] of bad) {
      const response = await context.call('POST', path, body);
      expect(response.status, `${path} ${JSON.stringify(body).slice(0, 60)}`).toBe(400);
      expect(await jsonOf(response)).toEqual({ error: 'invalid_request' });
    }
    expect(new Set(context.errors.map((entry) => entry.code))).toEqual(new Set(['E_INVALID_INPUT']));
  });

  it('answers unknown routes with 404 and wrong methods with 405', async () => {
    const context = setUp();
    expect((await context.call('GET', '/nope')).status).toBe(404);
    const wrong = await context.call('GET', '/signup/begin');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });

  it('answers a store failure with 500 server_error and reports the store’s code', async () => {
    const failing = new Proxy(createMemoryStore(), {
      get(target, property, receiver) {
        if (property === 'insertChallenge') return async () => Promise.reject(new LoomworksError('E_STORE', 'disk on fire'));
        return Reflect.get(target, property, receiver);
      },
    });
    const context = setUp({ store: failing });
    const response = await context.call('POST', '/login/begin', {});
    expect(response.status).toBe(500);
    expect(await jsonOf(response)).toEqual({ error: 'server_error' });
    expect(context.errors.map((entry) => entry.code)).toEqual(['E_STORE']);
  });

  it('sessionFrom gives the signed-in person, or null without a live session', async () => {
    const context = setUp();
    const { cookie, body } = await signUpOverHttp(context);
    const request = (cookieHeader?: string) => new Request(`${ORIGIN}/operator`, cookieHeader ? { headers: { cookie: `theme=dark; ${cookieHeader}` } } : {});
    expect(await context.handlers.sessionFrom(request(cookie))).toEqual({ person: body.person });
    expect(await context.handlers.sessionFrom(request())).toBeNull();
    expect(await context.handlers.sessionFrom(request('loomworks_session=forged'))).toBeNull();
    await context.call('POST', '/logout', undefined, cookie);
    expect(await context.handlers.sessionFrom(request(cookie))).toBeNull();
  });

  it('sessionFrom lets store failures through instead of pretending nobody is signed in', async () => {
    const failing = new Proxy(createMemoryStore(), {
      get(target, property, receiver) {
        if (property === 'getAuthSession') return async () => Promise.reject(new LoomworksError('E_STORE', 'disk on fire'));
        return Reflect.get(target, property, receiver);
      },
    });
    const context = setUp({ store: failing });
    const error = await context.handlers.sessionFrom(new Request(ORIGIN, { headers: { cookie: 'loomworks_session=abc' } })).catch((rejection: unknown) => rejection);
    expect(LoomworksError.is(error, 'E_STORE')).toBe(true);
  });

  it('uses the configured cookie name', async () => {
    const context = setUp({ cookieName: 'studio_session' });
    const { complete, cookie } = await signUpOverHttp(context);
    expect(complete.headers.get('set-cookie')).toMatch(/^studio_session=/);
    expect((await context.call('GET', '/session', undefined, cookie)).status).toBe(200);
    expect((await context.call('GET', '/session', undefined, cookie.replace('studio_session', 'loomworks_session'))).status).toBe(401);
  });
});
