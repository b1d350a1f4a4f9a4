// renderBrief: the short one-page summary of a Seed (format `brief/v1`, SPEC §4.3), for people to read.
// It uses the record's escaping and plain section titles, so extractSeed reads a brief back to the same Seed.
import type { Seed, SeedDraft } from '../seed';
import { BRIEF_FORMAT, type DiscoveryMetadata } from './format';
import { renderFrontmatter } from './frontmatter';
import { createdText, fieldSectionLines, headingLine, normalizeDraft } from './render-sections';

export type RenderBriefOptions = {
  created?: string | Date;
  session?: string;
  companion?: string;
};

const SUMMARY_LINE = 'Short summary: what we are making, who it is for, how it should sound, the rules, and how we will know it is working.';

/** Renders the brief. Throws `E_INVALID_SEED` only for a value of the wrong type. */
export function renderBrief(seed: Seed | SeedDraft, options: RenderBriefOptions = {}): string {
  const draft = normalizeDraft(seed);
  const hasName = draft.name !== undefined && draft.name !== '';
  const metadata: DiscoveryMetadata = { format: BRIEF_FORMAT };
  if (hasName) metadata.engagement = draft.name;
  if (options.session !== undefined) metadata.session = options.session;
  const created = createdText(options.created);
  if (created !== undefined) metadata.created = created;
  if (options.companion !== undefined) metadata.companion = options.companion;

  const lines = [...renderFrontmatter(metadata), ''];
  if (hasName) lines.push(headingLine(1, draft.name as string), '');
  lines.push(SUMMARY_LINE, '');
  lines.push(...fieldSectionLines(draft, (field) => headingLine(2, field.title)));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return `${lines.join('\n')}\n`;
}
