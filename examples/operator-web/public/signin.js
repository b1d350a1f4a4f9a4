// /signin: sign in with a passkey. The email is only a hint; left empty, the request carries no email at all
// and the device offers every passkey it holds for this site.
import { PASSKEY_PROMPT_CLOSED, passkeys, postJson, showMessage, whileBusy } from './shared.js';

const form = document.getElementById('signin-form');

if (!passkeys.browserSupportsWebAuthn()) showMessage('This browser cannot use passkeys. Please try another browser.');

form.addEventListener('submit', (event) => {
  event.preventDefault();
  showMessage('');
  whileBusy(form, async () => {
    const email = form.elements.email.value.trim();
    const begin = await postJson('/auth/login/begin', email ? { email } : {});
    if (!begin.ok) {
      showMessage('We could not start signing you in. Please try again.');
      return;
    }
    let response;
    try {
      response = await passkeys.startAuthentication({ optionsJSON: begin.data.options });
    } catch {
      showMessage(PASSKEY_PROMPT_CLOSED);
      return;
    }
    const complete = await postJson('/auth/login/complete', { flowId: begin.data.flowId, response });
    if (!complete.ok) {
      showMessage('Sign-in did not work: your passkey was not accepted, and you are still signed out. Please try again.');
      return;
    }
    window.location.assign('/operator');
  });
});
