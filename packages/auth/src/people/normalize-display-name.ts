// Display names are what a person and their passkey manager see: trimmed, 1–100 characters, no control characters.
import { LoomworksError } from '@loomworks/core';

export const DISPLAY_NAME_MAX_LENGTH = 100;

export function normalizeDisplayName(value: unknown): string {
  if (typeof value !== 'string') throw new LoomworksError('E_INVALID_INPUT', 'displayName must be a string');
  const displayName = value.trim();
  if (displayName === '') throw new LoomworksError('E_INVALID_INPUT', 'displayName must not be blank');
  if ([...displayName].length > DISPLAY_NAME_MAX_LENGTH)
    throw new LoomworksError('E_INVALID_INPUT', `displayName must be at most ${DISPLAY_NAME_MAX_LENGTH} characters`);
  if (/[\u0000-\u001f\u007f]/.test(displayName)) throw new LoomworksError('E_INVALID_INPUT', 'displayName must not contain control characters');
  return displayName;
}
