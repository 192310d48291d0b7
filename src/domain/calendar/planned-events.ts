import { type EventSource, noEvents } from './types.js';

// === The one place the calendar learns of planned events: reminders, feeds and the CLI all read it.
// None until the events module is merged; then its `eventSource` (src/domain/events/event-source.ts).

/** The events organizers planned, as the calendar sees them. */
export const plannedEvents: EventSource = noEvents;
