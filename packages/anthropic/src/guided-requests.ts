// Test helper (used only by this package's tests): real CompanionRequests, as the session engine builds
// them, recorded from conversations with the offline guided Companion.
import { readFileSync } from 'node:fs';
import { createCreationSession, createFromContent, createGuidedCompanion, createMemoryStore, type CompanionRequest } from '@loomworks/core';
import { createFakeCompanion } from '@loomworks/testkit';

export const MARKETING = readFileSync(new URL('../../../examples/marketing/content.md', import.meta.url), 'utf8');

export const BAKERY = `# Crumb Notes

## What we're making
A weekly email newsletter for the bakery: new bakes and opening hours.

## Who it's for
Regulars who pop in before work.

## How it should sound
Warm and a bit cheeky, like a chat over the counter.

## Rules to follow
- Never mention prices
- Always sign off from the whole team

## Signs it's working
- People mention it at the till

## Also true
- **Owner:** Sam at the Harbour Street shop
`;

/** Every request of a scripted creation of `content`. */
export async function scriptedRequests(content: string): Promise<CompanionRequest[]> {
  const companion = createFakeCompanion({ fallback: createGuidedCompanion() });
  await createFromContent(content, { companion, store: createMemoryStore(), operator: { id: 'op-1' } });
  return companion.requests;
}

/**
 * Every request of a live conversation that has a skip, a correction, a terminal message with content
 * (so a record-only call), the recap, a review and the closing.
 */
export async function liveRequests(): Promise<CompanionRequest[]> {
  const companion = createFakeCompanion({ fallback: createGuidedCompanion() });
  const session = await createCreationSession({ companion, store: createMemoryStore(), operator: { id: 'op-1', name: 'Robin' } });
  await session.start();
  for (const message of [
    'A weekly email newsletter for the bakery.',
    'Crumb Notes',
    'skip',
    'Warm and a bit cheeky.',
    '- Never mention prices\n- Always sign off from the whole team',
    '- People mention it at the till',
    'Owner: Sam',
    'The audience is regulars who pop in before work. That is everything.',
    'Can I review it?',
    'Ready to begin.',
  ]) {
    await session.send(message);
  }
  return companion.requests;
}
