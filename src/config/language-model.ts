import { z } from 'zod';
import { configSection, optional, optionalOf } from '../core/config-section.js';

// === The optional language model: a second opinion on requests the rules are unsure of

export const languageModelConfig = configSection({
  vars: {
    LLM_BASE_URL: optionalOf(
      z.url({ protocol: /^https?$/, error: 'must be the http(s) API root of an OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1 (Ollama)' }),
    ),
    LLM_MODEL: optional,
    LLM_API_KEY: optional,
    LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(3000),
  },
  problems: (e) =>
    Boolean(e.LLM_BASE_URL) !== Boolean(e.LLM_MODEL) || (e.LLM_API_KEY && !e.LLM_BASE_URL)
      ? [
          {
            variable: e.LLM_BASE_URL ? 'LLM_MODEL' : 'LLM_BASE_URL',
            message: 'is required for the language model (set LLM_BASE_URL and LLM_MODEL together, or neither; see README "Optional language model")',
          },
        ]
      : [],
  read: (e) => ({
    /** Set when a language model gives a second opinion on requests the rules are unsure of. */
    llm: e.LLM_BASE_URL && e.LLM_MODEL ? { baseUrl: e.LLM_BASE_URL, model: e.LLM_MODEL, apiKey: e.LLM_API_KEY, timeoutMs: e.LLM_TIMEOUT_MS } : undefined,
  }),
});
