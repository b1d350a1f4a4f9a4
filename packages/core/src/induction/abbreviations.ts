// Finds all-caps abbreviations ("CRM", "B2B", "R&D") and whether the Seed explains them, so readers are never
// left guessing what one stands for.

/**
 * Abbreviations anyone reading a project's details knows, so they need no explanation. Kept short on purpose:
 * integrators add their own through `InductionContext.knownAbbreviations`.
 */
export const WELL_KNOWN_ABBREVIATIONS: readonly string[] = [
  'OK', 'AI', 'UK', 'US', 'USA', 'EU', 'UN', 'FAQ', 'PDF', 'URL', 'CEO', 'TV', 'PC', 'ID', 'IT', 'HR', 'PR',
  'ASAP', 'DIY', 'GPS', 'SMS', 'USB', 'VIP', 'AM', 'PM', 'UTC', 'GMT', 'CV', 'PS', 'QR', 'DVD', 'CD', 'NGO',
];

// A token is a run of letters, digits and "&", so "R&D" and "AT&T" stay whole while "CRM-based" gives "CRM".
const TOKEN = /[\p{L}\p{N}&]+/gu;
const ABBREVIATION = /^[\p{Lu}\p{N}&]+$/u;
const UPPERCASE_LETTER = /\p{Lu}/gu;
// How far back to look for "expansion (" before a bracketed abbreviation; an expansion's last word is close by.
const LOOK_BEHIND = 24;
// How far ahead a bracketed expansion may run; bounded so a long text full of abbreviations stays linear.
const LOOK_AHEAD = 240;

/**
 * The abbreviation a token spells, without a plural "s" ("KPIs" → "KPI"), or undefined when it is not one:
 * at least two capital letters, otherwise only capitals, digits and "&".
 */
export function abbreviationOf(token: string): string | undefined {
  const trimmed = token.replace(/^&+|&+$/gu, '');
  const singular = trimmed.length > 2 && trimmed.endsWith('s') ? trimmed.slice(0, -1) : trimmed;
  if (!ABBREVIATION.test(singular)) return undefined;
  return (singular.match(UPPERCASE_LETTER)?.length ?? 0) >= 2 ? singular : undefined;
}

export type AbbreviationUse = {
  abbreviation: string;
  /** UTF-16 offset of the token in the text. */
  index: number;
  /** True when this use sits next to its expansion in brackets, either way round. */
  explained: boolean;
};

/**
 * Every abbreviation in `text`, in order. "customer relationship management (CRM)" and
 * "CRM (customer relationship management)" both count as explaining CRM.
 */
export function findAbbreviations(text: string): AbbreviationUse[] {
  const uses: AbbreviationUse[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const abbreviation = abbreviationOf(match[0]);
    if (abbreviation === undefined) continue;
    const start = match.index;
    const end = start + match[0].length;
    uses.push({ abbreviation, index: start, explained: isExpansionBefore(text, start, end) || isExpansionAfter(text, end, abbreviation) });
  }
  return uses;
}

/** "expansion (ABBR)": the abbreviation alone in brackets, right after a word. */
function isExpansionBefore(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - LOOK_BEHIND), start);
  return /\p{L}[^\p{L}\p{N}(]*\(\s*$/u.test(before) && /^\s*\)/u.test(text.slice(end, end + LOOK_BEHIND));
}

/** "ABBR (expansion)": brackets right after the abbreviation holding at least one word other than it. */
function isExpansionAfter(text: string, end: number, abbreviation: string): boolean {
  const bracket = /^\s*\(([^()]*)\)/u.exec(text.slice(end, end + LOOK_AHEAD));
  if (!bracket) return false;
  const words = (bracket[1] ?? '').match(/\p{L}{2,}/gu) ?? [];
  return words.some((word) => abbreviationOf(word) !== abbreviation);
}
