// Reads a folder of prompt assets (the package's own prompts/ for the generator, or an integrator's override
// folder), validating every file and refusing anything that leads outside the folder.
import { parsePromptAsset, type ParsedPromptAsset } from './asset-format';
import { PromptError } from './prompt-error';

/** A valid asset read from a folder: its location (`/` separators) and the sha256 of the file's bytes. */
export type FolderPromptAsset = ParsedPromptAsset & { path: string; sha256: string };

type NodeModules = {
  fs: typeof import('node:fs');
  path: typeof import('node:path');
  crypto: typeof import('node:crypto');
};

/**
 * Node's file-system modules, fetched on demand rather than imported, so the package (its inlined registry and
 * the plain-terms lint) loads in runtimes and bundles that have no file system.
 */
export function nodeModules(): NodeModules {
  const runtime = (globalThis as { process?: Partial<Pick<NodeJS.Process, 'getBuiltinModule'>> }).process;
  if (typeof runtime?.getBuiltinModule !== 'function') {
    throw new PromptError('E_PROMPT_PATH', 'Reading prompt assets from a folder needs Node.js file-system access (Node >= 20.16).');
  }
  return { fs: runtime.getBuiltinModule('node:fs'), path: runtime.getBuiltinModule('node:path'), crypto: runtime.getBuiltinModule('node:crypto') };
}

/**
 * Every `.md` asset under `dir`, sorted by id. Entries whose names start with `.` and files other than `.md` are
 * ignored. A symbolic link to a file is followed when it stays inside `dir`; a link to a folder inside `dir` is
 * not followed (that folder is read at its real place, so links cannot loop); a link that leads outside is
 * refused with E_PROMPT_PATH. Invalid assets are all reported at once in one E_PROMPT_INVALID.
 */
export function readPromptFolder(dir: string): FolderPromptAsset[] {
  const { fs, path, crypto } = nodeModules();
  let root: string;
  try {
    root = fs.realpathSync(dir);
  } catch (error) {
    throw new PromptError('E_PROMPT_PATH', `The prompt folder ${dir} cannot be read.`, { cause: error, details: { dir } });
  }
  if (!fs.statSync(root).isDirectory()) throw new PromptError('E_PROMPT_PATH', `${dir} is not a folder.`, { details: { dir } });
  const isInside = (target: string): boolean => target === root || target.startsWith(root.endsWith(path.sep) ? root : root + path.sep);

  const assets: FolderPromptAsset[] = [];
  const problems: { path: string; problems: string[] }[] = [];
  const walk = (directory: string, relativeDirectory: string): void => {
    const entries = fs.readdirSync(directory, { withFileTypes: true }).sort((left, right) => compareText(left.name, right.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const fullPath = path.join(directory, entry.name);
      const relativePath = relativeDirectory === '' ? entry.name : `${relativeDirectory}/${entry.name}`;
      const isAsset = entry.name.endsWith('.md');
      if (entry.isSymbolicLink()) {
        let target: string;
        try {
          target = fs.realpathSync(fullPath);
        } catch (error) {
          if (!isAsset) continue;
          throw new PromptError('E_PROMPT_PATH', `Prompt asset ${relativePath} is a broken link.`, { cause: error, details: { dir, path: relativePath } });
        }
        const targetIsDirectory = fs.statSync(target).isDirectory();
        if (!targetIsDirectory && !isAsset) continue;
        if (!isInside(target)) {
          throw new PromptError('E_PROMPT_PATH', `${relativePath} links outside the prompt folder ${dir}.`, { details: { dir, path: relativePath } });
        }
        if (targetIsDirectory) continue;
      } else if (entry.isDirectory()) {
        walk(fullPath, relativePath);
        continue;
      } else if (!entry.isFile() || !isAsset) {
        continue;
      }
      const bytes = fs.readFileSync(fullPath);
      try {
        const asset = parsePromptAsset(relativePath, bytes);
        assets.push({ ...asset, path: relativePath, sha256: crypto.createHash('sha256').update(bytes).digest('hex') });
      } catch (error) {
        if (!(error instanceof PromptError) || error.code !== 'E_PROMPT_INVALID') throw error;
        problems.push({ path: relativePath, problems: error.details.problems as string[] });
      }
    }
  };
  walk(root, '');

  const byField = new Map<string, string>();
  for (const asset of assets) {
    if (asset.field === undefined) continue;
    const other = byField.get(asset.field);
    if (other !== undefined) problems.push({ path: asset.path, problems: [`field \`${asset.field}\` already has a component: ${other}`] });
    else byField.set(asset.field, asset.path);
  }

  if (problems.length > 0) {
    const lines = problems.map((problem) => `- ${problem.path}: ${problem.problems.join('; ')}`);
    throw new PromptError('E_PROMPT_INVALID', `${problems.length === 1 ? 'A prompt asset is' : `${problems.length} prompt assets are`} invalid in ${dir}:\n${lines.join('\n')}`, {
      details: { dir, problems },
    });
  }
  return assets.sort((left, right) => compareText(left.id, right.id));
}

/** Code-unit order: the same on every machine and locale, so generated output is deterministic. */
export function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
