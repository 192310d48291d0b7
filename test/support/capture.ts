import { Writable } from 'node:stream';

/** A stream that keeps what a command writes, for tests of the operators' commands. */
export const capture = () => {
  let text = '';
  const stream = new Writable({
    write(chunk, _e, cb) {
      text += String(chunk);
      cb();
    },
  });
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
};
