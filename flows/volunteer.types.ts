import type { CommonEvent, EmergencyDetected, MediaAnswer, NavigationEvent, TextAnswer } from './common/events.js';
import type { PlaceContext, PlaceLookup } from './common/places.js';
import type { Question } from './common/question.js';

// === What the volunteer registration flow knows, hears and asks for

/** Where a volunteer registration stands, as stored. */
export type VolunteerStatus = 'pending' | 'approved' | 'rejected';

/** What the runtime knows of the person when the registration starts. */
export interface VolunteerProfile {
  displayName: string;
  phone: string | null;
}

/** The machine's input: the person, and their registration if they already have one. */
export interface VolunteerInput {
  profile: VolunteerProfile;
  registration: null | { status: VolunteerStatus; name: string };
}

/**
 * The flow's context: plain JSON, saved between messages. `PlaceContext`: the community question's
 * own state (typed names, the step-by-step pick).
 */
export interface VolunteerContext extends PlaceContext {
  profile: VolunteerProfile;
  registration: VolunteerInput['registration'];
  question: Question;
  name: string | null;
  phone: string | null;
  partyMember: boolean | null;
  /** Catalogue class or item codes, as confirmed with "选好了". */
  skills: string[];
  /** The selection being made at the skills step; becomes `skills` when confirmed. */
  skillPicks: string[];
  communityCode: string | null;
  availability: string | null;
  /** True while a field is being changed from the summary: answering it returns there. */
  editing: boolean;
}

/** What the flow hears: the person's answers and commands, and the runtime's answer to `registerVolunteer`. */
export type VolunteerEvent =
  | TextAnswer
  | CommonEvent
  | MediaAnswer
  /** `nav.start` is 我要当志愿者 or /volunteer: starts the registration (over). */
  | NavigationEvent
  | { type: 'volunteer.registered'; status: VolunteerStatus }
  /** Emergency words: the emergency numbers first, an alert for organizers, then the same question. */
  | EmergencyDetected;

/** The registration the flow asks the runtime to store (as pending). */
export interface VolunteerDraft {
  name: string;
  phone: string;
  partyMember: boolean;
  /** Catalogue class or item codes. */
  skills: string[];
  communityCode: string;
  availability: string;
}

/** Catalogue and places, as the flow sees them: pure look-ups, no I/O (a subset of `ResidentFlowDeps`). */
export interface VolunteerFlowDeps extends PlaceLookup {
  classes: ReadonlyArray<{ code: string; name: string }>;
  item(code: string): { code: string; name: string; classCode: string; className: string } | undefined;
  /** Items that fit the words, best first (`learned`: only the learned model found it). */
  matchItems(text: string): ReadonlyArray<{ itemCode: string; learned?: true }>;
  /** Communities whose names fit the typed text (a shared location's label), best first. */
  matchCommunities(text: string): ReadonlyArray<{ code: string; name: string }>;
  /** The hotline's own number, given to a volunteer whose registration was not approved. */
  hotlinePhone: string;
}
