// The names and shapes shared by the Discovery record renderer, the brief renderer and the extractor.
import type { FieldKey } from '../fields';

export const DISCOVERY_RECORD_FORMAT = 'discovery-record/v1';
export const BRIEF_FORMAT = 'brief/v1';

/** What the frontmatter says about a document; only the keys it holds are present. */
export type DiscoveryMetadata = {
  format?: string;
  engagement?: string;
  session?: string;
  created?: string;
  companion?: string;
  /** Content hashes of the prompt assets used, by prompt id. */
  prompts?: Record<string, string>;
};

/**
 * One value the conversation produced for a field, rendered under "How we got here". `supersededAt` is
 * the turn whose value replaced this one. Written for people; the extractor never reads it back.
 */
export type TrajectoryEntry = {
  turn: number;
  field: FieldKey | 'name';
  value: string;
  supersededAt?: number;
};

/** The section titles the extractor ignores without a warning (the trajectory and conversation). */
export const IGNORED_SECTION_TITLES = ['How we got here', 'Conversation', 'Trajectory'] as const;

/** The title of the trajectory section in a rendered record. */
export const TRAJECTORY_TITLE = IGNORED_SECTION_TITLES[0];

/** What an empty Field 6 says in a rendered document; the extractor reads it (and a few synonyms) as no entries. */
export const NOTHING_ELSE = 'Nothing else.';
