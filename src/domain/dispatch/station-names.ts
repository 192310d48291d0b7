import type { Choice } from '../../core/message.js';
import { dispatchTexts as t } from '../../texts/dispatch.js';
import type { Station } from '../stations/tree.js';
import type { CommandContext } from '../commands/context.js';
import { COMMAND_CHOICE } from '../commands/registry.js';

// === A station named in an organizer's command: the one named, or the closest offered as buttons

/**
 * The station an organizer's command names (code, name, short form or alias). When the name fits
 * none or several, answers with the closest (or all of them, labelled with district and street) as
 * numbered lines and buttons that repeat the command with the station's code; returns undefined then.
 */
export function stationNamed(ctx: CommandContext, typed: string, again: (code: string) => string): Station | undefined {
  const { named, guesses } = ctx.places.matchStations(typed);
  if (named.length === 1) return named[0];
  const list = named.length > 1 ? named : guesses;
  if (list.length === 0) {
    ctx.reply(t.noSuchStation(typed));
    return undefined;
  }
  const lines = list.map((s, i) => `${i + 1}. ${ctx.places.label(s)}：${again(s.code)}`);
  const choices: Choice[] = list.map((s) => ({ id: `${COMMAND_CHOICE}${again(s.code)}`, label: ctx.places.label(s) }));
  ctx.reply(named.length > 1 ? t.whichStation(typed, lines) : t.closestStations(typed, lines), choices);
  return undefined;
}
