// The parts of a Seed the Companion asks about: the six fields, with the name as its own part of Field 1.
import type { SeedDraft } from '../seed';
import type { FieldKey } from './fields';

export type SeedPart = 'name' | FieldKey;

/** The order the parts are asked in: Field 1 as two questions (what, then what to call it), then Fields 2–6. */
export const PART_ORDER: readonly SeedPart[] = ['purpose', 'name', 'audience', 'voice', 'constraints', 'success', 'additionalAssertions'];

export const REQUIRED_PARTS: readonly SeedPart[] = PART_ORDER.filter((part) => part !== 'additionalAssertions');

/** The field a part belongs to (the name is part of Field 1). */
export function fieldOfPart(part: SeedPart): FieldKey {
  return part === 'name' ? 'purpose' : part;
}

/** Required parts the draft does not have yet, in asking order. */
export function missingParts(draft: SeedDraft): SeedPart[] {
  return REQUIRED_PARTS.filter((part) => draft[part] === undefined);
}

/** The first part still unanswered and not skipped, in asking order. */
export function nextPart(draft: SeedDraft, skipped: readonly SeedPart[]): SeedPart | null {
  return PART_ORDER.find((part) => draft[part] === undefined && !skipped.includes(part)) ?? null;
}
