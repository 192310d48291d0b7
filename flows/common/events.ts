import type { MediaKind } from '../../src/core/message.js';

// === Events every flow built with the kit hears; a flow's event type is a union of these and its own

/** Typed text. A flow may widen it with optional marks (the resident flow adds `truncated`, `emergency`). */
export type TextAnswer = { type: 'answer.text'; text: string };

/** A pressed button: the id of one of the current question's choices. */
export type ChoiceAnswer = { type: 'answer.choice'; id: string };

/** Content other than text and media, read the same way by every flow (`interpretCommon`). */
export type CommonEvent =
  | { type: 'answer.stale' }
  | ChoiceAnswer
  | { type: 'answer.location'; latitude: number; longitude: number; label: string | null }
  | { type: 'answer.contact'; phone: string }
  | { type: 'answer.edited' };

/** A photo, voice message, sticker…; `ref` is the channel's file id when there is one. */
export type MediaAnswer = { type: 'answer.media'; media: MediaKind; ref: string | null };

/**
 * Danger recognised in a message (`flows/common/safety/`). `urgent`: the numbers to call first, the request
 * marked urgent and an alert for organizers. `watch`: a soft "如果…请马上打" line, and the conversation goes on.
 */
/** `aids`: the kinds of first aid the words call for (flows/common/safety/aid.ts), most specific first. */
export type EmergencyDetected = {
  type: 'emergency.detected';
  level: 'urgent' | 'watch';
  words: string[];
  services: string[];
  aids?: string[];
  /** Watch only: unsure whether anyone is in danger now, so the soft line asks. */
  ask?: boolean;
};

/** The navigation every flow understands: 取消, 返回, 帮助, its start words, and unknown `/commands`. */
export type NavigationEvent =
  | { type: 'nav.cancel' }
  | { type: 'nav.back' }
  | { type: 'nav.help' }
  | { type: 'nav.start' }
  | { type: 'nav.unknownCommand'; command: string };

/** Everything a person can send, as a flow with plain text answers hears it. */
export type PersonEvent = TextAnswer | CommonEvent | MediaAnswer | EmergencyDetected | NavigationEvent;
