// `loom upload <file…>`: create projects straight from Discovery records written elsewhere (SPEC §6.7).
// Each record is read and extracted before anything is opened, so one that does not extract writes nothing.
import { extractSeed, LoomworksError, uploadDiscoveryRecord, type Companion, type CreationResult } from '@loomworks/core';
import { defineCommand } from '../command';
import type { CommandContext } from '../context';
import { errorDocument, exitCodeOf, type ExitCode } from '../exit-codes';
import { readInputFile } from '../files';
import { printFailure } from '../format/failure';
import { expandInputs, runBatch } from './batch';
import { creationExitCode, printCreation } from './creation-output';

type UploadArgs = { files: string[]; bail: boolean };

const EXIT_RULES = `Exit codes:
  0    the project was set up and passed its final check (uploading the same record again
       returns the project the first upload set up)
  4    the project was set up, but the final check failed: it stays a candidate
  3    invalid input: a file missing, unreadable, over 5 MB, not UTF-8 text, or a record that does
       not extract (its issues are printed as path:line:column code message) — nothing is written for it
  5    the Companion failed        6  the store failed        2  usage        130  Ctrl-C
  Several files: each is uploaded on its own; the most severe outcome decides, in the order
  130 > 1 > 6 > 5 > 2 > 3 > 4 > 0. --bail stops at the first file that does not exit 0.`;

export const uploadCommand = defineCommand<UploadArgs>({
  command: 'upload <files..>',
  describe: 'Create projects straight from Discovery records written elsewhere',
  builder: (yargs) =>
    yargs
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'Discovery records (Markdown), or folders of *.md files' })
      .option('bail', { type: 'boolean', default: false, describe: 'With several files, stop at the first one that does not exit 0' })
      .epilogue(EXIT_RULES),
  examples: [
    ['$0 upload launch.md', 'Create a project from one Discovery record'],
    ['$0 upload records/*.md --json', 'One JSON line per record'],
  ],
  run: async (context, args) => {
    const { out } = context;
    const { files, batch } = await expandInputs(args.files);
    const uploadOne = (path: string) => upload(context, path);
    if (batch) return runBatch(out, { files, bail: args.bail, signal: context.signal, create: uploadOne });

    let creation: CreationResult;
    try {
      creation = await uploadOne(files[0] ?? '');
    } catch (error) {
      if (!LoomworksError.is(error, 'E_EXTRACTION_FAILED')) throw error;
      // Printed here rather than by main(): the issues, one line:column each, are the useful part.
      const code: ExitCode = exitCodeOf(error);
      printFailure(out, error);
      out.document({ error: errorDocument(error, code) });
      return code;
    }
    if (out.json) out.document(creation);
    else printCreation(out, creation);
    return creationExitCode(creation);
  },
});

async function upload(context: CommandContext, path: string): Promise<CreationResult> {
  const file = await readInputFile(path);
  const extraction = extractSeed(file.text);
  let companion: Companion | undefined;
  if (!extraction.ok) {
    const structureMissing = extraction.issues.some((issue) => issue.code === 'EXTRACT_NO_FIELDS' || issue.code === 'EXTRACT_NOT_TEXT');
    // A free-form document can still be read by a Companion that offers the extraction fallback.
    if (structureMissing) companion = await context.companion();
    if (!companion?.complete) {
      const first = extraction.issues[0];
      throw new LoomworksError('E_EXTRACTION_FAILED', `${path} does not extract${first ? ` (${extraction.issues.length} ${extraction.issues.length === 1 ? 'issue' : 'issues'})` : ''}`, {
        details: { path, issues: extraction.issues },
        hint: structureMissing
          ? 'Use the Discovery record headings ("## 1. What we\'re making", …), or --companion anthropic to read a free-form document.'
          : 'Fix the lines named above, then upload again (loom extract shows the same issues).',
      });
    }
  }
  const store = await context.store();
  return uploadDiscoveryRecord(file.text, { store, operator: context.operator, ...(companion ? { companion } : {}) });
}
