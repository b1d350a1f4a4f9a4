// `loom engagements list` and `loom engagements show <id|name>`: the Operator's engagements, newest first,
// and one engagement with its current Seed, induction, Seed versions, documents and Memory size.
import { LoomworksError, findEngagement, type EngagementRecord } from '@loomworks/core';
import { defineCommand } from '../command';
import { findingLines, statusText } from './induction-output';
import { plural } from '../format/plural';
import { seedLines } from '../format/seed';
import { shortTime } from '../format/time';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

const listCommand = defineCommand({
command: 'list',
describe: 'Your engagements, newest first',
builder: (yargs) =>
  yargs
    .option('limit', { type: 'number', default: DEFAULT_LIMIT, describe: `How many to show (1–${MAX_LIMIT})` })
    .option('cursor', { type: 'string', describe: 'Continue after a previous page (its nextCursor)' })
    .check((args) => {
      if (Number.isInteger(args.limit) && args.limit >= 1 && args.limit <= MAX_LIMIT) return true;
      throw new LoomworksError('E_USAGE', `--limit must be a whole number from 1 to ${MAX_LIMIT}`);
    }),
examples: [
  ['$0 engagements list', 'The newest 50 engagements'],
  ['$0 engagements list --limit 10 --json', 'The newest 10 as JSON, with nextCursor for the next page'],
],
run: async (context, args) => {
  const store = await context.store();
  const page = await store.listEngagements({ operatorId: context.operator.id, limit: args.limit, cursor: args.cursor ?? null });
  context.out.document({ engagements: page.items, nextCursor: page.nextCursor });
  if (page.items.length === 0) {
    context.out.line(args.cursor ? 'No more engagements.' : 'No engagements yet.');
    if (!args.cursor) context.out.note('Create one with: loom create --from <file>');
    return;
  }
  context.out.table(
    ['NAME', 'STATUS', 'INDUCTION', 'CREATED', 'ID'],
    page.items.map((engagement) => [engagement.name, engagement.status, engagement.inductionStatus ?? '-', shortTime(engagement.createdAt), engagement.id]),
  );
  if (page.nextCursor) context.out.note(`More: loom engagements list --limit ${args.limit} --cursor ${page.nextCursor}`);
},
});

const showCommand = defineCommand({
command: 'show <engagement>',
describe: 'One engagement: its Seed, status, findings, Seed versions and Memory',
builder: (yargs) => yargs.positional('engagement', { type: 'string', demandOption: true, describe: 'The id, or the name (any case)' }),
examples: [
  ['$0 engagements show "Loomworks launch marketing"', 'By name'],
  ['$0 engagements show 01JD5Z... --json', 'By id, as JSON'],
],
run: async (context, args) => {
  const store = await context.store();
  const engagement = await findEngagement(store, args.engagement, { operatorId: context.operator.id });
  const [current, versions, documents, head] = await Promise.all([
    store.getSeedVersion(engagement.id),
    store.listSeedVersions(engagement.id),
    store.listDocuments(engagement.id),
    store.getMemoryHead(engagement.id),
  ]);
  const induction = current ? { status: current.inductionStatus, findings: current.findings } : null;
  const versionSummaries = versions.map(({ version, source, inductionStatus, findings, documentId, createdAt }) => ({
    version,
    source,
    inductionStatus,
    findings: findings.length,
    documentId,
    createdAt,
  }));
  const documentSummaries = documents.map(({ id, kind, format, sha256, createdAt }) => ({ id, kind, format, sha256, createdAt }));
  context.out.document({
    engagement,
    seed: current?.seed ?? null,
    induction,
    versions: versionSummaries,
    documents: documentSummaries,
    events: head?.seq ?? 0,
  });
  if (context.out.json) return;

  const out = context.out;
  out.line(out.style.bold(engagement.name));
  for (const [label, value] of details(engagement, current?.version ?? null, versions.length, documents.map((document) => document.kind), head?.seq ?? 0)) {
    out.line(`  ${label.padEnd(10)} ${value}`);
  }
  out.line();
  out.line(out.style.bold('Seed'));
  if (current) for (const line of seedLines(current.seed, { name: false })) out.line(line === '' ? '' : `  ${line}`);
  else out.line('  (none stored yet)');
  if (induction && induction.findings.length > 0) {
    out.line();
    out.line(out.style.bold('Findings'));
    for (const line of findingLines(context.out, induction.findings)) out.line(line);
  }
  if (versions.length > 1) {
    out.line();
    out.line(out.style.bold('Seed versions'));
    out.table(
      ['VERSION', 'SOURCE', 'INDUCTION', 'FINDINGS', 'CREATED'],
      versions.map((version) => [String(version.version), version.source, version.inductionStatus, String(version.findings.length), shortTime(version.createdAt)]),
    );
  }
},
});

function details(engagement: EngagementRecord, version: number | null, versions: number, kinds: string[], events: number): [string, string][] {
return [
  ['id', engagement.id],
  ['status', engagement.status],
  ['induction', statusText(engagement.inductionStatus)],
  ['created', shortTime(engagement.createdAt)],
  ['updated', shortTime(engagement.updatedAt)],
  ['session', engagement.sessionId ?? '- (uploaded)'],
  ['seed', version === null ? 'none' : `version ${version} of ${versions}`],
  ['documents', kinds.length === 0 ? 'none' : kinds.join(', ')],
  ['memory', plural(events, 'event')],
];
}

export const engagementsCommand = defineCommand({
  command: 'engagements',
  describe: 'Your engagements: list them, or show one',
  builder: (yargs) => yargs.command(listCommand).command(showCommand).demandCommand(1, 'Choose list or show (see loom engagements --help).'),
  examples: [
    ['$0 engagements list', 'Your engagements, newest first'],
    ['$0 engagements show "Loomworks launch marketing"', 'One engagement in full'],
  ],
  run: async () => {
    // Only reached if yargs let a bare `loom engagements` through; demandCommand normally stops it.
    throw new LoomworksError('E_USAGE', 'Choose list or show', { hint: 'See loom engagements --help.' });
  },
});
