import { afterEach, expect, it } from 'vitest';
import { texts } from '../../src/texts/resident.js';
import { createTestApp } from '../support/app.js';
import { describeDb } from '../support/db.js';
import { type OpenAiStandin, startOpenAiStandin } from '../standins/openai-compatible.js';

// === Through createApp with LLM_* set: a local model is asked only when the rules are unsure, and never
// holds up an emergency or a conversation

const UNKNOWN = '家里的猫爬到树上下不来了';

describeDb('a language model as a second opinion', (ctx) => {
  let standin: OpenAiStandin | undefined;
  afterEach(async () => {
    await standin?.close();
    standin = undefined;
  });

  /** The app with a local model; its timeout is the longest allowed, so that a busy machine never reaches it unless a test wants it to. */
  async function appWithModel(timeoutMs = 30_000) {
    standin = await startOpenAiStandin({ apiKey: 'sk-local' });
    const env = { LLM_BASE_URL: standin.baseUrl, LLM_MODEL: standin.model, LLM_API_KEY: 'sk-local', LLM_TIMEOUT_MS: String(timeoutMs) };
    return { app: await createTestApp(ctx.database, { env }), s: standin };
  }

  it('words the rules do not know get the model’s proposal; a clear request never reaches the model', async () => {
    const { app, s } = await appWithModel();
    s.answerWith((words) => (words === UNKNOWN ? { kind: 'fenced', items: ['errands'], confidence: 0.8 } : { kind: 'json', items: [] }));
    const reply = (await app.say('llm-1', UNKNOWN)).join('\n');
    expect(reply).toContain(texts.confirmItem);
    expect(app.sender.sent.at(-1)?.payload.choices?.map((c) => c.id)).toEqual(['item:errands', 'none']);
    expect(s.requests.map((r) => [r.user, r.authorization, r.model])).toEqual([[UNKNOWN, 'Bearer sk-local', s.model]]);

    await app.say('llm-2', '电视坏了');
    expect(s.requests).toHaveLength(1);
    // The resident's words went to the model, and to no log line.
    expect(app.logLines.join('\n')).not.toContain('猫');
  });

  it('a model that is too slow: the class list after the timeout, a warning without the words', async () => {
    const { app, s } = await appWithModel(300);
    // It never answers: the reply can only come from the timeout.
    s.answerWith({ kind: 'held', until: new Promise(() => {}), answer: { kind: 'json', items: ['errands'] } });
    const reply = (await app.say('llm-3', UNKNOWN)).join('\n');
    expect(reply).toContain(texts.notUnderstoodDescription);
    expect(s.requests).toHaveLength(1);
    const warnings = app.logLines.filter((l) => l.includes('language model gave no answer'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"reason":"timeout"');
    expect(app.logLines.join('\n')).not.toContain('猫');
    // The conversation goes on: the class list works as without a model.
    expect((await app.say('llm-3', '1')).join('\n')).not.toContain(texts.notUnderstoodDescription);
  });

  it('while the model thinks, other residents are answered: it is asked before the transaction', async () => {
    const { app, s } = await appWithModel();
    let answer = () => {};
    s.answerWith({ kind: 'held', until: new Promise<void>((r) => (answer = r)), answer: { kind: 'json', items: ['errands'] } });
    await app.say('llm-7', '电视坏了');
    const waiting = app.say('llm-8', UNKNOWN);
    while (s.requests.length === 0) await new Promise((r) => setTimeout(r, 10));
    // The model answers only after llm-9 was answered; llm-8 then gets the model's proposal, not the timeout's.
    expect((await app.say('llm-9', '电视坏了')).join('\n')).toContain(texts.confirmItem);
    answer();
    expect((await waiting).join('\n')).toContain(texts.confirmItem);
    expect(s.requests).toHaveLength(1);
  });

  it('an answer the model cannot give (500) falls back the same way', async () => {
    const { app, s } = await appWithModel();
    s.answerWith({ kind: 'status', status: 500 });
    expect((await app.say('llm-4', UNKNOWN)).join('\n')).toContain(texts.notUnderstoodDescription);
    expect(app.logLines.some((l) => l.includes('"reason":"http_error"') && l.includes('"status":500'))).toBe(true);
  });

  it('an emergency gets the emergency reply without the model being asked', async () => {
    const { app, s } = await appWithModel();
    s.answerWith({ kind: 'held', until: new Promise(() => {}), answer: { kind: 'json', items: ['haircut'] } });
    const reply = (await app.say('llm-5', '我妈叫不醒了')).join('\n');
    expect(reply).toContain('120');
    expect(s.requests).toEqual([]);
  });

  it('without LLM_* nothing is asked and the words go to the classes as before', async () => {
    standin = await startOpenAiStandin();
    const app = await createTestApp(ctx.database);
    expect((await app.say('llm-6', UNKNOWN)).join('\n')).toContain(texts.notUnderstoodDescription);
    expect(standin.requests).toEqual([]);
  });
});
