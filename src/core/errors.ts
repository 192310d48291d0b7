// === The one error type of the flow runtime: a code to act on, a cause to log

export type FlowErrorCode =
  /** The flow asked for an action that the runtime has no handler for. */
  | 'no_effect_handler'
  /** Effects kept answering with events: the flow and the runtime are in a loop. */
  | 'did_not_settle'
  /** A saved snapshot no longer fits the flow (states or context changed without a version bump). */
  | 'snapshot_unfit';

/** Something a flow and the runtime disagree on; never shown to a person (they get an apology). */
export class FlowError extends Error {
  override readonly name = 'FlowError';
  constructor(
    readonly code: FlowErrorCode,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}
