// `loom prompts list | show <id> | lint [<dir>]`: the Companion's prompt assets and the plain-terms lint
// of every line they tell the Companion to say (lintPromptSource).
import { LoomworksError } from '@loomworks/core';
import { builtinPromptSource, createDirectoryPromptSource, lintPromptSource, listPrompts, type PromptAsset, type PromptId } from '@loomworks/prompts';
import { defineCommand } from '../command';
import { EXIT_CODES, errorDocument, exitCodeOf } from '../exit-codes';
import { plural } from '../format/plural';

const listCommand = defineCommand({
command: 'list',
describe: 'Every prompt asset: id, version and content hash',
examples: [['$0 prompts list', 'id, version, sha256 (short)']],
run: async (context) => {
  const prompts = listPrompts();
  context.out.document({ prompts });
  context.out.table(
    ['ID', 'VERSION', 'SHA256'],
    prompts.map((prompt) => [prompt.id, String(prompt.version), prompt.sha256.slice(0, 12)]),
  );
},
});

const showCommand = defineCommand({
command: 'show <id>',
describe: 'One prompt asset\'s text',
builder: (yargs) => yargs.positional('id', { type: 'string', demandOption: true, describe: 'An id from loom prompts list, e.g. create_engagement/voice' }),
examples: [['$0 prompts show create_engagement/voice', 'The per-field component for Field 3']],
run: async (context, args) => {
  let asset: PromptAsset;
  try {
    asset = builtinPromptSource.get(args.id as PromptId);
  } catch (error) {
    if (!LoomworksError.is(error, 'E_PROMPT_UNKNOWN')) throw error;
    throw new LoomworksError('E_PROMPT_UNKNOWN', `No prompt asset has the id "${args.id}"`, { cause: error, hint: 'loom prompts list shows every id.' });
  }
  context.out.document({ ...asset, text: asset.body });
  context.out.line(asset.body);
},
});

const lintCommand = defineCommand({
command: 'lint [dir]',
describe: 'Check every line the Companion is told to say for developer words (exit 3 on findings)',
builder: (yargs) => yargs.positional('dir', { type: 'string', describe: 'An override folder laid out like the package\'s prompts/ (default: the built-in assets)' }),
examples: [
  ['$0 prompts lint', 'The built-in assets'],
  ['$0 prompts lint ./my-prompts --json', 'An override folder (missing assets fall back to the built-in ones)'],
],
run: async (context, args) => {
  const source = args.dir === undefined ? builtinPromptSource : createDirectoryPromptSource(args.dir);
  const findings = lintPromptSource(source);
  const assets = source.list().length;
  const error =
    findings.length === 0
      ? null
      : new LoomworksError('E_PLAIN_TERMS', `${plural(findings.length, 'developer word')} in what the Companion says (${source.name})`, {
          hint: 'Use the plain words suggested after each →, or quote the Operator\'s own words.',
        });
  context.out.document({ source: source.name, assets, findings, ...(error ? { error: errorDocument(error) } : {}) });
  for (const finding of findings) context.out.line(`${finding.id}:${finding.line} ${finding.term} → ${finding.suggestion}`);
  if (!error) {
    context.out.line(`No developer words in what the Companion says (${assets} assets, ${source.name}).`);
    return EXIT_CODES.ok;
  }
  context.out.error(error);
  return exitCodeOf(error);
},
});

export const promptsCommand = defineCommand({
  command: 'prompts',
  describe: 'The Companion\'s prompt assets, and the plain-terms lint',
  builder: (yargs) => yargs.command(listCommand).command(showCommand).command(lintCommand).demandCommand(1, 'Choose list, show or lint (see loom prompts --help).'),
  examples: [
    ['$0 prompts list', 'Every asset'],
    ['$0 prompts lint', 'The plain-terms lint'],
  ],
  run: async () => {
    throw new LoomworksError('E_USAGE', 'Choose list, show or lint', { hint: 'See loom prompts --help.' });
  },
});
