import { z } from 'zod';
import type { Catalogue } from '../catalogue/types.js';
import type { ItemSuggester } from './classifier.js';
import { isTimeout, ModelError } from './model-error.js';

// === A language model behind any OpenAI-compatible chat-completions endpoint (vLLM, Ollama, a cloud one)

export interface OpenAiCompatibleOptions {
  /** The API root, e.g. `http://127.0.0.1:11434/v1` (Ollama) or `http://127.0.0.1:8000/v1` (vLLM). */
  baseUrl: string;
  /** The model name the endpoint knows, e.g. `qwen2.5:7b-instruct`. */
  model: string;
  /** Sent as `Authorization: Bearer …` when set. */
  apiKey?: string;
  /** The whole request, answer included, must finish within this. */
  timeoutMs: number;
  catalogue: Catalogue;
  /** Keywords listed per item in the prompt (the first ones of the catalogue's list). */
  keywordsPerItem?: number;
  /** Another fetch (tests). */
  fetch?: typeof fetch;
}

/** What the model must answer: `{"items":["code",…],"confidence":0..1}`. */
const answerSchema = z.object({
  items: z.array(z.string()).max(10),
  confidence: z.number().min(0).max(1).optional(),
});

const completionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable().optional() }) })).min(1),
});

/** The system prompt: the task, the answer's shape, and every item as `code: name (keywords)`. */
export function systemPrompt(catalogue: Catalogue, keywordsPerItem = 4): string {
  const lines = catalogue.classes.flatMap((c) =>
    c.items.map((it) => `${it.code}: ${it.name}（${c.name}；${it.keywords.slice(0, keywordsPerItem).join('、')}）`),
  );
  return [
    '你是社区求助热线的接线员。居民用自己的话描述需要，请从下面的服务目录中选出最贴切的一到三项，最贴切的在前。',
    '只回答一个 JSON 对象，不要其他文字：{"items":["服务代码"],"confidence":0到1之间的数}。',
    '只能用目录里的服务代码；没有合适的就回答 {"items":[],"confidence":0}。',
    '服务目录（代码: 名称（类别；常见说法））：',
    ...lines,
  ].join('\n');
}

/** The JSON object in a model's answer: the whole text, or inside a ```json fence, or the first {…}. */
export function answerJson(content: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(content)?.[1];
  for (const candidate of [content, fenced, /\{[\s\S]*\}/.exec(content)?.[0]]) {
    if (candidate === undefined) continue;
    try {
      return JSON.parse(candidate.trim());
    } catch {
      // try the next shape
    }
  }
  return undefined;
}

/**
 * Asks the model which items fit. Rejects with `ModelError` (HTTP status, unreadable answer), a
 * `TimeoutError` (past `timeoutMs`) or fetch's own error (unreachable). Unknown codes are dropped.
 */
export function createOpenAiCompatibleSuggester(options: OpenAiCompatibleOptions): ItemSuggester {
  const doFetch = options.fetch ?? fetch;
  const url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const known = new Set(options.catalogue.classes.flatMap((c) => c.items.map((it) => it.code)));
  const system = systemPrompt(options.catalogue, options.keywordsPerItem);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;

  return {
    async suggest(text) {
      const response = await doFetch(url, {
        method: 'POST',
        headers,
        signal: AbortSignal.timeout(options.timeoutMs),
        body: JSON.stringify({
          model: options.model,
          messages: [
            { role: 'system', content: system },
            { role: 'user', content: text },
          ],
          temperature: 0,
          max_tokens: 100,
          response_format: { type: 'json_object' },
        }),
      });
      if (!response.ok) {
        await response.body?.cancel();
        throw new ModelError('http_error', `the endpoint answered HTTP ${response.status}`, response.status);
      }
      // Read within the same timeout. Neither the body nor the answer is ever put in an error: they may echo the words.
      const body: unknown = await response.json().catch((err: unknown) => {
        if (isTimeout(err)) throw err;
        return undefined;
      });
      const completion = completionSchema.safeParse(body);
      if (!completion.success) throw new ModelError('invalid_answer', 'the endpoint did not answer a chat completion');
      const parsed = answerSchema.safeParse(answerJson(completion.data.choices[0]?.message.content ?? ''));
      if (!parsed.success) throw new ModelError('invalid_answer', 'the model did not answer {"items":[…],"confidence":…}');
      const itemCodes = [...new Set(parsed.data.items.map((c) => c.trim()))].filter((c) => known.has(c));
      return { itemCodes, confidence: parsed.data.confidence ?? 0 };
    },
  };
}
