// === Every sentence a resident, volunteer or organizer reads, in one place for review.
// Simplified Chinese, short and polite; numbered choices are added by the channel.

const STATUS_LABELS: Record<string, string> = {
  open: '等待接单',
  claimed: '志愿者已接单',
  in_progress: '志愿者服务中',
  done: '已完成',
  cancelled: '已取消',
  closed: '已结束',
};

export const texts = {
  // --- Intake: asking
  hello: '您好，这里是连心桥便民服务，很高兴为您服务。',
  describeAgain: '请用一两句话说说您遇到的困难（比如“电视坏了”“水管漏水”），或回复数字选择类别：',
  descriptionNoted: '您说的话已经记下了。',
  /** 你是谁, 你们是干什么的: who we are, before asking what is wrong. */
  whoWeAre: '我们是社区志愿者的便民服务：东西坏了、想问政策、邻里有矛盾、老人要照顾……告诉我们，志愿者来帮忙。',
  /** 我不会打字, 你们打电话给我吧: the hotline, kindly; the question follows. */
  callHotline: (hotline: string) => `没关系，慢慢来。不方便打字的话，请直接拨打热线 ${hotline}，接线员会帮您登记。在这里继续也可以：`,
  describeHelp: '直接打字说问题就行，例如“厨房水管漏水”；也可以回复数字先选类别。随时说“取消”退出，“返回”回到上一步。',
  /** A class in the lists: its everyday words beside the official name, "修东西（生活求助类）". */
  classLabel: (name: string, plainName: string | null) => (plainName ? `${plainName}（${name}）` : name),
  /** More problems were in the first message: they are filed one after another. */
  morePending: (problems: string[]) => `您还说了：${problems.map((p) => `“${p}”`).join('、')}。先登记第一件，登记好后接着帮您登记。`,
  /** An emergency said after another problem was chosen: the emergency is filed first, the problem next. */
  emergencyFiledFirst: (problem: string) => `这次先按“紧急求助”登记，尽快派人。您前面说的“${problem}”，登记好后接着帮您登记。`,
  /** The next of several problems, with community, address and phone kept. */
  nextProblem: (problem: string) => `接着登记下一件：“${problem}”。社区、地址、电话照旧。不需要的话说“不用了”。`,
  notUnderstoodDescription: '没能确定是哪类服务，您说的话已记下，请回复数字选择类别：',
  emptyDescription: '请用文字简单说说遇到的问题，或回复数字选择类别：',
  pickItem: (className: string) => `请选择「${className}」里的具体服务，回复数字：`,
  /** One page of a long item list (at most 8 items a page): its group, where it stands, and the way on. */
  pickItemPage: (className: string, group: string | null, page: number, pages: number) =>
    `请选择「${className}」里的具体服务（${group ? `${group}，` : ''}第${page}页，共${pages}页；没有要找的请选“更多”），回复数字：`,
  /** The choice that shows the next page of items; on the last page it goes back to the first. */
  moreItems: '更多',
  firstItemsAgain: '回到第一页',
  pickItemHelp: '回复列表前的数字即可；没有要找的选“更多”看下一页，也可以直接打字说需要什么。说“返回”回到上一页或重新选类别。',
  confirmItem: '您需要的是不是下面这项？请回复数字：',
  /** Several items fit the words about equally: the person picks one. */
  chooseItem: '您说的可能是下面几项，请选最贴近的一项，回复数字：',
  /** A yes-word when several items were offered: which one is meant? */
  chooseOneItem: '请回复数字，选一项最贴近的服务：',
  confirmItemHelp: '回复数字选一项；都不对就选最后一项，自己挑类别。',
  noneOfThese: '都不是，我自己选',
  askCommunity: '请问您住在哪个社区（村）？回复数字，或直接打社区、村的名称：',
  communityHelp: '打社区或村的名字就行，比如“运南”“文昌社区”；说不清的话打街道或镇的名称，或选“按区、街道一步步选”。',
  askAddress: '请告诉我们详细地址（小区、楼号、门牌号），例如“文昌小区3幢2单元501”。地址只给接单的志愿者看。',
  addressHelp: '写清小区名和门牌号，志愿者才能找到您。也可以发送位置。',
  /** A yes-word where the address is asked. */
  communityNotYes: '请直接打社区或村的名字（比如“运南”），或回复数字选择：',
  addressNotYes: '请直接写上地址，例如“文昌小区3幢2单元501”：',
  /** An address typed at the community question: kept, and the community asked once more. */
  addressKept: (address: string) => `地址记下了：${address}。还要确认一下社区：`,
  addressTooShort: '地址好像太短了，请写上小区和门牌号：',
  addressTooLong: '地址太长了，请简短一些（100字以内）：',
  locationReceived: (label: string) => `收到位置：${label}。`,
  askPhone: '请留一个联系电话，志愿者上门前会先打给您：',
  askPhoneKnown: '请留一个联系电话，志愿者上门前会先打给您。用之前的号码请回复 1，或直接输入新号码：',
  /** Policy questions and disputes: a staff member calls back, nobody comes to the door. */
  askPhoneAdvice: '请留一个联系电话，工作人员会打给您：',
  askPhoneKnownAdvice: '请留一个联系电话，工作人员会打给您。用之前的号码请回复 1，或直接输入新号码：',
  /** Giving up the further problems of a message after the first was filed. */
  restNotFiled: (ticket: string) => `好的，这件就不登记了。前面登记的 ${ticket} 照常处理。`,
  useKnownPhone: (masked: string) => `用 ${masked}`,
  phoneHelp: '手机号是11位数字（1开头）；座机请带区号，例如 0573-82345678。',
  phoneInvalid: '这个号码好像不对。请写11位手机号，或家里座机号；自己没有手机，留家人或邻居的号码也行：',
  /** "不用了" / "不要" when the number on file was offered. */
  /** Added to the request's words when the number is a relative's or neighbour's. */
  phoneOwnerNote: (owner: string) => `（联系电话是${owner}的）`,
  askNewPhone: '好的，请直接输入要留的号码：',
  askWhen: '您希望什么时候上门？回复数字，或直接说时间（例如“周六上午”）：',
  whenHelp: '回复 1 表示越快越好；也可以直接写时间。',
  whenChoices: ['尽快', '今天', '明天'] as const,
  /** Policy questions and disputes: how the answer should come, instead of a visit time. */
  askWay: '这类事一般先由工作人员电话答复。您希望怎么答复？回复数字：',
  wayHelp: '回复 1 电话答复；想当面谈，可以到服务点或请人上门。',
  wayChoices: ['电话答复', '到服务点面谈', '上门面谈'] as const,
  summaryTitle: '请核对您的求助：',
  summaryLines: (f: {
    className: string;
    itemName: string;
    description: string;
    community: string;
    address: string;
    phone: string;
    /** Whose number it is when not the resident's own (女儿). */
    phoneOwner: string | null;
    wantedTime: string;
    /** False: `wantedTime` is how to be answered (电话答复), not a visit time. */
    homeVisit: boolean;
    urgent: boolean;
    attachments: number;
  }) =>
    [
      `服务：${f.className} · ${f.itemName}`,
      `问题：${f.description}`,
      `社区：${f.community}`,
      `地址：${f.address}`,
      `电话：${f.phone}${f.phoneOwner ? `（${f.phoneOwner}的）` : ''}`,
      f.homeVisit ? `时间：${f.wantedTime}` : `答复：${f.wantedTime}`,
      ...(f.attachments > 0 ? [`照片：${f.attachments} 张`] : []),
      ...(f.urgent ? ['紧急：是（优先处理）'] : []),
    ].join('\n'),
  confirmHelp: '回复 1 提交；要改哪一项就回复对应的数字，也可以直接说，比如“地址错了”“电话改成13812345678”“改到明天”。',
  /** A field changed by words at the summary ("电话改成…"). */
  changed: '已改好。',
  confirmChoices: {
    submit: '确认提交',
    item: '改服务类别',
    description: '改问题描述',
    community: '改社区',
    address: '改地址',
    phone: '改电话',
    when: '改时间',
  },
  askDescriptionEdit: '请重新说说您遇到的问题：',
  requestCapped: (perDay: number, hotline: string) =>
    `您今天已经登记了 ${perDay} 个求助，达到了每天的上限，这一个暂时没法在这里登记。请拨打热线 ${hotline}，接线员会帮您办理；遇到急事请直接拨打 120 / 119 / 110。`,
  submitted: (ticket: string, urgent: boolean) =>
    `已为您登记，单号 ${ticket}。` + (urgent ? '已标为紧急，工作人员会优先处理。' : '') + '我们正在联系附近的志愿者，有人接单后会告诉您。查进度请说“查询”。',

  // --- Navigation and mistakes
  cancelled: '好的，已取消。需要帮忙时随时找我。',
  nothingToCancel: '好的。需要帮忙时直接说问题就行。',
  firstStep: '已经是第一步了。',
  notUnderstood: '没太明白，请回复列表前的数字，或按提示回答。',
  stale: '这个问题已经过去了，请看当前的问题：',
  unknownCommand: '没有这个命令。可以说：帮助、取消、返回、查询。',
  mineDuringIntake: '您正在填写求助。说“取消”退出后，可以查询以前的求助。',
  truncated: (max: number) => `内容较长，只保留了前 ${max} 个字。`,
  voiceNotSupported: (hotline: string) => `抱歉，这条语音没能转成文字。请打字告诉我们，或拨打热线 ${hotline}。`,
  photoAttached: '照片收到了，已附在求助里。',
  photoNotNeeded: '收到照片。这一步请用文字回答：',
  mediaNotSupported: '暂时只能看懂文字，请打字或回复数字。',
  contactNotNeeded: '收到名片。这一步请按提示回答：',

  // --- My requests
  noRequests: '您还没有求助记录。需要帮忙时直接说问题就行。',
  requestList: (rows: { ticket: string; itemName: string; status: string }[]) =>
    ['您最近的求助：', ...rows.map((r) => `· ${r.ticket} ${r.itemName}（${statusLabel(r.status)}）`)].join('\n'),
  requestListAsk: '要取消哪一个？回复数字；不取消请说“返回”。',
  requestListDone: '以上是您的求助情况，需要帮忙时直接说问题就行。',
  cancelRequestChoice: (ticket: string) => `取消 ${ticket}`,
  keepRequests: '不取消',
  confirmCancelRequest: (ticket: string) => `确定要取消求助 ${ticket} 吗？`,
  confirmCancelChoices: ['确定取消', '不取消'] as const,
  requestCancelled: (ticket: string) => `求助 ${ticket} 已取消。`,
  requestNotCancellable: (ticket: string, hotline: string) => `求助 ${ticket} 现在不能取消了（可能已完成），有疑问请拨打热线 ${hotline}。`,
  requestKept: '好的，不取消。',

  // --- Runtime
  conversationExpired: '上次的对话超过24小时没有继续，已经结束了。我们重新开始：',
  flowUpdated: '系统刚刚升级，请从头再说一次，给您添麻烦了。',
  sorry: '抱歉，系统开了个小差，请稍后再发一次。',
  /** The message will come round again by itself: sending it again would answer it twice. */
  sorryReceived: '抱歉，系统开了个小差。您的消息已经收到，恢复后会自动回复您，不用再发；如果过几分钟还没有回复，请再发一次。',
  groupNotForResidents: '您好！求助请私聊我。',
  /** One person sent far faster than anyone types: said once per flood; what they sent meanwhile is not read. */
  tooFast: '您发得太快了，请稍等一下再发。这期间的消息没有处理，稍后请把要说的再发一次。',
  /** Someone followed the account (WeChat subscribe). */
  welcome:
    '您好，欢迎关注连心桥便民服务！家里有困难，直接发消息告诉我们就行，比如“电视坏了”“想找人陪看病”；说话不方便打字，也可以发语音。\n' +
    '点下方菜单“一键求助”开始，“我的求助”查看进度。遇到急事请先拨打 120 / 119 / 110。',
  heldDigest: (n: number) => (n === 1 ? '您不在时，有一条消息没能及时发给您：' : `您不在时，有 ${n} 条消息没能及时发给您：`),
  heldDigestMore: (n: number) => `（还有 ${n} 条较早的消息，可回复“查询”查看求助进度）`,

  // --- Telegram channel
  telegramChosen: (label: string) => `✅ 您选择了：${label}`,
  telegramQuestionExpired: '（这个问题已经过去了）',
  editedMessage: '修改过的消息不会重新处理。请直接发一条新消息：',

  // --- Console channel
  consoleIntro: (data: string) =>
    `连心桥 · 终端对话（您是居民）。数据保存在：${data}\n` +
    '接入 Telegram 等平台：设置 TELEGRAM_BOT_TOKEN 等变量（见 README 和 .env.example）。按 Ctrl+D 结束对话。',
} as const;

export function statusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status;
}

/** 13812345678 → 138****5678; other numbers keep their last four digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  return `****${digits.slice(-4)}`;
}
