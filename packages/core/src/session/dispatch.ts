// Dispatch: assembles what the Companion receives each turn — the stable system prompt, the template for
// the turn, the per-field components, and the per-turn state after them.
import { assembleSystemPrompt, builtinPromptSource, type PromptId, type PromptSource } from '@loomworks/prompts';
import {
  COMPANION_PROTOCOL_VERSION,
  type CommitStep,
  type CompanionIntent,
  type CompanionMessage,
  type CompanionRequest,
  type DraftValues,
  type AskingTarget,
} from '../companion/types';
import { loadPerFieldComponents, missingParts, nextPart } from '../fields';
import { sha256Hex } from '../runtime';
import type { TurnRecord } from '../store';
import { cloneJson } from './clone-json';
import type { SessionState } from './state';

/** What a session computes once: the system prompt and the per-field components never change within it. */
export type DispatchContext = {
  sessionId: string;
  source: PromptSource;
  system: { text: string; sha256: string; prompts: Record<string, string> };
  components: CompanionRequest['components'];
};

type SessionInvariants = Pick<DispatchContext, 'system' | 'components'>;

function sessionInvariants(source: PromptSource): SessionInvariants {
  const system = assembleSystemPrompt(source);
  const components = loadPerFieldComponents(undefined, source).map(({ field, id, sha256 }) => ({ field, id, sha256 }));
  return { system: { text: system.text, sha256: `sha256:${sha256Hex(system.text)}`, prompts: system.prompts }, components };
}

/** Shared by every session, so no Companion can change one session's view of them for the others. */
function frozen(invariants: SessionInvariants): SessionInvariants {
  Object.freeze(invariants.system.prompts);
  for (const component of invariants.components) Object.freeze(component);
  Object.freeze(invariants.components);
  return invariants;
}

/** The built-in prompts never change in a process: their system prompt is assembled and hashed once, not per session. */
let builtinInvariants: SessionInvariants | undefined;

export function createDispatchContext(sessionId: string, source: PromptSource = builtinPromptSource): DispatchContext {
  // Other sources (a folder of prompt files) may change between sessions, so they are read afresh each time.
  const invariants = source === builtinPromptSource ? (builtinInvariants ??= frozen(sessionInvariants(source))) : sessionInvariants(source);
  return { sessionId, source, system: invariants.system, components: invariants.components };
}

export type DispatchTurn = {
  intent: CompanionIntent;
  step: CommitStep | null;
  recordOnly: boolean;
  message: string | null;
  terminal: CompanionRequest['terminal'];
  turn: number;
};

/** The request for one Companion call, built from the session state and the stored turns before this one. */
export function buildCompanionRequest(context: DispatchContext, state: SessionState, history: readonly TurnRecord[], turn: DispatchTurn): CompanionRequest {
  const template = context.source.get(turn.intent as PromptId);
  return {
    protocol: COMPANION_PROTOCOL_VERSION,
    sessionId: context.sessionId,
    intent: turn.intent,
    step: turn.step,
    recordOnly: turn.recordOnly,
    system: { text: context.system.text, prompts: context.system.prompts },
    template: { id: template.id, sha256: `sha256:${template.sha256}` },
    components: context.components,
    state: {
      companionName: state.companionName,
      operatorName: state.operatorName,
      draft: cloneJson(state.draft),
      coverage: cloneJson(state.coverage),
      nextPart: nextPart(state.draft, state.skipped),
      missing: missingParts(state.draft),
      skipped: [...state.skipped],
      lastAsking: state.asking,
      path: state.path,
      creation:
        turn.step === 'closing' && state.creation
          ? {
              name: state.creation.engagement.name,
              status: state.creation.engagement.status,
              inductionStatus: state.creation.induction.status,
              notes: state.creation.induction.findings.length,
            }
          : null,
    },
    history: history.map(toCompanionMessage),
    message: turn.message,
    terminal: turn.terminal,
    turn: turn.turn,
  };
}

function toCompanionMessage(record: TurnRecord): CompanionMessage {
  if (record.role === 'operator') return { role: 'operator', turn: record.index, text: record.text };
  const shaped = (record.trace as { responseShaped?: { recorded?: DraftValues; asking?: AskingTarget } } | null)?.responseShaped;
  return { role: 'companion', turn: record.index, text: record.text, record: shaped ? { values: shaped.recorded ?? {}, asking: shaped.asking ?? null } : null };
}

/**
 * The request as stored with the turn. What never changes within a session — the system prompt (~15 KB), the
 * hashes of its prompts and the per-field components — is stored whole once (see `withSessionInvariants`);
 * every request names the system prompt by hash.
 */
export function storedRequest(request: CompanionRequest, context: DispatchContext): Record<string, unknown> {
  const { components: _components, ...rest } = request;
  return { ...rest, system: { sha256: context.system.sha256 } };
}

/** A stored request with the session's invariants written out whole: the first one a Session stores. */
export function withSessionInvariants(stored: unknown, context: DispatchContext): unknown {
  return { ...(stored as object), system: { ...context.system }, components: context.components };
}

/** Prompt id → `sha256:<hex>` of every asset a request used. */
export function promptsOf(request: CompanionRequest): Record<string, string> {
  return { ...request.system.prompts, [request.template.id]: request.template.sha256 };
}
