import { afterEach, describe, expect, it } from 'vitest';
import { readCatalogueFile } from '../../../src/domain/reference-data.js';
import { ModelError } from '../../../src/domain/understanding/model-error.js';
import { answerJson, createOpenAiCompatibleSuggester, systemPrompt } from '../../../src/domain/understanding/openai-compatible.js';
import { type OpenAiStandin, type OpenAiStandinOptions, startOpenAiStandin } from '../../standins/openai-compatible.js';
import { WAIT_MS } from '../../support/patience.js';

// === The adapter against a local OpenAI-compatible stand-in: what it sends, what it accepts, how it fails

const catalogue = readCatalogueFile();
let standin: OpenAiStandin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

async function setup(options: OpenAiStandinOptions = {}, adapter: { apiKey?: string; timeoutMs?: number; model?: string; baseUrl?: string } = {}) {
  standin = await startOpenAiStandin(options);
  const suggester = createOpenAiCompatibleSuggester({
    baseUrl: adapter.baseUrl ?? standin.baseUrl,
    model: adapter.model ?? standin.model,
    apiKey: adapter.apiKey,
    timeoutMs: adapter.timeoutMs ?? WAIT_MS,
    catalogue,
  });
  return { s: standin, suggester };
}

const codeOf = (err: unknown) => (err instanceof ModelError ? err.code : err instanceof Error ? err.name : String(err));

describe('createOpenAiCompatibleSuggester', () => {
  it('sends the model, the catalogue prompt, the words and JSON mode; reads the items', async () => {
    const { s, suggester } = await setup({ answer: () => ({ kind: 'json', items: ['meal-help', 'housekeeping'], confidence: 0.7 }) });
    expect(await suggester.suggest('腿脚不方便想有人送饭')).toEqual({ itemCodes: ['meal-help', 'housekeeping'], confidence: 0.7 });
    const [req] = s.requests;
    expect(req).toMatchObject({ path: '/v1/chat/completions', model: 'qwen-standin', user: '腿脚不方便想有人送饭', responseFormat: { type: 'json_object' } });
    expect(req?.authorization).toBeUndefined();
    expect(req?.body.temperature).toBe(0);
    expect(req?.system).toBe(systemPrompt(catalogue));
    expect(req?.system).toContain('meal-help: 助餐（');
    expect(req?.system).toContain('appliance-repair: 家电维修');
  });

  it('a fenced answer is read; unknown and repeated codes are dropped', async () => {
    const { s, suggester } = await setup();
    s.answerWith({ kind: 'fenced', items: ['appliance-repair', 'flying-carpet', 'appliance-repair', ' haircut '], confidence: 0.9 });
    expect(await suggester.suggest('店事坏了')).toEqual({ itemCodes: ['appliance-repair', 'haircut'], confidence: 0.9 });
    s.answerWith({ kind: 'json', items: ['flying-carpet'] });
    expect((await suggester.suggest('飞毯坏了')).itemCodes).toEqual([]);
  });

  it('sends the bearer key when set; a wrong key or model is an HTTP error', async () => {
    const { s, suggester } = await setup({ apiKey: 'sk-local' }, { apiKey: 'sk-local' });
    await suggester.suggest('电视坏了');
    expect(s.requests[0]?.authorization).toBe('Bearer sk-local');
    const noKey = createOpenAiCompatibleSuggester({ baseUrl: s.baseUrl, model: s.model, timeoutMs: WAIT_MS, catalogue });
    await expect(noKey.suggest('电视坏了')).rejects.toMatchObject({ code: 'http_error', status: 401 });
    const otherModel = createOpenAiCompatibleSuggester({ baseUrl: `${s.baseUrl}/`, model: 'gpt-4o', apiKey: 'sk-local', timeoutMs: WAIT_MS, catalogue });
    await expect(otherModel.suggest('电视坏了')).rejects.toMatchObject({ code: 'http_error', status: 404 });
    expect(s.requests.map((r) => r.model)).toEqual(['qwen-standin', 'qwen-standin', 'gpt-4o']);
  });

  it('prose, a 500 and a malformed answer are refused with a code, never with the words', async () => {
    const { s, suggester } = await setup();
    s.answerWith({ kind: 'garbage' });
    const garbage = await suggester.suggest('王阿姨家电视坏了').catch((e: unknown) => e);
    expect(codeOf(garbage)).toBe('invalid_answer');
    expect(String((garbage as Error).message)).not.toContain('电视');
    s.answerWith({ kind: 'status', status: 500 });
    await expect(suggester.suggest('电视坏了')).rejects.toMatchObject({ code: 'http_error', status: 500 });
  });

  it('gives up after its timeout', async () => {
    const { s, suggester } = await setup({}, { timeoutMs: 200 });
    // It never answers: only the timeout can end the wait.
    s.answerWith({ kind: 'held', until: new Promise(() => {}), answer: { kind: 'json', items: ['haircut'] } });
    const err = await suggester.suggest('想理发').catch((e: unknown) => e);
    expect(codeOf(err)).toBe('TimeoutError');
  });

  it('an endpoint nobody listens on rejects (fetch fails)', async () => {
    const { s } = await setup();
    const baseUrl = s.baseUrl;
    await s.close();
    standin = undefined;
    const suggester = createOpenAiCompatibleSuggester({ baseUrl, model: 'm', timeoutMs: WAIT_MS, catalogue });
    await expect(suggester.suggest('电视坏了')).rejects.toBeInstanceOf(TypeError);
  });
});

describe('answerJson', () => {
  it('the whole content, a fenced block, or the first {…} in prose', () => {
    expect(answerJson('{"items":["a"]}')).toEqual({ items: ['a'] });
    expect(answerJson('```json\n{"items":["a"],"confidence":1}\n```')).toEqual({ items: ['a'], confidence: 1 });
    expect(answerJson('```\n{"items":[]}\n```')).toEqual({ items: [] });
    expect(answerJson('结果是 {"items":["b"]} 。')).toEqual({ items: ['b'] });
    expect(answerJson('没有合适的')).toBeUndefined();
    expect(answerJson('')).toBeUndefined();
  });
});
