import { and, desc, eq, gte, inArray, or, sql } from 'drizzle-orm';
import { channelIdentities, outbox, people, requests, volunteers } from '../../../db/schema.js';
import { redactForGroup } from '../../core/privacy.js';
import { dispatchTexts as t } from '../../texts/dispatch.js';
import { dayTimeText } from '../calendar/civil.js';
import { linkPeople } from '../people/link.js';
import { type CommandContext, timeZoneOf } from '../commands/context.js';
import { recordAudit, rightsOf } from '../people/audit.js';
import { mayMerge } from './people-rules.js';
import { stationsOfOrganizer } from '../people/roles.js';

// === Organizer tools about people and reaching them: /link (one person, two records), /undelivered

/** A typed person id (`12` or `#12`) that fits the integer column; null for anything else. */
export const personIdOf = (text: string): number | null => {
  const id = Number(text.replace(/^#/, ''));
  return Number.isInteger(id) && id > 0 && id <= 2_147_483_647 ? id : null;
};

const WEEK_MS = 7 * 86_400_000;

/**
 * `/link <编号1> <编号2>` (合并): person 2 becomes person 1 (`linkPeople`), when `mayMerge` allows it:
 * both wholly within the organizer's stations, no organizer merged by a peer, nobody by themselves.
 * Written to the audit log with both people's rights before and the kept person's after.
 */
export async function link(ctx: CommandContext, firstText: string, secondText: string) {
  const keepId = personIdOf(firstText);
  const mergeId = personIdOf(secondText);
  if (keepId === null) return ctx.reply(t.noSuchPerson(firstText));
  if (mergeId === null) return ctx.reply(t.noSuchPerson(secondText));
  if (keepId === mergeId) return ctx.reply(t.linkSame);
  // Locked (in id order, as linkPeople does) before the rules are checked, until the merge commits.
  const found = await ctx.tx
    .select({ id: people.id })
    .from(people)
    .where(inArray(people.id, [keepId, mergeId]))
    .orderBy(people.id)
    .for('update');
  for (const [id, text] of [
    [keepId, firstText],
    [mergeId, secondText],
  ] as const) {
    if (!found.some((p) => p.id === id)) return ctx.reply(t.noSuchPerson(text));
  }
  const verdict = await mayMerge(ctx.tx, ctx.tree, ctx.person.id, keepId, mergeId);
  if (!verdict.ok) return ctx.reply(linkRefusal(verdict.why, verdict.personId ?? keepId));
  const before = [await rightsOf(ctx.tx, keepId), await rightsOf(ctx.tx, mergeId)];
  const result = await linkPeople(ctx.tx, keepId, mergeId);
  if (!result.ok) return ctx.reply(result.reason === 'same' ? t.linkSame : t.noSuchPerson(String(result.id)));
  const after = [await rightsOf(ctx.tx, keepId)];
  await recordAudit(ctx.tx, {
    at: ctx.now,
    actorId: ctx.person.id,
    action: 'link',
    subjectId: keepId,
    otherId: mergeId,
    stationIds: verdict.stations,
    before,
    after,
  });
  ctx.reply(t.linked(result.kept, result.merged));
}

const linkRefusal = (why: 'self' | 'outside' | 'not_below' | 'nowhere', personId: number) =>
  ({ self: t.linkSelf, outside: t.linkOutside(personId), not_below: t.linkNotBelow(personId), nowhere: t.linkNowhere })[why];

/**
 * `/undelivered` (未送达): messages of the last 7 days that are held (the platform waits for the person
 * to write) or failed, to people of the organizer's stations (their volunteer station, or the station
 * of their latest request); the 20 newest, the text cut short and redacted.
 */
export async function undelivered(ctx: CommandContext) {
  const mine = await stationsOfOrganizer(ctx.tx, ctx.tree, ctx.person.id);
  if (mine.length === 0) return ctx.reply(t.undeliveredNone);
  const latestRequestStation = sql<
    number | null
  >`(select r.station_id from ${requests} r where r.resident_id = ${channelIdentities.personId} order by r.id desc limit 1)`;
  const rows = await ctx.tx
    .select({
      id: outbox.id,
      channel: outbox.channel,
      status: outbox.status,
      lastError: outbox.lastError,
      payload: outbox.payload,
      createdAt: outbox.createdAt,
      personId: people.id,
      displayName: people.displayName,
      volunteerName: volunteers.name,
    })
    .from(outbox)
    .innerJoin(channelIdentities, and(eq(channelIdentities.channel, outbox.channel), eq(channelIdentities.externalId, outbox.chatId)))
    .innerJoin(people, eq(people.id, channelIdentities.personId))
    .leftJoin(volunteers, eq(volunteers.personId, people.id))
    .where(
      and(
        inArray(outbox.status, ['held', 'failed']),
        gte(outbox.createdAt, new Date(ctx.now.getTime() - WEEK_MS)),
        or(inArray(volunteers.stationId, mine), inArray(latestRequestStation, mine)),
      ),
    )
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(20);
  if (rows.length === 0) return ctx.reply(t.undeliveredNone);
  ctx.reply(
    t.undeliveredList(
      rows.map((r) => {
        const text = typeof r.payload.text === 'string' ? r.payload.text : '';
        const why = r.lastError ? (t.deliveryErrors[r.lastError] ?? redactForGroup(r.lastError).slice(0, 40)) : '';
        return t.undeliveredRow({
          time: dayTimeText(r.createdAt, timeZoneOf(ctx)),
          name: r.volunteerName ?? r.displayName,
          id: r.personId,
          channel: r.channel,
          reason: r.status === 'held' ? t.undeliveredHeld : t.undeliveredFailed(why),
          text: redactForGroup(text).replace(/\s+/g, ' ').slice(0, 30),
        });
      }),
    ),
  );
}
