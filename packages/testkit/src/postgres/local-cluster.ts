// A throwaway Postgres cluster from the local server binaries: initdb into a temp directory, a random
// loopback port, settings for speed over durability, and cleanup on stop() or when the process exits.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, closeSync, constants, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { chown, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { connectOnce } from './connect';

const execFileAsync = promisify(execFile);

/** Where the binaries are, or why none were found. */
export type BinariesLookup = { binDir: string } | { binDir: null; reason: string };

export type LocalCluster = {
  connectionString: string;
  stop(): Promise<void>;
};

const REQUIRED_BINARIES = ['initdb', 'postgres'];
const START_ATTEMPTS = 3;
const LOG_TAIL_CHARS = 2_000;
/** A Unix socket path must fit in sun_path (108 bytes on Linux) with `/.s.PGSQL.<port>` appended. */
const MAX_SOCKET_DIR_LENGTH = 90;

// ── Finding the binaries ──────────────────────────────────────────────────────────────────────

function hasBinaries(directory: string): boolean {
  return REQUIRED_BINARIES.every((name) => {
    try {
      accessSync(join(directory, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function fromPgConfig(): string | null {
  try {
    const output = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5_000 }).trim();
    return output !== '' && hasBinaries(output) ? output : null;
  } catch {
    return null;
  }
}

/** Debian and Ubuntu install each major version under /usr/lib/postgresql/<version>/bin: take the newest. */
function fromDebianLayout(): string | null {
  let versions: string[];
  try {
    versions = readdirSync('/usr/lib/postgresql');
  } catch {
    return null;
  }
  const candidates = versions
    .filter((version) => /^\d+(\.\d+)?$/.test(version))
    .sort((left, right) => Number(right) - Number(left))
    .map((version) => join('/usr/lib/postgresql', version, 'bin'));
  return candidates.find(hasBinaries) ?? null;
}

/** `initdb` on PATH, following symlinks, so /usr/local/bin/initdb → /usr/lib/postgresql/15/bin counts. */
function fromPath(): string | null {
  for (const directory of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const initdb = join(directory, 'initdb');
    if (!existsSync(initdb)) continue;
    if (hasBinaries(directory)) return directory;
    try {
      const resolved = dirname(realpathSync(initdb));
      if (hasBinaries(resolved)) return resolved;
    } catch {
      // A dangling symlink: keep looking.
    }
  }
  return null;
}

/** `explicit` when given (and only it); else pg_config, the Debian layout, then PATH. */
export function findPostgresBinaries(explicit?: string): BinariesLookup {
  if (explicit !== undefined) {
    return hasBinaries(explicit) ? { binDir: explicit } : { binDir: null, reason: `${explicit} does not contain executable ${REQUIRED_BINARIES.join(' and ')}` };
  }
  const binDir = fromPgConfig() ?? fromDebianLayout() ?? fromPath();
  if (binDir !== null) return { binDir };
  return {
    binDir: null,
    reason: 'no Postgres server binaries found (tried `pg_config --bindir`, /usr/lib/postgresql/*/bin and initdb on PATH); install the postgresql package',
  };
}

// ── Running as the postgres user ──────────────────────────────────────────────────────────────

type RunAs = { uid: number; gid: number } | null;

/** Postgres refuses to run as root: when we are root, initdb and the server run as the `postgres` user. */
function runAsUser(): RunAs {
  if (process.getuid?.() !== 0) return null;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    if (Number.isInteger(uid) && Number.isInteger(gid)) return { uid, gid };
  } catch {
    // Falls through to the error below.
  }
  throw new Error('this process runs as root, which Postgres refuses, and there is no `postgres` user to run it as');
}

/** The environment for initdb and the server: no PG* variables of ours leaking in, a plain locale. */
function serverEnvironment(): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('PG')) environment[key] = value;
  return { ...environment, LANG: 'C', LC_ALL: 'C' };
}

// ── Exit hook ─────────────────────────────────────────────────────────────────────────────────

type Running = { stopNow(): void };

const running = new Set<Running>();
let exitHookInstalled = false;

/** One synchronous hook for every cluster of this process, so a forgotten stop() leaves no server or directory behind. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const cluster of running) cluster.stopNow();
  });
}

function sleepSync(milliseconds: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, milliseconds);
}

// ── Starting ──────────────────────────────────────────────────────────────────────────────────

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function logTail(path: string): string {
  try {
    const text = readFileSync(path, 'utf8').trim();
    return text.length > LOG_TAIL_CHARS ? `…${text.slice(-LOG_TAIL_CHARS)}` : text;
  } catch {
    return '(no log)';
  }
}

function commandOutput(error: unknown): string {
  const { stderr, stdout, message } = error as { stderr?: string; stdout?: string; message?: string };
  return [stderr, stdout].filter((text) => typeof text === 'string' && text.trim() !== '').join('\n').trim() || String(message ?? error);
}

/**
 * Starts a cluster from `binDir`; rejects with a plain Error whose message says why (the caller turns it
 * into E_POSTGRES_UNAVAILABLE). The server listens on 127.0.0.1 only, with trust authentication for
 * the `postgres` superuser, and its Unix socket in the cluster's own directory.
 */
export async function startLocalCluster(binDir: string, startTimeoutMs: number): Promise<LocalCluster> {
  const runAs = runAsUser();
  const directory = mkdtempSync(join(tmpdir(), 'loomworks-pg-'));
  const dataDirectory = join(directory, 'data');
  const logPath = join(directory, 'server.log');
  const environment = serverEnvironment();
  const owner = runAs ?? {};
  try {
    if (runAs) await chown(directory, runAs.uid, runAs.gid);
    try {
      await execFileAsync(
        join(binDir, 'initdb'),
        ['-D', dataDirectory, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
        { cwd: directory, env: environment, timeout: startTimeoutMs, ...owner }
      );
    } catch (error) {
      throw new Error(`initdb failed: ${commandOutput(error)}`);
    }

    let lastFailure = '';
    for (let attempt = 1; attempt <= START_ATTEMPTS; attempt += 1) {
      // The port is free when picked but could be taken before the server binds it: then try another.
      const port = await freePort();
      const started = await startServer({ binDir, directory, dataDirectory, logPath, environment, owner, port, startTimeoutMs });
      if ('cluster' in started) return started.cluster;
      lastFailure = started.failure;
    }
    throw new Error(lastFailure);
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
}

type ServerSettings = {
  binDir: string;
  directory: string;
  dataDirectory: string;
  logPath: string;
  environment: NodeJS.ProcessEnv;
  owner: { uid?: number; gid?: number };
  port: number;
  startTimeoutMs: number;
};

async function startServer(settings: ServerSettings): Promise<{ cluster: LocalCluster } | { failure: string }> {
  const { binDir, directory, dataDirectory, logPath, environment, owner, port, startTimeoutMs } = settings;
  const socketDirectory = directory.length <= MAX_SOCKET_DIR_LENGTH ? directory : '';
  // Durability off (a crash loses a throwaway cluster, nothing else); JIT and autovacuum off for steady test speed.
  const settingsArguments = [
    'listen_addresses=127.0.0.1',
    'fsync=off',
    'synchronous_commit=off',
    'full_page_writes=off',
    'max_wal_size=1GB',
    'checkpoint_timeout=1h',
    'autovacuum=off',
    'jit=off',
    'max_connections=200',
    'shared_buffers=64MB',
    'logging_collector=off',
  ].flatMap((setting) => ['-c', setting]);
  const logFile = openSync(logPath, 'a');
  let child: ChildProcess;
  try {
    child = spawn(join(binDir, 'postgres'), ['-D', dataDirectory, '-p', String(port), '-k', socketDirectory, ...settingsArguments], {
      cwd: directory,
      env: environment,
      stdio: ['ignore', logFile, logFile],
      ...owner,
    });
  } finally {
    closeSync(logFile);
  }
  // A forgotten cluster must not keep the process alive; the exit hook stops it.
  child.unref();

  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
    child.once('error', () => {
      exited = true;
      resolve();
    });
  });

  const stopNow = (): void => {
    if (!exited) {
      try {
        child.kill('SIGQUIT');
      } catch {
        // Already gone.
      }
      // The postmaster removes postmaster.pid last when it shuts down; wait for that before deleting its directory.
      const deadline = Date.now() + 5_000;
      while (existsSync(join(dataDirectory, 'postmaster.pid')) && Date.now() < deadline) sleepSync(10);
    }
    rmSync(directory, { recursive: true, force: true, maxRetries: 3 });
  };
  const entry: Running = { stopNow };
  running.add(entry);
  installExitHook();

  const terminate = async (): Promise<void> => {
    running.delete(entry);
    if (exited) return;
    child.ref();
    // Immediate shutdown: nothing in a throwaway cluster is worth a checkpoint.
    child.kill('SIGQUIT');
    const killed = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exit;
    clearTimeout(killed);
  };

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await terminate();
      await rm(directory, { recursive: true, force: true, maxRetries: 3 });
    })();
    return stopping;
  };

  const connectionString = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + startTimeoutMs;
  while (!exited) {
    if (await connectOnce(connectionString, 1_000).then(() => true, () => false)) return { cluster: { connectionString, stop } };
    if (Date.now() > deadline) {
      await terminate();
      return { failure: `the Postgres server did not accept connections within ${startTimeoutMs} ms; its log:\n${logTail(logPath)}` };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // The cluster directory stays for the next attempt (the caller removes it if none succeeds).
  running.delete(entry);
  return { failure: `the Postgres server exited while starting; its log:\n${logTail(logPath)}` };
}
