// The server-rendered pages. Copy follows plain-terms discipline (SPEC §1.1): people read "project",
// "passkey", "recovery code" — never the SDK's developer words. Each page loads one small script from /assets.
import type { EngagementRecord } from '@loomworks/core';
import { html, type SafeHtml } from './html';

type LayoutOptions = {
  title: string;
  /** The page's script in /assets, without `.js`. */
  script?: string;
  /** Loads @simplewebauthn/browser first (it sets `window.SimpleWebAuthnBrowser`). */
  passkeys?: boolean;
  body: SafeHtml;
};

function layout(options: LayoutOptions): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · Loomworks</title>
<link rel="stylesheet" href="/assets/styles.css">
</head>
<body>
<header class="site"><a href="/operator" class="brand">Loomworks</a></header>
<main>
${options.body}
</main>
${options.passkeys ? html`<script src="/vendor/simplewebauthn-browser.js"></script>` : null}
${options.script ? html`<script type="module" src="/assets/${options.script}.js"></script>` : null}
</body>
</html>
`;
}

export function signupPage(): SafeHtml {
  return layout({
    title: 'Create your account',
    script: 'signup',
    passkeys: true,
    body: html`<section id="signup">
<h1>Create your account</h1>
<p>Loomworks signs you in with a passkey instead of a password. Your device (a phone, a laptop or a security key)
keeps a key that never leaves it, and you unlock it the way you unlock the device: a fingerprint, your face or the screen lock.</p>
<form id="signup-form">
  <label for="display-name">Your name</label>
  <input id="display-name" name="displayName" required maxlength="100" autocomplete="name">
  <label for="email">Email <span class="optional">(optional)</span></label>
  <input id="email" name="email" type="email" autocomplete="email" aria-describedby="email-hint">
  <p id="email-hint" class="hint">Only so we can get in touch. It is never used to sign in or to get back into your account.</p>
  <button type="submit">Create account with a passkey</button>
</form>
<p id="message" class="message-error" role="alert" hidden></p>
<p>Already have an account? <a href="/signin">Sign in</a></p>
</section>
<section id="recovery-codes" hidden>
<h1>Save your recovery codes</h1>
<p>Your account is ready and you are signed in.</p>
<p>If you ever lose every device that holds your passkey, one of these codes lets you add a new passkey.
Each code works once. They are shown only this once, so keep them somewhere safe, such as a password manager or a printed copy.</p>
<ol id="recovery-code-list" class="codes"></ol>
<p><a class="button" href="/operator">I've saved them: go to my projects</a></p>
</section>`,
  });
}

export function signinPage(): SafeHtml {
  return layout({
    title: 'Sign in',
    script: 'signin',
    passkeys: true,
    body: html`<h1>Sign in</h1>
<p>Use the passkey you created for this site. There is no password.</p>
<form id="signin-form">
  <label for="email">Email <span class="optional">(optional)</span></label>
  <input id="email" name="email" type="email" autocomplete="email" aria-describedby="email-hint">
  <p id="email-hint" class="hint">Leave it empty and your device offers the passkeys it holds for this site. An email only helps
  your device pick the right passkey; the passkey is what signs you in.</p>
  <button type="submit">Sign in with a passkey</button>
</form>
<p id="message" class="message-error" role="alert" hidden></p>
<p>New here? <a href="/signup">Create an account</a>. Lost your passkey? <a href="/recover">Use a recovery code</a>.</p>`,
  });
}

export function recoverPage(): SafeHtml {
  return layout({
    title: 'Use a recovery code',
    script: 'recover',
    passkeys: true,
    body: html`<h1>Add a new passkey with a recovery code</h1>
<p>Lost every device that holds your passkey? Enter one of the recovery codes you saved when you created your account.
The code lets you add a new passkey on this device; then you sign in with it. Each code works only once.</p>
<form id="recover-form">
  <label for="code">Recovery code</label>
  <input id="code" name="code" required autocomplete="off" spellcheck="false">
  <button type="submit">Add a new passkey</button>
</form>
<p id="message" class="message-error" role="alert" hidden></p>
<p id="done" hidden>Your new passkey is ready. <a href="/signin">Sign in with it</a>.</p>`,
  });
}

export type ProjectListPageOptions = {
  displayName: string;
  projects: EngagementRecord[];
  /** Where the next (older) page starts, when there is one. */
  nextCursor: string | null;
};

const createdFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

function projectRow(project: EngagementRecord): SafeHtml {
  const status = project.status === 'active' ? 'Active' : 'Not active yet';
  return html`<tr data-project-id="${project.id}">
  <td class="project-name">${project.name}</td>
  <td class="project-status" data-status="${project.status}">${status}</td>
  <td><time datetime="${project.createdAt}">${createdFormat.format(new Date(project.createdAt))} UTC</time></td>
</tr>`;
}

export function projectListPage(options: ProjectListPageOptions): SafeHtml {
  const list =
    options.projects.length === 0
      ? html`<p id="no-projects">No projects yet. Start one by talking it through with the Companion.</p>`
      : html`<table id="projects">
<thead><tr><th scope="col">Name</th><th scope="col">Status</th><th scope="col">Created</th></tr></thead>
<tbody>
${options.projects.map(projectRow)}
</tbody>
</table>`;
  const older = options.nextCursor ? html`<p><a href="/operator?after=${encodeURIComponent(options.nextCursor)}">Older projects</a></p>` : null;
  return layout({
    title: 'Your projects',
    script: 'projects',
    body: html`<div class="account">
  <p>Signed in as <strong id="display-name">${options.displayName}</strong></p>
  <button id="sign-out" type="button">Sign out</button>
</div>
<h1>Your projects</h1>
<p><a class="button" id="new-project" href="/operator/create-engagement">Start a new project</a></p>
${list}
${older}
<p id="message" class="message-error" role="alert" hidden></p>`,
  });
}

export function chatPage(): SafeHtml {
  return layout({
    title: 'Start a new project',
    script: 'chat',
    body: html`<p><a href="/operator">Back to your projects</a></p>
<h1>Start a new project</h1>
<p>Talk it through with the Companion. It asks one question at a time: answer in your own words, or say “skip” to come
back to something later. When you have said everything, tell it so, for example “that's everything”.</p>
<ol id="chat-log" class="chat" aria-live="polite"></ol>
<form id="chat-form">
  <label for="reply">Your reply</label>
  <textarea id="reply" name="text" rows="3" required></textarea>
  <button type="submit">Send</button>
</form>
<p id="message" class="message-error" role="alert" hidden></p>
<p id="created" class="created" hidden></p>`,
  });
}

export function notFoundPage(): SafeHtml {
  return layout({
    title: 'Page not found',
    body: html`<h1>Page not found</h1>
<p>There is nothing at this address. <a href="/operator">Go to your projects</a>.</p>`,
  });
}
