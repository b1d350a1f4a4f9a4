// `loom create` as users run it (the built CLI in a child process): scripted, batch, interactive from a pipe,
// stopping and resuming, Ctrl-C, and every failure path with its exit code — and nothing written on bad input.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractSeed } from '@loomworks/core';
import { lintPlainTerms } from '@loomworks/prompts';
import { startFakeAnthropic } from '@loomworks/testkit';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT, runCli, startCli } from '../test-support/run-cli';
import { CHAT_COPY } from './create/chat-copy';

const MARKETING = join(REPOSITORY_ROOT, 'examples/marketing/content.md');

function workspace(): { dir: string; db: string } {
  const dir = mkdtempSync(join(tmpdir(), 'loom-create-'));
  return { dir, db: join(dir, 'loomworks.db') };
}

const PLACEHOLDER_VOICE = `# Placeholder project

## 1. What we're making
A newsletter for the bakery.

## 2. Who it's for
Our regulars.

## 3. How it should sound
TBD

## 4. Rules to follow
- Use British spelling.

## 5. Signs it's working
- More pre-orders on Fridays.
`;

/** The answers a person types, one message per line; the rules continue over two lines with a backslash. */
const CHAT_LINES = [
  'A weekly newsletter for the bakery',
  'Crumb Notes',
  'Our regulars',
  'Warm and cheeky',
  '- Always use British spelling\\',
  '- Never mention prices',
  'More pre-orders on Fridays',
  'Launch date: 1 March',
  "that's everything",
  'ready to begin',
];

const CHAT_SEED = {
  name: 'Crumb Notes',
  purpose: 'A weekly newsletter for the bakery',
  audience: 'Our regulars',
  voice: 'Warm and cheeky',
  constraints: ['Always use British spelling', 'Never mention prices'],
  success: ['More pre-orders on Fridays'],
  additionalAssertions: [{ key: 'Launch date', value: '1 March' }],
};

const lines = (from: number, to?: number) => `${CHAT_LINES.slice(from, to).join('\n')}\n`;
const resumeHint = (stderr: string) => /Continue with: loom create --resume (\S+)/.exec(stderr)?.[1];

describe('loom create --from <one file>', () => {
  it('creates the marketing project: --json gives one document whose Seed is extractSeed(content)', async () => {
    const { db } = workspace();
    const run = await runCli(['create', '--from', 'examples/marketing/content.md', '--db', db, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const document = JSON.parse(run.stdout);
    const extraction = extractSeed(readFileSync(MARKETING, 'utf8'));
    if (!extraction.ok) throw new Error('the marketing content must extract');
    expect(document.induction).toEqual({ status: 'induction-pass-clean', findings: [] });
    expect(document.seed).toEqual(extraction.seed);
    expect(document.engagement).toMatchObject({ name: 'Loomworks launch marketing', status: 'active' });
    expect(document.engagement.id).toEqual(expect.any(String));
    expect(document.session).toEqual(expect.any(String));
    expect(document.usage).toEqual({ inputTokens: 0, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0 });
  });

  it('prints name, status, final check, session and tokens; a second creation of the same name fails its check and exits 4', async () => {
    const { db } = workspace();
    const first = await runCli(['create', '--from', MARKETING, '--db', db]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('✓ Loomworks launch marketing (active)');
    expect(first.stdout).toMatch(/final check\s+induction-pass-clean/);
    expect(first.stdout).toMatch(/session\s+\S+/);
    expect(first.stdout).toMatch(/tokens\s+0 input · 0 output · 0 cache write · 0 cache read/);

    const again = await runCli(['create', '--from', MARKETING, '--db', db]);
    expect(again.code).toBe(4);
    expect(again.stdout).toContain('✗ Loomworks launch marketing (candidate)');
    expect(again.stdout).toMatch(/final check\s+induction-fail/);
    // Each finding comes with its plain explanation.
    expect(again.stdout).toMatch(/fail INDUCTION_NAME_TAKEN \(1\. What we're making\): \S.+/);
  });

  it('rejects missing, binary, oversized and unrecognisable files with exit 3 and writes nothing', async () => {
    const { dir, db } = workspace();
    writeFileSync(join(dir, 'binary.md'), Buffer.from([0x23, 0x20, 0x00, 0xff, 0xfe, 0x01]));
    writeFileSync(join(dir, 'huge.md'), `# Huge\n\n## 1. What we're making\n${'x'.repeat(5 * 1024 * 1024 + 10)}\n`);
    writeFileSync(join(dir, 'notes.md'), 'Just some notes about a bakery newsletter, with no sections at all.\n');
    const cases = [
      ['missing.md', 'E_INVALID_INPUT'],
      ['binary.md', 'E_INVALID_CONTENT'],
      ['huge.md', 'E_INVALID_CONTENT'],
      ['notes.md', 'E_INVALID_CONTENT'],
    ] as const;
    for (const [file, code] of cases) {
      const run = await runCli(['create', '--from', join(dir, file), '--db', db]);
      expect({ file, code: run.code, stdout: run.stdout }).toEqual({ file, code: 3, stdout: '' });
      expect(run.stderr.split('\n')[0]).toMatch(new RegExp(`^error ${code}: .*${file}`));
      expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
    const json = await runCli(['create', '--from', join(dir, 'notes.md'), '--db', db, '--json']);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'E_INVALID_CONTENT', exitCode: 3 });
    expect(existsSync(db)).toBe(false);
  });

  it('exits 6 when the store cannot be opened', async () => {
    const { dir } = workspace();
    writeFileSync(join(dir, 'plain-file'), 'not a folder');
    const underFile = await runCli(['create', '--from', MARKETING, '--db', join(dir, 'plain-file', 'loomworks.db')]);
    expect(underFile.code).toBe(6);
    expect(underFile.stderr).toMatch(/^error E_STORE: /);
    const folder = await runCli(['create', '--from', MARKETING, '--db', dir, '--json']);
    expect(folder.code).toBe(6);
    expect(JSON.parse(folder.stdout).error).toMatchObject({ code: 'E_STORE', exitCode: 6 });
  });

  it('answers usage errors with exit 2: --resume with several files, --from without a file', async () => {
    const { dir, db } = workspace();
    writeFileSync(join(dir, 'a.md'), PLACEHOLDER_VOICE);
    const resumeMany = await runCli(['create', '--from', MARKETING, join(dir, 'a.md'), '--resume', 'x', '--db', db]);
    expect(resumeMany.code).toBe(2);
    expect(resumeMany.stderr).toContain('--resume continues one session');

    const noFile = await runCli(['create', '--from', '--db', db]);
    expect(noFile.code).toBe(2);
    expect(existsSync(db)).toBe(false);
  });
});

describe('loom create --companion anthropic (against the fake Anthropic API)', () => {
  it('creates the marketing project with Claude as the Companion over HTTP, with token usage and a cost estimate', async () => {
    const server = await startFakeAnthropic();
    try {
      const env = { ANTHROPIC_BASE_URL: server.url, ANTHROPIC_API_KEY: 'test-key' };
      const { db } = workspace();
      const json = await runCli(['create', '--from', MARKETING, '--db', db, '--json'], { env });
      expect(json.stderr).toBe('');
      expect(json.code).toBe(0);
      const document = JSON.parse(json.stdout) as { induction: { status: string }; seed: unknown; usage: Record<string, number> };
      expect(document.induction.status).toBe('induction-pass-clean');
      const content = extractSeed(readFileSync(MARKETING, 'utf8'));
      expect(content.ok && document.seed).toEqual(content.ok ? content.seed : null);
      expect(document.usage.inputTokens).toBeGreaterThan(0);
      expect(document.usage.cacheReadTokens).toBeGreaterThan(0);
      expect(server.requests.filter((request) => request.path === '/v1/messages').length).toBeGreaterThanOrEqual(10);

      const human = await runCli(['create', '--from', MARKETING, '--db', workspace().db, '--companion', 'anthropic'], { env });
      expect(human.code).toBe(0);
      expect(human.stdout).toMatch(/cost\s+≈ US\$\d+\.\d{4}/);
    } finally {
      await server.close();
    }
  });

  it('fails with exit 5 and a hint when no API key is set', async () => {
    const { db } = workspace();
    const run = await runCli(['create', '--from', MARKETING, '--db', db, '--companion', 'anthropic']);
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/^error E_COMPANION_AUTH: /);
  });
});

describe('loom create --from <several files | folder>', () => {
  function batchFolder(): { dir: string; db: string; folder: string } {
    const { dir, db } = workspace();
    const folder = join(dir, 'drafts');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a-marketing.md'), readFileSync(MARKETING));
    writeFileSync(join(folder, 'b-binary.md'), Buffer.from([0x00, 0x01, 0xff]));
    writeFileSync(join(folder, 'c-placeholder.md'), PLACEHOLDER_VOICE);
    writeFileSync(join(folder, 'notes.txt'), 'not Markdown, ignored');
    return { dir, db, folder };
  }

  it('continues past failures: a progress line per file, a summary table, and the most severe exit code (3 over 4)', async () => {
    const { db, folder } = batchFolder();
    const run = await runCli(['create', '--from', folder, '--db', db]);
    expect(run.code).toBe(3);
    const progress = run.stderr.split('\n').filter((line) => /^\[\d\/3\]/.test(line));
    expect(progress).toEqual([
      `[1/3] ${join(folder, 'a-marketing.md')}: Loomworks launch marketing (active, induction-pass-clean)`,
      `[2/3] ${join(folder, 'b-binary.md')}: not created`,
      `[3/3] ${join(folder, 'c-placeholder.md')}: Placeholder project (candidate, induction-fail)`,
    ]);
    expect(run.stderr).toContain(`error E_INVALID_CONTENT: ${join(folder, 'b-binary.md')}`);
    const table = run.stdout.trim().split('\n');
    expect(table[0]).toMatch(/^file\s+name\s+status\s+notes$/);
    expect(table[1]).toMatch(/a-marketing\.md\s+Loomworks launch marketing\s+active\s+induction-pass-clean$/);
    expect(table[2]).toMatch(/b-binary\.md\s+—\s+not created\s+E_INVALID_CONTENT /);
    expect(table[3]).toMatch(/c-placeholder\.md\s+Placeholder project\s+candidate\s+induction-fail \(1 to fix\)$/);
    expect(table.at(-1)).toBe('3 files: 1 created, 1 created as a candidate (final check failed), 1 not created.');
  });

  it('--json writes one NDJSON line per file and nothing else on stdout', async () => {
    const { db, folder } = batchFolder();
    const run = await runCli(['create', '--from', folder, '--db', db, '--json']);
    expect(run.code).toBe(3);
    const documents = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(documents.map((document) => [document.file, document.ok])).toEqual([
      [join(folder, 'a-marketing.md'), true],
      [join(folder, 'b-binary.md'), false],
      [join(folder, 'c-placeholder.md'), true],
    ]);
    expect(documents[0]).toMatchObject({ engagement: { status: 'active' }, induction: { status: 'induction-pass-clean' }, session: expect.any(String) });
    expect(documents[1].error).toMatchObject({ code: 'E_INVALID_CONTENT', exitCode: 3 });
    expect(documents[2]).toMatchObject({ engagement: { status: 'candidate' }, induction: { status: 'induction-fail' } });
  });

  it('--bail stops at the first file that does not exit 0', async () => {
    const { db, folder } = batchFolder();
    const json = await runCli(['create', '--from', folder, '--db', db, '--json', '--bail']);
    expect(json.code).toBe(3);
    expect(json.stdout.trim().split('\n').map((line) => JSON.parse(line).file)).toEqual([join(folder, 'a-marketing.md'), join(folder, 'b-binary.md')]);
    const human = await runCli(['create', '--from', folder, '--db', join(folder, '..', 'other.db'), '--bail']);
    expect(human.stdout).toMatch(/c-placeholder\.md\s+—\s+skipped\s+stopped by --bail/);
  });

  it('exits 4 when every file was read but a project failed its final check', async () => {
    const { dir, db } = workspace();
    writeFileSync(join(dir, 'placeholder.md'), PLACEHOLDER_VOICE);
    const run = await runCli(['create', '--from', MARKETING, join(dir, 'placeholder.md'), '--db', db, '--json']);
    expect(run.code).toBe(4);
    expect(run.stdout.trim().split('\n').map((line) => JSON.parse(line).ok)).toEqual([true, true]);
  });
});

describe('loom create (chat)', () => {
  it('holds a whole conversation from a pipe and prints the project it created', async () => {
    const { db } = workspace();
    const run = await runCli(['create', '--db', db], { input: lines(0) });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Companion › Let's set up your new project. What are we making?");
    expect(run.stdout).toContain('you › A weekly newsletter for the bakery');
    expect(run.stdout).toContain('you › - Always use British spelling\n    … - Never mention prices');
    expect(run.stdout).toContain('✓ Crumb Notes (active)');
    expect(run.stderr).toContain(CHAT_COPY.intro);

    const json = await runCli(['create', '--db', join(db, '..', 'json.db'), '--json'], { input: lines(0) });
    expect(json.code).toBe(0);
    expect(json.stdout.trim().split('\n')).toHaveLength(1);
    const document = JSON.parse(json.stdout);
    expect(document.seed).toEqual(CHAT_SEED);
    expect(document.induction.status).toBe('induction-pass-clean');
    // In --json mode the conversation goes to stderr, keeping stdout for the document.
    expect(json.stderr).toContain('What should we call it?');
  });

  it('stops cleanly at the end of input, says how to continue, and --resume finishes the same session', async () => {
    const { db } = workspace();
    const first = await runCli(['create', '--db', db], { input: lines(0, 3) });
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(CHAT_COPY.stopped);
    const session = resumeHint(first.stderr);
    expect(first.stderr).toContain(`Continue with: loom create --resume ${session} --db ${db}`);

    const resumed = await runCli(['create', '--resume', session ?? '', '--db', db, '--json'], { input: lines(3) });
    expect(resumed.code).toBe(0);
    // The question the first run stopped at is shown again before the Operator answers (on stderr with --json).
    expect(resumed.stderr).toContain('Companion › So it\'s for “Our regulars”. How should it sound');
    const document = JSON.parse(resumed.stdout);
    expect(document.session).toBe(session);
    expect(document.seed).toEqual(CHAT_SEED);

    // The session is committed: resuming it again returns the same project, never a second one.
    const again = await runCli(['create', '--resume', session ?? '', '--db', db, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).engagement.id).toBe(document.engagement.id);
  });

  it('--json at the end of input reports the open session and how to resume it', async () => {
    const { db } = workspace();
    const run = await runCli(['create', '--db', db, '--json'], { input: lines(0, 1) });
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout);
    expect(document).toMatchObject({ engagement: null, stopped: 'end-of-input', draft: { purpose: 'A weekly newsletter for the bakery' } });
    expect(document.resume).toBe(`loom create --resume ${document.session} --db ${db}`);
  });

  it('Ctrl-C mid-conversation exits 130, keeps the session and says how to continue', async () => {
    const { db } = workspace();
    const chat = startCli(['create', '--db', db]);
    chat.write(lines(0, 2));
    await chat.waitForStdout('Who is it for?');
    chat.kill('SIGINT');
    const stopped = await chat.exited;
    expect(stopped.code).toBe(130);
    const session = resumeHint(stopped.stderr);
    expect(session).toEqual(expect.any(String));

    const resumed = await runCli(['create', '--resume', session ?? '', '--db', db, '--json'], { input: lines(2) });
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout).seed).toEqual(CHAT_SEED);
  });

  it('rejects an unknown session with exit 3', async () => {
    const { db } = workspace();
    const run = await runCli(['create', '--resume', '01NOSUCHSESSION', '--db', db]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^error E_NOT_FOUND: /);
  });

  it('speaks to the Operator in plain terms', () => {
    for (const [key, line] of Object.entries(CHAT_COPY)) expect({ key, findings: lintPlainTerms(line) }).toEqual({ key, findings: [] });
  });
});

describe('loom create --from <file> --resume <session>', () => {
  it('continues a scripted creation that was stopped', async () => {
    const { db } = workspace();
    // A chat stopped after two answers, then finished from the pre-drafted content.
    const first = await runCli(['create', '--db', db], { input: lines(0, 2) });
    const session = resumeHint(first.stderr) ?? '';
    const run = await runCli(['create', '--resume', session, '--from', MARKETING, '--db', db, '--json']);
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout);
    expect(document.session).toBe(session);
    // What was already said stays; the rest comes from the file.
    expect(document.seed).toMatchObject({ name: 'Crumb Notes', purpose: 'A weekly newsletter for the bakery', audience: expect.stringContaining('Product leads') });
  });
});
