import { broadcastCommands } from '../domain/broadcasts/commands.js';
import type { Command } from '../domain/commands/registry.js';
import { dispatchCommands } from '../domain/dispatch/dispatch.js';
import { type EventSettings, eventCommands } from '../domain/events/commands.js';
import type { StationTree } from '../domain/stations/tree.js';

// === Every command, in the one order they are tried: the first that takes a message wins

/**
 * The app's commands, in order: the events' (报名, 签到, 活动, /events …), the broadcasts' (/broadcasts),
 * then dispatch's (/me, 新任务提醒, visit steps, the organizers' tools, claims, /bind …; their order is
 * `dispatchCommands`). Each is declared in its area's `commands` (`src/domain/commands/registry.ts`).
 */
export function appCommands(options: { tree: StationTree; events: EventSettings; timeZone: string }): Command[] {
  return [...eventCommands({ tree: options.tree, settings: options.events }), ...broadcastCommands(options.tree, options.timeZone), ...dispatchCommands];
}
