import { interpretVolunteerInput } from '../../flows/volunteer.input.js';
import { createVolunteerMachine } from '../../flows/volunteer.machine.js';
import type { VolunteerContext, VolunteerDraft, VolunteerEvent, VolunteerFlowDeps, VolunteerInput, VolunteerStatus } from '../../flows/volunteer.types.js';
import type { IncomingContent } from '../../src/core/message.js';
import { createCatalogueMatcher } from '../../src/domain/catalogue/matcher.js';
import { readCatalogueFile, readStationsFile } from '../../src/domain/reference-data.js';
import { residentFlowDeps } from '../../src/domain/resident-flow.js';
import { createStationDirectory } from '../../src/domain/stations/matcher.js';
import { driveFlow, type Reply } from './driver.js';

// === A tiny driver of the volunteer flow as pure transitions: no database, effects answered here

const catalogue = readCatalogueFile();

/** The real catalogue and stations from db/seed, as the flow sees them (the runtime's own deps). */
export const deps: VolunteerFlowDeps = residentFlowDeps(catalogue, createCatalogueMatcher(catalogue), createStationDirectory(readStationsFile()));
/** The machine under test, built on the real reference data. */
export const machine = createVolunteerMachine(deps);

export type { Reply } from './driver.js';

/** Who the person is, and how the runtime answers. */
export interface VolunteerSetup {
  displayName?: string;
  phone?: string | null;
  registration?: VolunteerInput['registration'];
  /** What `registerVolunteer` answers with. */
  status?: VolunteerStatus;
}

/** A volunteer conversation, not yet started: the first message opens it. */
export function startVolunteer(setup: VolunteerSetup = {}) {
  const input: VolunteerInput = {
    profile: { displayName: setup.displayName ?? '', phone: setup.phone ?? null },
    registration: setup.registration ?? null,
  };
  const driver = driveFlow<VolunteerEvent>({
    machine,
    input,
    interpret: interpretVolunteerInput,
    answer: (effect) => {
      if (effect.type === 'recordAlert') return null;
      if (effect.type !== 'registerVolunteer') throw new Error(`the flow asked for an unknown effect "${effect.type}"`);
      return { type: 'volunteer.registered', status: setup.status ?? 'pending' };
    },
  });
  if (driver.startAnswers.length > 0 || driver.replies.length > 0) throw new Error('the flow should wait for the first message');
  const { replies, effects } = driver;

  function send(content: IncomingContent) {
    driver.send(content);
    return convo;
  }

  const convo = {
    replies,
    effects,
    /** Replies of the last message only. */
    get turn(): Reply[] {
      return driver.turn;
    },
    get texts(): string[] {
      return driver.turn.map((r) => r.text);
    },
    get state(): unknown {
      return driver.snapshot.value;
    },
    get context(): VolunteerContext {
      return driver.snapshot.context as VolunteerContext;
    },
    get status(): string {
      return driver.snapshot.status;
    },
    get lastReply(): Reply | undefined {
      return replies.at(-1);
    },
    /** Labels of the last reply's choices. */
    get labels(): string[] {
      return (replies.at(-1)?.choices ?? []).map((c) => c.label);
    },
    get questionId(): number {
      return (driver.snapshot.context as VolunteerContext).question.id;
    },
    /** The registerVolunteer params, when the flow asked for them. */
    get draft(): VolunteerDraft | undefined {
      return effects.find((e) => e.type === 'registerVolunteer')?.params as VolunteerDraft | undefined;
    },
    say(text: string) {
      return send({ kind: 'text', text });
    },
    press(choiceId: string, questionId: number = (driver.snapshot.context as VolunteerContext).question.id) {
      return send({ kind: 'choice', choiceId, questionId });
    },
    send,
  };
  return convo;
}

/** A conversation driven by `startVolunteer`. */
export type VolunteerConversation = ReturnType<typeof startVolunteer>;

/** The steps `volunteerAt` can bring a conversation to. */
export type VolunteerStep = 'name' | 'phone' | 'party' | 'skills' | 'community' | 'availability' | 'summary';

/** The plain answers, each leading to the named step. */
const HAPPY_PATH: ReadonlyArray<readonly [string, VolunteerStep]> = [
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
  const c = startVolunteer(setup);
  for (const [answer, reached] of HAPPY_PATH) {
    c.say(answer);
    if (reached === step) break;
  }
  if (c.state !== step) throw new Error(`could not bring the conversation to ${step}: it is at ${JSON.stringify(c.state)}`);
  return c;
}
