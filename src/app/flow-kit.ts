import type { Db } from '../../db/client.js';
import { payload, type WithQuestion } from '../../flows/common/question.js';
import type { EffectHandler, FlowDefinition } from '../core/flow.js';
import type { IncomingContent } from '../core/message.js';
import { recordAlert } from '../domain/alerts.js';

// === What every flow's wiring shares: the draft-type check, the question and stale-answer reading,
// the start words, and the emergency alert effect.

/** True when A and B are one type: a field added, dropped or retyped on either side makes it false. */
export type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** How every flow says what it asked (to ask it again, and for buttons) and which answer was a stale press. */
export const questionWiring: Pick<FlowDefinition, 'question' | 'isStale'> = {
  question: (context: WithQuestion) => (context.question.text ? payload(context) : null),
  isStale: (event) => event === 'answer.stale',
};

/**
 * True when the message is one of a flow's start words (`words`, as the flow exports them; case and a
 * trailing `@bot` do not matter), whatever the conversation is in.
 */
export function startsWith(words: readonly string[]): (content: IncomingContent) => boolean {
  const known = new Set(words.map((w) => w.toLowerCase()));
  return (content) => content.kind === 'text' && known.has(content.text.trim().replace(/@\w+$/, '').toLowerCase());
}

/** Emergency words were heard: organizers must know now, before the flow is finished. */
export interface EmergencyHooks {
  afterEmergencyWords?: (tx: Db, personId: number, words: string[], at: Date) => Promise<void>;
}

/** The `recordAlert` effect of every flow: an alert row, and organizers told at once. */
export function emergencyAlertEffect(hooks: EmergencyHooks): EffectHandler {
  return async (params: { words: string[]; services: string[] }, env) => {
    await recordAlert(env.tx, { kind: 'emergency', personId: env.personId, conversationKey: env.conversationKey, detail: params }, env.now);
    await hooks.afterEmergencyWords?.(env.tx, env.personId, params.words, env.now);
  };
}
