// Helpers the pages' scripts share: JSON requests, the page's message line, and plain words for passkey prompts.

/** POSTs JSON and reads a JSON answer (null when there is none). */
export async function postJson(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const data = await response.json().catch(() => null);
  return { ok: response.ok, status: response.status, data };
}

/** Shows `text` in the page's message line (as text, never markup); an empty string hides it. */
export function showMessage(text) {
  const message = document.getElementById('message');
  message.textContent = text;
  message.hidden = text === '';
}

// @simplewebauthn/browser's bundle, loaded by the page before this module.
export const passkeys = window.SimpleWebAuthnBrowser;

export const PASSKEY_PROMPT_CLOSED = 'The passkey prompt was closed or timed out, so nothing happened. Please try again.';

/** Runs `task` with the form's button disabled, so one click starts one ceremony. */
export async function whileBusy(form, task) {
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  try {
    await task();
  } catch (error) {
    console.error(error);
    showMessage('Something went wrong. Please try again.');
  } finally {
    button.disabled = false;
  }
}
