// `loom extract <file>` through the built CLI: the same Seed `loom create --from` commits, issues by
// line:column when a record does not extract, and bad input refused before any database is touched.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractSeed } from '@loomworks/core';
import { runCli } from '../test-support/run-cli';
import { MARKETING, MARKETING_NAME, documentOf, workspace } from './command-test-support';

const BROKEN_RECORD = `# Half a project

## 1. What we're making

## 2. Who it's for
Our regulars.

## 3. How it should sound
Warm.
`;

describe('loom extract', () => {
  it('gives byte for byte the Seed that loom create --from commits for the same file', async () => {
    const { db } = workspace('loom-extract-');
    const [created, extracted] = await Promise.all([
      runCli(['create', '--from', 'examples/marketing/content.md', '--db', db, '--json']),
      runCli(['extract', 'examples/marketing/content.md', '--json']),
    ]);
    expect(created.code).toBe(0);
    expect(extracted.code).toBe(0);
    expect(extracted.stderr).toBe('');
    const createdSeed = documentOf<{ seed: unknown }>(created).seed;
    const document = documentOf<{ seed: unknown; warnings: unknown[] }>(extracted);
    expect(JSON.stringify(document.seed)).toBe(JSON.stringify(createdSeed));
    const library = extractSeed(readFileSync(MARKETING, 'utf8'));
    if (!library.ok) throw new Error('the marketing content must extract');
    expect(document).toEqual({ seed: library.seed, warnings: [] });
  });

  it('prints the Seed for people: the name, then all six fields with their items', async () => {
    const run = await runCli(['extract', MARKETING]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(MARKETING_NAME);
    expect(lines.filter((line) => /^\d\. /.test(line))).toEqual([
      "1. What we're making",
      "2. Who it's for",
      '3. How it should sound',
      '4. Rules to follow',
      "5. Signs it's working",
      '6. Also true',
    ]);
    expect(run.stdout).toContain('   - Show a real conversation before describing any feature.');
    expect(run.stdout).toContain('   - Pricing: Do not mention prices until the pricing page is public.');
  });

  it('reports warnings with their place: on stderr for people, in the document with --json', async () => {
    const { dir } = workspace('loom-extract-warn-');
    const path = join(dir, 'extra.md');
    writeFileSync(path, `${readFileSync(MARKETING, 'utf8')}\n## Budget\nSmall.\n`);
    const run = await runCli(['extract', path]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`^warning ${path}:\\d+:1 EXTRACT_UNKNOWN_SECTION `, 'm'));
    const json = documentOf<{ warnings: { code: string; line: number }[] }>(await runCli(['extract', path, '--json']));
    expect(json.warnings.map((warning) => warning.code)).toEqual(['EXTRACT_UNKNOWN_SECTION']);
  });

  it('names every issue of a record that does not extract as file:line:column code message, and exits 3', async () => {
    const { dir } = workspace('loom-extract-broken-');
    const path = join(dir, 'broken.md');
    writeFileSync(path, BROKEN_RECORD);
    const run = await runCli(['extract', path]);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    const stderr = run.stderr.trimEnd().split('\n');
    expect(stderr).toContain(`${path}:3:1 EXTRACT_EMPTY_FIELD Field 1 (What we're making) is empty.`);
    expect(stderr).toContain(`${path}:1:1 EXTRACT_MISSING_FIELD Field 4 (Rules to follow) is missing.`);
    expect(stderr.find((line) => line.startsWith('error '))).toMatch(/^error E_EXTRACTION_FAILED: .*broken\.md does not extract/);

    const json = await runCli(['extract', path, '--json']);
    expect(json.code).toBe(3);
    const document = documentOf<{ error: { code: string; exitCode: number }; issues: { code: string; line: number; column: number }[] }>(json);
    expect(document.error).toMatchObject({ code: 'E_EXTRACTION_FAILED', exitCode: 3 });
    expect(document.issues).toContainEqual(expect.objectContaining({ code: 'EXTRACT_EMPTY_FIELD', line: 3, column: 1, field: 'purpose' }));
    expect(document.issues.map((issue) => issue.code)).toEqual(expect.arrayContaining(['EXTRACT_MISSING_FIELD', 'EXTRACT_EMPTY_FIELD']));
  });

  it('refuses missing, folder, binary, non-UTF-8 and oversized files with exit 3, opening no database', async () => {
    const { dir, db } = workspace('loom-extract-input-');
    const binary = join(dir, 'image.png');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    const latin1 = join(dir, 'latin1.md');
    writeFileSync(latin1, Buffer.from('# Caf\xe9\n\n## 1. What we\'re making\nCr\xe8me.\n', 'latin1'));
    const huge = join(dir, 'huge.md');
    writeFileSync(huge, `# Huge\n\n## 1. What we're making\n${'x'.repeat(5 * 1024 * 1024)}\n`);
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    const cases: [string, string][] = [
      [join(dir, 'missing.md'), 'E_INVALID_INPUT'],
      [folder, 'E_INVALID_INPUT'],
      [binary, 'E_INVALID_CONTENT'],
      [latin1, 'E_INVALID_CONTENT'],
      [huge, 'E_INVALID_CONTENT'],
    ];
    for (const [path, code] of cases) {
      const run = await runCli(['extract', path, '--db', db]);
      expect(run.code, path).toBe(3);
      expect(run.stdout).toBe('');
      expect(run.stderr.split('\n')[0]).toMatch(new RegExp(`^error ${code}: `));
      expect(run.stderr).not.toMatch(/\n\s+at /);
      const json = await runCli(['extract', path, '--db', db, '--json']);
      expect(documentOf(json)).toEqual({ error: expect.objectContaining({ code, exitCode: 3 }) });
    }
    expect(existsSync(db)).toBe(false);
  });

  it('needs a file (2)', async () => {
    const run = await runCli(['extract']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error E_USAGE: /);
  });
});
