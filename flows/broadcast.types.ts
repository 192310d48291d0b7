import type { ChoiceAnswer, CommonEvent, MediaAnswer, NavigationEvent, TextAnswer } from './common/events.js';
import type { Question } from './common/question.js';

// === What the broadcast flow (群发) knows, hears and asks for

/** A station as the flow shows it. */
export interface StationRef {
  id: number;
  name: string;
}

/** The machine's input: whether the person organizes any station, and which (each with all below it). */
export interface BroadcastInput {
  organizer: boolean;
  /** The stations the person organizes directly (their responsibility covers everything below). */
  roots: StationRef[];
  /** Longest text the channels of the targets take (characters). */
  textLimit: number;
}

/** The flow's context: plain JSON, saved between messages. */
export interface BroadcastContext extends BroadcastInput {
  question: Question;
  /** Chosen stations; each stands for itself and every station below it. */
  stations: StationRef[];
  text: string | null;
  /** How many would receive it, as the runtime counted at the preview. */
  counted: { groups: number; privateChats: number } | null;
}

/** What the flow hears: the organizer's answers and commands, and the runtime's answers to its effects. */
export type BroadcastEvent =
  | TextAnswer
  | CommonEvent
  | ChoiceAnswer
  | MediaAnswer
  | NavigationEvent
  | { type: 'broadcast.counted'; groups: number; privateChats: number }
  | { type: 'broadcast.created'; id: number; targets: number }
  /** The runtime's own role check failed (the role was taken away meanwhile). */
  | { type: 'broadcast.refused' };

/** What the flow asks the runtime to count, and then to send. */
export interface BroadcastDraft {
  stationIds: number[];
  text: string;
}

/** Stations as the flow sees them: pure look-ups, no I/O. */
export interface BroadcastFlowDeps {
  /** The stations directly below one, to offer as choices. */
  children(id: number): StationRef[];
  /** A station named in typed words (the station matcher), if any. */
  find(text: string): StationRef | undefined;
  /** True when the station is one of `roots` or below one of them. */
  within(id: number, roots: number[]): boolean;
}
