// pathChoice: which write-up the Operator asks for when answering "a full write-up of our conversation,
// or a short summary?" without ending the conversation ("a short summary please").
import type { TerminalPath } from './phrases';

// Literal alternations only (no nested quantifiers): linear in the message length.
const BRIEF = /\b(?:short summary|summary|short version|one[- ]pager|(?:a|the) brief)\b/;
const DISCOVERY = /\b(?:full write[- ]?up|write[- ]?up|discovery record|full record|full version|long version)\b/;

/** The path the message names, or null when it names neither or both (e.g. quoting the question back). */
export function pathChoice(text: string): TerminalPath | null {
  if (typeof text !== 'string') return null;
  const lower = text.toLowerCase().replace(/[’‘]/g, "'");
  const brief = BRIEF.test(lower);
  const discovery = DISCOVERY.test(lower);
  return brief === discovery ? null : brief ? 'brief' : 'discovery';
}
