// The coded error of the prompts package. Prompts is a leaf and cannot import core, so this class carries the
// same registered marker as core's LoomworksError: `LoomworksError.is(error, 'E_PROMPT_PATH')` recognises it.

export type PromptErrorCode = 'E_PROMPT_UNKNOWN' | 'E_PROMPT_VARIABLE' | 'E_PROMPT_PATH' | 'E_PROMPT_INVALID';

export type PromptErrorOptions = {
  cause?: unknown;
  details?: Record<string, unknown>;
  hint?: string;
};

export class PromptError extends Error {
  readonly code: PromptErrorCode;
  readonly details: Record<string, unknown>;
  /** A one-line suggestion for a person, as on LoomworksError. */
  readonly hint: string | undefined;
  declare readonly cause: unknown;

  constructor(code: PromptErrorCode, message: string, options: PromptErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PromptError';
    this.code = code;
    this.details = options.details ?? {};
    this.hint = options.hint;
    Object.defineProperty(this, Symbol.for('loomworks.error'), { value: true });
  }

  /**
   * The exit-code class, as LoomworksError reports it: every prompt code is the caller's input (core's registry
   * agrees, and a core test checks it), so code that handles any LoomworksError can handle this one.
   */
  get errorClass(): 'input' {
    return 'input';
  }

  toJSON(): { name: string; code: PromptErrorCode; message: string; details: Record<string, unknown>; hint?: string } {
    return { name: this.name, code: this.code, message: this.message, details: this.details, ...(this.hint ? { hint: this.hint } : {}) };
  }
}
