import { createVolunteerMachine, VOLUNTEER_FLOW_ID, VOLUNTEER_FLOW_VERSION } from '../../flows/volunteer.machine.js';
import { interpretVolunteerInput } from '../../flows/volunteer.input.js';
import type { VolunteerContext, VolunteerDraft, VolunteerFlowDeps, VolunteerInput } from '../../flows/volunteer.types.js';
import type { FlowDefinition } from '../core/flow.js';
import type { IncomingContent } from '../core/message.js';
import { type RegistrationDraft, registerVolunteer, registrationOf } from '../domain/volunteers/registration.js';
import type { StationTree } from '../domain/stations/tree.js';
import { emergencyAlertEffect, type ResidentFlowHooks, type Same } from './resident-flow.js';

// The flow's draft is the domain's registration (flows and domain do not import each other).
true satisfies Same<VolunteerDraft, RegistrationDraft>;

const START_WORDS = /^(我要当志愿者|我想当志愿者|志愿者报名|报名志愿者|\/volunteer(@\w+)?)$/i;

/** True when the message asks to register as a volunteer (whatever the conversation is in). */
export function startsVolunteerFlow(content: IncomingContent): boolean {
  return content.kind === 'text' && START_WORDS.test(content.text.trim());
}

/** The volunteer registration flow wired to the domain. */
export function createVolunteerFlow(deps: VolunteerFlowDeps, tree: StationTree, hooks: Pick<ResidentFlowHooks, 'afterEmergencyWords'> = {}): FlowDefinition {
  const skillName = (code: string) => deps.item(code)?.name ?? deps.classes.find((c) => c.code === code)?.name ?? code;
  return {
    id: VOLUNTEER_FLOW_ID,
    version: VOLUNTEER_FLOW_VERSION,
    machine: createVolunteerMachine(deps),
    input: async (person, tx): Promise<VolunteerInput> => ({
      profile: { displayName: person.displayName, phone: person.phone },
      registration: await registrationOf(tx, person.id),
    }),
    question: (context: VolunteerContext) =>
      context.question.text ? { text: context.question.text, choices: context.question.choices, questionId: context.question.id } : null,
    isStale: (event) => event === 'answer.stale',
    interpret: (context: VolunteerContext, content) => interpretVolunteerInput(context, content),
    effects: {
      recordAlert: emergencyAlertEffect(hooks),
      registerVolunteer: async (draft: VolunteerDraft, env) => {
        await registerVolunteer(env.tx, tree, env.personId, draft, skillName, env.now);
        return { type: 'volunteer.registered', status: 'pending' };
      },
    },
  };
}
