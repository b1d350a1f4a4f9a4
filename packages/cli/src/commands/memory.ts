// `loom memory log | verify | anchor`: an engagement's event log, verification of the hash chains
// (verifyMemory), and draining the anchor outbox into a JSON Lines file (createFileAnchorSink).
import { resolve } from 'node:path';
import { LoomworksError, createFileAnchorSink, drainAnchorOutbox, findEngagement, verifyMemory, type JsonValue, type MemoryEvent } from '@loomworks/core';
import { defineCommand } from '../command';
import { reportFailure } from '../format/failure';
import { plural } from '../format/plural';
import { shortTime } from '../format/time';

const SUMMARY_WIDTH = 60;

const logCommand = defineCommand({
command: 'log <engagement>',
describe: 'An engagement\'s Memory: every event in order',
builder: (yargs) => yargs.positional('engagement', { type: 'string', demandOption: true, describe: 'The id, or the name (any case)' }),
examples: [
  ['$0 memory log "Loomworks launch marketing"', 'seq, type, actor, time, hash and a payload summary per event'],
  ['$0 memory log 01JD5Z... --json', '{ engagement, events } with every field of every event'],
],
run: async (context, args) => {
  const store = await context.store();
  const engagement = await findEngagement(store, args.engagement, { operatorId: context.operator.id });
  const events = await store.listEvents(engagement.id);
  context.out.document({ engagement: { id: engagement.id, name: engagement.name }, events });
  context.out.line(`${context.out.style.bold(engagement.name)} (${engagement.id}): ${plural(events.length, 'event')}`);
  context.out.table(
    ['SEQ', 'TYPE', 'ACTOR', 'AT', 'HASH', 'PAYLOAD'],
    events.map((event) => [String(event.seq), event.type, `${event.actor.kind}:${event.actor.id}`, shortTime(event.at, 'second'), event.hash.slice(0, 12), payloadSummary(event)]),
  );
},
});

/** Why a chain broke, in words (the reason code stays in the message and the JSON). */
const BROKEN_BECAUSE: Record<string, string> = {
'seq-gap': 'an event is missing',
'wrong-engagement': 'an event of another engagement is in the chain',
genesis: 'the first event does not start the chain',
'prev-hash-mismatch': 'the event does not follow the one before it',
'hash-mismatch': 'the event was changed after it was written',
};

const verifyCommand = defineCommand({
command: 'verify [engagement]',
describe: 'Recompute the hash chains (one engagement, or every engagement in the database); exit 3 when one is broken',
builder: (yargs) => yargs.positional('engagement', { type: 'string', describe: 'The id, or the name (any case); default: all' }),
examples: [
  ['$0 memory verify', 'Every chain in the database'],
  ['$0 memory verify "Loomworks launch marketing" --json', '{ ok, engagements, events } or { ok: false, engagementId, seq, reason }'],
],
run: async (context, args) => {
  const store = await context.store();
  const engagement = args.engagement === undefined ? undefined : await findEngagement(store, args.engagement, { operatorId: context.operator.id });
  const result = await verifyMemory(store, engagement?.id);
  if (result.ok) {
    context.out.document(result);
    context.out.line(`Memory verified: ${plural(result.events, 'event')} in ${plural(result.engagements, 'engagement')}.`);
    return;
  }
  const broken = engagement ?? (await store.getEngagement(result.engagementId));
  const named = broken ? `"${broken.name}" (${result.engagementId})` : result.engagementId;
  const error = new LoomworksError('E_CHAIN_BROKEN', `Memory of ${named} is broken at seq ${result.seq}: ${BROKEN_BECAUSE[result.reason] ?? result.reason} (${result.reason})`, {
    details: { engagementId: result.engagementId, seq: result.seq, reason: result.reason },
    hint: `loom memory log ${result.engagementId} shows the events around seq ${result.seq}.`,
  });
  return reportFailure(context.out, error, { document: result });
},
});

const anchorCommand = defineCommand({
command: 'anchor',
describe: 'Anchor pending Memory events: append their hashes to a JSON Lines file and store the receipts',
builder: (yargs) => yargs.option('sink', { type: 'string', demandOption: true, requiresArg: true, describe: 'The JSON Lines file receipts are appended to' }),
examples: [['$0 memory anchor --sink anchors.jsonl', 'Drain the outbox, high priority first']],
run: async (context, args) => {
  const store = await context.store();
  const sink = resolve(args.sink);
  const result = await drainAnchorOutbox(store, createFileAnchorSink(sink));
  context.out.document({ anchored: result.anchored, batches: result.batches, sink });
  context.out.line(result.anchored === 0 ? 'Nothing to anchor: the outbox is empty.' : `Anchored ${plural(result.anchored, 'event')} to ${sink}.`);
},
});

export const memoryCommand = defineCommand({
  command: 'memory',
  describe: 'Memory: the event log, chain verification, anchoring',
  builder: (yargs) => yargs.command(logCommand).command(verifyCommand).command(anchorCommand).demandCommand(1, 'Choose log, verify or anchor (see loom memory --help).'),
  examples: [
    ['$0 memory log "Loomworks launch marketing"', 'The event log'],
    ['$0 memory verify', 'Check every hash chain'],
    ['$0 memory anchor --sink anchors.jsonl', 'Anchor pending events'],
  ],
  run: async () => {
    throw new LoomworksError('E_USAGE', 'Choose log, verify or anchor', { hint: 'See loom memory --help.' });
  },
});

/** The payload as compact JSON, cut to fit a table row. */
function payloadSummary(event: MemoryEvent): string {
  const text = JSON.stringify(event.payload as JsonValue) ?? '';
  return text.length <= SUMMARY_WIDTH ? text : `${text.slice(0, SUMMARY_WIDTH - 1)}…`;
}
