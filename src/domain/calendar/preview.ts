import { calendarTexts as texts } from '../../texts/calendar.js';
import { addDays, type CivilDate, instantOf, partsOf, zonedParts } from './civil.js';
import type { Occurrence } from './occurrences.js';
import { type Calendar, occurrencesOf, remindersBetween } from './schedule.js';

// === The operators' preview: every occurrence and reminder in a range, one line each, deterministic

/**
 * Lines `date<TAB>time<TAB>kind<TAB>title<TAB>note`, in time order. Kinds: `day` (an occurrence),
 * `reminder:<rule id>`, `skipped` (a recurring day a holiday cancelled). Years whose official plan is
 * not known come first as `#` lines.
 */
export function previewLines(calendar: Calendar, from: CivilDate, to: CivilDate): string[] {
  const header: string[] = [];
  for (let y = partsOf(from).year; y <= partsOf(to).year; y++) {
    const source = calendar.book.year(y).source;
    if (source === 'not-published') header.push(texts.previewNotPublished(y));
    if (source === 'by-hand') header.push(texts.previewByHand(y));
  }
  const rows: { sort: string; line: string }[] = [];
  const noteOf = (o: Occurrence) => o.holidayNote ?? (o.planUnknown ? texts.previewPlanUnknown(partsOf(o.date).year) : '');
  const { occurrences, displaced } = occurrencesOf(calendar, from, to);
  for (const o of occurrences) {
    const moved = o.items.filter((i) => i.movedFrom).map((i) => texts.previewMoved(i.movedFrom!));
    const note = [noteOf(o), ...moved].filter(Boolean).join('；');
    rows.push({ sort: `${o.date} 0`, line: [o.date, texts.previewDay, 'day', o.items.map((i) => i.title).join('、'), note].join('\t') });
  }
  for (const d of displaced) {
    const note = d.policy === 'skip' ? texts.previewSkipped(d.holiday) : texts.previewMoveUnset(d.holiday);
    rows.push({ sort: `${d.date} 1`, line: [d.date, texts.previewDay, d.policy === 'skip' ? 'skipped' : 'day-not-moved', d.title, note].join('\t') });
  }
  const reminders = remindersBetween(calendar, instantOf(from, '00:00', calendar.timeZone), instantOf(addDays(to, 1), '00:00', calendar.timeZone));
  for (const r of reminders) {
    const z = zonedParts(r.at, calendar.timeZone);
    const time = `${String(z.hour).padStart(2, '0')}:${String(z.minute).padStart(2, '0')}`;
    const title = `${r.occurrence.items.map((i) => i.title).join('、')}（${r.occurrence.date}）`;
    rows.push({ sort: `${z.date} 2 ${time} ${r.key}`, line: [z.date, time, `reminder:${r.ruleId}`, title, noteOf(r.occurrence)].join('\t') });
  }
  rows.sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0));
  return [...header, ...rows.map((r) => r.line.replace(/\t$/, ''))];
}
