import { createGuidedCompanion, createMemoryStore } from '@loomworks/core';
import { describe, expect, it } from 'vitest';
import { createChatRoutes, type ChatEvent } from './chat';

const robin = { id: 'person-robin', name: 'Robin' };
const sam = { id: 'person-sam', name: 'Sam' };

function setup() {
  const store = createMemoryStore();
  return { store, chat: createChatRoutes({ store, companion: createGuidedCompanion(), paceMs: 0 }) };
}

async function events(response: Response): Promise<ChatEvent[]> {
  expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
  const text = await response.text();
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as ChatEvent);
}

const message = (text: unknown) => new Request('http://localhost/operator/chat/x/messages', { method: 'POST', body: JSON.stringify({ text }) });

async function startSession(chat: ReturnType<typeof setup>['chat']): Promise<string> {
  const opening = await events(chat.start(robin));
  const session = opening[0];
  if (session?.type !== 'session') throw new Error('the first event names the session');
  return session.id;
}

describe('the chat API', () => {
  it('opens with the session id and the streamed first question, then streams each reply word by word', async () => {
    const { chat } = setup();
    const opening = await events(chat.start(robin));
    expect(opening[0]?.type).toBe('session');
    expect(opening.at(-1)).toEqual({ type: 'done', project: null });
    const openingTexts = opening.filter((event) => event.type === 'text');
    expect(openingTexts.length).toBeGreaterThan(1);
    expect(openingTexts.map((event) => event.text).join('')).toContain('What are we making?');
    const sessionId = (opening[0] as { id: string }).id;

    const reply = await events(await chat.send(robin, sessionId, message('A weekly email newsletter for the bakery.')));
    const texts = reply.filter((event) => event.type === 'text');
    expect(texts.length).toBeGreaterThan(1);
    expect(texts.map((event) => event.text).join('')).toContain('What should we call it?');
    expect(reply.at(-1)).toEqual({ type: 'done', project: null });
  });

  it('ends with the created project when the conversation commits', async () => {
    const { chat, store } = setup();
    const sessionId = await startSession(chat);
    const answers = ['A weekly newsletter for the bakery.', 'Crumb Notes', 'Regulars.', 'Warm.', '- Never mention prices', '- More pre-orders', 'none', "That's everything.", 'Ready to begin.'];
    let last: ChatEvent[] = [];
    for (const answer of answers) last = await events(await chat.send(robin, sessionId, message(answer)));
    const done = last.at(-1);
    expect(done).toMatchObject({ type: 'done', project: { name: 'Crumb Notes', status: 'active' } });
    const listed = await store.listEngagements({ operatorId: robin.id });
    expect(listed.items.map((project) => project.name)).toEqual(['Crumb Notes']);

    const transcript = (await (await chat.transcript(robin, sessionId)).json()) as { turns: { role: string; text: string }[]; project: unknown };
    expect(transcript.turns).toHaveLength(answers.length * 2 + 1);
    expect(transcript.turns[1]).toEqual({ role: 'operator', text: answers[0] });
    expect(transcript.project).toMatchObject({ name: 'Crumb Notes', status: 'active' });
  });

  it("keeps a conversation to the person who started it", async () => {
    const { chat, store } = setup();
    const sessionId = await startSession(chat);
    expect((await chat.transcript(sam, sessionId)).status).toBe(404);
    expect((await chat.send(sam, sessionId, message('Crumb Notes'))).status).toBe(404);
    // Nothing Sam sent reached Robin's conversation.
    expect(await store.listTurns(sessionId)).toHaveLength(1);
  });

  it('answers an empty message with a plain error event and a malformed body with 400', async () => {
    const { chat } = setup();
    const sessionId = await startSession(chat);
    expect(await events(await chat.send(robin, sessionId, message('   ')))).toEqual([
      { type: 'error', message: 'That reply is empty or too long. Please write it again.' },
    ]);
    expect((await chat.send(robin, sessionId, message(42))).status).toBe(400);
  });
});
