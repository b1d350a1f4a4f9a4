// Reads and validates a JSON request body against a valibot schema; anything wrong is E_INVALID_INPUT.
import { LoomworksError } from '@loomworks/core';
import * as v from 'valibot';

/** Passkey responses are a few kilobytes; anything much larger is not one. */
export const MAX_BODY_BYTES = 64 * 1024;

export async function readJsonBody<TSchema extends v.GenericSchema>(
  request: Request,
  schema: TSchema,
  options: { allowEmpty?: boolean } = {},
): Promise<v.InferOutput<TSchema>> {
  const declaredLength = Number(request.headers.get('content-length') ?? '0');
  if (declaredLength > MAX_BODY_BYTES) throw invalid('The request body is too large');
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw invalid('The request body is too large');
  let body: unknown;
  if (text.trim() === '') {
    if (!options.allowEmpty) throw invalid('The request body is empty');
    body = {};
  } else {
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new LoomworksError('E_INVALID_INPUT', 'The request body is not JSON', { cause: error });
    }
  }
  const result = v.safeParse(schema, body);
  if (!result.success) throw invalid('The request body does not match its schema', { issues: v.flatten(result.issues) });
  return result.output;
}

function invalid(message: string, details?: Record<string, unknown>): LoomworksError {
  return new LoomworksError('E_INVALID_INPUT', message, details ? { details } : {});
}
