import type { Db } from '../../../db/client.js';
import type { CommandHook } from '../../core/flow-runner.js';
import { enqueueMessages } from '../../core/outbox.js';
import { dispatchTexts as t } from '../../texts/dispatch.js';
import { alertEmergencyWords, announceRequest } from './announce.js';
import { followMigratedChat } from './migration.js';
import type { CommandContext } from '../commands/context.js';
import { handleGroupMessage } from './group-commands.js';
import { handleOrganizerCommand } from './organizer-commands.js';
import { handleMisplacedWords } from './private-words.js';
import type { StationTree } from '../stations/tree.js';
import { createStationMatcher } from '../stations/matcher.js';
import { COMMAND_CHOICE } from './station-names.js';
import { sweepDeadlines } from './sweep.js';
import { afterResidentCancel } from './visit.js';
import { handleAlertsCommand, handleVisitStep, showMe } from './volunteer-commands.js';
import { handlePrivateClaim } from './private-claim.js';
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

const ME = /^(\/me(@\w+)?|我的信息|我的任务)$/;
/** Who am I to the system: the account to put in ORGANIZERS, and the 编号 organizers use. */
const WHOAMI = /^(\/whoami(@\w+)?|我的编号|我的账号)$/;

/** Dispatch as the runtime uses it: commands, what follows a stored or cancelled request, the sweep. */
export function createDispatch(options: DispatchOptions) {
  const { tree } = options;
  const offersPerLevel = options.privateOffersPerRequest ?? PRIVATE_OFFERS_PER_LEVEL;
  const places = createStationMatcher(tree);
  const commands: CommandHook = async (h) => {
    // A button offered by a command (the closest stations) runs that command again, as if typed.
    const c = h.msg.content;
    const msg =
      c.kind === 'choice' && c.choiceId.startsWith(COMMAND_CHOICE)
        ? { ...h.msg, content: { kind: 'text' as const, text: c.choiceId.slice(COMMAND_CHOICE.length) } }
        : h.msg;
    const ctx: CommandContext = {
      tx: h.tx,
      tree,
      hotline: options.hotlinePhone,
      places,
      person: h.person,
      msg,
      now: h.now,
      reply: (text, choices) => h.reply({ text, ...(choices ? { choices } : {}) }),
      notice: h.notice,
      tellPrivately: async (text) => {
        await enqueueMessages(h.tx, [{ channel: h.msg.channel, chatId: h.msg.userId, payload: { text } }], h.now);
      },
      findSkill: options.findSkill,
      settings: { remindMinutes: options.remindMinutes, escalateMinutes: options.escalateMinutes },
      timeZone: options.timeZone,
    };
    if (msg.isGroup) {
      await handleGroupMessage(ctx);
      return true;
    }
    if (msg.content.kind === 'text' && ME.test(msg.content.text.trim())) {
      await showMe(ctx);
      return true;
    }
    if (msg.content.kind === 'text' && WHOAMI.test(msg.content.text.trim())) {
      ctx.reply(t.whoami(h.person.id, `${h.msg.channel}:${h.msg.userId}`));
      return true;
    }
    return (
      (await handleAlertsCommand(ctx)) ||
      (await handleVisitStep(ctx)) ||
      (await handleOrganizerCommand(ctx)) ||
      (await handlePrivateClaim(ctx)) ||
      (await handleMisplacedWords(ctx))
    );
  };
  return {
    commands,
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
