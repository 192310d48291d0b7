import type { Db } from '../../../db/client.js';
import type { CommandHook } from '../../core/flow-runner.js';
import { dispatchTexts as t } from '../../texts/dispatch.js';
import { alertEmergencyWords, announceRequest } from './announce.js';
import { followMigratedChat } from './migration.js';
import { type Command, type CommandDeps, commandHook } from '../commands/registry.js';
import { bindCommand, groupClaimCommand, unbindCommand, unboundGroupCommand } from './group-commands.js';
import { organizerCommands } from './organizer-commands.js';
import { bareStepCommand } from './private-words.js';
import type { StationTree } from '../stations/tree.js';
import { createStationMatcher } from '../stations/matcher.js';
import { sweepDeadlines } from './sweep.js';
import { afterResidentCancel } from './visit.js';
import { alertsCommand, meCommand, visitStepCommand } from './volunteer-commands.js';
import { privateClaimCommand } from './private-claim.js';
import { PRIVATE_OFFERS_PER_LEVEL } from './private-offers.js';

export interface DispatchOptions {
  tree: StationTree;
  /** A catalogue class or item by code or name (for `/bind 站点 技能`). */
  findSkill: (text: string) => { code: string; name: string } | null;
  remindMinutes: number;
  escalateMinutes: number;
  /** The hotline's own number (HOTLINE_PHONE), for refusals that end in "call us". */
  hotlinePhone: string;
  /** Volunteers a request is offered to in private chat, per escalation level (default 5). */
  privateOffersPerRequest?: number;
  /** The zone dates are shown in (`TIME_ZONE`). */
  timeZone?: string;
}

/** Who am I to the system: the account to put in ORGANIZERS, and the 编号 organizers use. */
const whoamiCommand: Command = {
  name: 'whoami',
  slash: ['/whoami'],
  words: ['我的编号', '我的账号'],
  where: ['private'],
  who: 'anyone',
  run: (ctx) => ctx.reply(t.whoami(ctx.person.id, `${ctx.msg.channel}:${ctx.msg.userId}`)),
};

/** Dispatch's commands, in the order they are tried (after the events' and broadcasts', `src/app/commands.ts`). */
export const dispatchCommands: readonly Command[] = [
  meCommand,
  whoamiCommand,
  alertsCommand,
  visitStepCommand,
  ...organizerCommands,
  privateClaimCommand,
  bindCommand,
  unbindCommand,
  unboundGroupCommand,
  groupClaimCommand,
  bareStepCommand,
];

/** Dispatch as the runtime uses it: commands, what follows a stored or cancelled request, the sweep. */
export function createDispatch(options: DispatchOptions) {
  const { tree } = options;
  const offersPerLevel = options.privateOffersPerRequest ?? PRIVATE_OFFERS_PER_LEVEL;
  const deps = dispatchCommandDeps(options);
  const run = commandHook(dispatchCommands, deps);
  /** Dispatch's commands alone (the app tries the events' and broadcasts' first): every group message is theirs. */
  const commands: CommandHook = async (h) => (await run(h)) || h.msg.isGroup;
  return {
    commands,
    /** What dispatch's commands are given beside the message (the app gives every command the same). */
    commandDeps: deps,
    /** A request was stored: announce it. */
    afterRequestCreated: (tx: Db, requestId: number, emergencyWords: string[], at: Date) =>
      announceRequest(tx, tree, requestId, emergencyWords, at, offersPerLevel),
    /** Emergency words mid-conversation: organizers of the person's usual community (or all) are told at once. */
    afterEmergencyWords: (tx: Db, personId: number, words: string[], at: Date) => alertEmergencyWords(tx, tree, personId, words, at),
    /** A resident cancelled: edit cards, tell the volunteer. */
    afterRequestCancelled: (tx: Db, requestId: number, volunteerId: number | null, at: Date) => afterResidentCancel(tx, requestId, volunteerId, at),
    /** A group chat got a new id (Telegram group → supergroup): keep its binding and cards. */
    followMigratedChat: (db: Db, channel: string, from: string, to: string) => followMigratedChat(db, channel, from, to),
    /** One pass of reminders and escalations. */
    sweep: (db: Db, now: Date) =>
      sweepDeadlines(db, { tree, remindMinutes: options.remindMinutes, escalateMinutes: options.escalateMinutes, privateOffersPerLevel: offersPerLevel }, now),
  };
}

export type Dispatch = ReturnType<typeof createDispatch>;

/** The app's parts a command is given (stations, the hotline, skills, timing). */
export function dispatchCommandDeps(options: DispatchOptions): CommandDeps {
  return {
    tree: options.tree,
    places: createStationMatcher(options.tree),
    hotline: options.hotlinePhone,
    findSkill: options.findSkill,
    settings: { remindMinutes: options.remindMinutes, escalateMinutes: options.escalateMinutes },
    timeZone: options.timeZone,
  };
}
