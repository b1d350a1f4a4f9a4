// The whole site as one Fetch-API handler: @loomworks/auth's /auth/* routes, the pages, the chat API and the
// static files. Everything under /operator needs a signed-in person; that person is the Operator.
import type { AuthHandlers } from '@loomworks/auth';
import { LoomworksError, type Companion, type LoomworksStore, type Operator } from '@loomworks/core';
import { assetResponse, loadAssets } from './assets';
import { createChatRoutes } from './chat';
import type { SafeHtml } from './html';
import type { FetchHandler } from './node-bridge';
import { chatPage, notFoundPage, projectListPage, recoverPage, signinPage, signupPage } from './pages';

export type OperatorWebAppOptions = {
  /** The site's own origin; state-changing requests from any other origin are refused. */
  origin: string;
  auth: AuthHandlers;
  store: LoomworksStore;
  companion: Companion;
  paceMs: number;
};

// Pages run only their own scripts: nothing a person types can ever become script or markup (see html.ts).
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};

function page(body: SafeHtml, status = 200): Response {
  return new Response(body.markup, { status, headers: PAGE_HEADERS });
}

function redirect(location: string): Response {
  return new Response(null, { status: 303, headers: { location } });
}

const CHAT_SESSION_PATH = /^\/operator\/chat\/([A-Za-z0-9_-]{1,64})(\/messages)?$/;

export function createOperatorWebApp(options: OperatorWebAppOptions): FetchHandler {
  const { auth, store } = options;
  const assets = loadAssets();
  const chat = createChatRoutes({ store, companion: options.companion, paceMs: options.paceMs });

  async function operatorRoute(request: Request, url: URL, operator: Operator): Promise<Response> {
    const { pathname } = url;
    if (request.method === 'GET' && pathname === '/operator') {
      try {
        const listing = await store.listEngagements({ operatorId: operator.id, limit: 50, cursor: url.searchParams.get('after') });
        return page(projectListPage({ displayName: operator.name ?? '', projects: listing.items, nextCursor: listing.nextCursor }));
      } catch (error) {
        // A cursor this store never handed out: start again from the newest.
        if (LoomworksError.is(error, 'E_USAGE')) return redirect('/operator');
        throw error;
      }
    }
    if (request.method === 'GET' && pathname === '/operator/create-engagement') return page(chatPage());
    if (request.method === 'POST' && pathname === '/operator/chat') return chat.start(operator);
    const match = CHAT_SESSION_PATH.exec(pathname);
    if (match?.[1] && request.method === 'GET' && !match[2]) return chat.transcript(operator, match[1]);
    if (match?.[1] && request.method === 'POST' && match[2]) return chat.send(operator, match[1], request);
    return page(notFoundPage(), 404);
  }

  return async (request) => {
    const url = new URL(request.url);
    const { pathname } = url;
    const changesState = request.method !== 'GET' && request.method !== 'HEAD';
    // The session cookie is SameSite=Strict already; checking Origin as well costs one line.
    if (changesState && request.headers.get('origin') !== options.origin) return Response.json({ error: 'forbidden' }, { status: 403 });

    if (pathname === '/auth' || pathname.startsWith('/auth/')) {
      return (await auth.handle(request)) ?? Response.json({ error: 'not_found' }, { status: 404 });
    }
    if (pathname === '/operator' || pathname.startsWith('/operator/')) {
      const signedIn = await auth.sessionFrom(request);
      if (!signedIn) {
        // Page visits go to the sign-in page; the chat's own requests get a status the script can act on.
        return pathname.startsWith('/operator/chat') ? Response.json({ error: 'authentication_required' }, { status: 401 }) : redirect('/signin');
      }
      // The creation session belongs to the signed-in person: the Operator id is the person id.
      return operatorRoute(request, url, { id: signedIn.person.id, name: signedIn.person.displayName });
    }
    if (request.method === 'GET') {
      const asset = assets.get(pathname);
      if (asset) return assetResponse(asset);
      if (pathname === '/') return redirect('/operator');
      if (pathname === '/signup') return page(signupPage());
      if (pathname === '/signin') return page(signinPage());
      if (pathname === '/recover') return page(recoverPage());
    }
    return page(notFoundPage(), 404);
  };
}
