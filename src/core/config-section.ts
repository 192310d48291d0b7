import { z } from 'zod';
import type { ChannelPacing } from './pacer.js';

// === Configuration sections: each channel and feature declares the variables it reads;
// src/config.ts composes them into one schema, parsed once at start-up

/** The variables of a section: name → schema, each failing with a message that says how to fix it. */
export type ConfigVars = Readonly<Record<string, z.ZodType>>;

/** A section's variables once validated. */
export type ConfigEnv<V extends ConfigVars> = z.output<z.ZodObject<V>>;

/** A problem between a section's variables (one is missing without its companion). */
export interface ConfigProblem {
  variable: string;
  message: string;
}

export interface ConfigSection<V extends ConfigVars, T> {
  /** The environment variables this section reads. */
  vars: V;
  /** Problems no single variable shows (checked when every variable of the configuration is valid). */
  problems?: (env: ConfigEnv<V>) => ConfigProblem[];
  /** The part of the configuration it makes from its validated variables. */
  read: (env: ConfigEnv<V>) => T;
}

/** A channel's section: its settings, and the outbox's pace on it (read whether or not the channel runs). */
export interface ChannelConfigSection<V extends ConfigVars, T> extends ConfigSection<V, T> {
  /** The channel's name, as in `IncomingMessage.channel`. */
  channel: string;
  pacing: (env: ConfigEnv<V>) => ChannelPacing;
}

export const configSection = <V extends ConfigVars, T>(section: ConfigSection<V, T>) => section;

export const channelConfigSection = <V extends ConfigVars, T>(section: ChannelConfigSection<V, T>) => section;

/** A variable that may be left empty: blank reads as unset. */
export const optional = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** An optional variable that, when set, must pass `schema`. */
export const optionalOf = <T extends z.ZodType<unknown, string>>(schema: T) => optional.pipe(schema.optional());
