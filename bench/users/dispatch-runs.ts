import { dispatchTexts } from '../../src/texts/dispatch.js';
import { newResidents } from './plan.js';
import { GROUP_CHAT, VOLUNTEER_BASE } from './seed.js';
import { CONFIRMED_SCRIPT, pressAll, type WatchedStandin } from './telegram-load.js';

// === A request confirmed → its card in the group; volunteers pressing 我来接单 on it at once

const PHONE = '13812345678';

/** Pushes `text` from `userId` and waits for the reply; throws when none comes. */
export async function say(standin: WatchedStandin, userId: number, text: string) {
  const reply = standin.nextSend(userId, 120_000);
  standin.pushUpdate(standin.textMessage({ chatId: userId, userId, text, firstName: '居民' }));
  if (Number.isNaN(await reply)) throw new Error(`no reply to "${text}"`);
}

/** A new resident's intake, confirmed: the time from the confirming message to the card in the group, and the card. */
export async function confirmedToCard(standin: WatchedStandin): Promise<{ ms: number; card: { message_id: number; reply_markup?: any } }> {
  const resident = newResidents(1);
  for (const text of CONFIRMED_SCRIPT.slice(0, -1)) await say(standin, resident, text);
  const card = standin.nextSend(GROUP_CHAT, 120_000);
  const pushed = performance.now();
  await say(standin, resident, CONFIRMED_SCRIPT.at(-1)!);
  const at = await card;
  if (Number.isNaN(at)) throw new Error('no card in the group within 2 minutes');
  return { ms: at - pushed, card: standin.lastMessage(GROUP_CHAT) };
}

/** The callback data of the card's 我来接单 button. */
export function claimData(card: { reply_markup?: { inline_keyboard: { text: string; callback_data?: string }[][] } }): string {
  const button = card.reply_markup?.inline_keyboard.flat().find((b) => b.text.includes(dispatchTexts.claimButton));
  if (!button?.callback_data) throw new Error(`the group's last message is not a card: ${JSON.stringify(card).slice(0, 200)}`);
  return button.callback_data;
}

export interface PressResult {
  p50: number;
  p99: number;
  unanswered: number;
  /** Volunteers who were sent the request's details (only lianxin's card has a winner). */
  winners: number;
}

/** `n` seeded volunteers press the card's button at once; each press timed to its answer. */
export async function pressCard(standin: WatchedStandin, card: { message_id: number; reply_markup?: any }, n: number): Promise<PressResult> {
  const told = new Set<string>();
  const off = standin.listen((call) => {
    const chat = Number(call.params.chat_id);
    if (call.method === 'sendMessage' && chat >= VOLUNTEER_BASE && chat < VOLUNTEER_BASE + n && String(call.params.text).includes(PHONE))
      told.add(String(chat));
  });
  const volunteers = Array.from({ length: n }, (_, i) => VOLUNTEER_BASE + i);
  const pressed = await pressAll(standin, GROUP_CHAT, card, claimData(card), volunteers);
  // The winner's details are a private message, sent after the presses were answered.
  const until = performance.now() + 30_000;
  while (told.size === 0 && performance.now() < until) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 2000));
  off();
  return { ...pressed, winners: told.size };
}

/** The same presses on the echo bot, which answers each and has no winner. */
export async function pressEcho(standin: WatchedStandin, n: number): Promise<PressResult> {
  const card = { message_id: 1 };
  const data = 'claim:bench';
  const volunteers = Array.from({ length: n }, (_, i) => VOLUNTEER_BASE + i);
  return { ...(await pressAll(standin, GROUP_CHAT, card, data, volunteers)), winners: 0 };
}
