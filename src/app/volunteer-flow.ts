import { createVolunteerMachine, VOLUNTEER_FLOW_ID, VOLUNTEER_FLOW_VERSION } from '../../flows/volunteer.machine.js';
import { interpretVolunteerInput, VOLUNTEER_START_WORDS } from '../../flows/volunteer.input.js';
import type { VolunteerContext, VolunteerDraft, VolunteerFlowDeps, VolunteerInput } from '../../flows/volunteer.types.js';
import type { FlowDefinition } from '../core/flow.js';
import { type RegistrationDraft, registerVolunteer, registrationOf } from '../domain/volunteers/registration.js';
import type { StationTree } from '../domain/stations/tree.js';
import { type EmergencyHooks, emergencyAlertEffect, questionWiring, type Same, startsWith } from './flow-kit.js';

// The flow's draft is the domain's registration (flows and domain do not import each other).
true satisfies Same<VolunteerDraft, RegistrationDraft>;

/** True when the message asks to register as a volunteer (whatever the conversation is in). */
export const startsVolunteerFlow = startsWith(VOLUNTEER_START_WORDS);

/** The volunteer registration flow wired to the domain. */
export function createVolunteerFlow(deps: VolunteerFlowDeps, tree: StationTree, hooks: EmergencyHooks = {}): FlowDefinition {
  const skillName = (code: string) => deps.item(code)?.name ?? deps.classes.find((c) => c.code === code)?.name ?? code;
  return {
    id: VOLUNTEER_FLOW_ID,
    version: VOLUNTEER_FLOW_VERSION,
    machine: createVolunteerMachine(deps),
    input: async (person, tx): Promise<VolunteerInput> => ({
      profile: { displayName: person.displayName, phone: person.phone },
      registration: await registrationOf(tx, person.id),
    }),
    ...questionWiring,
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
