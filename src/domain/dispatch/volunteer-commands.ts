import { and, eq } from 'drizzle-orm';
import { requests, stations, type TaskAlertSetting, taskAlertSettings, volunteers } from '../../../db/schema.js';
import { dispatchTexts as t } from '../../texts/dispatch.js';
import { activeStatuses } from './claim.js';
import { dayText } from '../calendar/civil.js';
import { type CommandContext, timeZoneOf } from '../commands/context.js';
import { type Command, tryCommand } from '../commands/registry.js';
import { parseHours, recordVisitStep, type VisitStep } from './visit.js';

// === Volunteers in private chat: /me, 新任务提醒, and the visit steps by button or text

const STEP_WORDS: Record<string, VisitStep> = { 出发: 'depart', 到达: 'arrive', 完成: 'done', 放弃: 'release' };
/** The visit steps' words (出发, 到达, 完成, 放弃). */
export const VISIT_STEP_WORDS = Object.keys(STEP_WORDS);

/** `/me`: profile, status and current tasks. */
export async function showMe(ctx: CommandContext) {
  const [v] = await ctx.tx
    .select({ v: volunteers, community: stations.name })
    .from(volunteers)
    .innerJoin(stations, eq(stations.id, volunteers.stationId))
    .where(eq(volunteers.personId, ctx.person.id));
  if (!v) return ctx.reply(t.notAVolunteer);
  const tasks = await ctx.tx
    .select({ ticket: requests.ticket, status: requests.status })
    .from(requests)
    .where(and(eq(requests.volunteerId, ctx.person.id), activeStatuses));
  ctx.reply(
    t.me({
      id: ctx.person.id,
      name: v.v.name,
      status: t.volunteerStatus[v.v.status] ?? v.v.status,
      community: v.community,
      skills: v.v.skills.map((s) => ctx.findSkill(s)?.name ?? s).join('、'),
      suspendedUntil: v.v.suspendedUntil && v.v.suspendedUntil > ctx.now ? dayText(v.v.suspendedUntil, timeZoneOf(ctx)) : null,
      tasks: tasks.map((x) => `· ${x.ticket}（${x.status === 'claimed' ? '已接单' : '服务中'}）`),
      alerts: t.alertsLabel[v.v.taskAlerts],
    }),
  );
}

const ALERT_WORDS: Record<string, TaskAlertSetting> = {
  开: 'on',
  开启: 'on',
  打开: 'on',
  on: 'on',
  关: 'off',
  关闭: 'off',
  off: 'off',
  紧急: 'urgent',
  只要紧急: 'urgent',
  只收紧急: 'urgent',
  仅紧急: 'urgent',
  urgent: 'urgent',
};

/** The three settings as buttons (`alerts:on|off|urgent`). */
const alertChoices = () => taskAlertSettings.map((s) => ({ id: `alerts:${s}`, label: t.alertsButtons[s] }));

/** `/me` (我的信息, 我的任务): profile, status and current tasks. */
export const meCommand: Command = {
  name: 'me',
  slash: ['/me'],
  words: ['我的信息', '我的任务'],
  where: ['private'],
  who: 'volunteer',
  run: showMe,
};

/**
 * `新任务提醒 开|关|紧急` (and `/alerts on|off|urgent`, the buttons `alerts:on|off|urgent`): whether new
 * tasks are offered in private chat (on, off, urgent ones only). With a setting (typed, or a button
 * pressed) it is stored and confirmed; without, the current one is shown with the choices.
 */
export const alertsCommand: Command = {
  name: 'alerts',
  slash: ['/alerts'],
  words: ['新任务提醒'],
  args: /^\s*(.*)$/,
  buttons: /^alerts:(on|off|urgent)$/,
  where: ['private'],
  who: 'volunteer',
  refusal: t.alertsNotVolunteer,
  async run(ctx, input) {
    const setting = ALERT_WORDS[input.match![1]!.trim().toLowerCase()];
    if (!setting) {
      const [v] = await ctx.tx.select({ taskAlerts: volunteers.taskAlerts }).from(volunteers).where(eq(volunteers.personId, ctx.person.id));
      return ctx.reply(t.alertsCurrent(t.alertsLabel[v!.taskAlerts]), alertChoices());
    }
    await ctx.tx.update(volunteers).set({ taskAlerts: setting }).where(eq(volunteers.personId, ctx.person.id));
    ctx.reply(t.alertsSet[setting]);
  },
};

/** `新任务提醒` by a volunteer (anyone else is told it is for volunteers); false when the message is none of it. */
export const handleAlertsCommand = (ctx: CommandContext) => tryCommand(alertsCommand, ctx);

const TICKET = '(\\d{8}-\\d{4,})';

/** A visit step from a button (`depart:<ticket>`) or text (`完成 <ticket> 1.5小时 已修好`). */
export const visitStepCommand: Command = {
  name: 'visit-step',
  words: VISIT_STEP_WORDS,
  args: new RegExp(`^\\s*${TICKET}\\s*(.*)$`, 's'),
  buttons: new RegExp(`^(depart|arrive|done|release):${TICKET}$`),
  where: ['private'],
  who: 'anyone',
  async run(ctx, input) {
    const m = input.match!;
    // A button: `depart:<ticket>`; text: the step's word, then `<ticket> <the rest>`.
    const step = input.pressed ? (m[1] as VisitStep) : STEP_WORDS[input.form]!;
    const ticket = input.pressed ? m[2]! : m[1]!;
    const rest = input.pressed ? '' : m[2]!.trim();
    const extra: { hours?: number; note?: string; reason?: string } = {};
    if (step === 'done' && rest) {
      const [first = '', ...note] = rest.split(/\s+/);
      const hours = parseHours(first);
      if (hours === null) return ctx.reply(t.doneHowTo(ticket));
      extra.hours = hours;
      extra.note = note.join(' ').slice(0, 200);
    }
    if (step === 'release') extra.reason = rest.slice(0, 200) || '未说明';
    ctx.reply(await recordVisitStep(ctx.tx, ticket, ctx.person.id, step, ctx.now, extra));
  },
};

/** A visit step from a button or text; false if it is none. */
export const handleVisitStep = (ctx: CommandContext) => tryCommand(visitStepCommand, ctx);
