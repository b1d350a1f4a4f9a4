// /signup: create an account with a passkey, then show the recovery codes once.
import { PASSKEY_PROMPT_CLOSED, passkeys, postJson, showMessage, whileBusy } from './shared.js';

const form = document.getElementById('signup-form');

if (!passkeys.browserSupportsWebAuthn()) showMessage('This browser cannot use passkeys. Please try another browser.');

form.addEventListener('submit', (event) => {
  event.preventDefault();
  showMessage('');
  whileBusy(form, async () => {
    const displayName = form.elements.displayName.value.trim();
    const email = form.elements.email.value.trim();
    // Email is optional contact information: left empty, it is not sent at all.
    const begin = await postJson('/auth/signup/begin', email ? { displayName, email } : { displayName });
    if (!begin.ok) {
      showMessage('We could not start creating your account. Please check your name and try again.');
      return;
    }
    let response;
    try {
      response = await passkeys.startRegistration({ optionsJSON: begin.data.options });
    } catch {
      showMessage(PASSKEY_PROMPT_CLOSED);
      return;
    }
    const complete = await postJson('/auth/signup/complete', { flowId: begin.data.flowId, response });
    if (!complete.ok) {
      showMessage('Your passkey could not be saved, so no account was created. Please try again.');
      return;
    }
    showRecoveryCodes(complete.data.recoveryCodes);
  });
});

function showRecoveryCodes(codes) {
  const list = document.getElementById('recovery-code-list');
  list.replaceChildren(
    ...codes.map((code) => {
      const item = document.createElement('li');
      item.textContent = code;
      return item;
    }),
  );
  document.getElementById('signup').hidden = true;
  document.getElementById('recovery-codes').hidden = false;
}
