// `loom extract <file>`: a Discovery record → its Seed, with the issues by line and column when it does not
// extract. The same reading `loom create --from` and `loom upload` start from (extractSeed over the file's text).
import { extractSeed } from '@loomworks/core';
import { defineCommand } from '../command';
import { readInputFile } from '../files';
import { reportExtractionFailure } from '../format/issues';
import { formatIssue } from '../output';
import { seedLines } from '../format/seed';

export const extractCommand = defineCommand({
  command: 'extract <file>',
  describe: 'Read a Discovery record into a Seed (issues by line:column when it does not read)',
  builder: (yargs) => yargs.positional('file', { type: 'string', demandOption: true, describe: 'A Discovery record (Markdown)' }),
  examples: [
    ['$0 extract examples/marketing/content.md', 'The Seed, readable, and any warnings'],
    ['$0 extract record.md --json', '{ seed, warnings } — or { error, issues } with exit code 3'],
  ],
  run: async (context, args) => {
    const input = await readInputFile(args.file);
    const extraction = extractSeed(input.text);
    if (!extraction.ok) return reportExtractionFailure(context.out, input.path, extraction.issues);
    context.out.document({ seed: extraction.seed, warnings: extraction.warnings });
    for (const line of seedLines(extraction.seed)) context.out.line(line);
    for (const warning of extraction.warnings) context.out.note(`warning ${formatIssue(warning, input.path)}`);
  },
});
