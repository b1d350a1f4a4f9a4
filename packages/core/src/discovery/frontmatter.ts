// The frontmatter of Discovery records and briefs: the small YAML subset they use, written and read back.
// Written: `key: value` lines in a fixed order, scalars plain when YAML reads them back unchanged, else
// double-quoted (JSON string syntax, which is valid YAML); `prompts:` as a nested map. Read: the same, plus
// single-quoted scalars, comments, and unknown keys (ignored, with their nested lines).
import type { ExtractionIssue } from './issue-codes';
import type { DiscoveryMetadata } from './format';
import { isSpaceOrTab, stripTrailingWhitespace } from './markdown-lines';

const FRONTMATTER_FENCE = '---';

/** Plain scalars that YAML would read as null, a boolean or a number. */
const YAML_SPECIAL_SCALAR =
  /^(?:~|null|true|false|yes|no|on|off|y|n|[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0o[0-7_]+|[-+]?\.inf|\.nan)$/i;
const YAML_INDICATORS = '-?:,[]{}#&*!|>\'"%@`';
const PLAIN_KEY = /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/;

function isPlainSafe(value: string): boolean {
  if (value.length === 0 || YAML_INDICATORS.includes(value[0] as string)) return false;
  if (isSpaceOrTab(value.charCodeAt(0)) || isSpaceOrTab(value.charCodeAt(value.length - 1))) return false;
  if (value.endsWith(':') || YAML_SPECIAL_SCALAR.test(value)) return false;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 || code === 0xfeff) return false;
    if (code >= 0xd800 && code <= 0xdfff) return false;
    if (code === 58 && isSpaceOrTab(value.charCodeAt(index + 1))) return false;
    if (code === 35 && isSpaceOrTab(value.charCodeAt(index - 1))) return false;
  }
  return true;
}

/** A YAML scalar that reads back as exactly `value`. */
export function yamlScalar(value: string): string {
  if (isPlainSafe(value)) return value;
  // JSON leaves these raw; YAML treats some as line breaks or forbids them, so escape them too.
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function yamlKey(key: string): string {
  return PLAIN_KEY.test(key) && !YAML_SPECIAL_SCALAR.test(key) ? key : yamlScalar(key);
}

/** The frontmatter block, fences included, keys in the canonical order and only those given. */
export function renderFrontmatter(metadata: DiscoveryMetadata): string[] {
  const lines = [FRONTMATTER_FENCE];
  for (const key of ['format', 'engagement', 'session', 'created', 'companion'] as const) {
    const value = metadata[key];
    if (value !== undefined) lines.push(`${key}: ${yamlScalar(value)}`);
  }
  if (metadata.prompts) {
    // Sorted, so the same prompts give the same bytes whatever order the object was built in.
    const keys = Object.keys(metadata.prompts).sort();
    if (keys.length === 0) lines.push('prompts: {}');
    else {
      lines.push('prompts:');
      for (const key of keys) lines.push(`  ${yamlKey(key)}: ${yamlScalar(metadata.prompts[key] as string)}`);
    }
  }
  lines.push(FRONTMATTER_FENCE);
  return lines;
}

export type FrontmatterResult = {
  metadata: DiscoveryMetadata;
  /** The first line after the frontmatter (0 when there is none). */
  bodyStart: number;
  /** 0-based lines of the keys the extractor reports on. */
  lines: { engagement?: number; format?: number };
};

type Scalar = { value: string; end: number };

const DOUBLE_QUOTE_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_ESCAPE_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

function readDoubleQuoted(text: string, start: number): Scalar | undefined {
  let value = '';
  let index = start + 1;
  while (index < text.length) {
    const character = text[index] as string;
    if (character === '"') return { value, end: index + 1 };
    if (character !== '\\') {
      value += character;
      index++;
      continue;
    }
    const escape = text[index + 1];
    if (escape === undefined) return undefined;
    const simple = DOUBLE_QUOTE_ESCAPES[escape];
    if (simple !== undefined) {
      value += simple;
      index += 2;
      continue;
    }
    const length = HEX_ESCAPE_LENGTH[escape];
    if (length === undefined) return undefined;
    const digits = text.slice(index + 2, index + 2 + length);
    if (digits.length !== length || !/^[0-9a-fA-F]+$/.test(digits)) return undefined;
    const codePoint = Number.parseInt(digits, 16);
    if (codePoint > 0x10ffff) return undefined;
    value += codePoint <= 0xffff ? String.fromCharCode(codePoint) : String.fromCodePoint(codePoint);
    index += 2 + length;
  }
  return undefined;
}

function readSingleQuoted(text: string, start: number): Scalar | undefined {
  let value = '';
  let index = start + 1;
  while (index < text.length) {
    const close = text.indexOf("'", index);
    if (close < 0) return undefined;
    value += text.slice(index, close);
    if (text[close + 1] === "'") {
      value += "'";
      index = close + 2;
      continue;
    }
    return { value, end: close + 1 };
  }
  return undefined;
}

/** Whatever follows a quoted scalar may only be spaces and a comment. */
function isTrailingComment(text: string, from: number): boolean {
  let index = from;
  while (index < text.length && isSpaceOrTab(text.charCodeAt(index))) index++;
  return index === text.length || (index > from && text[index] === '#');
}

/** Reads the scalar at `start` of `text`; `null` when empty, `undefined` when not a scalar this reader knows. */
function readScalar(text: string, start: number): string | null | undefined {
  let index = start;
  while (index < text.length && isSpaceOrTab(text.charCodeAt(index))) index++;
  if (index === text.length || text[index] === '#') return null;
  const first = text[index];
  if (first === '"' || first === "'") {
    const scalar = first === '"' ? readDoubleQuoted(text, index) : readSingleQuoted(text, index);
    return scalar && isTrailingComment(text, scalar.end) ? scalar.value : undefined;
  }
  if (first === '|' || first === '>' || first === '[' || first === '{' || first === '&' || first === '*' || first === '!') return undefined;
  let end = text.length;
  for (let cursor = index + 1; cursor < text.length; cursor++) {
    if (text[cursor] === '#' && isSpaceOrTab(text.charCodeAt(cursor - 1))) {
      end = cursor;
      break;
    }
  }
  while (end > index && isSpaceOrTab(text.charCodeAt(end - 1))) end--;
  return text.slice(index, end);
}

/** A `key: value` line: the key (plain or quoted) and where its value starts; undefined when not one. */
function readKey(text: string, start: number): { key: string; valueStart: number } | undefined {
  let key: string;
  let index: number;
  if (text[start] === '"' || text[start] === "'") {
    const scalar = text[start] === '"' ? readDoubleQuoted(text, start) : readSingleQuoted(text, start);
    if (!scalar) return undefined;
    key = scalar.value;
    index = scalar.end;
    while (index < text.length && isSpaceOrTab(text.charCodeAt(index))) index++;
    if (text[index] !== ':') return undefined;
  } else {
    index = start;
    // The key ends at the first colon followed by a space, a tab or the end of the line.
    while (index < text.length && !(text[index] === ':' && (index + 1 === text.length || isSpaceOrTab(text.charCodeAt(index + 1))))) index++;
    if (index === text.length) return undefined;
    key = text.slice(start, index).trimEnd();
    if (key.length === 0) return undefined;
  }
  return { key, valueStart: index + 1 };
}

const METADATA_KEYS = new Set(['format', 'engagement', 'session', 'created', 'companion']);

/**
 * Reads the frontmatter at the top of `lines` (a `---` first line up to the next `---` or `...` line).
 * Lines it cannot read become warnings, never failures.
 */
export function readFrontmatter(lines: readonly string[], warnings: ExtractionIssue[]): FrontmatterResult {
  const none: FrontmatterResult = { metadata: {}, bodyStart: 0, lines: {} };
  if (lines.length === 0 || stripTrailingWhitespace(lines[0] as string) !== FRONTMATTER_FENCE) return none;
  let close = -1;
  for (let index = 1; index < lines.length; index++) {
    const text = stripTrailingWhitespace(lines[index] as string);
    if (text === FRONTMATTER_FENCE || text === '...') {
      close = index;
      break;
    }
  }
  if (close < 0) {
    warnings.push({
      code: 'EXTRACT_FRONTMATTER_INVALID',
      message: 'The frontmatter that starts here is never closed with "---", so it was read as ordinary text.',
      line: 1,
      column: 1,
    });
    return none;
  }

  const metadata: DiscoveryMetadata = {};
  const keyLines: FrontmatterResult['lines'] = {};
  const invalid = (index: number, why: string) =>
    warnings.push({ code: 'EXTRACT_FRONTMATTER_INVALID', message: `This frontmatter line was ignored: ${why}.`, line: index + 1, column: 1 });
  let block: 'prompts' | 'ignored' | undefined;
  for (let index = 1; index < close; index++) {
    const text = stripTrailingWhitespace(lines[index] as string);
    let start = 0;
    while (start < text.length && isSpaceOrTab(text.charCodeAt(start))) start++;
    if (start === text.length || text[start] === '#') continue;
    if (start > 0) {
      if (block === 'ignored') continue;
      if (block !== 'prompts') {
        invalid(index, 'it is indented but belongs to no key');
        continue;
      }
      const entry = readKey(text, start);
      const value = entry ? readScalar(text, entry.valueStart) : undefined;
      if (!entry || value === undefined || value === null) invalid(index, 'a prompt entry must be "id: hash"');
      else (metadata.prompts ??= {})[entry.key] = value;
      continue;
    }
    block = undefined;
    const entry = readKey(text, 0);
    if (!entry) {
      invalid(index, 'it is not a "key: value" line');
      continue;
    }
    if (entry.key === 'prompts') {
      if (metadata.prompts) {
        invalid(index, '"prompts" appears twice');
        block = 'ignored';
        continue;
      }
      const rest = text.slice(entry.valueStart).trim();
      if (rest === '' || rest.startsWith('#')) {
        metadata.prompts = {};
        block = 'prompts';
      } else if (rest === '{}') metadata.prompts = {};
      else invalid(index, '"prompts" must be a map of prompt id to hash');
      continue;
    }
    if (!METADATA_KEYS.has(entry.key)) {
      // Other tools add their own keys; they are not ours to judge.
      block = 'ignored';
      continue;
    }
    const key = entry.key as 'format' | 'engagement' | 'session' | 'created' | 'companion';
    const value = readScalar(text, entry.valueStart);
    if (value === undefined) {
      invalid(index, `the value of "${key}" is not a plain or quoted one-line text`);
      continue;
    }
    if (value === null) continue;
    if (metadata[key] !== undefined) {
      invalid(index, `"${key}" appears twice; the first one is used`);
      continue;
    }
    metadata[key] = value;
    if (key === 'engagement' || key === 'format') keyLines[key] = index;
  }
  return { metadata, bodyStart: close + 1, lines: keyLines };
}
