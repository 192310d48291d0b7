import { broadcastTexts as t } from '../../texts/broadcasts.js';
import { dayTimeText } from '../calendar/civil.js';
import type { Command } from '../commands/registry.js';
import { stationsOfOrganizer } from '../people/roles.js';
import type { StationTree } from '../stations/tree.js';
import { recentBroadcasts } from './report.js';

// === /broadcasts (群发记录): past broadcasts of the organizer's stations, in private chat

/** `/broadcasts` (群发记录): the broadcasts of the organizer's stations. Times are shown in `timeZone`. */
export function broadcastCommands(tree: StationTree, timeZone: string): Command[] {
  return [
    {
      name: 'broadcasts',
      slash: ['/broadcasts'],
      words: ['群发记录'],
      where: ['private'],
      who: 'organizer',
      refusal: t.notOrganizer,
      async run(ctx) {
        const visible = new Set(await stationsOfOrganizer(ctx.tx, tree, ctx.person.id));
        const list = await recentBroadcasts(ctx.tx, visible);
        if (list.length === 0) return ctx.reply(t.listNone);
        const rows = list.map((b) =>
          t.listRow({
            id: b.id,
            at: dayTimeText(b.createdAt, timeZone),
            stations: b.stationIds.map((id) => tree.byId(id)?.name ?? `#${id}`).join('、'),
            groups: b.progress.groups,
            privateChats: b.progress.privateChats,
            sent: b.progress.sent,
            failed: b.progress.failed,
            pending: b.progress.pending + b.progress.held,
          }),
        );
        ctx.reply([t.listTitle, ...rows].join('\n'));
      },
    },
  ];
}
