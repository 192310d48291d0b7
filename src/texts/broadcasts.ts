import { texts } from './resident.js';

// === Every sentence of broadcasts (群发): the organizer's flow, the delivery report, /broadcasts.
// Simplified Chinese, short and polite; numbered choices are added by the channel.

/** Why a message to a group or person could not be delivered, as an organizer reads it. */
const FAILURE_REASONS: Record<string, string> = {
  blocked: '机器人已被移出群或被对方屏蔽',
  chat_not_found: '找不到这个群',
  rejected: '平台拒收',
  network: '网络多次失败',
  rate_limited: '平台限流',
  window_closed: '超出微信回复时限',
  chat_migrated: '群已升级，改发新群失败',
};

/** The broadcast flow's, report's and listing's texts. */
export const broadcastTexts = {
  // --- Who may
  notOrganizer: '群发只有站点的工作人员（组织者）可以用。如需发通知，请联系您所在站点的工作人员。',

  // --- Stations
  askStations: '群发给哪些站点？选中的站点连同它下面的所有站点、服务点的群都会收到。可回复数字（可多选，如“1 3”），或直接写站点名称：',
  stationsChosen: (names: string[]) => `已选：${names.join('、')}。\n还可以继续添加；选好了请回复“选好了”：`,
  stationsHelp: '回复数字选站点，可以一次选几个（如“1 3”）；也可以写站点名称（如“南湖区”）。选“全部”就是您负责的所有站点。选好后回复“选好了”。',
  stationAll: (names: string[]) => `全部（${names.join('、')}及下属所有站点）`,
  stationWithBelow: (name: string) => `${name}及下属站点`,
  stationsDone: '选好了',
  stationsNoneChosen: '请至少选一个站点，回复数字或写站点名称：',
  stationsNotFound: (words: string[]) => `没找到您负责的站点“${words.join('、')}”，请回复数字或换个写法：`,

  // --- Text
  askText: (limit: number) => `请写要群发的内容（一条消息，最多 ${limit} 字）。写好直接发来即可：`,
  textHelp: (limit: number) => `直接发来要通知的文字，例如活动时间、地点和注意事项。最多 ${limit} 字；说“返回”可以重选站点。`,
  textTooLong: (length: number, limit: number) => `内容有 ${length} 字，超过了 ${limit} 字的上限，请删减后重新发来：`,
  textTooShort: '内容太短了，请写清要通知的事：',

  // --- Preview and confirmation
  noTargets: '这些站点还没有绑定的群，也没有可以私信通知的志愿者，发不出去。请换个站点：',
  preview: (text: string, groups: number, privateChats: number) =>
    [
      '预览（大家会看到下面这段）：',
      '————',
      text,
      '————',
      `将发到 ${groups} 个群${privateChats > 0 ? `，另私信通知 ${privateChats} 位没有群的微信志愿者` : ''}。确认发送吗？`,
    ].join('\n'),
  previewHelp: '回复 1 发送；2 修改内容；3 重选站点；说“取消”就不发了。',
  previewChoices: { send: '确认发送', editText: '修改内容', editStations: '重选站点', cancel: '不发了' },
  started: (id: number, targets: number) => `已开始发送（群发 #${id}，共 ${targets} 处）。为了不超过平台的发送频率，会分批慢慢发，全部发完后会把结果告诉您。`,
  cancelled: '好的，不发了。需要时再说“群发”。',

  // --- Navigation and input the flow does not expect
  notUnderstood: texts.notUnderstood,
  stale: texts.stale,
  editedMessage: texts.editedMessage,
  firstStep: texts.firstStep,
  unknownCommand: '没有这个命令。可以说：帮助、取消、返回。',
  voiceNotSupported: '群发暂时只能发文字，请打字：',
  mediaNotSupported: '群发暂时只能发文字，请打字：',
  photoNotNeeded: '群发暂时只能发文字，请打字：',
  contactNotNeeded: '这一步不需要联系人，请按提示回答：',
  locationNotNeeded: '这一步不需要位置，请按提示回答：',

  // --- Delivery report (to the organizer, when nothing is pending any more)
  failureReason: (code: string | null) => FAILURE_REASONS[code ?? ''] ?? '发送失败',
  report: (o: { id: number; targets: number; sent: number; held: number; failures: { reason: string; count: number }[] }) =>
    [
      `群发 #${o.id} 已发完：共 ${o.targets} 处，送达 ${o.sent} 处。`,
      ...(o.held > 0 ? [`${o.held} 位微信志愿者暂时发不到（超过 48 小时没联系），他们下次发消息时会收到。`] : []),
      ...(o.failures.length > 0
        ? [`未送达 ${o.failures.reduce((n, f) => n + f.count, 0)} 处：${o.failures.map((f) => `${f.reason} ${f.count}`).join('；')}。`]
        : []),
      '发“群发记录”可以查看以往的群发。',
    ].join('\n'),

  // --- /broadcasts
  listNone: '还没有群发记录。说“群发”可以发一条。',
  listTitle: '最近的群发：',
  listRow: (o: { id: number; at: string; stations: string; groups: number; privateChats: number; sent: number; failed: number; pending: number }) =>
    `#${o.id} ${o.at} · ${o.stations} · ${o.groups}个群${o.privateChats ? `+${o.privateChats}人` : ''} · 送达${o.sent} 失败${o.failed} 待发${o.pending}`,
};
