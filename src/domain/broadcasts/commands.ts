import type { CommandHook } from '../../core/flow-runner.js';
import { broadcastTexts as t } from '../../texts/broadcasts.js';
import { dayTimeText } from '../calendar/civil.js';
import { isOrganizer, stationsOfOrganizer } from '../people/roles.js';
import type { StationTree } from '../stations/tree.js';
import { recentBroadcasts } from './report.js';

// === /broadcasts (群发记录): past broadcasts of the organizer's stations, in private chat

const LIST = /^(\/broadcasts(@\w+)?|群发记录)$/i;

/** The broadcast commands, tried before dispatch's: true when the message was one. Times are shown in `timeZone`. */
export function broadcastCommands(tree: StationTree, timeZone: string): CommandHook {
  return async (h) => {
    const c = h.msg.content;
    if (h.msg.isGroup || c.kind !== 'text' || !LIST.test(c.text.trim())) return false;
    if (!(await isOrganizer(h.tx, h.person.id))) {
      h.reply({ text: t.notOrganizer });
      return true;
    }
    const visible = new Set(await stationsOfOrganizer(h.tx, tree, h.person.id));
    const list = await recentBroadcasts(h.tx, visible);
    if (list.length === 0) {
      h.reply({ text: t.listNone });
      return true;
    }
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
    h.reply({ text: [t.listTitle, ...rows].join('\n') });
    return true;
  };
}
