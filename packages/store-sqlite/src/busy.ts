// Waiting out SQLITE_BUSY: busy_timeout covers most waits; these bounded, jittered retries cover the rest
// (e.g. BEGIN IMMEDIATE while another process holds the write lock for longer than the timeout).
import { LoomworksError } from '@loomworks/core';
import { isBusy } from './errors';

export type BusyRetryOptions = {
  /** What is being attempted, for the error message. */
  action: string;
  /** Give up (E_STORE) once this much time has passed since the first attempt. */
  giveUpAfterMs: number;
};

/** The total wait before giving up, for a given busy timeout: generous, so contention alone never fails a call. */
export function lockWaitBound(busyTimeoutMs: number): number {
  return Math.max(6 * busyTimeoutMs, 1_000);
}

/** Jittered exponential backoff (5 ms doubling up to 200 ms, ×0.5–1.5), so waiting processes do not retry in step. */
function backoffMs(attempt: number): number {
  return Math.min(200, 5 * 2 ** attempt) * (0.5 + Math.random());
}

function gaveUp(options: BusyRetryOptions, attempts: number, cause: unknown): LoomworksError {
  return new LoomworksError('E_STORE', `SQLite store: ${options.action} could not get the database lock after ${attempts} attempts`, {
    cause,
    details: { action: options.action, attempts, waitedMs: options.giveUpAfterMs },
    hint: 'Another process has held the database busy for a long time; try again, or raise busyTimeoutMs.',
  });
}

/** Runs `attempt` until it does not fail with SQLITE_BUSY, sleeping between attempts without blocking the event loop. */
export async function retryWhileBusy<T>(attempt: () => T, options: BusyRetryOptions): Promise<T> {
  const started = Date.now();
  for (let attempts = 1; ; attempts += 1) {
    try {
      return attempt();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (Date.now() - started >= options.giveUpAfterMs) throw gaveUp(options, attempts, error);
      await new Promise((resolve) => setTimeout(resolve, backoffMs(attempts)));
    }
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** The synchronous twin of `retryWhileBusy`, for opening and migrating (createSqliteStore is synchronous). */
export function retryWhileBusySync<T>(attempt: () => T, options: BusyRetryOptions): T {
  const started = Date.now();
  for (let attempts = 1; ; attempts += 1) {
    try {
      return attempt();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (Date.now() - started >= options.giveUpAfterMs) throw gaveUp(options, attempts, error);
      Atomics.wait(sleeper, 0, 0, backoffMs(attempts));
    }
  }
}
