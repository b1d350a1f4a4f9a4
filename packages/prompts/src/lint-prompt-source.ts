// The plain-terms lint over a whole prompt source: every line an asset tells the Companion to say to the
// Operator (a Markdown blockquote line, `> …`) must be free of developer words (SPEC §5.3).
import { lintPlainTerms } from './plain-terms';
import type { PromptId, PromptSource } from './prompt-source';
import { builtinPromptSource } from './registry';

export type LintPromptSourceFinding = {
  /** The asset the line belongs to. */
  id: PromptId;
  /** 1-based line in the asset's body (the text `getPrompt` returns and `loom prompts show` prints). */
  line: number;
  /** 1-based column of the banned word in that line. */
  column: number;
  /** The canonical banned term and the plainer words to use instead. */
  term: string;
  suggestion: string;
  /** The Operator-facing words of the line, without the `>` marker. */
  text: string;
};

// The same marker the asset files use for the Companion's own words: `>` then an optional space.
const SPOKEN_LINE = /^>[ \t]?/;

/**
 * Lints every Operator-facing line of every asset of `source` (default: the builtin assets), in asset
 * order (sorted by id) and line order. Lines of instructions to the model are not linted: only the words
 * the Operator will hear must be plain. Throws what the source throws (e.g. a PromptError for a broken
 * override folder).
 */
export function lintPromptSource(source: PromptSource = builtinPromptSource): LintPromptSourceFinding[] {
  const findings: LintPromptSourceFinding[] = [];
  for (const asset of source.list()) {
    const lines = asset.body.split('\n');
    lines.forEach((raw, index) => {
      const line = raw.replace(/\r$/, '');
      const marker = SPOKEN_LINE.exec(line);
      if (!marker) return;
      const text = line.slice(marker[0].length);
      for (const finding of lintPlainTerms(text)) {
        findings.push({
          id: asset.id,
          line: index + 1,
          column: marker[0].length + finding.index + 1,
          term: finding.term,
          suggestion: finding.suggestion,
          text,
        });
      }
    });
  }
  return findings;
}
