import { and, eq } from 'drizzle-orm';
import { requests, stations, type TaskAlertSetting, taskAlertSettings, volunteers } from '../../../db/schema.js';
import { dispatchTexts as t } from '../../texts/dispatch.js';
import { activeStatuses } from './claim.js';
import { dayText } from '../calendar/civil.js';
import { type CommandContext, timeZoneOf } from '../commands/context.js';
import { parseHours, recordVisitStep, type VisitStep } from './visit.js';

// === Volunteers in private chat: /me, 新任务提醒, and the visit steps by button or text

const STEP_WORDS: Record<string, VisitStep> = { 出发: 'depart', 到达: 'arrive', 完成: 'done', 放弃: 'release' };

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

/** `新任务提醒 开|关|紧急` (and `/alerts on|off|urgent`), as people type it. */
const ALERTS = /^(?:新任务提醒|\/alerts(?:@\w+)?)\s*(.*)$/i;
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

/**
 * `新任务提醒`: whether new tasks are offered in private chat (on, off, urgent ones only). With a setting
 * (typed, or a button pressed) it is stored and confirmed; without, the current one is shown with the
 * choices. Only volunteers have one. False when the message is none of this.
 */
export async function handleAlertsCommand(ctx: CommandContext): Promise<boolean> {
  const c = ctx.msg.content;
  let word: string;
  if (c.kind === 'choice') {
    const m = /^alerts:(on|off|urgent)$/.exec(c.choiceId);
    if (!m) return false;
    word = m[1]!;
  } else if (c.kind === 'text') {
    const m = ALERTS.exec(c.text.trim());
    if (!m) return false;
    word = m[1]!.trim().toLowerCase();
  } else return false;
  const [v] = await ctx.tx.select({ taskAlerts: volunteers.taskAlerts }).from(volunteers).where(eq(volunteers.personId, ctx.person.id));
  if (!v) {
    ctx.reply(t.alertsNotVolunteer);
    return true;
  }
  const setting = ALERT_WORDS[word];
  if (!setting) {
    ctx.reply(t.alertsCurrent(t.alertsLabel[v.taskAlerts]), alertChoices());
    return true;
  }
  await ctx.tx.update(volunteers).set({ taskAlerts: setting }).where(eq(volunteers.personId, ctx.person.id));
  ctx.reply(t.alertsSet[setting]);
  return true;
}

/** A visit step from a button (`depart:<ticket>`) or text (`完成 <ticket> 1.5小时 已修好`); false if it is none. */
export async function handleVisitStep(ctx: CommandContext): Promise<boolean> {
  const c = ctx.msg.content;
  let step: VisitStep | undefined;
  let ticket: string | undefined;
  let rest = '';
  if (c.kind === 'choice') {
    const m = /^(depart|arrive|done|release):(\d{8}-\d{4,})$/.exec(c.choiceId);
    if (!m) return false;
    step = m[1] as VisitStep;
    ticket = m[2];
  } else if (c.kind === 'text') {
    const m = /^(出发|到达|完成|放弃)\s*(\d{8}-\d{4,})\s*(.*)$/s.exec(c.text.trim());
    if (!m) return false;
    step = STEP_WORDS[m[1]!];
    ticket = m[2];
    rest = m[3]!.trim();
  } else return false;
  if (!step || !ticket) return false;
  const extra: { hours?: number; note?: string; reason?: string } = {};
  if (step === 'done' && rest) {
    const [first = '', ...note] = rest.split(/\s+/);
    const hours = parseHours(first);
    if (hours === null) {
      ctx.reply(t.doneHowTo(ticket));
      return true;
    }
    extra.hours = hours;
    extra.note = note.join(' ').slice(0, 200);
  }
  if (step === 'release') extra.reason = rest.slice(0, 200) || '未说明';
  ctx.reply(await recordVisitStep(ctx.tx, ticket, ctx.person.id, step, ctx.now, extra));
  return true;
}
