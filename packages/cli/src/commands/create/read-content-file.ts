// Pre-drafted content for scripted creation, checked before anything is opened or written, with the same
// test createFromContent applies (readable text with at least one recognisable section), so a bad file
// never creates a database or a session.
import { LoomworksError, readContent } from '@loomworks/core';
import { readInputFile, type InputFile } from '../../files';

/** Reads a `--from` file: unreadable → `E_INVALID_INPUT`, not text or no recognisable section → `E_INVALID_CONTENT` (both exit 3). */
export async function readContentFile(path: string): Promise<InputFile> {
  const file = await readInputFile(path);
  try {
    readContent(file.text);
  } catch (error) {
    if (!LoomworksError.is(error)) throw error;
    throw new LoomworksError(error.code, `${path}: ${error.message}`, { cause: error, details: { path, ...error.details }, ...(error.hint ? { hint: error.hint } : {}) });
  }
  return file;
}
