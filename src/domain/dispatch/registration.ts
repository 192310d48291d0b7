import type { VolunteerDraft } from '../../../flows/volunteer.types.js';
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { people, stations, volunteers } from '../../../db/schema.js';
import { dispatchTexts as t } from '../../texts/dispatch.js';
import { tellOrganizersWithChoices } from './announce.js';
import type { StationTree } from './station-tree.js';

/** What a volunteer gave when registering (the registration flow's draft). */
export type RegistrationDraft = VolunteerDraft;

/** The person's registration, if any, for the flow's input. */
export async function registrationOf(tx: Db, personId: number): Promise<{ status: 'pending' | 'approved' | 'rejected'; name: string } | null> {
  const [v] = await tx.select({ status: volunteers.status, name: volunteers.name }).from(volunteers).where(eq(volunteers.personId, personId));
  return v ?? null;
}

/** Stores a registration as pending and asks the station's organizers to decide (buttons and commands). */
export async function registerVolunteer(tx: Db, tree: StationTree, personId: number, draft: RegistrationDraft, skillNames: (code: string) => string, at: Date) {
  const station = tree.byCode(draft.communityCode);
  if (!station) throw new Error(`No station with code ${draft.communityCode}`);
  const values = { name: draft.name, phone: draft.phone, partyMember: draft.partyMember, skills: draft.skills, stationId: station.id, availability: draft.availability, status: 'pending' as const, createdAt: at };
  await tx.insert(volunteers).values({ personId, ...values }).onConflictDoUpdate({ target: volunteers.personId, set: values });
  await tx.update(people).set({ phone: draft.phone }).where(eq(people.id, personId));
  const [s] = await tx.select({ name: stations.name }).from(stations).where(eq(stations.id, station.id));
  await tellOrganizersWithChoices(
    tx,
    tree,
    station.id,
    {
      text: t.newVolunteer(personId, draft.name, s?.name ?? '', draft.skills.map(skillNames).join('、')),
      choices: [
        { id: `approve:${personId}`, label: t.approveButton },
        { id: `reject:${personId}`, label: t.rejectButton },
      ],
    },
    at,
  );
}
