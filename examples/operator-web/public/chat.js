// /operator/create-engagement: the creation chat. The Companion's reply streams in word by word (NDJSON events
// from the server); every message, the Companion's and the person's, is put on the page as text, never as markup.
import { showMessage } from './shared.js';

const log = document.getElementById('chat-log');
const form = document.getElementById('chat-form');
const input = form.elements.text;
const sendButton = form.querySelector('button[type="submit"]');
// The conversation is stored on the server; its id in the address lets a reload pick it up again.
let sessionId = new URLSearchParams(window.location.search).get('session');

/** Adds one message to the log and returns the element its text goes in. */
function addMessage(role, text) {
  const item = document.createElement('li');
  item.className = `message ${role}`;
  const speaker = document.createElement('span');
  speaker.className = 'speaker';
  speaker.textContent = role === 'operator' ? 'You' : 'Companion';
  const body = document.createElement('p');
  body.className = 'text';
  body.textContent = text;
  item.append(speaker, body);
  log.append(item);
  item.scrollIntoView({ block: 'end' });
  return body;
}

function showCreated(project) {
  const created = document.getElementById('created');
  const link = document.createElement('a');
  link.href = '/operator';
  link.textContent = 'See it in your projects';
  const summary =
    project.status === 'active'
      ? `“${project.name}” is set up. `
      : `“${project.name}” is saved, but it is not active yet: the final check found something to fix. `;
  created.replaceChildren(summary, link);
  created.hidden = false;
  form.hidden = true;
}

/** The events of an NDJSON response, one parsed line at a time, as they arrive. */
async function* readEvents(response) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered += value;
    const lines = buffered.split('\n');
    buffered = lines.pop();
    for (const line of lines) if (line.trim() !== '') yield JSON.parse(line);
  }
}

/** Sends one request of the chat API and shows the Companion's reply as it streams. */
async function converse(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status === 401) {
    window.location.assign('/signin');
    return;
  }
  if (!response.ok) {
    showMessage('Your reply could not be sent. Please reload the page and try again.');
    return;
  }
  let reply = null;
  for await (const event of readEvents(response)) {
    if (event.type === 'session') {
      sessionId = event.id;
      window.history.replaceState(null, '', `?session=${encodeURIComponent(event.id)}`);
    } else if (event.type === 'text') {
      if (!reply) {
        reply = addMessage('companion', '');
        reply.parentElement.dataset.streaming = 'true';
      }
      reply.textContent += event.text;
    } else if (event.type === 'done') {
      if (event.project) showCreated(event.project);
    } else if (event.type === 'error') {
      showMessage(event.message);
    }
  }
  if (reply) delete reply.parentElement.dataset.streaming;
}

async function send(text) {
  showMessage('');
  addMessage('operator', text);
  input.value = '';
  sendButton.disabled = true;
  try {
    await converse(`/operator/chat/${encodeURIComponent(sessionId)}/messages`, { text });
  } catch (error) {
    console.error(error);
    showMessage('The connection was lost. Reload the page to pick up where you left off.');
  } finally {
    sendButton.disabled = false;
    input.focus();
  }
}

/** Shows a stored conversation again; false when there is none to show. */
async function resume(id) {
  const response = await fetch(`/operator/chat/${encodeURIComponent(id)}`);
  if (response.status === 401) {
    window.location.assign('/signin');
    return true;
  }
  if (!response.ok) return false;
  const transcript = await response.json();
  for (const turn of transcript.turns) addMessage(turn.role, turn.text);
  if (transcript.project) showCreated(transcript.project);
  return true;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = input.value;
  // One reply at a time: the button is off while the Companion answers.
  if (text.trim() !== '' && !sendButton.disabled) send(text);
});

// Enter sends; Shift+Enter starts a new line (for lists of rules, one per line).
input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});

// Nothing can be sent until the conversation exists: the opening question arrives first.
sendButton.disabled = true;
try {
  if (!(sessionId && (await resume(sessionId)))) await converse('/operator/chat', {});
} catch (error) {
  console.error(error);
  showMessage('The conversation could not start. Please reload the page.');
} finally {
  sendButton.disabled = false;
}
