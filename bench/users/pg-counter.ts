import { createServer, type Socket, connect } from 'node:net';

// === A PostgreSQL proxy that counts what a program asks of the server, from the wire protocol alone:
// every statement executed (simple `Q`, or extended `E` of a statement `P`arsed and `B`ound), and every
// transaction (a ReadyForQuery back to idle after statements). It needs nothing of the program's code.

export interface WireCounts {
  /** Statements other than begin / commit / rollback / savepoints. */
  statements: number;
  transactions: number;
  /** Of the statements, those that name the outbox table. */
  outbox: number;
  /** When the last message passed either way (performance.now()). */
  lastTraffic: number;
  /** The statements' texts, when kept (`keepTexts`). */
  texts: string[];
}

const CONTROL = /^\s*(begin|start transaction|commit|end|rollback|savepoint|release)\b/i;

/** Reads the protocol's messages from a stream of chunks: `typed` false for the startup phase's untyped ones. */
function reader(onMessage: (type: string, body: Buffer) => void, untypedFirst: () => boolean) {
  let buf: Buffer = Buffer.alloc(0);
  return (chunk: Buffer) => {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    for (;;) {
      if (untypedFirst()) {
        if (buf.length < 4) return;
        const len = buf.readInt32BE(0);
        if (buf.length < len) return;
        onMessage('', buf.subarray(4, len));
        buf = buf.subarray(len);
        continue;
      }
      if (buf.length < 5) return;
      const len = buf.readInt32BE(1);
      if (buf.length < len + 1) return;
      onMessage(String.fromCharCode(buf[0]!), buf.subarray(5, len + 1));
      buf = buf.subarray(len + 1);
    }
  };
}

const cstring = (b: Buffer, at: number) => {
  const end = b.indexOf(0, at);
  return { text: b.toString('utf8', at, end), next: end + 1 };
};

export async function startCountingProxy(target: { host: string; port: number }, keepTexts = false) {
  const counts: WireCounts = { statements: 0, transactions: 0, outbox: 0, lastTraffic: performance.now(), texts: [] };
  const sockets = new Set<Socket>();

  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const statementText = new Map<string, string>();
    const portalText = new Map<string, string>();
    let startup = true;
    /** Single-byte answers the server owes to SSL / GSS requests. */
    let owedBytes = 0;
    let sinceIdle = 0;
    const count = (text: string) => {
      counts.lastTraffic = performance.now();
      if (CONTROL.test(text)) return;
      counts.statements++;
      sinceIdle++;
      if (keepTexts) counts.texts.push(text);
      if (/"?outbox"?\b/.test(text)) counts.outbox++;
    };
    const fromClient = reader(
      (type, body) => {
        counts.lastTraffic = performance.now();
        if (type === '') {
          const code = body.readInt32BE(0);
          if (code === 80877103 || code === 80877104) owedBytes++;
          else startup = false;
          return;
        }
        if (type === 'Q') count(cstring(body, 0).text);
        else if (type === 'P') {
          const name = cstring(body, 0);
          statementText.set(name.text, cstring(body, name.next).text);
        } else if (type === 'B') {
          const portal = cstring(body, 0);
          portalText.set(portal.text, statementText.get(cstring(body, portal.next).text) ?? '');
        } else if (type === 'E') count(portalText.get(cstring(body, 0).text) ?? '');
      },
      () => startup,
    );
    let serverBuf: Buffer = Buffer.alloc(0);
    const fromServer = reader(
      (type, body) => {
        if (type !== 'Z') return;
        counts.lastTraffic = performance.now();
        if (body[0] === 0x49 /* I */ && sinceIdle > 0) {
          counts.transactions++;
          sinceIdle = 0;
        }
      },
      () => false,
    );
    client.on('data', (chunk: Buffer) => {
      fromClient(chunk);
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      client.write(chunk);
      serverBuf = chunk;
      while (owedBytes > 0 && serverBuf.length > 0) {
        owedBytes--;
        serverBuf = serverBuf.subarray(1);
      }
      if (serverBuf.length > 0) fromServer(serverBuf);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  return {
    counts,
    /** `url` with its host and port replaced by the proxy's. */
    through(url: string) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
