import type { IncomingMessage } from 'node:http';

// === Request bodies: read within a limit, and the refusals a route answers with (413, 400, 401)

/**
 * A request refused before anything is handled: the route answers `status` (and logs `reason` as a
 * warning). `readBody` throws it for a body over its limit (413) or one that could not be read (400).
 */
export class Refusal extends Error {
  override readonly name = 'Refusal';
  constructor(
    readonly status: 400 | 401 | 413,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * A request body as UTF-8. A declared or streamed size over `limit` bytes → `Refusal(413,
 * 'body_too_large')`; a stream that fails or closes early → `Refusal(400, 'body_unreadable')`.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => reject(new Refusal(413, 'body_too_large'));
    const unreadable = () => reject(new Refusal(400, 'body_unreadable'));
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      tooLarge();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        req.removeAllListeners('data');
        req.resume();
        tooLarge();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', unreadable);
    // A client gone mid-body: no 'end' will come (after a whole body, 'close' follows 'end' and changes nothing).
    req.on('close', unreadable);
  });
}
