import type { EventObject } from 'xstate';
import { normalizeText } from './choice.js';
import type { EmergencyDetected } from './events.js';

// === Someone may be in danger now: recognising it, and what every flow does first

export type EmergencyService = '120' | '119' | '110';

/** Words that mean someone may be in danger now, and whom to call. */
export const EMERGENCY_WORDS: ReadonlyArray<readonly [string, EmergencyService]> = [
  ['晕倒', '120'],
  ['昏倒', '120'],
  ['摔倒', '120'],
  ['跌倒', '120'],
  ['昏迷', '120'],
  ['不省人事', '120'],
  ['胸痛', '120'],
  ['胸口痛', '120'],
  ['胸口疼', '120'],
  ['心口疼', '120'],
  ['喘不上气', '120'],
  ['喘不过气', '120'],
  ['呼吸困难', '120'],
  ['高烧不退', '120'],
  ['抽搐', '120'],
  ['中风', '120'],
  ['流血不止', '120'],
  ['大出血', '120'],
  ['心脏病发', '120'],
  ['着火', '119'],
  ['起火', '119'],
  ['失火', '119'],
  ['火灾', '119'],
  ['冒烟', '119'],
  ['煤气泄漏', '119'],
  ['燃气泄漏', '119'],
  ['煤气味', '119'],
  ['漏气', '119'],
  ['救命', '110'],
  ['抢劫', '110'],
  ['有人闯入', '110'],
  ['被打', '110'],
];

/** The emergency services whose words appear in the text, in a stable order (120, 119, 110). */
export function detectEmergency(text: string): { words: string[]; services: EmergencyService[] } {
  const t = normalizeText(text);
  const hits = EMERGENCY_WORDS.filter(([w]) => t.includes(w));
  const services = (['120', '119', '110'] as const).filter((s) => hits.some(([, h]) => h === s));
  // 救命 alone says danger without saying which: offer all three.
  const all = hits.length > 0 && hits.every(([w]) => w === '救命');
  return { words: hits.map(([w]) => w), services: all ? ['120', '119', '110'] : services };
}

const detected = (e: EventObject): EmergencyDetected | null => (e.type === 'emergency.detected' ? (e as EmergencyDetected) : null);

/**
 * On `emergency.detected`: tell the person whom to call (`tell(services)`), then record an alert for
 * organizers. Needs the flow's `reply` and `recordAlert: (_, params: { words; services }) => {}` actions.
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
