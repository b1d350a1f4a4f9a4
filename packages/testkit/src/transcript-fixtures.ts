// Transcript fixtures as files, and their replay: the format itself is core's (render/parse), this only adds
// the file system and a fresh session that hears the fixture's Operator turns again.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  createCreationSession,
  createMemoryStore,
  parseTranscriptFixture,
  renderTranscriptFixture,
  type Clock,
  type Companion,
  type CreationResult,
  type IdGenerator,
  type LoomworksStore,
  type Operator,
  type TranscriptFixture,
  type TurnResult,
} from '@loomworks/core';

/** Reads and parses a fixture file; rejects with `E_INVALID_CONTENT` (naming the line) when it is not the format. */
export async function readTranscriptFixture(path: string): Promise<TranscriptFixture> {
  return parseTranscriptFixture(await readFile(path, 'utf8'));
}

/** Renders `fixture` and writes it to `path`, creating the folder if needed. */
export async function writeTranscriptFixture(path: string, fixture: TranscriptFixture): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, renderTranscriptFixture(fixture), 'utf8');
}

export type ReplayTranscriptFixtureOptions = {
  companion: Companion;
  /** Default a new memory store. */
  store?: LoomworksStore;
  /** Default `{ id: <the fixture's Operator id or persona name> }`. */
  operator?: Operator;
  clock?: Clock;
  ids?: IdGenerator;
};

export type ReplayTranscriptFixtureResult = {
  /** What the replayed session created, or null when the Operator turns ran out before a commit. */
  creation: CreationResult | null;
  /** Every turn of the replay, the opening first. */
  turns: TurnResult[];
  /** The Companion's opening turn. */
  firstReply: string;
  /** The Companion's reply to each Operator turn, in order. */
  replies: string[];
};

/**
 * Replays the fixture's Operator turns through a new session with `companion`: `start()`, then each Operator
 * message through plain `send` (no intent hint), exactly as written. The fixture's Companion turns are not
 * used; compare them with `replies` to see how a Companion's words differ.
 */
export async function replayTranscriptFixture(fixture: TranscriptFixture, options: ReplayTranscriptFixtureOptions): Promise<ReplayTranscriptFixtureResult> {
  const session = await createCreationSession({
    companion: options.companion,
    store: options.store ?? createMemoryStore(),
    operator: options.operator ?? { id: fixture.who },
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.ids ? { ids: options.ids } : {}),
  });
  const opening = await session.start();
  const turns = [opening];
  for (const turn of fixture.turns) {
    if (turn.role === 'operator') turns.push(await session.send(turn.text));
  }
  const replies = turns.slice(1).map((turn) => turn.reply);
  return { creation: session.state().creation, turns, firstReply: opening.reply, replies };
}
