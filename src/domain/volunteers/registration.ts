import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { volunteers } from '../../../db/schema.js';
import { dispatchTexts as t } from '../../texts/dispatch.js';
import { rememberPhone } from '../people/people.js';
import { tellOrganizersWithChoices } from '../people/roles.js';
import type { StationTree } from '../stations/tree.js';

/**
 * What a volunteer gave when registering: the registration flow's draft has exactly this shape
 * (checked where the flow is wired, `src/app/volunteer-flow.ts`).
 */
export interface RegistrationDraft {
  name: string;
  phone: string;
  partyMember: boolean;
  /** Catalogue class or item codes. */
  skills: string[];
  communityCode: string;
  availability: string;
}

export type VolunteerRow = typeof volunteers.$inferSelect;

/** A person's volunteer registration (any status), if they have one. */
export async function volunteerOf(tx: Db, personId: number): Promise<VolunteerRow | undefined> {
  const [v] = await tx.select().from(volunteers).where(eq(volunteers.personId, personId));
  return v;
}

/** The person's registration, if any, for the flow's input (plain JSON). */
export async function registrationOf(tx: Db, personId: number): Promise<Pick<VolunteerRow, 'status' | 'name'> | null> {
  const v = await volunteerOf(tx, personId);
  return v ? { status: v.status, name: v.name } : null;
}

/** Stores a registration as pending and asks the station's organizers to decide (buttons and commands). */
export async function registerVolunteer(tx: Db, tree: StationTree, personId: number, draft: RegistrationDraft, skillNames: (code: string) => string, at: Date) {
  const station = tree.byCode(draft.communityCode);
  if (!station) throw new Error(`No station with code ${draft.communityCode}`);
  const values = {
    name: draft.name,
    phone: draft.phone,
    partyMember: draft.partyMember,
    skills: draft.skills,
    stationId: station.id,
    availability: draft.availability,
    status: 'pending' as const,
    createdAt: at,
  };
  await tx
    .insert(volunteers)
    .values({ personId, ...values })
    .onConflictDoUpdate({ target: volunteers.personId, set: values });
  await rememberPhone(tx, personId, draft.phone);
  await tellOrganizersWithChoices(
    tx,
    tree,
    station.id,
    {
      text: t.newVolunteer(personId, draft.name, station.name, draft.skills.map(skillNames).join('、')),
      choices: [
        { id: `approve:${personId}`, label: t.approveButton },
        { id: `reject:${personId}`, label: t.rejectButton },
      ],
    },
    at,
  );
}
