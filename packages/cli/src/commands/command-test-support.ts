// Shared ground for the command tests: a scratch folder with a database path, and projects created the way
// users create them (`loom create --from`, through the built CLI).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreationResult } from '@loomworks/core';
import { REPOSITORY_ROOT, runCli, type CliRun } from '../test-support/run-cli';

export const MARKETING = join(REPOSITORY_ROOT, 'examples/marketing/content.md');
export const MARKETING_NAME = 'Loomworks launch marketing';

export type Workspace = { dir: string; db: string };

export function workspace(prefix = 'loom-command-'): Workspace {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, db: join(dir, 'loomworks.db') };
}

/** The marketing content under another name (frontmatter and title), written into `dir`. */
export function marketingNamed(dir: string, name: string): string {
  const content = readFileSync(MARKETING, 'utf8').replaceAll(MARKETING_NAME, name);
  const path = join(dir, `${name.replace(/\W+/g, '-').toLowerCase()}.md`);
  writeFileSync(path, content);
  return path;
}

/** Runs `loom create --from <file> --json` and returns its CreationResult; fails the test if it did not exit 0 or 4. */
export async function createProject(db: string, file = MARKETING, extra: readonly string[] = []): Promise<CreationResult> {
  const run = await runCli(['create', '--from', file, '--db', db, '--json', ...extra]);
  if (run.code !== 0 && run.code !== 4) throw new Error(`loom create failed (${run.code}): ${run.stderr}`);
  return JSON.parse(run.stdout) as CreationResult;
}

/** The one JSON document of a --json run. */
export function documentOf<T = Record<string, unknown>>(run: CliRun): T {
  const lines = run.stdout.trim().split('\n');
  if (lines.length !== 1) throw new Error(`expected one JSON document on stdout, got ${lines.length} lines:\n${run.stdout}`);
  return JSON.parse(lines[0] ?? '') as T;
}

/** A path whose parent is a regular file: no store can be opened there. */
export function unusableDatabase(dir: string): string {
  const file = join(dir, 'not-a-folder');
  writeFileSync(file, 'a file, not a folder');
  return join(file, 'loomworks.db');
}

export const UNREACHABLE_POSTGRES = 'postgres://loom:secret-password@127.0.0.1:1/loomworks';
