// Transcripts as calibration fixtures (SPEC §6.8): one Markdown format, written here and read back by the testkit.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CoverageStatus } from '../companion/types';
import { LoomworksError } from '../errors';
import { FIELDS, type FieldKey } from '../fields';
import { isoNow, systemClock, type Clock } from '../runtime';
import { safeParseSeed, type Seed } from '../seed';
import type { LoomworksStore } from '../store';
import { readState } from './state';

export type TranscriptFixtureKind = 'real-operator' | 'persona';

export type TranscriptFixture = {
  kind: TranscriptFixtureKind;
  /** The Operator id (real-operator) or the persona's name (persona). */
  who: string;
  /** YYYY-MM-DD. */
  date: string;
  companion: string;
  prompts: Record<string, string>;
  coverage: Record<FieldKey, CoverageStatus>;
  expected?: Seed;
  turns: { role: 'operator' | 'companion'; text: string }[];
};

export type ExportTranscriptFixtureOptions = {
  store: LoomworksStore;
  kind: TranscriptFixtureKind;
  /** The fixture's name: a persona's name, or a label for a real Operator's session. Letters, digits, `-`, `_`. */
  name: string;
  /** Include the committed Seed as the fixture's expected Seed (default: when the session committed a valid one). */
  expected?: boolean;
  /** Write the file into this folder as well as returning it. */
  outDir?: string;
  clock?: Clock;
};

export type ExportTranscriptFixtureResult = { fileName: string; markdown: string; path?: string };

/** Exports a stored session's transcript as a fixture (`real_operator_<name>_<date>.md` or `persona_<name>.md`). */
export async function exportTranscriptFixture(sessionId: string, options: ExportTranscriptFixtureOptions): Promise<ExportTranscriptFixtureResult> {
  if (!/^[\p{L}\p{N}_-]{1,80}$/u.test(options.name)) {
    throw new LoomworksError('E_USAGE', 'A fixture name may use letters, digits, "-" and "_" (1–80 characters)', { details: { name: options.name } });
  }
  const record = await options.store.getSession(sessionId);
  if (!record) throw new LoomworksError('E_NOT_FOUND', `No creation session ${sessionId}`, { details: { sessionId } });
  const state = readState(record);
  const turns = await options.store.listTurns(sessionId);
  const date = isoNow(options.clock ?? systemClock).slice(0, 10);
  const committed = state.creation ? safeParseSeed(state.creation.seed) : null;
  const fixture: TranscriptFixture = {
    kind: options.kind,
    who: options.kind === 'persona' ? options.name : record.operatorId,
    date,
    companion: record.companionId,
    prompts: state.prompts,
    coverage: Object.fromEntries(FIELDS.map((field) => [field.key, state.coverage[field.key].status])) as Record<FieldKey, CoverageStatus>,
    ...(options.expected !== false && committed?.ok ? { expected: committed.seed } : {}),
    turns: turns.map((turn) => ({ role: turn.role, text: turn.text })),
  };
  const markdown = renderTranscriptFixture(fixture);
  const fileName = options.kind === 'persona' ? `persona_${options.name}.md` : `real_operator_${options.name}_${date}.md`;
  if (!options.outDir) return { fileName, markdown };
  await mkdir(options.outDir, { recursive: true });
  const path = join(options.outDir, fileName);
  await writeFile(path, markdown, 'utf8');
  return { fileName, markdown, path };
}

// A turn's text is written as is, except that a line starting with `#` or `\` gets a `\` in front, so
// no text can be read as the next turn's heading.
function escapeTurn(text: string): string {
  return text.replace(/^(?=[#\\])/gm, '\\');
}

function unescapeTurn(text: string): string {
  return text.replace(/^\\/gm, '');
}

export function renderTranscriptFixture(fixture: TranscriptFixture): string {
  const lines = ['---', `kind: ${fixture.kind}`, `${fixture.kind === 'persona' ? 'persona' : 'operator'}: ${JSON.stringify(fixture.who)}`];
  lines.push(`date: ${fixture.date}`, `companion: ${JSON.stringify(fixture.companion)}`, 'prompts:');
  for (const [id, hash] of Object.entries(fixture.prompts).sort(([left], [right]) => (left < right ? -1 : 1))) lines.push(`  ${id}: ${hash}`);
  lines.push('coverage:');
  for (const field of FIELDS) lines.push(`  ${field.key}: ${fixture.coverage[field.key]}`);
  if (fixture.expected) lines.push(`expected: ${JSON.stringify(fixture.expected)}`);
  lines.push('---', '');
  for (const turn of fixture.turns) lines.push(`### ${turn.role === 'operator' ? 'Operator' : 'Companion'}`, '', escapeTurn(turn.text), '');
  return lines.join('\n');
}

/** Reads the fixture format back; rejects with `E_INVALID_CONTENT` naming the line that is wrong. */
export function parseTranscriptFixture(markdown: string): TranscriptFixture {
  // Split on LF only: a CR inside a turn is the Operator's own and is kept; layout lines drop a trailing CR.
  const lines = markdown.split('\n');
  const layout = (line: string | undefined) => (line ?? '').replace(/\r$/, '');
  const fail = (line: number, message: string) => new LoomworksError('E_INVALID_CONTENT', `Transcript fixture line ${line}: ${message}`, { details: { line } });
  if (layout(lines[0]) !== '---') throw fail(1, 'expected frontmatter (---)');
  const end = lines.findIndex((line, index) => index > 0 && layout(line) === '---');
  if (end < 0) throw fail(1, 'the frontmatter is not closed');
  const meta: Record<string, string> = {};
  const maps: Record<string, Record<string, string>> = { prompts: {}, coverage: {} };
  let map: string | null = null;
  for (let index = 1; index < end; index += 1) {
    const line = layout(lines[index]);
    const nested = /^ {2}([^:]+): ([^\n]*)$/.exec(line);
    if (nested && map) {
      (maps[map] ??= {})[nested[1] ?? ''] = nested[2] ?? '';
      continue;
    }
    const top = /^([a-z]+):(?: ([^\n]*))?$/.exec(line);
    if (!top) throw fail(index + 1, `cannot read "${line}"`);
    map = top[2] === undefined ? (top[1] ?? null) : null;
    if (top[2] !== undefined) meta[top[1] ?? ''] = top[2];
  }
  const text = (value: string | undefined) => (value?.startsWith('"') ? (JSON.parse(value) as string) : (value ?? ''));
  const kind = meta.kind;
  if (kind !== 'persona' && kind !== 'real-operator') throw fail(2, `unknown kind "${kind ?? ''}"`);
  let expected: Seed | undefined;
  if (meta.expected) {
    const parsed = safeParseSeed(JSON.parse(meta.expected));
    if (!parsed.ok) throw fail(1, `the expected Seed is not valid: ${parsed.issues.map((issue) => issue.message).join('; ')}`);
    expected = parsed.seed;
  }
  const turns: TranscriptFixture['turns'] = [];
  let current: { role: 'operator' | 'companion'; lines: string[] } | null = null;
  const flush = () => {
    if (!current) return;
    // The blank line after the heading and before the next one belong to the layout, not the text.
    const body = current.lines.slice(layout(current.lines[0]) === '' ? 1 : 0);
    if (body.length > 0 && layout(body[body.length - 1]) === '') body.pop();
    turns.push({ role: current.role, text: unescapeTurn(body.join('\n')) });
  };
  for (let index = end + 1; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const heading = layout(line);
    if (heading === '### Operator' || heading === '### Companion') {
      flush();
      current = { role: heading === '### Operator' ? 'operator' : 'companion', lines: [] };
    } else if (current) {
      current.lines.push(line);
    } else if (line.trim() !== '') {
      throw fail(index + 1, 'text before the first turn heading');
    }
  }
  flush();
  return {
    kind,
    who: text(kind === 'persona' ? meta.persona : meta.operator),
    date: meta.date ?? '',
    companion: text(meta.companion),
    prompts: maps.prompts ?? {},
    coverage: maps.coverage as Record<FieldKey, CoverageStatus>,
    ...(expected ? { expected } : {}),
    turns,
  };
}
