// The smallest program that embeds Loomworks: an Operator founds a project by talking with the offline guided
// Companion, the project is stored in memory, and its Memory chain is verified. Run: npx tsx examples/embed-basic/index.ts
import { createCreationSession, createGuidedCompanion, createMemoryStore, verifyMemory } from '@loomworks/core';

// 1. A Companion and a store. The guided Companion is deterministic and needs no network or key; use
//    createAnthropicCompanion (@loomworks/anthropic) for a live model and createSqliteStore to keep projects on disk.
const store = createMemoryStore();
const session = await createCreationSession({ companion: createGuidedCompanion(), store, operator: { id: 'operator-1', name: 'Robin' } });

// Prints one side of the dialogue, with a message's later lines (but not blank ones) indented under its first.
const say = (who: string, text: string) => console.log(`${who}: ${text.replace(/\n(?!\n)/g, '\n    ')}\n`);

// 2. The opening turn always asks what we're making.
let turn = await session.start();
say('Companion', turn.reply);

// 3. The Operator's messages — in your app they come from your chat box. Each answers the question just asked.
const messages = [
  'A weekly email newsletter for the bakery: new bakes and opening hours.',
  'Crumb Notes',
  'Regulars who pop in before work.',
  'Warm, plain and a little cheeky.',
  '- Never mention prices\n- Keep it under 300 words',
  '- People mention it at the till\n- More pre-orders on Fridays',
  'Launch date: 1 March',
  "That's everything.", // the terminal turn: the Companion recaps and asks whether to begin
  'Ready to begin.', // the Operator commits: the project is written up, checked and created
];
for (const message of messages) {
  say('Operator', message);
  turn = await session.send(message);
  say('Companion', turn.reply);
}

// 4. The committing turn carries what was created.
const creation = turn.creation;
if (!creation) throw new Error('The conversation ended without creating the project');
console.log(`Project: ${creation.engagement.name}`);
console.log(`Status: ${creation.engagement.status} (${creation.induction.status})`);

// 5. Everything that happened is in Memory: an append-only hash chain anyone can verify again.
const memory = await verifyMemory(store, creation.engagement.id);
console.log(memory.ok ? `Memory: verified, ${memory.events} events` : `Memory: broken at event ${memory.seq} (${memory.reason})`);
process.exitCode = memory.ok ? 0 : 1;
