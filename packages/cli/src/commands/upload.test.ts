// `loom upload` as users run it (the built CLI in a child process): one record or many, idempotent uploads,
// records that do not extract (issues with line:column, nothing written), and the exit-code rule.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractSeed } from '@loomworks/core';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT, runCli } from '../test-support/run-cli';

const MARKETING = join(REPOSITORY_ROOT, 'examples/marketing/content.md');

function workspace(): { dir: string; db: string } {
  const dir = mkdtempSync(join(tmpdir(), 'loom-upload-'));
  return { dir, db: join(dir, 'loomworks.db') };
}

/** Field 2 is empty (line 6), Fields 3 and 5 are missing: three issues. */
const BROKEN_RECORD = `# Half done

## 1. What we're making
A newsletter.

## 2. Who it's for

## 4. Rules to follow
- Use British spelling.
`;

const PLACEHOLDER_RECORD = `# Placeholder project

## 1. What we're making
A newsletter for the bakery.

## 2. Who it's for
N/A

## 3. How it should sound
Warm.

## 4. Rules to follow
- Use British spelling.

## 5. Signs it's working
- More pre-orders on Fridays.
`;

describe('loom upload <file>', () => {
  it('creates a project from a Discovery record, and uploading the same record again returns that project', async () => {
    const { db } = workspace();
    const human = await runCli(['upload', MARKETING, '--db', db]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('✓ Loomworks launch marketing (active)');
    expect(human.stdout).toMatch(/final check\s+induction-pass-clean/);
    // Uploads have no creation session.
    expect(human.stdout).not.toMatch(/^\s+session\s/m);

    const json = await runCli(['upload', MARKETING, '--db', db, '--json']);
    expect(json.code).toBe(0);
    const document = JSON.parse(json.stdout);
    const extraction = extractSeed(readFileSync(MARKETING, 'utf8'));
    if (!extraction.ok) throw new Error('the marketing content must extract');
    expect(document.seed).toEqual(extraction.seed);
    expect(document.session).toBeUndefined();
    expect(document.engagement.id).toBe(/project\s+(\S+)/.exec(human.stdout)?.[1]);
  });

  it('rejects a record that does not extract with exit 3, each issue as line:column code message, and writes nothing', async () => {
    const { dir, db } = workspace();
    writeFileSync(join(dir, 'broken.md'), BROKEN_RECORD);
    const human = await runCli(['upload', join(dir, 'broken.md'), '--db', db]);
    expect(human.code).toBe(3);
    expect(human.stdout).toBe('');
    const broken = join(dir, 'broken.md');
    const stderr = human.stderr.split('\n');
    expect(stderr).toContain(`${broken}:6:1 EXTRACT_EMPTY_FIELD Field 2 (Who it's for) is empty.`);
    expect(stderr.filter((line) => line.startsWith(`${broken}:1:1 EXTRACT_MISSING_FIELD `))).toHaveLength(2);
    expect(stderr[3]).toBe(`error E_EXTRACTION_FAILED: ${broken} does not extract (3 issues)`);

    const json = await runCli(['upload', join(dir, 'broken.md'), '--db', db, '--json']);
    expect(json.code).toBe(3);
    const { error } = JSON.parse(json.stdout);
    expect(error).toMatchObject({ code: 'E_EXTRACTION_FAILED', exitCode: 3 });
    expect(error.issues).toContainEqual(expect.objectContaining({ code: 'EXTRACT_EMPTY_FIELD', line: 6, column: 1, field: 'audience' }));
    expect(existsSync(db)).toBe(false);
  });

  it('rejects missing, binary, oversized and free-form files with exit 3 and writes nothing', async () => {
    const { dir, db } = workspace();
    writeFileSync(join(dir, 'binary.md'), Buffer.from([0xff, 0xfe, 0x00, 0x41]));
    writeFileSync(join(dir, 'huge.md'), 'x'.repeat(5 * 1024 * 1024 + 1));
    writeFileSync(join(dir, 'free-form.md'), 'We want a newsletter for the bakery, warm in tone, for our regulars.\n');
    const cases = [
      ['missing.md', 'E_INVALID_INPUT'],
      ['binary.md', 'E_INVALID_CONTENT'],
      ['huge.md', 'E_INVALID_CONTENT'],
      // The guided Companion has no extraction fallback, so a document without the structure cannot be read.
      ['free-form.md', 'E_EXTRACTION_FAILED'],
    ] as const;
    for (const [file, code] of cases) {
      const run = await runCli(['upload', join(dir, file), '--db', db]);
      expect({ file, code: run.code, stdout: run.stdout }).toEqual({ file, code: 3, stdout: '' });
      expect(run.stderr).toMatch(new RegExp(`^error ${code}: .*${file}`, 'm'));
    }
    expect(existsSync(db)).toBe(false);
  });

  it('exits 6 when the store cannot be opened and 2 without a file', async () => {
    const { dir } = workspace();
    writeFileSync(join(dir, 'plain-file'), 'not a folder');
    const store = await runCli(['upload', MARKETING, '--db', join(dir, 'plain-file', 'loomworks.db'), '--json']);
    expect(store.code).toBe(6);
    expect(JSON.parse(store.stdout).error).toMatchObject({ code: 'E_STORE', exitCode: 6 });
    const usage = await runCli(['upload']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^error E_USAGE: /);
  });
});

describe('loom upload <file…>', () => {
  it('uploads each file on its own: NDJSON per file, a table for people, and the most severe exit code', async () => {
    const { dir, db } = workspace();
    writeFileSync(join(dir, 'broken.md'), BROKEN_RECORD);
    writeFileSync(join(dir, 'placeholder.md'), PLACEHOLDER_RECORD);
    const files = [MARKETING, join(dir, 'broken.md'), join(dir, 'placeholder.md')];

    const json = await runCli(['upload', ...files, '--db', db, '--json']);
    expect(json.code).toBe(3);
    const documents = json.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(documents.map((document) => [document.file, document.ok])).toEqual([
      [files[0], true],
      [files[1], false],
      [files[2], true],
    ]);
    expect(documents[1].error).toMatchObject({ code: 'E_EXTRACTION_FAILED', exitCode: 3 });
    expect(documents[2]).toMatchObject({ engagement: { name: 'Placeholder project', status: 'candidate' }, induction: { status: 'induction-fail' } });
    // The issues of the broken record are on stderr too.
    expect(json.stderr).toContain(`${files[1]}:6:1 EXTRACT_EMPTY_FIELD`);

    const human = await runCli(['upload', files[0] ?? '', files[2] ?? '', '--db', join(dir, 'other.db')]);
    expect(human.code).toBe(4);
    expect(human.stdout).toMatch(/placeholder\.md\s+Placeholder project\s+candidate\s+induction-fail \(1 to fix\)/);
    expect(human.stdout.trim().split('\n').at(-1)).toBe('2 files: 1 created, 1 created as a candidate (final check failed).');
  });
});
