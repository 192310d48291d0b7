import { afterEach, describe, expect, it } from 'vitest';
import { type OpenAiStandin, startOpenAiStandin } from './openai-compatible.js';

// === The stand-in answers as an OpenAI-compatible endpoint does, and records what it was asked

let standin: OpenAiStandin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

const ask = (s: OpenAiStandin, init: { model?: string; key?: string; user?: string; path?: string } = {}) =>
  fetch(`${s.baseUrl}${init.path ?? '/chat/completions'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(init.key ? { authorization: `Bearer ${init.key}` } : {}) },
    body: JSON.stringify({
      model: init.model ?? s.model,
      messages: [
        { role: 'system', content: 'catalogue' },
        { role: 'user', content: init.user ?? '电视坏了' },
      ],
      response_format: { type: 'json_object' },
    }),
  });

const contentOf = async (res: Response) => ((await res.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content;

describe('OpenAI-compatible stand-in', () => {
  it('answers a chat completion with the JSON it is told, and records the request', async () => {
    standin = await startOpenAiStandin({ answer: (user) => ({ kind: 'json', items: user.includes('电视') ? ['appliance-repair'] : [], confidence: 0.8 }) });
    const res = await ask(standin);
    expect(res.status).toBe(200);
    expect(JSON.parse(await contentOf(res))).toEqual({ items: ['appliance-repair'], confidence: 0.8 });
    expect(standin.requests).toHaveLength(1);
    expect(standin.requests[0]).toMatchObject({
      path: '/v1/chat/completions',
      model: 'qwen-standin',
      system: 'catalogue',
      user: '电视坏了',
      responseFormat: { type: 'json_object' },
    });
  });

  it('fenced JSON after a sentence, prose, an HTTP status', async () => {
    standin = await startOpenAiStandin();
    standin.answerWith({ kind: 'fenced', items: ['meal-help'] });
    const fenced = await contentOf(await ask(standin));
    expect(fenced).toMatch(/^好的.*\n```json\n[\s\S]*"meal-help"[\s\S]*\n```$/);
    standin.answerWith({ kind: 'garbage' });
    await expect(contentOf(await ask(standin)).then((c) => JSON.parse(c))).rejects.toThrow();
    standin.answerWith({ kind: 'status', status: 500 });
    expect((await ask(standin)).status).toBe(500);
  });

  it('checks the bearer key, the model and the route', async () => {
    standin = await startOpenAiStandin({ apiKey: 'sk-test', model: 'qwen2.5:7b' });
    expect((await ask(standin)).status).toBe(401);
    expect((await ask(standin, { key: 'sk-wrong' })).status).toBe(401);
    expect((await ask(standin, { key: 'sk-test', model: 'gpt-4o' })).status).toBe(404);
    expect((await ask(standin, { key: 'sk-test', path: '/completions' })).status).toBe(404);
    expect((await ask(standin, { key: 'sk-test' })).status).toBe(200);
    expect(standin.requests.map((r) => r.authorization)).toEqual([undefined, 'Bearer sk-wrong', 'Bearer sk-test', 'Bearer sk-test', 'Bearer sk-test']);
  });

  it('a slow answer arrives after its delay, a held one once released; close drops what is pending', async () => {
    standin = await startOpenAiStandin();
    const received = async (n: number) => {
      while (standin!.requests.length < n) await new Promise((r) => setTimeout(r, 10));
    };
    standin.answerWith({ kind: 'slow', delayMs: 150, answer: { kind: 'json', items: ['haircut'] } });
    const started = Date.now();
    expect(JSON.parse(await contentOf(await ask(standin))).items).toEqual(['haircut']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    let release = () => {};
    standin.answerWith({ kind: 'held', until: new Promise<void>((r) => (release = r)), answer: { kind: 'json', items: ['errands'] } });
    let answered = false;
    const held = ask(standin).then((res) => {
      answered = true;
      return res;
    });
    await received(2);
    expect(answered).toBe(false);
    release();
    expect(JSON.parse(await contentOf(await held)).items).toEqual(['errands']);
    standin.answerWith({ kind: 'slow', delayMs: 60_000, answer: { kind: 'json', items: [] } });
    const pending = ask(standin).then(
      () => 'answered',
      () => 'dropped',
    );
    await received(3);
    await standin.close();
    standin = undefined;
    expect(await pending).toBe('dropped');
  });
});
