import type { CommonEvent, EmergencyDetected, MediaAnswer, NavigationEvent } from './common/events.js';
import type { PlaceContext, PlaceLookup } from './common/places.js';
import type { Question } from './common/question.js';

// === What the resident flow knows, hears and asks for

/** What the runtime knows of the person when a conversation starts. */
export interface ResidentProfile {
  phone: string | null;
  lastCommunityCode: string | null;
}

/** A request as listed to its resident. */
export interface RequestSummary {
  ticket: string;
  itemName: string;
  status: string;
  cancellable: boolean;
}

/** `PlaceContext`: the community question's own state (typed names, the step-by-step pick). */
export interface ResidentContext extends PlaceContext {
  profile: ResidentProfile;
  question: Question;
  description: string | null;
  attachments: string[];
  classCode: string | null;
  /** The page of the class's item list shown (0 first); missing in conversations saved before pages. */
  itemPage?: number;
  itemCode: string | null;
  /** Item codes proposed for the description, best first. */
  proposals: string[];
  communityCode: string | null;
  address: string | null;
  phone: string | null;
  /** Whose number `phone` is when not the resident's own (女儿, 邻居). */
  phoneOwner: string | null;
  wantedTime: string | null;
  urgent: boolean;
  emergencyWords: string[];
  /** True while a field is being changed from the summary: answering it returns there. */
  editing: boolean;
  /** More problems of the first message, filed one after another once this request is stored. */
  pending: string[];
  requests: RequestSummary[];
  cancelTicket: string | null;
  ticket: string | null;
}

export type ResidentEvent =
  /** `emergency`: the same message raised `emergency.detected` just before. */
  | { type: 'answer.text'; text: string; truncated?: boolean; emergency?: boolean }
  | CommonEvent
  | MediaAnswer
  | EmergencyDetected
  | NavigationEvent
  /** 我不会打字, 你们打电话给我吧: the hotline's number, then the question again. */
  | { type: 'asks.call' }
  /** 我的求助 or /my: the person's requests. */
  | { type: 'nav.mine' }
  | { type: 'request.created'; ticket: string }
  /** Not stored: the resident already made `perDay` new requests today (the daily cap). */
  | { type: 'request.capped'; perDay: number }
  | { type: 'requests.listed'; requests: RequestSummary[] }
  | { type: 'request.cancelled'; ticket: string; ok: boolean }
  /** The runtime's answer to `classify`: item codes, best first (empty: none fits), and who decided. */
  | { type: 'classifier.suggested'; itemCodes: string[]; source?: 'rules' | 'llm' };

/** The request the flow asks the runtime to store. */
export interface RequestDraft {
  classCode: string;
  itemCode: string;
  communityCode: string;
  description: string;
  address: string;
  phone: string;
  wantedTime: string;
  urgent: boolean;
  emergencyWords: string[];
  attachments: string[];
}

/** Catalogue and places, as the flow sees them: pure look-ups, no I/O. */
export interface ResidentFlowDeps extends PlaceLookup {
  /**
   * `plainName`: the everyday words for the class (修东西), shown beside the official name; `homeVisit`
   * false: answered by advice (policy, disputes), so the resident is asked how to be answered, not when.
   */
  classes: ReadonlyArray<{ code: string; name: string; plainName: string | null; homeVisit: boolean }>;
  itemsOf(classCode: string): ReadonlyArray<{ code: string; name: string }>;
  /** The class's items a page at a time (at most 8 a page), each page named by its group or null. */
  itemPages(classCode: string): ReadonlyArray<{ name: string | null; codes: readonly string[] }>;
  item(code: string): { code: string; name: string; classCode: string; className: string } | undefined;
  /** Items that fit a resident's words, best first (at most 3). */
  matchItems(text: string): ReadonlyArray<{ itemCode: string }>;
  /** The item a request is after someone raised an emergency (紧急求助), unless they pick another; null: none. */
  emergencyItem: string | null;
  /** Communities whose names fit the typed text, best first. */
  matchCommunities(text: string): ReadonlyArray<{ code: string; name: string }>;
  /** True when the rules are unsure of these words and a second opinion may be asked (`classify`); absent: never. */
  secondOpinion?(text: string): boolean;
  /** The hotline's own number, said wherever the bot tells a resident to call (96345). */
  hotlinePhone: string;
  /** The area code a local 8-digit number gets (0573). */
  localAreaCode: string;
}
