import { z } from 'zod';
import { telegramConfig } from './channels/telegram/config.js';
import { wechatConfig } from './channels/wechat/config.js';
import type { ConfigEnv, ConfigVars } from './core/config-section.js';
import { SetupError } from './core/errors.js';
import { calendarConfig } from './config/calendar.js';
import { databaseConfig } from './config/database.js';
import { dispatchConfig } from './config/dispatch.js';
import { eventsConfig } from './config/events.js';
import { hotlineConfig } from './config/hotline.js';
import { languageModelConfig } from './config/language-model.js';
import { limitsConfig } from './config/limits.js';
import { loggingConfig } from './config/logging.js';
import { processConfig } from './config/process.js';
import { referenceDataConfig } from './config/reference-data.js';

export { DEFAULT_HOTLINE, type HotlineConfig } from './config/hotline.js';

// === Configuration: parsed once from the environment, failing fast with a fix-it message. Each channel
// declares its section in src/channels/<name>/config.ts, each feature in src/config/<feature>.ts.

/** The channels with settings: each names itself and its pace in the outbox. */
const CHANNELS = [telegramConfig, wechatConfig] as const;

const SECTIONS = [
  databaseConfig,
  loggingConfig,
  referenceDataConfig,
  hotlineConfig,
  dispatchConfig,
  eventsConfig,
  calendarConfig,
  limitsConfig,
  languageModelConfig,
  processConfig,
  ...CHANNELS,
] as const;

/** Every section's variables once validated, together. */
type Env = AllOf<(typeof SECTIONS)[number] extends infer S ? (S extends { vars: infer V extends ConfigVars } ? ConfigEnv<V> : never) : never>;
/** Every section's part of the configuration, together. */
type Settings = AllOf<ReturnType<(typeof SECTIONS)[number]['read']>>;
type AllOf<U> = (U extends unknown ? (u: U) => void : never) extends (all: infer I) => void ? I : never;

const schema = z.object(allVars()).superRefine((e, ctx) => {
  for (const section of SECTIONS) {
    for (const { variable, message } of section.problems?.(e as Env) ?? []) ctx.addIssue({ code: 'custom', path: [variable], message });
  }
});

/** The sections' variables in one shape; a variable is read by one section only. */
function allVars(): ConfigVars {
  const vars: Record<string, z.ZodType> = {};
  for (const section of SECTIONS) {
    for (const [name, schema] of Object.entries(section.vars)) {
      if (name in vars) throw new Error(`${name} is declared by two configuration sections`);
      vars[name] = schema;
    }
  }
  return vars;
}

export class ConfigError extends SetupError {
  override readonly name = 'ConfigError';
}

/** Reads the configuration from `env`; throws `ConfigError` saying which variable is wrong and how to fix it. */
export function createConfig(env: Record<string, string | undefined>) {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}\nFix the variable (see .env.example) and start again.`);
  }
  const e = parsed.data as Env;
  const settings = Object.assign({}, ...SECTIONS.map((section) => section.read(e))) as Settings;
  return {
    ...settings,
    /** The outbox's pacing per channel, the only one: sends per second overall, per group per minute, a private chat's burst. */
    pacing: Object.fromEntries(CHANNELS.map((c) => [c.channel, c.pacing(e)])),
  };
}

export type Config = ReturnType<typeof createConfig>;

/** Every variable the configuration reads, with its default when it has one (for the documentation's check). */
export function configVariables(): { name: string; defaultValue: string | undefined }[] {
  const defaults: Record<string, unknown> = schema.parse({});
  return Object.keys(schema.shape).map((name) => ({ name, defaultValue: defaults[name] === undefined ? undefined : String(defaults[name]) }));
}
