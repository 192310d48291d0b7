// === Errors: the flow runtime's (a code to act on, a cause to log), and the operator's setup

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

/**
 * A problem the operator fixes in the setup: a setting, or a file they keep (the calendar, the
 * stations). Its message says what is wrong and how to fix it, names no person, and is printed whole —
 * every problem of the file, not only the first line.
 */
export class SetupError extends Error {
  override readonly name: string = 'SetupError';
}
