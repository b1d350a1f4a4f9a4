// The session state persisted with each creation session record, and the snapshot callers see.
import type { AskingTarget, CommitStep, CoverageState, SeedPart } from '../companion/types';
import { LoomworksError } from '../errors';
import type { SeedDraft } from '../seed';
import type { CreationSessionRecord, JsonValue, TokenUsage, TurnRecord } from '../store';
import { cloneJson } from './clone-json';
import { emptyCoverage } from './coverage';
import type { CreationResult, SessionPhase, SessionPolicy, SessionSnapshot } from './types';

export const SESSION_STATE_SCHEMA = 1;

export type SessionState = {
  schema: typeof SESSION_STATE_SCHEMA;
  phase: SessionPhase;
  policy: SessionPolicy;
  operatorName: string | null;
  companionName: string;
  draft: SeedDraft;
  coverage: CoverageState;
  skipped: SeedPart[];
  /** What the Companion's last turn asked. */
  asking: AskingTarget;
  /** The commit step of the Companion's last turn, if it was a commit turn. */
  step: CommitStep | null;
  path: 'discovery' | 'brief';
  /** The Operator said "create it anyway": the coverage gate is skipped from now on. */
  force: boolean;
  usage: TokenUsage;
  /** Prompt id → `sha256:<hex>` of every asset used so far. */
  prompts: Record<string, string>;
  creation: CreationResult | null;
};

export const DEFAULT_POLICY: SessionPolicy = { confirmBeforeCommit: true, defaultPath: 'discovery', maxMessageChars: 20_000 };

export const ZERO_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0 };

export function addUsage(left: TokenUsage, right: TokenUsage): TokenUsage {
  return {
    inputTokens: left.inputTokens + right.inputTokens,
    outputTokens: left.outputTokens + right.outputTokens,
    cacheWriteTokens: left.cacheWriteTokens + right.cacheWriteTokens,
    cacheReadTokens: left.cacheReadTokens + right.cacheReadTokens,
  };
}

export function initialState(policy: SessionPolicy, operatorName: string | null, companionName: string): SessionState {
  return {
    schema: SESSION_STATE_SCHEMA,
    phase: 'opening',
    policy,
    operatorName,
    companionName,
    draft: {},
    coverage: emptyCoverage(),
    skipped: [],
    asking: null,
    step: null,
    path: policy.defaultPath,
    force: false,
    usage: ZERO_USAGE,
    prompts: {},
    creation: null,
  };
}

export function readState(record: CreationSessionRecord): SessionState {
  const state = record.state as unknown as SessionState;
  if (typeof state !== 'object' || state === null || state.schema !== SESSION_STATE_SCHEMA) {
    throw new LoomworksError('E_SESSION_STATE', `Session ${record.id} has state this version cannot read`, { details: { sessionId: record.id } });
  }
  return state;
}

export function stateJson(state: SessionState): JsonValue {
  return state as unknown as JsonValue;
}

/** The Operator message waiting for a reply: the last stored turn, when it is the Operator's. */
export function pendingTurn(turns: readonly TurnRecord[]): { turn: number; text: string } | null {
  const last = turns[turns.length - 1];
  return last?.role === 'operator' ? { turn: last.index, text: last.text } : null;
}

export function snapshot(id: string, state: SessionState, turns: readonly TurnRecord[]): SessionSnapshot {
  return cloneJson({
    id,
    phase: state.phase,
    draft: state.draft,
    coverage: state.coverage,
    turns: turns.length,
    pending: pendingTurn(turns),
    asking: state.asking,
    path: state.path,
    usage: state.usage,
    creation: state.creation,
  });
}
