// The creation session engine (SPEC §6): every turn passes four visible layers — present, classified,
// template-selected, response-shaped — and a terminal turn ends in one atomic commit.
import { lintPlainTerms } from '@loomworks/prompts';
import type { AskingTarget, CommitStep, CompanionIntent } from '../companion/types';
import type { TrajectoryEntry } from '../discovery';
import { LoomworksError } from '../errors';
import { FIELDS, missingParts, type SeedPart } from '../fields';
import type { Intent } from '../intent';
import { valueText } from '../seed';
import { isReviewRequest, matchTerminalTurn, pathChoice, terminalContent, type TerminalTurnMatch } from '../matcher';
import { createUlidGenerator, isoNow, systemClock, type Clock, type IdGenerator } from '../runtime';
import type { CreationSessionRecord, JsonValue, StoreOperations, TurnRecord } from '../store';
import { cloneJson } from './clone-json';
import { commitEngagement, loadCreationResult } from './commit';
import { applyDraftValues, confirmCoverage, withStatuses } from './coverage';
import { buildCompanionRequest, createDispatchContext, promptsOf, storedRequest, withSessionInvariants, type DispatchContext } from './dispatch';
import { runCompanion, type CompanionOutcome } from './run-companion';
import { addUsage, DEFAULT_POLICY, ZERO_USAGE, initialState, pendingTurn, readState, snapshot, stateJson, type SessionState } from './state';
import type {
  CreationResult,
  CreationSession,
  CreationSessionOptions,
  ResumeCreationSessionOptions,
  SendOptions,
  SessionEvent,
  SessionSnapshot,
  TurnResult,
  TurnTrace,
} from './types';

const defaultIds = createUlidGenerator();

/** Starts a new creation session (stored at once; nothing is said until `start()`). */
export async function createCreationSession(options: CreationSessionOptions): Promise<CreationSession> {
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? defaultIds;
  const policy = { ...DEFAULT_POLICY, ...options.policy };
  if (!Number.isInteger(policy.maxMessageChars) || policy.maxMessageChars < 1) {
    throw new LoomworksError('E_USAGE', 'policy.maxMessageChars must be a positive integer');
  }
  const id = ids.newId();
  const context = createDispatchContext(id, options.prompts);
  const state = initialState(policy, options.operator.name ?? null, options.companionName ?? 'Companion');
  state.prompts = { ...context.system.prompts };
  const now = isoNow(clock);
  const record: CreationSessionRecord = {
    id,
    operatorId: options.operator.id,
    companionId: options.companion.id,
    status: 'open',
    engagementId: null,
    state: stateJson(state),
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await options.store.insertSession(record);
  return new Session(options, context, record, state, [], clock, ids);
}

/** Reopens a stored session where it stopped: after its last stored turn, or at its unanswered Operator message. */
export async function resumeCreationSession(id: string, options: ResumeCreationSessionOptions): Promise<CreationSession> {
  const record = await options.store.getSession(id);
  if (!record) throw new LoomworksError('E_NOT_FOUND', `No creation session ${id}`, { details: { sessionId: id } });
  if (record.operatorId !== options.operator.id) {
    throw new LoomworksError('E_NOT_FOUND', `No creation session ${id} for this Operator`, { details: { sessionId: id } });
  }
  const state = readState(record);
  const turns = await options.store.listTurns(id);
  const context = createDispatchContext(id, options.prompts);
  return new Session({ ...options, policy: state.policy }, context, record, state, turns, options.clock ?? systemClock, options.ids ?? defaultIds);
}

/** Send options, and whether the Companion's text deltas are passed on as events (streaming calls) or not. */
type TurnOptions = SendOptions & { forwardText: boolean };

type Decision = { intent: CompanionIntent; step: CommitStep | null; source: TurnTrace['classified']['source']; match: TerminalTurnMatch | null; ignoredHint?: string };

class Session implements CreationSession {
  /**
   * Whether a turn stored by this Session holds the session's invariants (system prompt, prompt hashes,
   * components) whole; until one does, the next companion turn stores them with its first request. Per
   * instance, so a resumed session — whose prompts may have been edited since — records the ones it uses.
   */
  private invariantsStored = false;

  readonly id: string;

  constructor(
    private readonly options: CreationSessionOptions,
    private readonly context: DispatchContext,
    private record: CreationSessionRecord,
    private current: SessionState,
    private readonly turns: TurnRecord[],
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {
    this.id = record.id;
  }

  state(): SessionSnapshot {
    return snapshot(this.id, this.current, this.turns);
  }

  // start/send/retry want only the result: they skip forwarding the Companion's text deltas, which would
  // otherwise pass one by one through every generator below (a word at a time, several promises each).
  start(options: SendOptions = {}): Promise<TurnResult> {
    return finalResult(this.opening({ ...options, forwardText: false }));
  }

  streamStart(options: SendOptions = {}): AsyncIterable<SessionEvent> {
    return this.opening({ ...options, forwardText: true });
  }

  send(text: string, options: SendOptions = {}): Promise<TurnResult> {
    return finalResult(this.operatorTurn(text, { ...options, forwardText: false }));
  }

  stream(text: string, options: SendOptions = {}): AsyncGenerator<SessionEvent, void> {
    return this.operatorTurn(text, { ...options, forwardText: true });
  }

  private async *operatorTurn(text: string, options: TurnOptions): AsyncGenerator<SessionEvent, void> {
    this.assertCanSend();
    if (typeof text !== 'string' || text.trim() === '') {
      throw new LoomworksError('E_INVALID_MESSAGE', 'The message is empty', { hint: 'Type an answer, or "skip" to come back to it later.' });
    }
    const limit = this.current.policy.maxMessageChars;
    if (text.length > limit) {
      throw new LoomworksError('E_INVALID_MESSAGE', `The message is ${text.length} characters; the limit is ${limit}`, { details: { length: text.length, limit } });
    }
    // Layer 1, present: the Operator's words are stored before the Companion is called.
    const turn = this.turns.length + 1;
    // An explicit intentHint is stored with the message so a retry classifies it the same way.
    const operatorTurn: TurnRecord = {
      sessionId: this.id,
      index: turn,
      role: 'operator',
      text,
      at: isoNow(this.clock),
      intent: options.intentHint ?? null,
      trace: null,
      usage: null,
      request: null,
    };
    await this.options.store.appendTurn(operatorTurn);
    this.turns.push(operatorTurn);
    yield* this.answer(turn, text, options);
  }

  retry(options: SendOptions = {}): Promise<TurnResult> {
    return finalResult(this.retryTurn({ ...options, forwardText: false }));
  }

  streamRetry(options: SendOptions = {}): AsyncGenerator<SessionEvent, void> {
    return this.retryTurn({ ...options, forwardText: true });
  }

  private async *retryTurn(options: TurnOptions): AsyncGenerator<SessionEvent, void> {
    const pending = pendingTurn(this.turns);
    if (!pending) throw new LoomworksError('E_SESSION_STATE', 'There is no unanswered message to retry');
    const intentHint = options.intentHint ?? ((this.turns[this.turns.length - 1]?.intent as Intent | null) || undefined);
    yield* this.answer(pending.turn, pending.text, intentHint ? { ...options, intentHint } : options);
  }

  private assertCanSend(): void {
    if (this.current.phase === 'opening') throw new LoomworksError('E_SESSION_STATE', 'Call start() before sending messages');
    if (this.current.phase === 'committed') {
      throw new LoomworksError('E_SESSION_STATE', 'This session has already created its project', { details: { engagementId: this.record.engagementId } });
    }
    if (pendingTurn(this.turns)) {
      throw new LoomworksError('E_SESSION_STATE', 'The last message has no reply yet', { hint: 'Call retry() to answer it first.' });
    }
  }

  private async *opening(options: TurnOptions): AsyncGenerator<SessionEvent, void> {
    if (this.current.phase !== 'opening' || this.turns.length > 0) throw new LoomworksError('E_SESSION_STATE', 'The session has already started');
    // The opening is always the entry template: no classifier, no hint, can route it elsewhere.
    const decision: Decision = {
      intent: 'create_engagement_entry',
      step: null,
      source: 'entry',
      match: null,
      ...(options.intentHint ? { ignoredHint: options.intentHint } : {}),
    };
    const next = cloneJson(this.current);
    next.phase = 'eliciting';
    yield* this.reply(next, decision, 0, null, [], options);
  }

  /** Layers 2–4 for a stored Operator message. */
  private async *answer(turn: number, text: string, options: TurnOptions): AsyncGenerator<SessionEvent, void> {
    const next = cloneJson(this.current);
    const requests: unknown[] = [];

    if (next.phase === 'committed') {
      // The commit landed but its closing words did not: say them now.
      yield* this.reply(next, { intent: 'create_engagement_commit', step: 'closing', source: 'rules', match: null }, turn, text, requests, options);
      return;
    }

    const decision = this.classify(text, options.intentHint);
    if (decision.match?.terminal) yield { type: 'terminal', match: decision.match };
    // Answering "a full write-up, or a short summary?" without ending the conversation.
    const chosenPath = this.current.phase === 'confirming' && !decision.match?.terminal ? pathChoice(text) : null;
    if (chosenPath) next.path = chosenPath;

    if (decision.intent === 'create_engagement_commit' && decision.step === null) {
      const match = decision.match;
      if (match?.path) next.path = match.path;
      if (match?.force) next.force = true;
      // Content before the phrase ("The audience is bakers. That's everything.") is applied first.
      const content = match && decision.source === 'rules' ? terminalContent(text, match) : '';
      if (/[\p{L}\p{N}]/u.test(content)) {
        const outcome = yield* this.call(next, { ...decision, step: null }, turn, text, true, requests, options);
        this.apply(next, outcome, turn, text);
        yield { type: 'coverage', coverage: next.coverage };
      }
      // A terminal reply to "anything else it should always hold true?" answers it with nothing.
      if (this.current.asking === 'additionalAssertions' && next.draft.additionalAssertions === undefined) {
        this.apply(next, { text: '', values: { additionalAssertions: [] }, asking: null, evidence: {}, skipped: [], usage: ZERO_USAGE }, turn, text);
      }
      if (missingParts(next.draft).length > 0 && !next.force) {
        decision.step = 'missing';
        next.phase = 'eliciting';
      } else if (next.policy.confirmBeforeCommit && this.current.phase !== 'confirming') {
        decision.step = 'confirm';
        next.phase = 'confirming';
      } else {
        if (this.current.phase === 'confirming') next.coverage = confirmCoverage(next.coverage);
        const creation = await this.commit(next);
        yield { type: 'committed', creation };
        decision.step = 'closing';
      }
    }
    yield* this.reply(next, decision, turn, text, requests, options);
  }

  private classify(text: string, hint: Intent | undefined): Decision {
    const match = matchTerminalTurn(text, { companionAskedToClose: this.current.asking === 'close' || this.current.asking === 'confirm' });
    if (hint === 'create_engagement_commit') return { intent: 'create_engagement_commit', step: null, source: 'hint', match };
    if (hint === 'create_engagement_active') return { intent: 'create_engagement_active', step: null, source: 'hint', match };
    const ignoredHint = hint ? { ignoredHint: hint } : {};
    if (match.terminal) return { intent: 'create_engagement_commit', step: null, source: 'rules', match, ...ignoredHint };
    if (this.current.phase === 'confirming' && isReviewRequest(text)) {
      return { intent: 'create_engagement_commit', step: 'review', source: 'rules', match, ...ignoredHint };
    }
    return { intent: 'create_engagement_active', step: null, source: 'rules', match, ...ignoredHint };
  }

  /** One Companion call (layer 3 request, layer 4 outcome). */
  private async *call(
    state: SessionState,
    decision: Decision,
    turn: number,
    message: string | null,
    recordOnly: boolean,
    requests: unknown[],
    options: TurnOptions,
  ): AsyncGenerator<SessionEvent, CompanionOutcome> {
    const history = this.turns.filter((record) => record.index < turn);
    const terminal =
      decision.intent === 'create_engagement_commit' && decision.match?.terminal
        ? { phrase: decision.match.phrase ?? '', content: decision.source === 'rules' && message ? terminalContent(message, decision.match) : '' }
        : null;
    const request = buildCompanionRequest(this.context, state, history, { intent: decision.intent, step: decision.step, recordOnly, message, terminal, turn });
    requests.push(storedRequest(request, this.context));
    state.prompts = { ...state.prompts, ...promptsOf(request) };
    const run = runCompanion(this.options.companion, request, { forward: !recordOnly && options.forwardText, ...(options.signal ? { signal: options.signal } : {}) });
    for (;;) {
      const step = await run.next();
      if (step.done) return step.value;
      yield { type: 'text-delta', text: step.value };
    }
  }

  private apply(state: SessionState, outcome: CompanionOutcome, turn: number, message: string): ReturnType<typeof applyDraftValues> {
    const applied = applyDraftValues(state.draft, state.coverage, outcome.values, turn, message, outcome.evidence);
    state.draft = applied.draft;
    state.coverage = applied.coverage;
    state.skipped = [...new Set([...state.skipped, ...outcome.skipped])].filter((part) => state.draft[part] === undefined);
    state.usage = addUsage(state.usage, outcome.usage);
    return applied;
  }

  /** The reply call of a turn, then the turn is stored with its trace and the new state. */
  private async *reply(
    next: SessionState,
    decision: Decision,
    turn: number,
    message: string | null,
    requests: unknown[],
    options: TurnOptions,
  ): AsyncGenerator<SessionEvent, void> {
    const outcome = yield* this.call(next, decision, turn, message, false, requests, options);
    const committed = next.phase === 'committed';
    const applied = committed
      ? { accepted: [], acceptedValues: {}, rejected: [] }
      : this.apply(next, outcome, turn, message ?? '');
    if (committed) {
      next.usage = addUsage(next.usage, outcome.usage);
      // The creation's usage is the whole conversation's, closing words included.
      if (next.creation) next.creation = { ...next.creation, usage: { ...next.usage } };
    }
    let reply = outcome.text;
    let openingGuard: TurnTrace['responseShaped']['openingGuard'];
    let asking: AskingTarget = outcome.asking;
    if (decision.intent === 'create_engagement_entry' && !(asking === 'purpose' || asking === 'name') ) {
      // The opening must ask the first question; a Companion that only greeted gets it added.
      reply = `${reply.trim()}\n\n${FIELDS[0].question}`.trim();
      openingGuard = 'appended-question';
      asking = 'purpose';
    }
    next.asking = asking;
    next.step = decision.step;
    if (!committed) next.coverage = withStatuses(next.draft, next.coverage);

    const trace: TurnTrace = {
      present: turn > 0 ? { turn, chars: message?.length ?? 0, persisted: true } : null,
      classified: { intent: decision.intent, source: decision.source, terminal: decision.match, ...(decision.ignoredHint ? { ignoredHint: decision.ignoredHint } : {}) },
      templateSelected: {
        template: decision.intent,
        step: decision.step,
        components: this.context.components.map((component) => component.id),
        prompts: { ...this.context.system.prompts, [decision.intent]: next.prompts[decision.intent] ?? '' },
      },
      responseShaped: {
        reply,
        recorded: applied.acceptedValues,
        accepted: applied.accepted,
        rejected: applied.rejected,
        asking,
        coverage: next.coverage,
        usage: outcome.usage,
        plainTerms: lintPlainTerms(reply).map(({ term, index }) => ({ term, index })),
        ...(openingGuard ? { openingGuard } : {}),
      },
    };
    const companionTurn: TurnRecord = {
      sessionId: this.id,
      index: this.turns.length + 1,
      role: 'companion',
      text: reply,
      at: isoNow(this.clock),
      intent: decision.intent,
      trace: trace as unknown as JsonValue,
      usage: outcome.usage,
      request: (this.invariantsStored ? requests : requests.map((stored, index) => (index === 0 ? withSessionInvariants(stored, this.context) : stored))) as JsonValue,
    };
    await this.options.store.transaction(async (tx) => {
      await tx.appendTurn(companionTurn);
      await this.writeState(tx, next);
    });
    this.invariantsStored = true;
    this.turns.push(companionTurn);
    this.current = next;
    yield { type: 'coverage', coverage: next.coverage };
    const result: TurnResult = { turn, reply, trace, state: this.state(), ...(decision.step === 'closing' && next.creation ? { creation: next.creation } : {}) };
    yield { type: 'turn-end', result };
  }

  /** Writes the session record with `state` (optimistic: a concurrent writer makes this fail with E_CONFLICT). */
  private async writeState(tx: StoreOperations, state: SessionState, patch: Partial<CreationSessionRecord> = {}): Promise<void> {
    const updated: CreationSessionRecord = {
      ...this.record,
      ...patch,
      state: stateJson(state),
      version: this.record.version + 1,
      updatedAt: isoNow(this.clock),
    };
    await tx.updateSession(updated, this.record.version);
    this.record = updated;
  }

  /** The commit of SPEC §6.3 in one transaction; idempotent per session. */
  private async commit(next: SessionState): Promise<CreationResult> {
    const before = this.record;
    try {
      const creation = await this.options.store.transaction(async (tx) => {
        const stored = await tx.getSession(this.id);
        if (stored?.status === 'committed' && stored.engagementId) {
          // Another call (or process) committed this session first: that engagement is the answer.
          this.record = stored;
          return loadCreationResult(tx, stored.engagementId, readState(stored).usage);
        }
        const result = await commitEngagement(tx, {
          operatorId: this.record.operatorId,
          sessionId: this.id,
          source: next.path,
          draft: next.draft,
          companionId: this.options.companion.id,
          prompts: next.prompts,
          trajectory: trajectoryOf(next),
          coverage: next.coverage,
          usage: next.usage,
          clock: this.clock,
          ids: this.ids,
        });
        next.phase = 'committed';
        next.creation = result;
        await this.writeState(tx, next, { status: 'committed', engagementId: result.engagement.id });
        return result;
      });
      next.phase = 'committed';
      next.creation = creation;
      // The commit is durable: later failures (the closing words) must not hide it.
      this.current = cloneJson(next);
      return creation;
    } catch (error) {
      this.record = before;
      if (!LoomworksError.is(error, 'E_CONFLICT')) throw error;
      // Lost a race with another writer of this session: if it committed, its engagement is the answer.
      const stored = await this.options.store.getSession(this.id);
      if (stored?.status !== 'committed' || !stored.engagementId) throw error;
      this.record = stored;
      const creation = await loadCreationResult(this.options.store, stored.engagementId, readState(stored).usage);
      this.current = { ...readState(stored), creation, phase: 'committed' };
      Object.assign(next, cloneJson(this.current));
      return creation;
    }
  }
}

/** What was said for each part and what replaced it, turn by turn, for "How we got here". */
function trajectoryOf(state: SessionState): TrajectoryEntry[] {
  const entries: TrajectoryEntry[] = [];
  for (const field of FIELDS) {
    const coverage = state.coverage[field.key];
    for (const old of coverage.history) entries.push({ turn: old.turn, field: old.part, value: valueText(old.value), supersededAt: old.supersededAt });
    const parts: SeedPart[] = field.key === 'purpose' ? ['purpose', 'name'] : [field.key];
    for (const part of parts) {
      const value = state.draft[part];
      const last = [...coverage.evidence].reverse().find((evidence) => evidence.part === part);
      if (value !== undefined && last) entries.push({ turn: last.turn, field: part, value: valueText(value) });
    }
  }
  return entries.sort((left, right) => left.turn - right.turn);
}

async function finalResult(events: AsyncIterable<SessionEvent>): Promise<TurnResult> {
  let result: TurnResult | undefined;
  for await (const event of events) if (event.type === 'turn-end') result = event.result;
  if (!result) throw new LoomworksError('E_INTERNAL', 'The turn ended without a result');
  return result;
}
