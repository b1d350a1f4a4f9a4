// /operator: the project list is rendered by the server; this script only signs out.
import { postJson, showMessage } from './shared.js';

document.getElementById('sign-out').addEventListener('click', async () => {
  const result = await postJson('/auth/logout', {});
  if (result.ok) window.location.assign('/signin');
  else showMessage('Signing out did not work. Please try again.');
});
