// What every command gets: the parsed global options, the output, and lazily opened resources (the store
// and the Companion load their heavy modules only when a command asks for them).
import { mkdirSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import type { Companion, LoomworksStore, Operator } from '@loomworks/core';
import { LoomworksError } from '@loomworks/core';
import type { Output } from './output';

export type GlobalArgs = {
  db?: string;
  companion?: 'guided' | 'anthropic';
  model?: string;
  operator?: string;
  json: boolean;
  quiet: boolean;
  color: boolean;
  verbose: boolean;
};

export type CommandContext = {
  args: GlobalArgs;
  out: Output;
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
  operator: Operator;
  /** The store named by --db / LOOMWORKS_DB (default: the user's data directory), opened on first use. */
  store(): Promise<LoomworksStore>;
  /** The Companion named by --companion (default: anthropic when ANTHROPIC_API_KEY is set, else guided). */
  companion(): Promise<Companion>;
};

/** `$XDG_DATA_HOME/loomworks/loomworks.db`, or `~/.local/share/loomworks/loomworks.db`. */
export function defaultDatabasePath(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_DATA_HOME && env.XDG_DATA_HOME.trim() !== '' ? env.XDG_DATA_HOME : join(env.HOME ?? homedir(), '.local', 'share');
  return join(base, 'loomworks', 'loomworks.db');
}

export function isPostgresUrl(db: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(db);
}

/** Opens a store from a path or a postgres:// URL. */
export async function openStore(db: string): Promise<LoomworksStore> {
  if (isPostgresUrl(db)) {
    const { createPostgresStore } = await import('@loomworks/store-postgres');
    const store = createPostgresStore({ connectionString: db });
    await store.ready();
    return store;
  }
  try {
    mkdirSync(dirname(db), { recursive: true });
  } catch (error) {
    throw new LoomworksError('E_STORE', `Cannot create the folder for ${db}`, { cause: error, hint: 'Pass --db with a writable path.' });
  }
  const { createSqliteStore } = await import('@loomworks/store-sqlite');
  return createSqliteStore({ filename: db });
}

export function defaultOperator(env: NodeJS.ProcessEnv): Operator {
  try {
    return { id: userInfo().username };
  } catch {
    return { id: env.USER ?? env.USERNAME ?? 'operator' };
  }
}

export async function openCompanion(args: GlobalArgs, env: NodeJS.ProcessEnv): Promise<Companion> {
  const kind = args.companion ?? (env.ANTHROPIC_API_KEY ? 'anthropic' : 'guided');
  if (kind === 'guided') {
    const { createGuidedCompanion } = await import('@loomworks/core');
    return createGuidedCompanion();
  }
  const anthropic = (await import('@loomworks/anthropic')) as Record<string, unknown>;
  const create = anthropic.createAnthropicCompanion as ((options: Record<string, unknown>) => Companion) | undefined;
  if (typeof create !== 'function') {
    throw new LoomworksError('E_USAGE', 'The anthropic Companion is not available in this build', { hint: 'Use --companion guided.' });
  }
  return create({ ...(args.model ? { model: args.model } : {}) });
}
