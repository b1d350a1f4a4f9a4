// A child process for the reliability tests: scripted creations on a store named by a target string.
//
//   node --import tsx tests/reliability/worker.ts --store sqlite:<file> [--operator <id>] [--first <n>] [--count <n>]
//                                                [--resume] [--wait-for-go]
//
// Prints one JSON line per completed creation ({"type":"created", engagementId, name, sessionId, …}) and a
// {"type":"turn"} line per turn, each written synchronously, so a line on stdout means the work before it
// is committed even if the process is killed right after. --resume finishes every open session of the
// operator instead; --wait-for-go prints {"type":"ready"} and waits for a line on stdin before opening the store.
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import {
  LoomworksError,
  createFromContent,
  createGuidedCompanion,
  type CreationResult,
  type CreationSessionRecord,
  type LoomworksStore,
} from '@loomworks/core';
import { creationContent, creationIds, creationNumberOf } from './scripted-creation';
import { openStoreTarget } from './store-targets';

function print(line: Record<string, unknown>): void {
  writeSync(1, `${JSON.stringify(line)}\n`);
}

async function waitForGo(): Promise<void> {
  print({ type: 'ready' });
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (line.trim() === 'go') break;
  }
  lines.close();
}

async function openSessionsOf(store: LoomworksStore, operatorId: string): Promise<string[]> {
  const open: string[] = [];
  let after: string | null = null;
  do {
    const page: { records: CreationSessionRecord[]; next: string | null } = await store.scan('sessions', { after, limit: 500 });
    for (const session of page.records) {
      if (session.operatorId === operatorId && session.status === 'open') open.push(session.id);
    }
    after = page.next;
  } while (after !== null);
  return open;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      store: { type: 'string' },
      operator: { type: 'string', default: 'reliability-operator' },
      first: { type: 'string', default: '1' },
      count: { type: 'string', default: '1' },
      resume: { type: 'boolean', default: false },
      'wait-for-go': { type: 'boolean', default: false },
    },
  });
  if (!values.store) throw new Error('--store <target> is required');
  if (values['wait-for-go']) await waitForGo();

  const store = await openStoreTarget(values.store);
  print({ type: 'opened' });
  const operator = { id: values.operator };
  const companion = createGuidedCompanion();
  const onTurn = (turn: { turn: number; state: { id: string } }): void => print({ type: 'turn', sessionId: turn.state.id, turn: turn.turn });
  const report = (number: number, result: CreationResult, resumed: boolean): void =>
    print({
      type: 'created',
      number,
      engagementId: result.engagement.id,
      name: result.engagement.name,
      status: result.engagement.status,
      sessionId: result.session,
      resumed,
    });

  if (values.resume) {
    for (const sessionId of await openSessionsOf(store, operator.id)) {
      const number = creationNumberOf(sessionId);
      const result = await createFromContent(creationContent(number), { companion, store, operator, ids: creationIds(number), resume: sessionId, onTurn });
      report(number, result, true);
    }
  } else {
    const first = Number(values.first);
    for (let number = first; number < first + Number(values.count); number += 1) {
      const result = await createFromContent(creationContent(number), { companion, store, operator, ids: creationIds(number), onTurn });
      report(number, result, false);
    }
  }
  await store.close();
}

main().catch((error: unknown) => {
  const cause = LoomworksError.is(error) ? (error.cause as { code?: unknown } | undefined) : undefined;
  process.stderr.write(
    `${JSON.stringify({
      error: LoomworksError.is(error) ? error.code : 'unexpected',
      message: error instanceof Error ? error.message : String(error),
      cause: typeof cause?.code === 'string' ? cause.code : null,
    })}\n${error instanceof Error ? error.stack ?? '' : ''}\n`
  );
  process.exitCode = 1;
});
