// Awaits a promise that must reject, and returns what it rejected with (so tests can check code and cause).
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to reject, but it resolved');
}

/** The code of a rejection, for `expect(await codeOf(call)).toBe('AUTH_…')`; `'no code'` for a plain Error. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await rejectionOf(promise);
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'no code';
}
