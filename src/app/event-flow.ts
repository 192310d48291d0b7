import { createEventMachine, EVENT_FLOW_ID, EVENT_FLOW_VERSION } from '../../flows/event.machine.js';
import { EVENT_START_WORDS, interpretEventInput } from '../../flows/event.input.js';
import type { EventContext, EventDraft, EventFlowDeps, EventInput, EventTimeReading } from '../../flows/event.types.js';
import { eq } from 'drizzle-orm';
import { organizers } from '../../db/schema.js';
import type { FlowDefinition } from '../core/flow.js';
import type { Clock } from '../core/ports.js';
import { isOrganizerOf } from '../domain/people/roles.js';
import { createEvent, type NewEvent } from '../domain/events/events.js';
import { formatEventTime, nextServiceDays, parseEventTime, type TimeReading } from '../domain/events/time.js';
import { eventTexts } from '../texts/events.js';
import { createStationMatcher } from '../domain/stations/matcher.js';
import type { Station, StationTree } from '../domain/stations/tree.js';
import type { ResidentFlowDeps } from '../../flows/resident.types.js';
import { questionWiring, type Same, startsWith } from './flow-kit.js';

// The flow's draft and time reading are the domain's (flows and domain do not import each other).
true satisfies Same<EventDraft, NewEvent>;
true satisfies Same<EventTimeReading, TimeReading>;

/** True when the message asks to create an event (whatever the conversation is in). */
export const startsEventFlow = startsWith(EVENT_START_WORDS);

/** The catalogue and the station tree as the event flow sees them. */
export function eventFlowDeps(base: Pick<ResidentFlowDeps, 'classes' | 'item' | 'matchItems'>, tree: StationTree, timeZone: string): EventFlowDeps {
  const places = createStationMatcher(tree);
  const ownStations = (codes: readonly string[]) => codes.map((c) => tree.byCode(c)).filter((s): s is Station => s !== undefined);
  const allowedIds = (codes: readonly string[]) => new Set(tree.under(ownStations(codes).map((s) => s.id)).map((s) => s.id));
  const view = (s: Station) => ({ code: s.code, name: s.name });
  return {
    classes: base.classes.map((c) => ({ code: c.code, name: c.name })),
    serviceName: (code) => base.classes.find((c) => c.code === code)?.name ?? base.item(code)?.name ?? code,
    matchItems: (text) => base.matchItems(text),
    stationChoices(codes) {
      const out = new Map<string, Station>();
      for (const s of ownStations(codes)) {
        out.set(s.code, s);
        for (const c of tree.children(s.id)) if (!c.retired) out.set(c.code, c);
      }
      return [...out.values()].map(view);
    },
    matchStations(text, codes) {
      const allowed = allowedIds(codes);
      const typed = text.trim();
      if (typed.length === 0 || typed.length > 40) return [];
      const exact = tree.find(typed);
      if (exact && allowed.has(exact.id) && (exact.name === typed || exact.code === typed || exact.aliases.includes(typed))) return [view(exact)];
      const found = new Map<string, Station>();
      if (exact && allowed.has(exact.id)) found.set(exact.code, exact);
      for (const s of tree.all()) {
        if (found.size >= 9) break;
        if (!s.retired && allowed.has(s.id) && typed.length >= 2 && [s.name, ...s.aliases].some((n) => n.includes(typed))) found.set(s.code, s);
      }
      for (const s of places.matchCommunities(typed)) if (found.size < 9 && allowed.has(s.id)) found.set(s.code, s);
      return [...found.values()].map(view);
    },
    stationName: (code) => tree.byCode(code)?.name ?? code,
    formatTime: (startsAt, endsAt) => formatEventTime(new Date(startsAt), endsAt ? new Date(endsAt) : null, timeZone),
  };
}

/** The organizers' event creation flow wired to the domain. */
export function createEventFlow(deps: EventFlowDeps, tree: StationTree, o: { timeZone: string; clock: Clock }): FlowDefinition {
  return {
    id: EVENT_FLOW_ID,
    version: EVENT_FLOW_VERSION,
    machine: createEventMachine(deps),
    input: async (person, tx): Promise<EventInput> => {
      const rows = await tx.select({ stationId: organizers.stationId }).from(organizers).where(eq(organizers.personId, person.id));
      const timeChoices = nextServiceDays(o.clock(), o.timeZone).map((d) => ({
        local: d.local,
        label: eventTexts.timeChoice(formatEventTime(d.at, null, o.timeZone), d.kind === '25th' ? eventTexts.the25th : eventTexts.lastSaturday),
      }));
      return { organizerStations: rows.map((r) => tree.byId(r.stationId)?.code).filter((c): c is string => c !== undefined), timeChoices };
    },
    ...questionWiring,
    interpret: (context: EventContext, content) => interpretEventInput(context, content, (text) => parseEventTime(text, o.clock(), o.timeZone)),
    effects: {
      createEvent: async (draft: EventDraft, env) => {
        const station = tree.byCode(draft.stationCode);
        // The role is checked again: it may have been taken away while the conversation went on.
        if (!station || !(await isOrganizerOf(env.tx, tree, env.personId, station.id))) return { type: 'event.refused' };
        const created = await createEvent(env.tx, tree, env.personId, draft, env.now, o.timeZone);
        return { type: 'event.created', id: created.id, groups: created.groups };
      },
    },
  };
}
