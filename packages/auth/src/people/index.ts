export { isPlausibleEmail } from './is-plausible-email';
export { DISPLAY_NAME_MAX_LENGTH, normalizeDisplayName } from './normalize-display-name';
export { normalizeEmail } from './normalize-email';
