import { dispatchTexts as t } from '../../texts/dispatch.js';
import { addStationAlias, cleanAlias, removeStationAlias } from '../stations/aliases.js';
import type { CommandContext } from '../commands/context.js';
import { isOrganizerOf } from '../people/roles.js';
import { stationNamed } from './station-names.js';

// === `/alias <站点> <别名>`, `/unalias <站点> <别名>`, `/alias <站点>`: names residents use for a station

/**
 * Adds (or with `remove`, removes) an alias of a station the organizer organizes; with no alias,
 * lists the station's names. The tree learns it at once: the next resident who types it is understood.
 */
export async function aliasCommand(ctx: CommandContext, args: string[], remove: boolean): Promise<void> {
  const usage = remove ? '/unalias 站点 别名' : '/alias 站点 别名（例如 /alias 文昌社区 文昌小区）';
  const [stationText, ...rest] = args;
  if (!stationText || (remove && rest.length === 0)) return ctx.reply(t.usage(usage));
  const command = remove ? '/unalias' : '/alias';
  const station = stationNamed(ctx, stationText, (code) => [command, code, ...rest].join(' '));
  if (!station) return;
  if (!(await isOrganizerOf(ctx.tx, ctx.tree, ctx.person.id, station.id))) return ctx.reply(t.aliasNotOrganizerOf(station.name));
  if (rest.length === 0) return ctx.reply(t.aliasList(station.name, station.aliases));
  const alias = cleanAlias(rest.join(''));
  if (!alias) return ctx.reply(t.aliasBad);
  if (remove) {
    const ok = await removeStationAlias(ctx.tx, ctx.tree, station.id, alias);
    return ctx.reply(ok ? t.aliasRemoved(alias, station.name) : t.aliasNotOwn(alias, station.name));
  }
  const added = await addStationAlias(ctx.tx, ctx.tree, station.id, alias, ctx.person.id, ctx.now);
  ctx.reply(added ? t.aliasAdded(alias, station.name) : t.aliasKnown(alias, station.name));
}
