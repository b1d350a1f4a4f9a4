// /recover: a recovery code opens one enrollment of a new passkey. It never signs anyone in by itself:
// afterwards the person signs in with the new passkey.
import { PASSKEY_PROMPT_CLOSED, passkeys, postJson, showMessage, whileBusy } from './shared.js';

const form = document.getElementById('recover-form');

form.addEventListener('submit', (event) => {
  event.preventDefault();
  showMessage('');
  whileBusy(form, async () => {
    const redeem = await postJson('/auth/recovery/redeem', { code: form.elements.code.value.trim() });
    if (!redeem.ok) {
      showMessage('That recovery code did not work. It may be mistyped or already used.');
      return;
    }
    let response;
    try {
      response = await passkeys.startRegistration({ optionsJSON: redeem.data.options });
    } catch {
      showMessage(PASSKEY_PROMPT_CLOSED);
      return;
    }
    const complete = await postJson('/auth/recovery/complete', { flowId: redeem.data.flowId, response });
    if (!complete.ok) {
      showMessage('Your new passkey could not be saved. Please try again.');
      return;
    }
    form.hidden = true;
    document.getElementById('done').hidden = false;
  });
});
