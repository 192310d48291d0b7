import { Writable } from 'node:stream';

/** A writable stream that keeps what a command prints, for CLI tests. */
export function capture() {
  let text = '';
  const stream = new Writable({
    write(chunk, _e, cb) {
      text += String(chunk);
      cb();
    },
  });
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}
