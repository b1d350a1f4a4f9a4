// The public shapes of the creation session engine (SPEC §6): options, turn results, stream events, results.
import type { PromptSource } from '@loomworks/prompts';
import type { AskingTarget, CommitStep, Companion, CoverageState, DraftValues, SeedPart } from '../companion/types';
import type { Finding } from '../induction';
import type { Intent } from '../intent';
import type { TerminalTurnMatch } from '../matcher';
import type { Clock, IdGenerator } from '../runtime';
import type { Seed, SeedDraft } from '../seed';
import type { LoomworksStore, TokenUsage } from '../store';

export type Operator = { id: string; name?: string };

export type SessionPolicy = {
  /** Recap and ask "review or begin?" before committing. Default true. */
  confirmBeforeCommit: boolean;
  /** How the conversation is written up unless the Operator names a path. Default 'discovery'. */
  defaultPath: 'discovery' | 'brief';
  /** Longest Operator message accepted, in characters. Default 20,000. */
  maxMessageChars: number;
};

export type CreationSessionOptions = {
  companion: Companion;
  store: LoomworksStore;
  operator: Operator;
  /** Defaults to the prompts built into @loomworks/prompts. */
  prompts?: PromptSource;
  policy?: Partial<SessionPolicy>;
  /** The name the Operator calls the Companion. Default "Companion". */
  companionName?: string;
  clock?: Clock;
  ids?: IdGenerator;
};

export type ResumeCreationSessionOptions = Omit<CreationSessionOptions, 'policy'>;

export type SessionPhase = 'opening' | 'eliciting' | 'confirming' | 'committed';

export type CreationUsage = TokenUsage;

type CreationResultBase = {
  engagement: { id: string; name: string; status: 'candidate' | 'active' };
  /** The creation session id (absent for uploads). */
  session?: string;
  usage: CreationUsage;
};

/** What a commit produced. A failing induction may carry a partial Seed (parts were missing). */
export type CreationResult = CreationResultBase &
  (
    | { seed: Seed; induction: { status: 'induction-pass-clean' | 'induction-pass-with-notes'; findings: Finding[] } }
    | { seed: SeedDraft; induction: { status: 'induction-fail'; findings: Finding[] } }
  );

/** A draft value the engine refused, and why. */
export type RejectedValue = { part: SeedPart; issues: string[] };

/** The four visible layers every turn passes (SPEC §6.1). */
export type TurnTrace = {
  present: { turn: number; chars: number; persisted: true } | null;
  classified: {
    intent: Intent;
    /** `entry` for the opening turn; `rules` for the matcher; `hint` when an explicit intentHint decided. */
    source: 'entry' | 'rules' | 'hint';
    terminal: TerminalTurnMatch | null;
    /** An intentHint that was given but could not apply (e.g. general conversation inside a creation session). */
    ignoredHint?: string;
  };
  templateSelected: {
    template: string;
    step: CommitStep | null;
    components: string[];
    /** Prompt id → `sha256:<hex>` of every asset in the request. */
    prompts: Record<string, string>;
  };
  responseShaped: {
    reply: string;
    /** The values the engine accepted this turn (the Companion's record of the turn). */
    recorded: DraftValues;
    accepted: SeedPart[];
    rejected: RejectedValue[];
    asking: AskingTarget;
    coverage: CoverageState;
    usage: TokenUsage;
    /** Developer words found in the reply (the guided Companion never produces any). */
    plainTerms: { term: string; index: number }[];
    /** Set when the opening reply did not ask the first question and the engine added it. */
    openingGuard?: 'appended-question';
  };
};

export type SessionSnapshot = {
  id: string;
  phase: SessionPhase;
  draft: SeedDraft;
  coverage: CoverageState;
  /** Number of stored turns (Operator and Companion). */
  turns: number;
  /** An Operator message is stored but has no reply yet (the Companion failed): `retry()` answers it. */
  pending: { turn: number; text: string } | null;
  asking: AskingTarget;
  path: 'discovery' | 'brief';
  usage: TokenUsage;
  creation: CreationResult | null;
};

export type TurnResult = {
  /** The Operator's turn number (0 for the opening). */
  turn: number;
  reply: string;
  trace: TurnTrace;
  state: SessionSnapshot;
  /** Set when this turn committed the engagement. */
  creation?: CreationResult;
};

export type SessionEvent =
  | { type: 'text-delta'; text: string }
  | { type: 'coverage'; coverage: CoverageState }
  | { type: 'terminal'; match: TerminalTurnMatch }
  | { type: 'committed'; creation: CreationResult }
  | { type: 'turn-end'; result: TurnResult };

export type SendOptions = {
  /** Overrides classification: `create_engagement_commit` is the scripted equivalent of a terminal turn. */
  intentHint?: Intent;
  signal?: AbortSignal;
};

export interface CreationSession {
  readonly id: string;
  /** The Companion's opening turn: it asks the Field 1 question. */
  start(options?: SendOptions): Promise<TurnResult>;
  /** `start()` as events, so the opening question can stream too. */
  streamStart(options?: SendOptions): AsyncIterable<SessionEvent>;
  send(text: string, options?: SendOptions): Promise<TurnResult>;
  stream(text: string, options?: SendOptions): AsyncIterable<SessionEvent>;
  /** Answers a stored Operator message whose reply failed (see `state().pending`). */
  retry(options?: SendOptions): Promise<TurnResult>;
  /** `retry()` as events. */
  streamRetry(options?: SendOptions): AsyncIterable<SessionEvent>;
  state(): SessionSnapshot;
}
