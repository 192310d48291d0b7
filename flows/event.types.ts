import type { CommonEvent, MediaAnswer, NavigationEvent } from './common/events.js';
import type { Question } from './common/question.js';

// === What the event creation flow knows, hears and asks for

/** How a typed event time reads (the runtime reads it with the clock and time zone: `src/domain/events/time.ts`). */
export type EventTimeReading =
  | { ok: true; startsAt: string; endsAt: string | null }
  | { ok: false; reason: 'no_time' | 'unknown' | 'past' | 'end_before_start' | 'too_far' };

/** A suggested start offered as a button: the next service days (`local`: `2026-12-26 08:30` in the time zone). */
export interface TimeChoice {
  label: string;
  local: string;
}

/** The machine's input: the codes of the stations the person organizes (none: not an organizer), and suggested starts. */
export interface EventInput {
  organizerStations: string[];
  timeChoices: TimeChoice[];
}

/** The flow's context: plain JSON, saved between messages. */
export interface EventContext {
  organizerStations: string[];
  timeChoices: TimeChoice[];
  question: Question;
  title: string | null;
  /** ISO instants. */
  startsAt: string | null;
  endsAt: string | null;
  place: string | null;
  latitude: number | null;
  longitude: number | null;
  stationCode: string | null;
  /** Station codes offered after a typed name fitted several. */
  stationOptions: string[];
  /** Catalogue class or item codes, as confirmed. */
  services: string[];
  /** The selection being made at the services step. */
  servicePicks: string[];
  /** Volunteers wanted; null: no cap. */
  cap: number | null;
  /** True while a field is being changed from the summary. */
  editing: boolean;
}

/** Typed text; `time` is how it reads as an event time (set by the runtime's reading). */
export type EventTextAnswer = { type: 'answer.text'; text: string; time?: EventTimeReading };

/** What the flow hears: answers, navigation, and the runtime's answer to `createEvent`. */
export type EventEvent =
  | EventTextAnswer
  | CommonEvent
  | MediaAnswer
  | NavigationEvent
  | { type: 'event.created'; id: number; groups: number }
  /** The person no longer organizes the chosen station. */
  | { type: 'event.refused' };

/** The event the flow asks the runtime to store and announce. */
export interface EventDraft {
  title: string;
  startsAt: string;
  endsAt: string | null;
  place: string;
  latitude: number | null;
  longitude: number | null;
  stationCode: string;
  services: string[];
  cap: number | null;
}

/** Catalogue and stations as the flow sees them: pure look-ups, no I/O. */
export interface EventFlowDeps {
  classes: ReadonlyArray<{ code: string; name: string }>;
  /** A catalogue class or item name by code. */
  serviceName(code: string): string;
  /** Items that fit the words, best first. */
  matchItems(text: string): ReadonlyArray<{ itemCode: string }>;
  /** Stations at or below the organizer's that fit a typed name, best first. */
  matchStations(text: string, organizerStations: readonly string[]): ReadonlyArray<{ code: string; name: string }>;
  /** Stations offered as choices: the organizer's own and those directly below them. */
  stationChoices(organizerStations: readonly string[]): ReadonlyArray<{ code: string; name: string }>;
  stationName(code: string): string;
  /** `12月27日（周日）09:00–11:00`. */
  formatTime(startsAt: string, endsAt: string | null): string;
}
