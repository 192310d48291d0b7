import { interpretVolunteerInput } from '../../flows/volunteer.input.js';
import { createVolunteerMachine } from '../../flows/volunteer.machine.js';
import type { VolunteerContext, VolunteerDraft, VolunteerEvent, VolunteerFlowDeps, VolunteerInput, VolunteerStatus } from '../../flows/volunteer.types.js';
import { bringTo, converse, type FlowConversation, type Path, referenceDeps } from './harness.js';

// === Volunteer conversations for the tests: how the runtime answers, and the plain path through registration

/** The real catalogue (db/seed) and the demo stations (test/fixtures), as the flow sees them. */
export const deps: VolunteerFlowDeps = referenceDeps;
/** The machine under test, built on the real reference data. */
export const machine = createVolunteerMachine(deps);

/** Who the person is, and how the runtime answers. */
export interface VolunteerSetup {
  displayName?: string;
  phone?: string | null;
  registration?: VolunteerInput['registration'];
  /** What `registerVolunteer` answers with. */
  status?: VolunteerStatus;
}

/** A volunteer conversation, not yet started: the first message opens it. */
export function startVolunteer(setup: VolunteerSetup = {}): VolunteerConversation {
  const input: VolunteerInput = {
    profile: { displayName: setup.displayName ?? '', phone: setup.phone ?? null },
    registration: setup.registration ?? null,
  };
  const c = converse<VolunteerContext, VolunteerEvent, VolunteerDraft>({
    machine,
    input,
    interpret: interpretVolunteerInput,
    draftEffect: 'registerVolunteer',
    answer: (effect) => {
      if (effect.type === 'recordAlert') return null;
      if (effect.type !== 'registerVolunteer') throw new Error(`the flow asked for an unknown effect "${effect.type}"`);
      return { type: 'volunteer.registered', status: setup.status ?? 'pending' };
    },
  });
  if (c.startAnswers.length > 0 || c.replies.length > 0) throw new Error('the flow should wait for the first message');
  return c;
}

/** A conversation driven by `startVolunteer`. */
export type VolunteerConversation = FlowConversation<VolunteerContext, VolunteerDraft>;

/** The steps `volunteerAt` can bring a conversation to. */
export type VolunteerStep = 'name' | 'phone' | 'party' | 'skills' | 'community' | 'availability' | 'summary';

/** The plain answers, each leading to the named step. */
const HAPPY_PATH: Path<VolunteerStep> = [
  ['我要当志愿者', 'name'],
  ['王建国', 'phone'],
  ['13812345678', 'party'],
  ['1', 'skills'],
  ['1 3', 'skills'],
  ['选好了', 'community'],
  ['文昌', 'availability'],
  ['3', 'summary'],
];

/** A conversation brought to `step` by the plain answers (王建国, 13812345678, party member, classes 1 and 3, 文昌, weekends). */
export function volunteerAt(step: VolunteerStep, setup: VolunteerSetup = {}): VolunteerConversation {
  return bringTo(startVolunteer(setup), step, HAPPY_PATH);
}
