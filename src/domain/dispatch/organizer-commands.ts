import { and, asc, eq, inArray, or } from 'drizzle-orm';
import { catalogueItems, people, requestEvents, requests, reveals, stations, volunteers } from '../../../db/schema.js';
import { enqueueMessages } from '../../core/outbox.js';
import { statusLabel } from '../../texts/resident.js';
import { dispatchTexts as t } from '../../texts/dispatch.js';
import { historyOf } from '../requests/requests.js';
import { requestView } from './announce.js';
import { claimRefusal, claimRequest } from './claim.js';
import { type CommandContext, timeZoneOf } from '../commands/context.js';
import { ANY_ARGS, type Command, NO_ARGS } from '../commands/registry.js';
import { link, personIdOf, undelivered } from './organizer-people-commands.js';
import { dayTimeText } from '../calendar/civil.js';
import { volunteerOf } from '../volunteers/registration.js';
import { grantOrganizer, isOrganizerOf, privateChatOf, stationsOfOrganizer } from '../people/roles.js';
import { stationNamed } from './station-names.js';
import { aliasCommand } from './alias-commands.js';
import { recordAudit, rightsOf } from '../people/audit.js';
import { auditCommand } from './audit-commands.js';

// === Organizer tools in private chat; every command checks the role on the server

/** `/pending`: open requests in the organizer's stations, oldest first. */
async function pending(ctx: CommandContext) {
  const rows = await ctx.tx
    .select({
      id: requests.id,
      ticket: requests.ticket,
      stationId: requests.stationId,
      openedAt: requests.openedAt,
      urgent: requests.urgent,
      itemName: catalogueItems.name,
      community: stations.name,
    })
    .from(requests)
    .leftJoin(catalogueItems, eq(catalogueItems.code, requests.itemCode))
    .innerJoin(stations, eq(stations.id, requests.stationId))
    .where(and(eq(requests.status, 'open'), inArray(requests.stationId, await stationsOfOrganizer(ctx.tx, ctx.tree, ctx.person.id))))
    .orderBy(asc(requests.openedAt))
    .limit(30);
  const mine = rows;
  if (mine.length === 0) return ctx.reply(t.pendingNone);
  ctx.reply(
    t.pendingList(
      mine.slice(0, 30).map((r) =>
        t.pendingRow({
          ticket: r.ticket,
          itemName: r.itemName ?? '',
          community: r.community,
          urgent: r.urgent,
          minutes: Math.round((ctx.now.getTime() - r.openedAt.getTime()) / 60_000),
        }),
      ),
    ),
  );
}

const stationName = (ctx: CommandContext, id: number) => ctx.tree.byId(id)?.name ?? String(id);

/** `/request <ticket>`: details and full history (organizers see the private fields). */
async function requestDetail(ctx: CommandContext, ticket: string) {
  const [row] = await ctx.tx.select({ id: requests.id }).from(requests).where(eq(requests.ticket, ticket));
  const r = row && (await requestView(ctx.tx, row.id));
  if (!r) return ctx.reply(t.unknownTicket(ticket));
  if (!(await isOrganizerOf(ctx.tx, ctx.tree, ctx.person.id, r.stationId))) return ctx.reply(t.notOrganizerOf(stationName(ctx, r.stationId), '查看它'));
  const events = await historyOf(ctx.tx, r.id);
  await ctx.tx.insert(reveals).values({ requestId: r.id, personId: ctx.person.id, reason: 'organizer-view', at: ctx.now });
  ctx.reply(
    t.requestDetail([
      `${r.ticket}（${statusLabel(r.status)}${r.urgent ? '，紧急' : ''}）`,
      `服务：${r.className ?? ''} · ${r.itemName ?? ''}`,
      `居民：${r.residentName} ${r.phone}`,
      `地址：${r.community} ${r.address}`,
      `时间：${r.wantedTime}`,
      `问题：${r.description}`,
      '经过：',
      ...events.map((e) => `· ${dayTimeText(e.at, timeZoneOf(ctx))} ${e.type}${e.actorId ? ` #${e.actorId}` : ''}`),
    ]),
  );
}

/** Whether a volunteer ever held a task: one now (any status), or one they gave back. */
async function hasServed(ctx: CommandContext, personId: number): Promise<boolean> {
  const [held] = await ctx.tx.select({ id: requests.id }).from(requests).where(eq(requests.volunteerId, personId)).limit(1);
  if (held) return true;
  const [acted] = await ctx.tx
    .select({ id: requestEvents.id })
    .from(requestEvents)
    .where(and(eq(requestEvents.actorId, personId), or(eq(requestEvents.type, 'claimed'), eq(requestEvents.type, 'released'))))
    .limit(1);
  return Boolean(acted);
}

/**
 * `/approve <id>` and `/reject <id>` (and the buttons): decide a registration; the volunteer is told.
 * An approved volunteer who has taken tasks is not turned into a rejected one: their service records stay theirs.
 */
async function decide(ctx: CommandContext, idText: string, ok: boolean) {
  const id = personIdOf(idText);
  const v = id !== null ? await volunteerOf(ctx.tx, id) : undefined;
  if (!v || id === null) return ctx.reply(t.noSuchVolunteer(idText));
  if (id === ctx.person.id) return ctx.reply(t.decideSelf);
  if (!(await isOrganizerOf(ctx.tx, ctx.tree, ctx.person.id, v.stationId))) return ctx.reply(t.decideOutside(id));
  if (!ok && v.status === 'approved' && (await hasServed(ctx, id))) return ctx.reply(t.rejectHasTasks(id));
  const before = await rightsOf(ctx.tx, id);
  await ctx.tx
    .update(volunteers)
    .set({ status: ok ? 'approved' : 'rejected', decidedBy: ctx.person.id, decidedAt: ctx.now })
    .where(eq(volunteers.personId, id));
  const after = await rightsOf(ctx.tx, id);
  const action = ok ? 'approve' : 'reject';
  await recordAudit(ctx.tx, { at: ctx.now, actorId: ctx.person.id, action, subjectId: id, stationIds: [v.stationId], before: [before], after: [after] });
  const chat = await privateChatOf(ctx.tx, id);
  if (chat) await enqueueMessages(ctx.tx, [{ ...chat, payload: { text: ok ? t.volunteerApproved : t.volunteerRejected(ctx.hotline) } }], ctx.now);
  ctx.reply(t.decided(id, ok));
}

/** `/volunteers [station]`: volunteers of a station and below. */
async function listVolunteers(ctx: CommandContext, stationText?: string) {
  const station = stationText ? stationNamed(ctx, stationText, (code) => `/volunteers ${code}`) : undefined;
  if (stationText && !station) return;
  const rows = await ctx.tx
    .select({ v: volunteers, community: stations.name })
    .from(volunteers)
    .innerJoin(stations, eq(stations.id, volunteers.stationId))
    .orderBy(volunteers.personId)
    .limit(500);
  const mine = new Set(await stationsOfOrganizer(ctx.tx, ctx.tree, ctx.person.id));
  const asked = station ? new Set(ctx.tree.under([station.id]).map((s) => s.id)) : null;
  const visible = rows.filter((r) => mine.has(r.v.stationId) && (!asked || asked.has(r.v.stationId)));
  if (visible.length === 0) return ctx.reply(t.volunteersNone);
  ctx.reply(
    visible
      .slice(0, 50)
      .map((r) =>
        t.volunteerRow({
          id: r.v.personId,
          name: r.v.name,
          status: t.volunteerStatus[r.v.status] ?? r.v.status,
          community: r.community,
          party: r.v.partyMember,
        }),
      )
      .join('\n'),
  );
}

/** `/assign <ticket> <volunteer id>`: manual dispatch; the volunteer gets the details. */
async function assign(ctx: CommandContext, ticket: string, idText: string) {
  const [row] = await ctx.tx.select({ stationId: requests.stationId }).from(requests).where(eq(requests.ticket, ticket));
  if (!row) return ctx.reply(t.unknownTicket(ticket));
  if (!(await isOrganizerOf(ctx.tx, ctx.tree, ctx.person.id, row.stationId))) return ctx.reply(t.notOrganizerOf(stationName(ctx, row.stationId), '派单'));
  const volunteerId = personIdOf(idText);
  if (volunteerId === null) return ctx.reply(t.usage('/assign 单号 志愿者编号'));
  const result = await claimRequest(ctx.tx, ticket, volunteerId, ctx.now, 'assign', ctx.person.id);
  ctx.reply(result.ok ? t.assigned(ticket, result.volunteerName) : t.assignFailed(ticket, claimRefusal(result, ctx.hotline, timeZoneOf(ctx))));
}

/** `/organizer <person id> <station>`: an organizer of a station makes someone else (who exists) organizer of it. */
async function makeOrganizer(ctx: CommandContext, idText: string, stationText: string) {
  const station = stationNamed(ctx, stationText, (code) => `/organizer ${idText} ${code}`);
  if (!station) return;
  if (!(await isOrganizerOf(ctx.tx, ctx.tree, ctx.person.id, station.id))) return ctx.reply(t.organizerOutside(station.name));
  const id = personIdOf(idText);
  if (id === null) return ctx.reply(t.usage('/organizer 编号 站点'));
  if (id === ctx.person.id) return ctx.reply(t.organizerSelf);
  // A role for an id nobody has yet would fall to whoever gets that id.
  const [known] = await ctx.tx.select({ id: people.id }).from(people).where(eq(people.id, id));
  if (!known) return ctx.reply(t.noSuchPerson(idText));
  await grantOrganizer(ctx.tx, id, station.id, ctx.person.id, ctx.now);
  ctx.reply(t.madeOrganizer(id, station.name));
}

/** An organizer's command in a private chat (any words may follow; each reads its own and answers with its usage). */
const organizerCommand = (name: string, run: Command['run'], more: Partial<Command> = {}): Command => ({
  name: name.slice(1),
  slash: [name],
  args: ANY_ARGS,
  where: ['private'],
  who: 'organizer',
  run,
  ...more,
});

const usage = (ctx: CommandContext, u: string) => ctx.reply(t.usage(u));

/**
 * The organizers' commands, checked on the server every time. The Chinese words are ordinary words
 * too: they count only in their exact shape, and only organizers' (others go on to the flows).
 */
export const organizerCommands: Command[] = [
  organizerCommand('/pending', (ctx) => pending(ctx)),
  organizerCommand('/request', (ctx, { args }) => (args[0] ? requestDetail(ctx, args[0]) : usage(ctx, '/request 单号'))),
  organizerCommand('/assign', (ctx, { args }) => (args.length >= 2 ? assign(ctx, args[0]!, args[1]!) : usage(ctx, '/assign 单号 志愿者编号'))),
  organizerCommand('/volunteers', (ctx, { args }) => listVolunteers(ctx, args[0])),
  organizerCommand('/approve', (ctx, { args, match, pressed }) => decision(ctx, pressed ? match![1] : args[0], true), { buttons: /^approve:(\d+)$/ }),
  organizerCommand('/reject', (ctx, { args, match, pressed }) => decision(ctx, pressed ? match![1] : args[0], false), { buttons: /^reject:(\d+)$/ }),
  organizerCommand('/organizer', (ctx, { args }) => (args.length >= 2 ? makeOrganizer(ctx, args[0]!, args[1]!) : usage(ctx, '/organizer 编号 站点'))),
  organizerCommand('/link', (ctx, { args }) => (args.length >= 2 ? link(ctx, args[0]!, args[1]!) : usage(ctx, '/link 编号1 编号2（把 2 合并到 1）')), {
    words: ['合并'],
    wordArgs: /^\s+\S+\s+\S+$/,
    ordinaryWords: true,
  }),
  organizerCommand('/undelivered', (ctx) => undelivered(ctx), { words: ['未送达'], wordArgs: NO_ARGS, ordinaryWords: true }),
  organizerCommand('/audit', (ctx, { args }) => auditCommand(ctx, args[0]), { words: ['操作记录'], wordArgs: /^(?:\s+\S+)?$/, ordinaryWords: true }),
  organizerCommand('/alias', (ctx, { args }) => aliasCommand(ctx, args, false)),
  organizerCommand('/unalias', (ctx, { args }) => aliasCommand(ctx, args, true)),
];

/** `/approve <id>` and `/reject <id>`, or their buttons. */
const decision = (ctx: CommandContext, id: string | undefined, ok: boolean) => (id ? decide(ctx, id, ok) : usage(ctx, ok ? '/approve 编号' : '/reject 编号'));
