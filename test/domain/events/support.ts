import type { NewEvent } from '../../../src/domain/events/events.js';
import { createEvent } from '../../../src/domain/events/events.js';
import type { DispatchApp } from '../../support/dispatch-app.js';

/** Saturday 5 December 2026, 10:00 in Shanghai: "now" in the event tests. */
export const NOW = new Date('2026-12-05T02:00:00Z');
export const TZ = 'Asia/Shanghai';

/** A movable clock for the app. */
export function movableClock(start = NOW) {
  let now = start;
  return {
    clock: () => now,
    set(at: Date) {
      now = at;
    },
  };
}

/** An event of 文昌社区 on 26 December 2026, 09:00–11:00 (or as given), stored and announced directly. */
export async function storedEvent(app: DispatchApp, organizerId: number, over: Partial<NewEvent> = {}, at = NOW) {
  const draft: NewEvent = {
    title: '党员志愿服务日',
    startsAt: '2026-12-26T01:00:00.000Z',
    endsAt: '2026-12-26T03:00:00.000Z',
    place: '文昌社区广场',
    latitude: null,
    longitude: null,
    stationCode: 'nanhu-jianshe-wenchang',
    services: [],
    cap: null,
    ...over,
  };
  const created = await app.db.transaction((tx) => createEvent(tx, app.tree, organizerId, draft, at, TZ));
  await app.delivery.deliverDue();
  return created;
}
