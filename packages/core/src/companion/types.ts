// The Companion seam (SPEC §6.5): what the session engine sends a Companion each turn and what comes back.
import type { FieldKey, SeedPart } from '../fields';
import type { SeedDraft } from '../seed';
import type { TokenUsage } from '../store';

/** Version of the request/event shapes below; bumped on an incompatible change. */
export const COMPANION_PROTOCOL_VERSION = 1;

export type { SeedPart };

/**
 * What the Companion's reply asks the Operator: a part of the Seed, `close` ("anything else, or shall
 * I put it together?"), `confirm` ("review what I've gathered, or ready to begin?"), or nothing.
 */
export type AskingTarget = SeedPart | 'close' | 'confirm' | null;

export type CompanionIntent = 'create_engagement_entry' | 'create_engagement_active' | 'create_engagement_commit';

/**
 * Within a commit turn, what the engine has decided and the Companion puts into words:
 * `missing` — name what is still missing and ask for it; `confirm` — recap and ask review-or-begin;
 * `review` — show everything gathered, then ask again; `closing` — the project exists: say what happens next.
 */
export type CommitStep = 'missing' | 'confirm' | 'review' | 'closing';

export type CoverageStatus = 'missing' | 'covered' | 'confirmed';

/** A quoted span of an Operator message that a value came from. */
export type CoverageEvidence = { part: SeedPart; turn: number; quote: string };

/** A value that a later answer replaced. */
export type SupersededValue = { part: SeedPart; value: unknown; turn: number; supersededAt: number };

export type FieldCoverage = {
  status: CoverageStatus;
  evidence: CoverageEvidence[];
  history: SupersededValue[];
};

/** Per-session field coverage (SPEC §3.1), computed by the engine from the validated draft. */
export type CoverageState = Record<FieldKey, FieldCoverage>;

/**
 * New values for parts of the Seed. Each value is the part's complete new value (a whole list, not
 * an addition). Values are validated by the engine with the part's schema; invalid ones are ignored
 * and noted in the trace.
 */
export type DraftValues = { [Part in SeedPart]?: unknown };

export type CompanionMessage = {
  role: 'operator' | 'companion';
  turn: number;
  text: string;
  /** For Companion turns: the values it recorded and what it asked (lets adapters rebuild tool calls). */
  record?: { values: DraftValues; asking: AskingTarget } | null;
};

/** The per-turn state: everything that changes between turns travels here, after the stable system prompt. */
export type CompanionTurnState = {
  /** The name the Operator knows the Companion by ("Companion" unless renamed). */
  companionName: string;
  operatorName: string | null;
  draft: SeedDraft;
  coverage: CoverageState;
  /** The first part still unanswered, in field order, skipping parts the Operator skipped. */
  nextPart: SeedPart | null;
  /** Required parts still missing. */
  missing: SeedPart[];
  /** Parts the Operator chose to skip for now. */
  skipped: SeedPart[];
  /** What the Companion's previous turn asked. */
  lastAsking: AskingTarget;
  /** How the conversation will be written up: a full write-up or a short summary. */
  path: 'discovery' | 'brief';
  /** Set on the closing step: what was created. */
  creation: { name: string; status: 'candidate' | 'active'; inductionStatus: string; notes: number } | null;
};

export type CompanionRequest = {
  protocol: typeof COMPANION_PROTOCOL_VERSION;
  sessionId: string;
  intent: CompanionIntent;
  /** Set for the commit intent. */
  step: CommitStep | null;
  /**
   * True when the Operator's terminal message also carried content ("The audience is bakers. That's
   * everything."): record what it says and reply with no text; a commit turn follows.
   */
  recordOnly: boolean;
  /** The stable system prompt (identical on every turn of every session for one prompt source). */
  system: { text: string; prompts: Record<string, string> };
  /** The template for this turn, and the per-field components in play. */
  template: { id: string; sha256: string };
  components: { field: FieldKey; id: string; sha256: string }[];
  state: CompanionTurnState;
  /** Earlier turns, oldest first (excluding `message`). */
  history: CompanionMessage[];
  /** This turn's Operator message; null on the opening turn. */
  message: string | null;
  /** On commit turns: the terminal phrase the Operator used and the content around it ('' when none). */
  terminal: { phrase: string; content: string } | null;
  /** The Operator turn number of `message` (0 on the opening turn). */
  turn: number;
};

export type CompanionEvent =
  | { type: 'text-delta'; text: string }
  | {
      type: 'draft-update';
      values: DraftValues;
      asking: AskingTarget;
      /** Spans of `message` each value came from; the engine checks they are substrings. */
      evidence?: { [Part in SeedPart]?: string };
      /** Parts the Operator asked to skip for now ("skip"). */
      skipped?: SeedPart[];
    }
  | { type: 'usage'; usage: TokenUsage }
  | { type: 'finish'; reason: 'end' | 'max-tokens' | 'tool' };

export type CompanionRespondOptions = { signal?: AbortSignal };

/** An auxiliary one-shot task (intent classification, extraction fallback), answered as text. */
export type CompletionRequest = {
  task: 'intent-classification' | 'extraction';
  system?: string;
  prompt: string;
  /** Earlier exchanges of a repair loop, oldest first. */
  history?: { role: 'user' | 'assistant'; text: string }[];
  maxTokens?: number;
};

export type CompletionResult = { text: string; usage: TokenUsage };

export interface Companion {
  /** `guided`, `anthropic:<model>`, `fake`, … — recorded in transcripts and Discovery records. */
  readonly id: string;
  /** One Companion turn: streams text and reports the values it recorded. */
  respond(request: CompanionRequest, options?: CompanionRespondOptions): AsyncIterable<CompanionEvent>;
  /** Optional: one-shot text tasks. Companions without it (the offline guided one) cannot run LLM fallbacks. */
  complete?(request: CompletionRequest, options?: CompanionRespondOptions): Promise<CompletionResult>;
}
