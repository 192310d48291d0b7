// === Why a language model's answer was not used: codes to log, never the words sent or answered

/** Why a model's answer was not used; logged as `reason`, without any of the answer's text. */
export type ModelErrorCode = 'http_error' | 'invalid_answer';

export class ModelError extends Error {
  override readonly name = 'ModelError';
  constructor(
    readonly code: ModelErrorCode,
    message: string,
    /** The HTTP status, for `http_error`. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** True for the error of a request aborted by its timeout signal. */
export function isTimeout(err: unknown): boolean {
  return err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
}
