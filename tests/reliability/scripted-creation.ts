// The numbered creations the reliability tests script: the marketing example under a numbered name, and
// ids that carry the number, so a test can tell which content an interrupted session was working from.
import { readFileSync } from 'node:fs';
import { createUlidGenerator, type IdGenerator } from '@loomworks/core';

const EXAMPLE_NAME = 'Loomworks launch marketing';
const example = readFileSync(new URL('../../examples/marketing/content.md', import.meta.url), 'utf8');

/** The name of creation `number` (unique per number, so names never collide across workers). */
export function creationName(number: number): string {
  return `Reliability project ${String(number).padStart(5, '0')}`;
}

/** The pre-drafted content of creation `number`: the marketing example with its name replaced. */
export function creationContent(number: number): string {
  return example.replaceAll(EXAMPLE_NAME, creationName(number));
}

const ulids = createUlidGenerator();

/** Ids for everything creation `number` writes (its session first): `c<number>-<ulid>`. */
export function creationIds(number: number): IdGenerator {
  return { newId: () => `c${number}-${ulids.newId()}` };
}

/** The creation number a session id made by `creationIds` carries. */
export function creationNumberOf(sessionId: string): number {
  const match = /^c(\d+)-/.exec(sessionId);
  if (!match) throw new Error(`Session ${sessionId} was not made by a scripted reliability creation`);
  return Number(match[1]);
}
