// The prompt asset format (SPEC §5.1): where a file lives decides its id, and its YAML frontmatter is checked here.
// One parser for the registry generator and for integrators' override folders, so both accept exactly the same files.
import { PromptError } from './prompt-error';

/** A valid asset as read from a file, before it is hashed or inlined. */
export type ParsedPromptAsset = {
  id: string;
  version: number;
  description: string;
  variables: string[];
  field?: string;
  body: string;
};

const SEGMENT = '[a-z][a-z0-9_]*';
const SEGMENT_PATTERN = new RegExp(`^${SEGMENT}$`);
/** Lower_snake_case segments joined by `/`: nothing that could name a parent folder, an absolute path or a drive. */
export const PROMPT_ID_PATTERN = new RegExp(`^${SEGMENT}(?:/${SEGMENT})*$`);
const VARIABLE_NAME_PATTERN = /^[a-z][a-z0-9_]*$/;
const FIELD_KEY_PATTERN = /^[a-z][A-Za-z0-9]*$/;
/** A `{{name}}` placeholder in a body. */
export const VARIABLE_TOKEN_PATTERN = /\{\{([a-z][a-z0-9_]*)\}\}/g;

/** Ids of assets under intent_instructions/ keep their folders; the rest live at the folder root. */
const INTENT_FOLDER = 'intent_instructions/';
/** Per-field elicitation components (SPEC §3.1) are the only assets with a `field` key. */
const PER_FIELD_PREFIX = 'create_engagement/';

const REQUIRED_KEYS = ['id', 'version', 'description', 'variables'] as const;
const ALLOWED_KEYS = new Set<string>([...REQUIRED_KEYS, 'field']);

export function isPerFieldComponentId(id: string): boolean {
  return id.startsWith(PER_FIELD_PREFIX);
}

/** The file an id lives in, relative to the prompts folder, with `/` separators. */
export function promptPathFromId(id: string): string {
  return id.includes('/') ? `${INTENT_FOLDER}${id}.md` : `${id}.md`;
}

/**
 * The id of the asset at `relativePath` (`/` separators), or a reason the path is not a valid asset location.
 * The mapping is one-to-one with promptPathFromId, so an override folder and the builtin folder line up file by file.
 */
export function promptIdFromPath(relativePath: string): { id: string } | { reason: string } {
  if (!relativePath.endsWith('.md')) return { reason: 'an asset file name ends in .md' };
  const withoutExtension = relativePath.slice(0, -'.md'.length);
  const nested = withoutExtension.startsWith(INTENT_FOLDER);
  const id = nested ? withoutExtension.slice(INTENT_FOLDER.length) : withoutExtension;
  if (nested !== id.includes('/')) {
    return { reason: 'assets live at the folder root or under intent_instructions/<intent>/, one folder deep or more' };
  }
  if (!id.split('/').every((segment) => SEGMENT_PATTERN.test(segment))) {
    return { reason: 'folder and file names must be lower_snake_case (a-z, 0-9, _), starting with a letter' };
  }
  return { id };
}

/**
 * Parses and validates one asset file. `relativePath` (with `/` separators) decides the expected id and whether
 * the asset is a per-field component. Throws E_PROMPT_INVALID listing every problem found in the file.
 */
export function parsePromptAsset(relativePath: string, bytes: Uint8Array): ParsedPromptAsset {
  const problems: string[] = [];
  const located = promptIdFromPath(relativePath);
  if ('reason' in located) problems.push(located.reason);
  const expectedId = 'id' in located ? located.id : undefined;

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw invalid(relativePath, ['the file is not UTF-8 text'], error);
  }
  // A byte-order mark or Windows line endings from an editor should not make an asset invalid.
  text = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');

  const split = splitFrontmatter(text);
  if ('reason' in split) throw invalid(relativePath, [...problems, split.reason]);
  const frontmatter = parseFrontmatter(split.lines, problems);
  const body = split.body.trim();

  const present = new Set(frontmatter.keys());
  for (const key of REQUIRED_KEYS) if (!present.has(key)) problems.push(`frontmatter needs \`${key}\``);
  for (const key of present) if (!ALLOWED_KEYS.has(key)) problems.push(`unknown frontmatter key \`${key}\` (allowed: ${[...ALLOWED_KEYS].join(', ')})`);

  const id = readString(frontmatter, 'id', problems);
  if (id !== undefined && expectedId !== undefined && id !== expectedId) {
    problems.push(`id \`${id}\` must match the file's location: \`${expectedId}\``);
  }

  const versionValue = frontmatter.get('version');
  let version = 0;
  if (versionValue !== undefined) {
    if (versionValue.kind === 'scalar' && !versionValue.quoted && /^[1-9][0-9]*$/.test(versionValue.value) && Number.isSafeInteger(Number(versionValue.value))) {
      version = Number(versionValue.value);
    } else {
      problems.push('version must be a positive whole number, unquoted');
    }
  }

  const description = readString(frontmatter, 'description', problems);
  if (description !== undefined && description.trim() === '') problems.push('description must not be empty');

  const variablesValue = frontmatter.get('variables');
  let variables: string[] = [];
  if (variablesValue !== undefined) {
    if (variablesValue.kind !== 'list') {
      problems.push('variables must be a list: [] when there are none, [a, b] or one `- name` line each');
    } else {
      variables = variablesValue.items;
      const invalidNames = variables.filter((name) => !VARIABLE_NAME_PATTERN.test(name));
      if (invalidNames.length > 0) problems.push(`variable names must be lower_snake_case: ${invalidNames.join(', ')}`);
      const repeated = variables.filter((name, position) => variables.indexOf(name) !== position);
      if (repeated.length > 0) problems.push(`variables are declared twice: ${[...new Set(repeated)].join(', ')}`);
    }
  }

  const perField = expectedId !== undefined && isPerFieldComponentId(expectedId);
  const field = frontmatter.has('field') ? readString(frontmatter, 'field', problems) : undefined;
  if (perField && !frontmatter.has('field')) problems.push('a per-field component needs `field`: the field key it elicits');
  if (!perField && frontmatter.has('field')) problems.push('only per-field components (intent_instructions/create_engagement/) have `field`');
  if (field !== undefined && !FIELD_KEY_PATTERN.test(field)) problems.push(`field \`${field}\` is not a field key (e.g. voice, additionalAssertions)`);

  if (body === '') problems.push('the body after the frontmatter is empty');
  problems.push(...checkPlaceholders(body, variables));

  if (problems.length > 0) throw invalid(relativePath, problems);
  return { id: id as string, version, description: description as string, variables, ...(field === undefined ? {} : { field }), body };
}

/** Problems with the `{{…}}` placeholders of a body against its declared variables. */
function checkPlaceholders(body: string, declared: readonly string[]): string[] {
  const problems: string[] = [];
  const used = new Set<string>();
  for (const match of body.matchAll(VARIABLE_TOKEN_PATTERN)) used.add(match[1] as string);
  // Literal double braces are not allowed, so any `{{` or `}}` that is not part of a placeholder is a mistake.
  const placeholders = [...body.matchAll(VARIABLE_TOKEN_PATTERN)].map((match) => [match.index, match.index + match[0].length] as const);
  const stray = [...body.matchAll(/\{\{|\}\}/g)].find((match) => !placeholders.some(([start, end]) => match.index >= start && match.index < end));
  if (stray) {
    const line = body.slice(body.lastIndexOf('\n', stray.index) + 1).split('\n', 1)[0] as string;
    problems.push(`malformed placeholder in the line \`${line.trim().slice(0, 80)}\` (placeholders are {{lower_snake_case}}; literal double braces are not allowed)`);
  }
  const undeclared = [...used].filter((name) => !declared.includes(name));
  if (undeclared.length > 0) problems.push(`the body uses undeclared variables: ${undeclared.join(', ')}`);
  const unused = declared.filter((name) => !used.has(name));
  if (unused.length > 0) problems.push(`declared variables never used in the body: ${unused.join(', ')}`);
  return problems;
}

function invalid(relativePath: string, problems: readonly string[], cause?: unknown): PromptError {
  return new PromptError('E_PROMPT_INVALID', `Prompt asset ${relativePath} is invalid: ${problems.join('; ')}`, {
    ...(cause === undefined ? {} : { cause }),
    details: { path: relativePath, problems: [...problems] },
  });
}

function splitFrontmatter(text: string): { lines: string[]; body: string } | { reason: string } {
  if (!text.startsWith('---\n')) return { reason: 'the file must start with a `---` line opening the frontmatter' };
  const lines = text.slice(4).split('\n');
  const end = lines.findIndex((line) => /^---[ \t]*$/.test(line));
  if (end === -1) return { reason: 'the frontmatter has no closing `---` line' };
  return { lines: lines.slice(0, end), body: lines.slice(end + 1).join('\n') };
}

type FrontmatterValue = { kind: 'scalar'; value: string; quoted: boolean } | { kind: 'list'; items: string[] };

/**
 * The small, fixed subset of YAML the format uses: `key: value` lines, `[a, b]` flow lists, block lists of
 * `- item` lines, quoted or plain one-line scalars and `#` comments. Anything else is reported, not guessed at.
 */
function parseFrontmatter(lines: readonly string[], problems: string[]): Map<string, FrontmatterValue> {
  const values = new Map<string, FrontmatterValue>();
  // Keys alone on their line: they open a block list, or are YAML null (an empty value) when no `- item` follows.
  const blockKeys = new Set<string>();
  let openList: string[] | undefined;
  lines.forEach((line, index) => {
    const where = `frontmatter line ${index + 2}`;
    if (/^[ \t]*(?:#.*)?$/.test(line)) return;
    const item = /^[ \t]*-[ \t]+(.*)$/.exec(line);
    if (item) {
      if (!openList) {
        problems.push(`${where}: a \`- item\` line belongs under a key with no value on its own line`);
        return;
      }
      const scalar = parseScalar(item[1] as string, where, problems);
      if (scalar !== undefined) openList.push(scalar.value);
      return;
    }
    openList = undefined;
    const entry = /^([A-Za-z_][A-Za-z0-9_]*):(?:[ \t]+(.*))?$/.exec(line);
    if (!entry) {
      problems.push(`${where}: expected \`key: value\``);
      return;
    }
    const key = entry[1] as string;
    const raw = stripComment(entry[2] ?? '');
    if (values.has(key)) problems.push(`${where}: \`${key}\` appears twice`);
    if (raw === '') {
      const items: string[] = [];
      openList = items;
      blockKeys.add(key);
      values.set(key, { kind: 'list', items });
    } else if (raw.startsWith('[')) {
      const list = parseFlowList(raw, where, problems);
      if (list !== undefined) values.set(key, { kind: 'list', items: list });
    } else {
      const scalar = parseScalar(raw, where, problems);
      if (scalar !== undefined) values.set(key, { kind: 'scalar', ...scalar });
    }
  });
  for (const key of blockKeys) {
    const value = values.get(key);
    if (value?.kind === 'list' && value.items.length === 0) values.set(key, { kind: 'scalar', value: '', quoted: false });
  }
  return values;
}

/** Drops a trailing `# comment` from an unquoted value (YAML needs whitespace before the `#`). */
function stripComment(raw: string): string {
  const trimmed = raw.trim();
  if (trimmed.startsWith('"') || trimmed.startsWith("'")) return trimmed;
  const comment = /(?:^|[ \t])#/.exec(trimmed);
  return (comment ? trimmed.slice(0, comment.index) : trimmed).trim();
}

function parseScalar(raw: string, where: string, problems: string[]): { value: string; quoted: boolean } | undefined {
  const text = raw.trim();
  if (text.startsWith('"')) {
    const close = /^"((?:[^"\\]|\\.)*)"(.*)$/.exec(text);
    if (!close || !isCommentOrEmpty(close[2] as string)) {
      problems.push(`${where}: unterminated or malformed double-quoted value`);
      return undefined;
    }
    try {
      return { value: JSON.parse(`"${close[1] as string}"`) as string, quoted: true };
    } catch {
      problems.push(`${where}: unsupported escape in a double-quoted value`);
      return undefined;
    }
  }
  if (text.startsWith("'")) {
    const close = /^'((?:[^']|'')*)'(.*)$/.exec(text);
    if (!close || !isCommentOrEmpty(close[2] as string)) {
      problems.push(`${where}: unterminated or malformed single-quoted value`);
      return undefined;
    }
    return { value: (close[1] as string).replace(/''/g, "'"), quoted: true };
  }
  const value = stripComment(text);
  if (/^[[\]{}&*!|>%@`]/.test(value) || /: |:$/.test(value)) {
    // Real YAML would read these as something other than a one-line string; quoting says what is meant.
    problems.push(`${where}: quote this value (it starts with a YAML symbol or contains ": ")`);
    return undefined;
  }
  return { value, quoted: false };
}

function parseFlowList(raw: string, where: string, problems: string[]): string[] | undefined {
  if (!raw.endsWith(']')) {
    problems.push(`${where}: a [list] must close on the same line`);
    return undefined;
  }
  const inner = raw.slice(1, -1).trim();
  if (inner === '') return [];
  const items: string[] = [];
  for (const part of inner.split(',')) {
    const scalar = parseScalar(part, where, problems);
    if (scalar === undefined) return undefined;
    if (scalar.value === '') {
      problems.push(`${where}: empty item in a [list]`);
      return undefined;
    }
    items.push(scalar.value);
  }
  return items;
}

function isCommentOrEmpty(rest: string): boolean {
  return /^(?:[ \t]+#.*)?[ \t]*$/.test(rest);
}

function readString(values: Map<string, FrontmatterValue>, key: string, problems: string[]): string | undefined {
  const value = values.get(key);
  if (value === undefined) return undefined;
  if (value.kind !== 'scalar') {
    problems.push(`${key} must be a one-line text value, not a list`);
    return undefined;
  }
  if (value.value === '') {
    problems.push(`${key} must not be empty`);
    return undefined;
  }
  return value.value;
}
