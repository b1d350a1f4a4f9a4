// The per-turn notes: everything that changes between turns (what to do now, the answers so far, what is
// missing), sent as the last block of the request — after every cache breakpoint, so it never breaks the cache.
import { FIELDS, type CompanionRequest, type FieldKey } from '@loomworks/core';

export const TURN_NOTES_OPEN = '<turn_notes>';
export const TURN_NOTES_CLOSE = '</turn_notes>';

/** What the turn asks of Claude, in a sentence; the templates in the system prompt say how. */
function instructionFor(request: CompanionRequest): string {
  if (request.recordOnly) {
    return "Record only: call record_fields with what the Operator's message answers, and write no text. The finish comes in the next turn.";
  }
  switch (request.intent) {
    case 'create_engagement_entry':
      return "The opening turn (create_engagement_entry): nothing has been said yet. Ask what we're making and what to call it, and record asking \"purpose\".";
    case 'create_engagement_active':
      return "A question-and-answer turn (create_engagement_active): record what the Operator's message answers or changes with record_fields, then ask the next open question.";
    case 'create_engagement_commit':
      switch (request.step) {
        case 'missing':
          return 'The finish (create_engagement_commit), something required is missing: set nothing up; name what is missing in plain words and ask for the first of it.';
        case 'confirm':
          return 'The finish (create_engagement_commit), the recap: recap every answer in the Operator\'s words, then ask whether they would like to review it or are ready to begin (record asking "confirm").';
        case 'review':
          return 'The finish (create_engagement_commit), the review: show every answer in full, then ask the review-or-begin question again (record asking "confirm").';
        case 'closing':
          return 'The finish (create_engagement_commit), the closing words: the project is set up (see "creation"); say what happens next.';
        case null:
          return "The finish (create_engagement_commit): record what the Operator's message says.";
      }
  }
}

/** The turns each field's answers were given in. */
function answers(request: CompanionRequest): Record<FieldKey, { status: string; turns: number[] }> {
  const result = {} as Record<FieldKey, { status: string; turns: number[] }>;
  for (const field of FIELDS) {
    const coverage = request.state.coverage[field.key];
    result[field.key] = { status: coverage?.status ?? 'missing', turns: [...new Set((coverage?.evidence ?? []).map((evidence) => evidence.turn))] };
  }
  return result;
}

/** The notes block: a labelled JSON object, so both Claude and tools reading transcripts can follow it. */
export function renderTurnNotes(request: CompanionRequest): string {
  const { state } = request;
  const notes = {
    instruction: instructionFor(request),
    template: request.template.id,
    step: request.step,
    recordOnly: request.recordOnly,
    turn: request.turn,
    companionName: state.companionName,
    operatorName: state.operatorName,
    lastAsking: state.lastAsking,
    nextPart: state.nextPart,
    missing: state.missing,
    skipped: state.skipped,
    path: state.path,
    answers: answers(request),
    draft: state.draft,
    terminal: request.terminal,
    creation: state.creation,
  };
  return `${TURN_NOTES_OPEN}\nNotes for this turn (from the system, not the Operator):\n${JSON.stringify(notes)}\n${TURN_NOTES_CLOSE}`;
}
