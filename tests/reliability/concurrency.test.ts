// SPEC §13: eight processes creating engagements at once on one store lose nothing, and every chain verifies.
import { describe, expect, it } from 'vitest';
import { checkCreations } from './check-creations';
import { creationName } from './scripted-creation';
import { STORE_TARGETS, openStoreTarget } from './store-targets';
import { createdLines, startWorker, type WorkerProcess } from './worker-process';

const WORKERS = 8;
const CREATIONS_PER_WORKER = 5;
const OPERATOR = 'concurrency-operator';

describe.each(STORE_TARGETS)(`$name store shared by ${WORKERS} processes`, (target) => {
  it(`lands every creation of ${WORKERS} processes creating at once exactly once, and every chain verifies`, async (context) => {
    const preparing = await target.prepare();
    if ('skip' in preparing) {
      console.warn(`[concurrency:${target.name}] skipped (set LOOMWORKS_REQUIRE_POSTGRES=1 to fail instead): ${preparing.skip}`);
      context.skip(preparing.skip);
      return;
    }
    const prepared = preparing;
    try {
      // Worker w creates numbers w*100+1 … w*100+5. All of them load first, then open the (new) store
      // and start creating at the same moment, so they also race to create and migrate it.
      const workers: WorkerProcess[] = Array.from({ length: WORKERS }, (_, worker) =>
        startWorker([
          '--store',
          prepared.target,
          '--operator',
          OPERATOR,
          '--first',
          String(worker * 100 + 1),
          '--count',
          String(CREATIONS_PER_WORKER),
          '--wait-for-go',
        ])
      );
      await Promise.all(
        workers.map(
          (worker) =>
            new Promise<void>((resolve, reject) => {
              worker.onLine((line) => line.type === 'ready' && resolve());
              void worker.exited.then(() => reject(new Error(`a worker exited before it was ready: ${worker.stderr()}`)));
            })
        )
      );
      for (const worker of workers) worker.child.stdin.end('go\n');
      const exits = await Promise.all(workers.map((worker) => worker.exited));

      for (const [index, worker] of workers.entries()) {
        expect(exits[index], `worker ${index} exit (stderr: ${worker.stderr()})`).toEqual({ code: 0, signal: null });
        expect(worker.stderr(), `worker ${index} stderr`).not.toMatch(/SQLITE_BUSY|E_STORE/);
        expect(worker.stderr(), `worker ${index} stderr`).toBe('');
      }

      const store = await openStoreTarget(prepared.target);
      try {
        const check = await checkCreations(store);
        const expectedNames = workers.flatMap((_, worker) =>
          Array.from({ length: CREATIONS_PER_WORKER }, (__, index) => creationName(worker * 100 + 1 + index))
        );
        expect(check.engagements.map((engagement) => engagement.name).sort()).toEqual(expectedNames.sort());
        expect(check.openSessions).toEqual([]);
        const stored = new Set(check.engagements.map((engagement) => `${engagement.id} ${engagement.name} ${engagement.sessionId}`));
        for (const [index, worker] of workers.entries()) {
          const printed = createdLines(worker.lines);
          expect(printed, `worker ${index} reported creations`).toHaveLength(CREATIONS_PER_WORKER);
          for (const line of printed) expect(stored.has(`${line.engagementId} ${line.name} ${line.sessionId}`), `worker ${index}: ${line.name}`).toBe(true);
        }
        console.log(
          `[concurrency:${target.name}] ${WORKERS} processes × ${CREATIONS_PER_WORKER} creations: ${check.engagements.length} engagements, ${check.events} events, all chains verified`
        );
      } finally {
        await store.close();
      }
      await prepared.checkIntegrity();
    } finally {
      await prepared.cleanup();
    }
  }, 120_000);
});
