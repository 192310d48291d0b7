import { describe, expect, it } from 'vitest';
import { FlowError } from '../../src/core/errors.js';

describe('FlowError', () => {
  it('carries a code to act on and a cause to log', () => {
    const cause = new Error('state not found');
    const err = new FlowError('snapshot_unfit', 'saved conversation no longer fits flow resident', { cause });
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ name: 'FlowError', code: 'snapshot_unfit', message: 'saved conversation no longer fits flow resident' });
    expect(err.cause).toBe(cause);
    expect(new FlowError('did_not_settle', 'x').cause).toBeUndefined();
  });
});
