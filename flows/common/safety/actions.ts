import type { EventObject } from 'xstate';
import type { EmergencyDetected } from '../events.js';

// === What a flow does on `emergency.detected`

const detected = (e: EventObject): EmergencyDetected | null => (e.type === 'emergency.detected' ? (e as EmergencyDetected) : null);

/** Guard: the event is a watch-level sign (a soft line only, the conversation goes on). */
export const isWatch = ({ event }: { event: EventObject }) => detected(event)?.level === 'watch';

/**
 * Urgent: tell the person whom to call (`tell(services)`), then record an alert for organizers.
 * Needs the flow's `reply` and `recordAlert: (_, params: { words; services }) => {}` actions.
 */
export function emergencyActions(tell: (services: string[]) => string) {
  return [
    { type: 'reply', params: ({ event }: { event: EventObject }) => ({ text: tell(detected(event)?.services ?? []) }) },
    {
      type: 'recordAlert',
      params: ({ event }: { event: EventObject }) => ({ words: detected(event)?.words ?? [], services: detected(event)?.services ?? [] }),
    },
  ] as const;
}

/** Watch: the soft "如果…请马上打" line (`tell(services)`); no alert, the request is not marked urgent. */
export function watchActions(tell: (services: string[]) => string) {
  return [{ type: 'reply', params: ({ event }: { event: EventObject }) => ({ text: tell(detected(event)?.services ?? []) }) }] as const;
}
