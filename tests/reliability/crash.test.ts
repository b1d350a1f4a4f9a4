// SPEC §13: kill -9 during scripted creation at random points leaves no half-created engagement, a valid
// chain, and sessions that resume. Kill points come from a seeded PRNG: set LOOMWORKS_CRASH_SEED to replay.
import { createFromContent, createGuidedCompanion, type LoomworksStore } from '@loomworks/core';
import { seededRandom } from '@loomworks/testkit';
import { expect, it } from 'vitest';
import { checkCreations, type CreationsCheck } from './check-creations';
import { creationContent, creationIds, creationName, creationNumberOf } from './scripted-creation';
import { SQLITE_TARGET, openStoreTarget } from './store-targets';
import { createdLines, startWorker, type WorkerExit, type WorkerProcess } from './worker-process';

const SEED = Number(process.env.LOOMWORKS_CRASH_SEED ?? 20261126);
const TRIALS = 30;
const CREATIONS_PER_TRIAL = 4;
const OPERATOR = 'crash-operator';

function creationArgs(target: string, first: number): string[] {
  return ['--store', target, '--operator', OPERATOR, '--first', String(first), '--count', String(CREATIONS_PER_TRIAL)];
}

/** Finishes every open session: in this process, or (every few trials) through the worker's --resume mode. */
async function resumeOpenSessions(
  store: LoomworksStore,
  target: string,
  open: CreationsCheck['openSessions'],
  throughWorker: boolean
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (open.length === 0) return names;
  if (throughWorker) {
    const worker = startWorker(['--store', target, '--operator', OPERATOR, '--resume']);
    const exit = await worker.exited;
    expect(exit, `resume worker (stderr: ${worker.stderr()})`).toEqual({ code: 0, signal: null });
    for (const line of createdLines(worker.lines)) names.set(line.sessionId, line.name);
    return names;
  }
  const companion = createGuidedCompanion();
  for (const session of open) {
    const number = creationNumberOf(session.id);
    const result = await createFromContent(creationContent(number), {
      companion,
      store,
      operator: { id: OPERATOR },
      ids: creationIds(number),
      resume: session.id,
    });
    names.set(session.id, result.engagement.name);
  }
  return names;
}

it(`leaves whole engagements, valid chains and resumable sessions after kill -9 at random points (${TRIALS} trials, seed ${SEED})`, async () => {
  console.log(`[crash] seed ${SEED} (replay with LOOMWORKS_CRASH_SEED=${SEED})`);
  const random = seededRandom(SEED);
  const prepared = await SQLITE_TARGET.prepare();
  try {
    // An uninterrupted run measures what a trial prints (lines, and time until the store is open),
    // so kill points can be spread over the whole of a worker's life.
    const started = Date.now();
    let openedAfterMs = 0;
    const calibration = startWorker(creationArgs(prepared.target, 1));
    calibration.onLine((line) => {
      if (line.type === 'opened') openedAfterMs = Date.now() - started;
    });
    expect(await calibration.exited, calibration.stderr()).toEqual({ code: 0, signal: null });
    const linesPerRun = calibration.lines.length;

    let next = 1 + CREATIONS_PER_TRIAL;
    const summary = {
      trials: 0,
      kills: 0,
      beforeOpen: 0,
      killedWithOpenSessions: 0,
      interruptedSessions: 0,
      midway: 0,
      atCommit: 0,
      resumed: 0,
      resumedByWorker: 0,
    };
    for (let trial = 1; trial <= TRIALS; trial += 1) {
      const first = next;
      next += CREATIONS_PER_TRIAL;
      const worker: WorkerProcess = startWorker(creationArgs(prepared.target, first));
      const kill = (): void => {
        worker.child.kill('SIGKILL');
      };
      // Mostly after a random line of output (mid-session, around commits, between creations), with a
      // few milliseconds of jitter; sometimes at a random moment while the process is still starting.
      if (random() < 0.15) {
        setTimeout(kill, Math.floor(random() * (openedAfterMs + 50)));
      } else {
        const position = 1 + Math.floor(random() * linesPerRun);
        const jitterMs = Math.floor(random() * 4);
        worker.onLine((_, seen) => {
          if (seen === position) setTimeout(kill, jitterMs);
        });
      }
      const exit: WorkerExit = await worker.exited;
      summary.trials += 1;
      if (exit.signal === 'SIGKILL') summary.kills += 1;
      else expect(exit, `trial ${trial}: a worker that was not killed finishes cleanly (stderr: ${worker.stderr()})`).toEqual({ code: 0, signal: null });
      if (!worker.lines.some((line) => line.type === 'opened')) summary.beforeOpen += 1;

      // The file is sound, and what the worker reported as created survived the kill.
      await prepared.checkIntegrity();
      const store = await openStoreTarget(prepared.target);
      try {
        const after = await checkCreations(store);
        const stored = new Set(after.engagements.map((engagement) => engagement.id));
        for (const line of createdLines(worker.lines)) expect(stored.has(line.engagementId), `trial ${trial}: reported ${line.name}`).toBe(true);

        // Interrupted sessions are open (never half-committed) and resume to whole engagements.
        if (after.openSessions.length > 0) summary.killedWithOpenSessions += 1;
        summary.interruptedSessions += after.openSessions.length;
        summary.midway += after.openSessions.filter((session) => session.turns > 0).length;
        for (const session of after.openSessions) {
          const last = (await store.listTurns(session.id)).at(-1);
          if (last?.role === 'operator' && last.intent === 'create_engagement_commit') summary.atCommit += 1;
        }
        const throughWorker = trial % 4 === 0;
        const resumedNames = await resumeOpenSessions(store, prepared.target, after.openSessions, throughWorker);
        if (throughWorker) summary.resumedByWorker += resumedNames.size;
        for (const session of after.openSessions) {
          expect(resumedNames.get(session.id), `trial ${trial}: session ${session.id} resumed`).toBe(creationName(creationNumberOf(session.id)));
        }
        summary.resumed += resumedNames.size;
        const resumed = await checkCreations(store);
        expect(resumed.openSessions, `trial ${trial}: sessions still open after resuming`).toEqual([]);
        expect(resumed.engagements.length).toBe(after.engagements.length + after.openSessions.length);
      } finally {
        await store.close();
      }
      await prepared.checkIntegrity();
    }

    console.log(
      `[crash] ${summary.trials} trials: ${summary.kills} kills (${summary.beforeOpen} before the store opened), ` +
        `${summary.interruptedSessions} interrupted sessions in ${summary.killedWithOpenSessions} trials ` +
        `(${summary.midway} mid-conversation, ${summary.atCommit} at the commit), ${summary.resumed} resumed to whole engagements (${summary.resumedByWorker} by \`worker.ts --resume\`)`
    );
    expect(summary.kills).toBeGreaterThanOrEqual(25);
    // Otherwise the kills all fell between creations and the test proved nothing about interruption.
    expect(summary.midway).toBeGreaterThanOrEqual(10);
    expect(summary.resumed).toBe(summary.interruptedSessions);
  } finally {
    await prepared.cleanup();
  }
}, 180_000);
