import type { EventObject } from 'xstate';
import type { EmergencyDetected } from '../events.js';
import { AID_SERVICE, type FirstAid } from './aid.js';

// === What a flow does on `emergency.detected`

const detected = (e: EventObject): EmergencyDetected | null => (e.type === 'emergency.detected' ? (e as EmergencyDetected) : null);
/** The first aid the event names, each with its number. */
const aidsOf = (e: EventObject) => (detected(e)?.aids ?? []).flatMap((aid) => (aid in AID_SERVICE ? [{ aid, service: AID_SERVICE[aid as FirstAid] }] : []));

/** Guard: the event is a watch-level sign (a soft line only, the conversation goes on). */
export const isWatch = ({ event }: { event: EventObject }) => detected(event)?.level === 'watch';

/**
 * Urgent: tell the person whom to call (`tell(services)`), then record an alert for organizers.
 * Needs the flow's `reply` and `recordAlert: (_, params: { words; services }) => {}` actions.
 */
export function emergencyActions(tell: (services: string[], aids: { aid: string; service: string }[]) => string) {
  return [
    { type: 'reply', params: ({ event }: { event: EventObject }) => ({ text: tell(detected(event)?.services ?? [], aidsOf(event)) }) },
    {
      type: 'recordAlert',
      params: ({ event }: { event: EventObject }) => ({ words: detected(event)?.words ?? [], services: detected(event)?.services ?? [] }),
    },
  ] as const;
}

/** Watch: the soft "如果…请马上打" line (`tell(services, ask)`); no alert, the request is not marked urgent. */
export function watchActions(tell: (services: string[], ask?: boolean) => string) {
  return [
    { type: 'reply', params: ({ event }: { event: EventObject }) => ({ text: tell(detected(event)?.services ?? [], detected(event)?.ask ?? false) }) },
  ] as const;
}
