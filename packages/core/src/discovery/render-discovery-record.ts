// renderDiscoveryRecord: a Seed (or a draft) → the canonical Discovery record (SPEC §4.1), byte for byte deterministic.
//
// Escaping design — what makes `extractSeed(renderDiscoveryRecord(s))` equal `s` for every valid Seed.
// Values are written line by line; the extractor reads lines, so every rule below is about one line.
//
// 1. Backslash escapes (CommonMark style). The extractor turns `\` + ASCII punctuation into the
//    punctuation and keeps any other backslash as written. So the renderer:
//    - doubles a backslash that comes before ASCII punctuation, before a character written as a
//      reference (rule 2), or at the end of the line (where Markdown would read a hard break);
//    - puts `\` before the first character of a value line (after its indentation) when that
//      character would read as structure: a heading `#…` run followed by a space or the end, a list
//      marker `-`/`*`/`+` followed by a space or the end, the `.`/`)` of an ordered marker `1.`,
//      a thematic break (`---`, `***`, `___`, spaces allowed), a table `|`, a fence (three backticks
//      or tildes);
//    - puts `\` before every `<!--` (anywhere: an HTML comment is verbatim and would swallow text),
//      before `&` when `#` follows (see rule 2), before every `*` of a Field 6 key (the key sits in
//      `**…:**`), and before a trailing `#` run of a heading (a closing sequence would be dropped).
// 2. Numeric character references. The extractor decodes `&#N;` and `&#xH;` (nothing else; named
//    entities stay literal). The renderer writes as references what a line cannot carry as is:
//    C0 controls other than tab (NUL, VT, FF, ESC…) and DEL, lone UTF-16 surrogates (they would be
//    lost in UTF-8), and a space or tab that ends an inner line (the extractor strips trailing
//    spaces and tabs, a tolerance for hand edits).
// 3. Layout. Text fields are their lines as written, inner blank lines kept empty. A list item is
//    `- ` + its first line; further lines are indented two spaces (the extractor removes exactly the
//    item's content indentation, so leading spaces and tabs of inner lines survive); blank lines
//    inside an item stay empty. Field 6 is `- **key:** value` with the same continuation rule; an
//    empty Field 6 is the line "Nothing else.", which the extractor reads as no entries.
// 4. The name. The frontmatter `engagement:` is a YAML scalar, plain when it reads back unchanged,
//    else double-quoted; it is the name the extractor uses. The H1 repeats it (escaped); the extractor
//    treats a first H1 that repeats the frontmatter name as the title, whatever it says.
// 5. Fenced code and HTML comments inside values are escaped like everything else (they become
//    plain text in the record), because a fence or comment kept live would need its own rules for
//    trailing spaces and controls that the extractor copies verbatim.
//
// A draft renders too: a field it lacks is left out (heading included), so the extractor reports it
// missing and returns the other fields in `partial` unchanged.
import type { Seed, SeedDraft } from '../seed';
import { DISCOVERY_RECORD_FORMAT, TRAJECTORY_TITLE, type DiscoveryMetadata, type TrajectoryEntry } from './format';
import { renderFrontmatter } from './frontmatter';
import { getField } from '../fields';
import { createdText, fieldSectionLines, headingLine, listItemLines, normalizeDraft } from './render-sections';

export type RenderDiscoveryRecordOptions = {
  /** The creation session id. */
  session?: string;
  /** When the record was made (a Date is written as an ISO timestamp). */
  created?: string | Date;
  /** Which Companion took part, e.g. `guided` or `anthropic:<model>`. */
  companion?: string;
  /** Content hashes of the prompt assets used, by prompt id. */
  prompts?: Record<string, string>;
  /** What was said for each field, turn by turn; rendered under "How we got here". */
  trajectory?: readonly TrajectoryEntry[];
};

function trajectoryLines(trajectory: readonly TrajectoryEntry[]): string[] {
  const lines = [`## ${TRAJECTORY_TITLE}`];
  for (const entry of trajectory) {
    const title = entry.field === 'name' ? 'Name' : getField(entry.field).title;
    const replaced = entry.supersededAt === undefined ? '' : ` (replaced at turn ${entry.supersededAt})`;
    // The label is ours and plain; only the value needs escaping, which listItemLines does.
    lines.push(...listItemLines(`- Turn ${entry.turn} — ${title}${replaced}: `, entry.value.replace(/\r\n?/g, '\n').trim(), { lineStart: false }));
  }
  lines.push('');
  return lines;
}

/** Renders the canonical Discovery record. Throws `E_INVALID_SEED` only for a value of the wrong type. */
export function renderDiscoveryRecord(seed: Seed | SeedDraft, options: RenderDiscoveryRecordOptions = {}): string {
  const draft = normalizeDraft(seed);
  const hasName = draft.name !== undefined && draft.name !== '';
  const metadata: DiscoveryMetadata = { format: DISCOVERY_RECORD_FORMAT };
  if (hasName) metadata.engagement = draft.name;
  if (options.session !== undefined) metadata.session = options.session;
  const created = createdText(options.created);
  if (created !== undefined) metadata.created = created;
  if (options.companion !== undefined) metadata.companion = options.companion;
  if (options.prompts !== undefined) metadata.prompts = options.prompts;

  const lines = [...renderFrontmatter(metadata), ''];
  if (hasName) lines.push(headingLine(1, draft.name as string), '');
  lines.push(...fieldSectionLines(draft, (field) => headingLine(2, `${field.number}. ${field.title}`)));
  if (options.trajectory && options.trajectory.length > 0) lines.push(...trajectoryLines(options.trajectory));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return `${lines.join('\n')}\n`;
}
