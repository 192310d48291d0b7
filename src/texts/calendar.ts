// === Sentences of service days: reminders to volunteer groups and volunteers, feed entries, the preview.

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** One item of a day, as the reminder lists it. */
export interface ReminderItem {
  title: string;
  theme: string;
  services: string[];
  /** Moved off an official holiday: its original date, `YYYY-MM-DD`. */
  movedFrom?: string;
}

/** 5月31日 from 2025-05-31. */
const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** One planned event of the station, as the reminder lists it. */
export interface ReminderEvent {
  time: string;
  title: string;
  place: string;
}

export const calendarTexts = {
  /** 12月27日（星期六）. */
  dayLabel: (month: number, day: number, weekday: number) => `${month}月${day}日（星期${WEEKDAYS[weekday] ?? ''}）`,
  reminder: (r: { daysBefore: number; dayLabel: string; items: ReminderItem[]; holidayNote: string | null; events: ReminderEvent[]; station: string | null }) =>
    [
      r.daysBefore === 0
        ? `📅 今天${r.dayLabel}是${r.items.map((i) => i.title).join('、')}，辛苦大家！`
        : `📅 提醒：${r.daysBefore === 1 ? '明天' : `${r.daysBefore}天后`}，${r.dayLabel}是${r.items.map((i) => i.title).join('、')}。`,
      ...(r.holidayNote ? [`（${r.holidayNote}）`] : []),
      ...r.items.map(
        (i) =>
          `· ${i.title}${i.movedFrom ? `（由${monthDay(i.movedFrom)}改期）` : ''}：${i.theme}${i.services.length > 0 ? `。服务项目：${i.services.join('、')}` : ''}`,
      ),
      ...(r.events.length > 0 ? [`${r.station ? `${r.station}` : '本站'}当天的活动：`, ...r.events.map((e) => `· ${e.time} ${e.title}（${e.place}）`)] : []),
      r.daysBefore === 0 ? '请按时到岗，注意安全。' : '请提前安排时间，有问题请联系站点组织者。',
    ].join('\n'),
  /** The description of a day in the .ics feed. */
  feedDescription: (items: ReminderItem[], holidayNote: string | null) =>
    [...items.map((i) => `${i.title}：${i.theme}${i.services.length > 0 ? `（${i.services.join('、')}）` : ''}`), ...(holidayNote ? [holidayNote] : [])].join(
      '\n',
    ),
  feedAlarm: (title: string) => `${title}快到了`,
  feedCalendarName: (station: string) => `${station} 服务日历`,
  // --- The preview (npm run calendar -- preview)
  previewDay: '全天',
  previewMoved: (from: string) => `由${from}改期`,
  previewSkipped: (holiday: string) => `逢${holiday}假期，本月不办`,
  previewMoveUnset: (holiday: string) => `逢${holiday}假期，组织者尚未设定改期日期（calendar 文件的 moves）`,
  previewPlanUnknown: (year: number) => `${year}年放假安排尚未公布`,
  previewNotPublished: (year: number) => `# ${year}年放假安排尚未公布：节假日和调休未计入（可在 calendar 文件的 holidaysByHand 中手工填写）`,
  previewByHand: (year: number) => `# ${year}年放假安排为手工填写（holidaysByHand）`,
};
