import type { AuditPerson } from '../../../db/schema.js';
import { dispatchTexts as t } from '../../texts/dispatch.js';
import { auditEntriesOf, type AuditEntry } from '../people/audit.js';
import { type CommandContext, timeZoneOf } from '../commands/context.js';
import { dayTimeText } from '../calendar/civil.js';
import { stationsOfOrganizer } from '../people/roles.js';

// === `/audit [页码]` (操作记录): the audit entries of the organizer's stations, newest first

const PAGE = 10;

/** One entry in words: ids, station names and statuses only (the log holds nothing else). */
function entryText(ctx: CommandContext, e: AuditEntry, mine: Set<number>): string {
  const name = (id: number) => ctx.tree.byId(id)?.name ?? `#${id}`;
  const rights = (p: AuditPerson) =>
    t.auditRights({
      id: p.id,
      volunteer: p.volunteer && `${name(p.volunteer.stationId)}·${t.volunteerStatus[p.volunteer.status] ?? p.volunteer.status}`,
      organizerOf: p.organizerOf.map(name),
    });
  const after = e.after.map(rights);
  if (e.action === 'link' && e.otherId !== null) after.push(t.auditGone(e.otherId, e.subjectId));
  return t.auditRow({
    time: dayTimeText(e.at, timeZoneOf(ctx)),
    actor: e.actorId === null ? t.auditSystem : `#${e.actorId}`,
    what: e.action === 'link' ? t.auditWhat.link(e.subjectId, e.otherId ?? 0) : t.auditWhat[e.action](e.subjectId),
    // Only the reader's own stations are named: the entry may concern others too.
    stations: e.stationIds
      .filter((s) => mine.has(s))
      .map(name)
      .join('、'),
    before: e.before.map(rights).join('；'),
    after: after.join('；'),
  });
}

/** Lists a page of the audit entries that concern any station the organizer is responsible for. */
export async function auditCommand(ctx: CommandContext, pageText?: string): Promise<void> {
  const page = pageText === undefined ? 1 : Number(pageText);
  if (!Number.isInteger(page) || page < 1 || page > 10_000) return ctx.reply(t.usage(t.auditUsage));
  const mine = await stationsOfOrganizer(ctx.tx, ctx.tree, ctx.person.id);
  const rows = await auditEntriesOf(ctx.tx, mine, (page - 1) * PAGE, PAGE + 1);
  if (rows.length === 0) return ctx.reply(page === 1 ? t.auditNone : t.auditNoMore(page));
  const set = new Set(mine);
  ctx.reply(
    t.auditPage(
      page,
      rows.slice(0, PAGE).map((e) => entryText(ctx, e, set)),
      rows.length > PAGE,
    ),
  );
}
