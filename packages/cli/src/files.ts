// Reading the files commands are given: every failure is invalid input (exit 3), found before anything is written.
import { readFile, stat } from 'node:fs/promises';
import { decodeContent, LoomworksError } from '@loomworks/core';

/** Larger inputs are refused: no Discovery record or Seed comes near this. */
export const MAX_INPUT_BYTES = 5 * 1024 * 1024;

export type InputFile = { path: string; bytes: Uint8Array; text: string };

/**
 * Reads a UTF-8 text file. Missing, unreadable or directory → `E_INVALID_INPUT`; larger than
 * `MAX_INPUT_BYTES`, binary or not UTF-8 → `E_INVALID_CONTENT`. Both exit 3.
 */
export async function readInputFile(path: string, maxBytes = MAX_INPUT_BYTES): Promise<InputFile> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new LoomworksError('E_INVALID_INPUT', `${path} is a folder, not a file`);
    size = info.size;
  } catch (error) {
    if (LoomworksError.is(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new LoomworksError('E_INVALID_INPUT', code === 'ENOENT' ? `${path} does not exist` : `Cannot read ${path} (${code ?? 'unknown error'})`, {
      cause: error,
      hint: 'Check the path.',
    });
  }
  if (size > maxBytes) {
    throw new LoomworksError('E_INVALID_CONTENT', `${path} is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is ${maxBytes / 1024 / 1024} MB`, {
      details: { size, limit: maxBytes },
    });
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new LoomworksError('E_INVALID_INPUT', `Cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`, { cause: error });
  }
  try {
    return { path, bytes, text: decodeContent(bytes) };
  } catch (error) {
    if (LoomworksError.is(error)) throw new LoomworksError(error.code, `${path}: ${error.message}`, { cause: error, ...(error.hint ? { hint: error.hint } : {}) });
    throw error;
  }
}
