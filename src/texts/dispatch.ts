// === Sentences of dispatch: cards in volunteer groups, notices to volunteers, residents, organizers.

export type CardState = 'open' | 'taken' | 'in_progress' | 'done' | 'cancelled';

export const dispatchTexts = {
  // --- The announcement card (never an address or phone)
  card: (c: {
    ticket: string;
    className: string;
    itemName: string;
    community: string;
    wantedTime: string;
    description: string;
    urgent: boolean;
    hurry: boolean;
    escalatedFrom?: string;
  }) =>
    [
      `${c.urgent ? '🚨【紧急】' : ''}${c.hurry ? '⏰【加急】' : ''}新求助 ${c.ticket}`,
      `服务：${c.className} · ${c.itemName}`,
      `社区：${c.community}${c.escalatedFrom ? `（${c.escalatedFrom}暂无人接单）` : ''}`,
      `时间：${c.wantedTime}`,
      `问题：${c.description}`,
      `接单请点下方按钮，或回复“接单 ${c.ticket}”。`,
    ].join('\n'),
  claimButton: '我来接单',
  hurryNudge: (ticket: string, community: string, itemName: string, minutes: number) =>
    `⏰ 加急：${community}的求助 ${ticket}（${itemName}）已等 ${minutes} 分钟，还没有人接单。请点上面卡片的按钮，或回复“接单 ${ticket}”。`,
  cardTaken: (ticket: string, name: string) => `✅ ${ticket} 已由 ${name} 接单，谢谢！`,
  cardInProgress: (ticket: string, name: string) => `🚶 ${ticket} ${name} 正在服务`,
  cardDone: (ticket: string, name: string) => `🎉 ${ticket} 已由 ${name} 完成，谢谢！`,
  cardCancelled: (ticket: string) => `${ticket} 居民已取消，无需上门。`,

  // --- Claiming
  claimedPrivate: (d: {
    ticket: string;
    itemName: string;
    community: string;
    address: string;
    phone: string;
    residentName: string;
    wantedTime: string;
    description: string;
    urgent: boolean;
  }) =>
    [
      `您已接单 ${d.ticket}${d.urgent ? '（紧急）' : ''}，谢谢！以下信息请勿外传：`,
      `服务：${d.itemName}`,
      // WeChat tells no name: a person known only as the placeholder 居民 is shown without one.
      ...(d.residentName && d.residentName !== '居民' ? [`居民：${d.residentName}`] : []),
      `电话：${d.phone}`,
      `地址：${d.community} ${d.address}`,
      `时间：${d.wantedTime}`,
      `问题：${d.description}`,
      `出发时请点“出发”；完成后回复“完成 ${d.ticket} 1.5小时 已修好”；去不了请回复“放弃 ${d.ticket} 原因”。`,
    ].join('\n'),
  claimAlreadyTaken: (name: string) => `来晚了一步，已被 ${name} 接单。谢谢您！`,
  claimNotVolunteer: '请先登记为志愿者：私聊我发送“我要当志愿者”。',
  claimPending: '您的志愿者登记还在审核中，审核通过后就能接单。',
  claimRejected: (hotline: string) => `您的志愿者登记未通过，如有疑问请拨打热线 ${hotline}。`,
  claimSuspended: (until: string) => `您目前暂停接单，至 ${until} 恢复。`,
  claimClosed: (ticket: string) => `${ticket} 已结束或已取消，无需接单。`,
  claimInGroup: '接单请在收到求助的志愿者群里：点卡片下方的“我来接单”，或在群里回复“接单 单号”。',
  notOfferedToYou: (ticket: string) => `求助 ${ticket} 没有私信派给您，请在收到它的志愿者群里接单。`,
  notAnnouncedHere: (ticket: string) => `求助 ${ticket} 没有发到这个群，请在收到它的群里接单。`,
  unknownTicket: (ticket: string) => `没有找到求助 ${ticket}，请核对单号。`,
  residentClaimed: (ticket: string, name: string) => `好消息：您的求助 ${ticket} 已由志愿者 ${name} 接单，稍后会和您联系。`,

  // --- A task offered in private chat (never an address or phone)
  offerCard: (c: { ticket: string; className: string; itemName: string; community: string; wantedTime: string; description: string; urgent: boolean }) =>
    [
      `${c.urgent ? '🚨【紧急】' : ''}附近有新求助 ${c.ticket}`,
      `服务：${c.className} · ${c.itemName}`,
      `社区：${c.community}`,
      `时间：${c.wantedTime}`,
      `问题：${c.description}`,
      `能去的话请点下方按钮，或回复“接单 ${c.ticket}”即可接单。`,
      '不想再收到这样的提醒，请回复“新任务提醒 关”。',
    ].join('\n'),
  /** Short status lines of notices (template messages), by what happened. */
  noticeStatus: {
    offered: '待接单',
    claimed: '已接单',
    departed: '已出发',
    arrived: '已到达',
    done: '已完成',
    released: '重新安排中',
  },

  // --- New-task alerts in private chat (新任务提醒)
  alertsLabel: { on: '开（所有新任务）', off: '关', urgent: '只提醒紧急求助' },
  alertsButtons: { on: '开', off: '关', urgent: '只要紧急' },
  alertsCurrent: (label: string) => `新任务私信提醒：${label}。\n要修改，请选择下面一项，或回复“新任务提醒 开”“新任务提醒 关”“新任务提醒 紧急”。`,
  alertsSet: {
    on: '好的，附近有新求助时会私信提醒您。',
    off: '好的，不再私信提醒新任务。想恢复时回复“新任务提醒 开”。',
    urgent: '好的，以后只私信提醒紧急求助。',
  },
  alertsNotVolunteer: '新任务提醒是给志愿者的。想帮助邻里，请发送“我要当志愿者”报名。',

  // --- The visit
  visitButtons: { depart: '出发', arrive: '到达', done: '完成', release: '放弃' },
  departed: (ticket: string) => `已记录：${ticket} 出发。路上注意安全！`,
  arrived: (ticket: string) => `已记录：${ticket} 到达。`,
  residentDeparted: (ticket: string, name: string) => `志愿者 ${name} 已出发，正在赶来（${ticket}）。`,
  residentArrived: (ticket: string, name: string) => `志愿者 ${name} 已到达（${ticket}）。`,
  doneHowTo: (ticket: string) => `请回复：完成 ${ticket} 服务小时数 简短说明，例如“完成 ${ticket} 1.5小时 已修好”。`,
  doneRecorded: (ticket: string, hours: number) => `已记录完成 ${ticket}，服务 ${hours} 小时。辛苦了，谢谢您！`,
  residentDone: (ticket: string, name: string) => `志愿者 ${name} 已完成您的求助 ${ticket}。如果问题没解决，请回复“查询”联系我们。`,
  released: (ticket: string) => `已放弃 ${ticket}，我们会重新派单。谢谢告知！`,
  residentReleased: (ticket: string) => `原来的志愿者临时去不了，我们正在为 ${ticket} 重新安排，请稍候。`,
  notYourTask: (ticket: string) => `${ticket} 不是您接的单，或已结束。`,
  stepNeedsTicket: (word: string, tickets: string[]) =>
    `请在“${word}”后面加上单号，例如“${word} ${tickets[0]}${word === '完成' ? ' 1.5小时 已修好' : ''}”。您当前的任务：${tickets.join('、')}`,
  stepNoTask: (word: string) => `您目前没有进行中的任务，不用发“${word}”。接单后，上门各步可点任务消息下方的按钮。`,
  stepNotVolunteer: (word: string) => `“${word}”是志愿者接单后上门时用的。如需求助，请直接说说遇到了什么问题。`,
  volunteerResidentCancelled: (ticket: string) => `居民已取消 ${ticket}，无需上门了，谢谢您！`,

  // --- Organizers
  alertEmergencyWords: (name: string, words: string, phone: string | null) =>
    `🚨 居民 ${name}${phone ? `（${phone}）` : ''}刚在对话中提到“${words}”，求助还没填完。请尽快联系，必要时拨打 120/119/110。`,
  alertNoGroup: (ticket: string, community: string) => `⚠️ ${ticket}（${community}）附近没有绑定的志愿者群，请手动派单：/assign ${ticket} 志愿者编号`,
  alertUrgent: (ticket: string, community: string, words: string) =>
    `🚨 紧急求助 ${ticket}（${community}）：居民提到“${words}”。请立即联系居民，必要时拨打 120/119/110。/request ${ticket}`,
  alertEscalated: (ticket: string, community: string, minutes: number) =>
    `⏰ ${ticket}（${community}）${minutes} 分钟无人接单，已扩大到上级站点的群和志愿者。/assign ${ticket} 志愿者编号 可手动派单`,
  newVolunteer: (id: number, name: string, community: string, skills: string) =>
    `新志愿者报名：#${id} ${name}（${community}，擅长：${skills}）。通过：/approve ${id}，不通过：/reject ${id}`,
  approveButton: '通过',
  rejectButton: '不通过',
  volunteerApproved:
    '恭喜！您的志愿者登记已通过审核，可以在志愿者群里接单了。附近有新求助时也会私信提醒您；回复“新任务提醒 关”可关闭，“新任务提醒 紧急”只收紧急的。',
  volunteerRejected: (hotline: string) => `抱歉，您的志愿者登记未通过审核，如有疑问请拨打热线 ${hotline}。`,
  rejectHasTasks: (id: number) => `志愿者 #${id} 已通过审核并接过单，不能再改为不通过（服务记录要保留）。`,
  decided: (id: number, ok: boolean) => `已${ok ? '通过' : '拒绝'}志愿者 #${id}。`,
  notOrganizer: '这个命令只有站点组织者（工作人员）可以用。如果您负责一个站点，请上级站点的组织者用 /organizer 为您开通。',
  notOrganizerOf: (station: string, what: string) => `这张单属于「${station}」，只有它或其上级站点的组织者可以${what}。`,
  aliasNotOrganizerOf: (station: string) => `只有「${station}」或其上级站点的组织者可以给它加减别名。`,
  decideSelf: '不能审核您自己的志愿者登记，请本站点的另一位组织者（或上级站点的组织者）审核。',
  decideOutside: (id: number) => `#${id} 登记的社区不在您负责的站点内：只有该社区或其上级站点的组织者可以审核。`,
  organizerSelf: '不能给自己设工作人员，请联系上级站点的组织者。',
  organizerOutside: (station: string) => `只有「${station}」或其上级站点的组织者可以设它的工作人员。`,
  usage: (u: string) => `用法：${u}`,
  noSuchVolunteer: (id: string) => `没有找到志愿者 ${id}。`,
  noSuchStation: (s: string) => `没有找到站点“${s}”。请打区、街道/镇或社区/村的名称（如“运南社区”“新兴街道”），或站点编号（如 330402011015）。`,
  closestStations: (s: string, lines: string[]) => `没有找到站点“${s}”，最接近的是（点一下或照着发）：\n${lines.join('\n')}`,
  whichStation: (s: string, lines: string[]) => `“${s}”有几个同名站点，请选一个（点一下或照着发）：\n${lines.join('\n')}`,
  assigned: (ticket: string, name: string) => `已把 ${ticket} 派给 ${name}。`,
  assignFailed: (ticket: string, why: string) => `${ticket} 派单失败：${why}`,
  madeOrganizer: (id: number, station: string) => `已设 #${id} 为 ${station} 的工作人员。`,
  aliasAdded: (alias: string, station: string) => `好的，以后居民打“${alias}”就能找到「${station}」。`,
  aliasKnown: (alias: string, station: string) => `「${station}」已经有别名“${alias}”了。`,
  aliasRemoved: (alias: string, station: string) => `已删除「${station}」的别名“${alias}”。`,
  aliasNotOwn: (alias: string, station: string) => `「${station}」没有工作人员加的别名“${alias}”（站点文件里的别名要改文件）。`,
  aliasBad: '别名要 2 到 30 个字，例如小区名或路名：/alias 文昌社区 文昌小区',
  aliasList: (station: string, aliases: string[]) =>
    `「${station}」的别名：${aliases.length > 0 ? aliases.join('、') : '（还没有）'}\n添加：/alias 站点 别名；删除：/unalias 站点 别名`,
  noSuchPerson: (id: string) => `没有找到编号 ${id} 的人。`,
  linkSame: '两个编号相同，无需合并。',
  linkSelf: '不能合并您自己的编号，请联系上级站点的组织者。',
  linkOutside: (id: number) =>
    `不能合并：#${id} 关联的站点（志愿者所在社区、负责的站点、求助所在社区）不都在您负责的范围内。两人都要在您负责的站点内才能合并，否则请联系上级站点的组织者。`,
  linkNotBelow: (id: number) => `不能合并：#${id} 是站点工作人员，只有比其负责的站点更高一级的组织者才能合并。`,
  linkNowhere: '不能合并：两人都还没有关联任何站点（不是志愿者，也没有求助），只有市级中心的组织者可以合并。',
  linked: (keep: { id: number; name: string }, merged: { id: number; name: string }) =>
    `已把 #${merged.id} ${merged.name} 合并到 #${keep.id} ${keep.name}：账号、求助和服务记录都归到 #${keep.id}。`,
  undeliveredNone: '最近 7 天没有未送达的消息。',
  undeliveredList: (rows: string[]) => ['最近 7 天未送达的消息（最新的在前）：', ...rows].join('\n'),
  undeliveredRow: (r: { time: string; name: string; id: number; channel: string; reason: string; text: string }) =>
    `· ${r.time} ${r.name}（#${r.id}，${r.channel}）${r.reason}：${r.text}`,
  undeliveredHeld: '等对方再发消息后补发',
  undeliveredFailed: (why: string) => `发送失败（${why}）`,
  auditUsage: '/audit [页码]（操作记录，最新的在前）',
  auditNone: '您负责的站点还没有操作记录。',
  auditNoMore: (page: number) => `操作记录没有第 ${page} 页，请从 /audit 看起。`,
  auditPage: (page: number, rows: string[], more: boolean) =>
    [`操作记录（最新的在前，第 ${page} 页）：`, ...rows, ...(more ? [`更早的：/audit ${page + 1}`] : [])].join('\n'),
  auditRow: (r: { time: string; actor: string; what: string; stations: string; before: string; after: string }) =>
    `· ${r.time} ${r.actor} ${r.what}（${r.stations}）\n  之前：${r.before}\n  之后：${r.after}`,
  auditSystem: '系统（ORGANIZERS 设置）',
  auditWhat: {
    link: (subject: number, other: number) => `把 #${other} 合并到 #${subject}`,
    approve: (subject: number) => `通过志愿者 #${subject}`,
    reject: (subject: number) => `不通过志愿者 #${subject}`,
    grant_organizer: (subject: number) => `设 #${subject} 为工作人员`,
  },
  auditRights: (p: { id: number; volunteer: string | null; organizerOf: string[] }) =>
    `#${p.id} 志愿者：${p.volunteer ?? '无'}，负责：${p.organizerOf.length > 0 ? p.organizerOf.join('、') : '无'}`,
  auditGone: (id: number, into: number) => `#${id} 已并入 #${into}`,
  deliveryErrors: {
    blocked: '对方已屏蔽或取消关注',
    chat_not_found: '找不到对方',
    rejected: '平台拒收',
    network: '网络问题',
    rate_limited: '发送太频繁',
    window_closed: '超过平台允许的回复时间',
  } as Record<string, string>,

  // --- Listings
  me: (v: {
    id: number;
    name: string;
    status: string;
    community: string;
    skills: string;
    suspendedUntil: string | null;
    tasks: string[];
    /** The 新任务提醒 setting, in words (left out: no line). */
    alerts?: string;
  }) =>
    [
      `志愿者 #${v.id} ${v.name}（${v.community}）`,
      `状态：${v.status}${v.suspendedUntil ? `，暂停接单至 ${v.suspendedUntil}` : ''}`,
      `擅长：${v.skills}`,
      ...(v.alerts ? [`新任务提醒：${v.alerts}（回复“新任务提醒”修改）`] : []),
      v.tasks.length ? `当前任务：\n${v.tasks.join('\n')}` : '当前没有任务。',
    ].join('\n'),
  notAVolunteer: '您还不是志愿者。想帮助邻里，请发送“我要当志愿者”报名。',
  whoami: (personId: number, account: string) => `您的编号：${personId}\n您的账号：${account}\n（设置组织者时用账号，例如 ORGANIZERS=${account}）`,
  volunteerStatus: { pending: '审核中', approved: '已通过', rejected: '未通过' } as Record<string, string>,
  pendingNone: '目前没有待接的求助。',
  pendingList: (rows: string[]) => ['待接单的求助（最早的在前）：', ...rows].join('\n'),
  pendingRow: (r: { ticket: string; itemName: string; community: string; minutes: number; urgent: boolean }) =>
    `${r.urgent ? '🚨' : '·'} ${r.ticket} ${r.itemName}（${r.community}）已等 ${r.minutes} 分钟`,
  requestDetail: (lines: string[]) => lines.join('\n'),
  volunteersNone: '这里还没有志愿者。',
  volunteerRow: (v: { id: number; name: string; status: string; community: string; party: boolean }) =>
    `#${v.id} ${v.name}${v.party ? '（党员）' : ''} ${v.community} · ${v.status}`,

  // --- Groups
  bound: (station: string, skill: string | null) => `好的，本群已绑定为「${station}」${skill ? `（${skill}）` : ''}志愿者群，新求助会发到这里。`,
  unbound: '本群已解除绑定，不再接收新求助。',
  bindInGroup: '绑定和解绑请在志愿者群里发送，例如在群里发“/bind 文昌社区”。',
  notBound: '本群还没有绑定站点，不会收到求助。工作人员可发送“/bind 站点名称 [服务类别]”绑定，例如“/bind 文昌社区 家电维修”。',
  unknownSkill: (s: string) => `没有找到服务类别“${s}”。`,
} as const;
