// `loom induct <file>` through the built CLI: a Seed as JSON or a Discovery record, status and findings,
// exit 4 when induction fails, 3 when the file cannot be read, parsed, validated or extracted; the name
// check against the Operator's engagements when the database exists; nothing ever written.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractSeed, type Finding, type Seed } from '@loomworks/core';
import { freshHome, runCli } from '../test-support/run-cli';
import { MARKETING, MARKETING_NAME, UNREACHABLE_POSTGRES, createProject, documentOf, workspace } from './command-test-support';

type InductDocument = {
  source: 'json' | 'discovery-record';
  seed: Seed;
  induction: { status: string; findings: Finding[] };
  nameChecked: boolean;
  error?: { code: string; exitCode: number };
};

function marketingSeed(): Seed {
  const extraction = extractSeed(readFileSync(MARKETING, 'utf8'));
  if (!extraction.ok) throw new Error('the marketing content must extract');
  return extraction.seed;
}

function writeJson(dir: string, name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return path;
}

describe('loom induct <Discovery record>', () => {
  it('passes the marketing record, and creates no database just to check the name', async () => {
    const home = freshHome();
    const run = await runCli(['induct', MARKETING], { home });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${MARKETING_NAME}: induction-pass-clean (passed)\n`);
    expect(run.stderr).toContain('not checked against your engagements');
    expect(existsSync(join(home, '.local', 'share', 'loomworks'))).toBe(false);

    const json = await runCli(['induct', MARKETING, '--json'], { home });
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('');
    expect(documentOf<InductDocument>(json)).toEqual({
      source: 'discovery-record',
      seed: marketingSeed(),
      induction: { status: 'induction-pass-clean', findings: [] },
      warnings: [],
      nameChecked: false,
    });
  });

  it('fails (4) when the Operator already has a project of that name in --db, and only then', async () => {
    const { db } = workspace('loom-induct-name-');
    await createProject(db);
    const taken = await runCli(['induct', MARKETING, '--db', db]);
    expect(taken.code).toBe(4);
    expect(taken.stdout).toContain(`${MARKETING_NAME}: induction-fail (failed)`);
    expect(taken.stdout).toMatch(/fail INDUCTION_NAME_TAKEN/);
    expect(taken.stderr).toMatch(/^error E_INDUCTION_FAILED: /m);

    const json = documentOf<InductDocument>(await runCli(['induct', MARKETING, '--db', db, '--json']));
    expect(json.nameChecked).toBe(true);
    expect(json.induction.status).toBe('induction-fail');
    expect(json.induction.findings.map((finding) => finding.code)).toEqual(['INDUCTION_NAME_TAKEN']);
    expect(json.error).toMatchObject({ code: 'E_INDUCTION_FAILED', exitCode: 4 });

    // Another Operator's names do not count, and the check can be turned off.
    expect((await runCli(['induct', MARKETING, '--db', db, '--operator', 'someone-else'])).code).toBe(0);
    const unchecked = await runCli(['induct', MARKETING, '--db', db, '--no-name-check', '--json']);
    expect(unchecked.code).toBe(0);
    expect(documentOf<InductDocument>(unchecked).nameChecked).toBe(false);

    // Checking wrote nothing: still one engagement.
    const list = documentOf<{ engagements: unknown[] }>(await runCli(['engagements', 'list', '--db', db, '--json']));
    expect(list.engagements).toHaveLength(1);
  });

  it('exits 3 with the issues by line and column when the record does not extract', async () => {
    const { dir } = workspace('loom-induct-broken-');
    const path = join(dir, 'broken.md');
    writeFileSync(path, "# Broken\n\n## 1. What we're making\n\n## 2. Who it's for\nUs.\n");
    const run = await runCli(['induct', path]);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${path}:3:1 EXTRACT_EMPTY_FIELD`);
    const json = documentOf<{ error: { code: string }; issues: unknown[] }>(await runCli(['induct', path, '--json']));
    expect(json.error.code).toBe('E_EXTRACTION_FAILED');
    expect(json.issues.length).toBeGreaterThan(0);
  });
});

describe('loom induct <Seed as JSON>', () => {
  it('passes a valid Seed, read as JSON by its .json name or its opening brace', async () => {
    const { dir } = workspace('loom-induct-json-');
    for (const name of ['seed.json', 'seed.txt']) {
      const run = await runCli(['induct', writeJson(dir, name, marketingSeed()), '--json']);
      expect(run.code, name).toBe(0);
      expect(documentOf<InductDocument>(run)).toMatchObject({ source: 'json', seed: marketingSeed(), induction: { status: 'induction-pass-clean' } });
    }
  });

  it("reads the original engine's snake_case shape, keeping the order of Field 6", async () => {
    const { dir } = workspace('loom-induct-engine-');
    const seed = marketingSeed();
    const { additionalAssertions, ...rest } = seed;
    const engine = { ...rest, additional_assertions: Object.fromEntries(additionalAssertions.map((entry) => [entry.key, entry.value])) };
    const run = await runCli(['induct', writeJson(dir, 'engine.json', engine), '--json']);
    expect(run.code).toBe(0);
    expect(documentOf<InductDocument>(run).seed.additionalAssertions).toEqual(additionalAssertions);
  });

  it('fails (4) on a placeholder or a repeated Field 6 key, naming each finding', async () => {
    const { dir } = workspace('loom-induct-fail-');
    const seed = marketingSeed();
    const failing = {
      ...seed,
      constraints: [...seed.constraints, 'TBD'],
      additionalAssertions: [...seed.additionalAssertions, { key: 'PRICING', value: 'Again.' }],
    };
    const path = writeJson(dir, 'failing.json', failing);
    const run = await runCli(['induct', path]);
    expect(run.code).toBe(4);
    expect(run.stdout).toMatch(/fail INDUCTION_PLACEHOLDER \(4\. Rules to follow, item 7\)/);
    expect(run.stdout).toMatch(/fail INDUCTION_DUPLICATE_KEY \(6\. Also true, item 9\)/);
    const json = documentOf<InductDocument>(await runCli(['induct', path, '--json']));
    expect(json.induction.status).toBe('induction-fail');
    expect(json.induction.findings.map((finding) => finding.code).sort()).toEqual(['INDUCTION_DUPLICATE_KEY', 'INDUCTION_PLACEHOLDER']);
  });

  it('refuses malformed JSON, an unknown field and an invalid value with exit 3', async () => {
    const { dir } = workspace('loom-induct-invalid-');
    const seed = marketingSeed();
    const malformed = writeJson(dir, 'malformed.json', '{ "name": "Half');
    const unknown = writeJson(dir, 'unknown.json', { ...seed, colour: 'teal' });
    const invalid = writeJson(dir, 'invalid.json', { ...seed, name: 'Two\nlines', constraints: [] });

    const broken = await runCli(['induct', malformed]);
    expect(broken.code).toBe(3);
    expect(broken.stderr).toMatch(/^error E_INVALID_INPUT: .*malformed\.json is not valid JSON/);
    expect(documentOf(await runCli(['induct', malformed, '--json']))).toEqual({ error: expect.objectContaining({ code: 'E_INVALID_INPUT', exitCode: 3 }) });

    const extra = await runCli(['induct', unknown]);
    expect(extra.code).toBe(3);
    expect(extra.stdout).toBe('');
    expect(extra.stderr).toContain(`${unknown}: (seed) unrecognized_keys`);
    expect(extra.stderr).toMatch(/^error E_INVALID_SEED: /m);

    const wrong = await runCli(['induct', invalid, '--json']);
    expect(wrong.code).toBe(3);
    const document = documentOf<{ error: { code: string }; issues: { path: (string | number)[] }[] }>(wrong);
    expect(document.error.code).toBe('E_INVALID_SEED');
    expect(document.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['constraints', 'name']);
  });

  it('refuses a missing file with exit 3, and names a store it cannot reach with exit 6', async () => {
    const { dir } = workspace('loom-induct-files-');
    const missing = await runCli(['induct', join(dir, 'nope.json')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/^error E_INVALID_INPUT: /);

    const unreachable = await runCli(['induct', MARKETING, '--db', UNREACHABLE_POSTGRES]);
    expect(unreachable.code).toBe(6);
    expect(unreachable.stdout).toBe('');
    expect(unreachable.stderr).toMatch(/^error E_STORE: /);
    expect((await runCli(['induct', MARKETING, '--db', UNREACHABLE_POSTGRES, '--no-name-check'])).code).toBe(0);

    expect((await runCli(['induct'])).code).toBe(2);
  });
});
