import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// === A local OpenAI-compatible chat-completions endpoint (as vLLM or Ollama serve it), for tests

/** How the stand-in answers one request. */
export type StandinAnswer =
  /** A chat completion whose content is `{"items":[…],"confidence":…}`. */
  | { kind: 'json'; items: string[]; confidence?: number }
  /** The same JSON inside a ```json fence, with a sentence before it (models without JSON mode). */
  | { kind: 'fenced'; items: string[]; confidence?: number }
  /** A chat completion whose content is prose, not JSON. */
  | { kind: 'garbage' }
  /** An HTTP error with an OpenAI-style error body. */
  | { kind: 'status'; status: number }
  /** `answer`, but only after `delayMs` (a model too slow for the caller's timeout). */
  | { kind: 'slow'; delayMs: number; answer: Exclude<StandinAnswer, { kind: 'slow' | 'held' }> }
  /** `answer`, but only once `until` resolves (a model still thinking for as long as the test wants). */
  | { kind: 'held'; until: Promise<unknown>; answer: Exclude<StandinAnswer, { kind: 'slow' | 'held' }> };

/** One request as received. */
export interface StandinRequest {
  path: string;
  authorization: string | undefined;
  model: string | undefined;
  /** The system prompt and the user's words. */
  system: string;
  user: string;
  responseFormat: unknown;
  body: any;
}

export interface OpenAiStandinOptions {
  /** When set, a request without `Authorization: Bearer <apiKey>` gets 401. */
  apiKey?: string;
  /** The model it serves; another model name gets 404 (as vLLM answers). Default `qwen-standin`. */
  model?: string;
  /** The answer to each request, from the user's words; default: `{"items":[],"confidence":0}`. */
  answer?: (user: string) => StandinAnswer;
}

export interface OpenAiStandin {
  /** The API root to configure as `LLM_BASE_URL`, e.g. `http://127.0.0.1:PORT/v1`. */
  baseUrl: string;
  model: string;
  /** Every request received, in order (rejected ones too). */
  requests: StandinRequest[];
  /** Changes how the following requests are answered. */
  answerWith(answer: StandinAnswer | ((user: string) => StandinAnswer)): void;
  /** Stops listening and drops open connections (slow answers are never sent). */
  close(): Promise<void>;
}

function completion(model: string, content: string) {
  return {
    id: `chatcmpl-${Math.random().toString(36).slice(2, 10)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function apiError(res: ServerResponse, status: number, message: string) {
  sendJson(res, status, { error: { message, type: 'invalid_request_error', code: status } });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the stand-in on 127.0.0.1 and a free port. */
export async function startOpenAiStandin(options: OpenAiStandinOptions = {}): Promise<OpenAiStandin> {
  const model = options.model ?? 'qwen-standin';
  const requests: StandinRequest[] = [];
  let answer: (user: string) => StandinAnswer = options.answer ?? (() => ({ kind: 'json', items: [], confidence: 0 }));
  const timers = new Set<NodeJS.Timeout>();

  const respond = (res: ServerResponse, a: StandinAnswer) => {
    switch (a.kind) {
      case 'json':
        return sendJson(res, 200, completion(model, JSON.stringify({ items: a.items, confidence: a.confidence ?? 0.9 })));
      case 'fenced': {
        const json = JSON.stringify({ items: a.items, confidence: a.confidence ?? 0.9 }, null, 2);
        return sendJson(res, 200, completion(model, `好的，以下是结果：\n\`\`\`json\n${json}\n\`\`\``));
      }
      case 'garbage':
        return sendJson(res, 200, completion(model, '我认为这位居民需要家电维修服务。'));
      case 'status':
        return apiError(res, a.status, `the stand-in was told to answer ${a.status}`);
      case 'slow': {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) respond(res, a.answer);
        }, a.delayMs);
        timers.add(timer);
        return;
      }
      case 'held':
        void a.until.then(() => {
          if (!res.destroyed) respond(res, a.answer);
        });
        return;
    }
  };

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://standin').pathname;
    const raw = await readBody(req);
    let body: any;
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined;
    }
    const messages: Array<{ role?: string; content?: string }> = Array.isArray(body?.messages) ? body.messages : [];
    const request: StandinRequest = {
      path,
      authorization: req.headers.authorization,
      model: body?.model,
      system: messages.find((m) => m.role === 'system')?.content ?? '',
      user: messages.findLast((m) => m.role === 'user')?.content ?? '',
      responseFormat: body?.response_format,
      body,
    };
    requests.push(request);
    if (req.method !== 'POST' || path !== '/v1/chat/completions') return apiError(res, 404, `no route ${req.method} ${path}`);
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) return apiError(res, 401, 'invalid api key');
    if (body === undefined) return apiError(res, 400, 'the body is not JSON');
    if (request.model !== model) return apiError(res, 404, `the model \`${String(request.model)}\` does not exist`);
    if (!request.user) return apiError(res, 400, 'no user message');
    respond(res, answer(request.user));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    model,
    requests,
    answerWith(a) {
      answer = typeof a === 'function' ? a : () => a;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
