import { texts } from './resident.js';

// === Every sentence of the volunteer registration flow. Simplified Chinese, short and polite;
// numbered choices are added by the channel.

/** The volunteer registration flow's texts. */
export const volunteerTexts = {
  // --- Start
  welcome: '感谢您报名成为志愿者！请回答几个简单的问题，一两分钟就好。随时说“取消”退出，“返回”回到上一步。',
  statusPending: (name: string) => `${name}，您的志愿者报名正在审核中，审核结果会通知您，请耐心等待。`,
  statusApproved: (name: string) => `${name}，您已经是志愿者了（审核已通过），可以在志愿者群里接单。谢谢您！`,
  statusRejected: (name: string, hotline: string) => `${name}，您的志愿者报名未通过，如有疑问请拨打热线 ${hotline}。`,

  // --- Name
  askName: '请问您的姓名？请直接输入（2到20个字）：',
  askNameKnown: '请问您的姓名？用下面的名字请回复 1，或直接输入姓名：',
  nameHelp: '请写您的真实姓名，方便工作人员和居民称呼您，例如“王建国”。',
  nameInvalid: '姓名好像不对，请输入2到20个字的姓名：',

  // --- Mobile phone
  askPhone: '请留一个手机号，派单时会打给您：',
  askPhoneKnown: '请留一个手机号，派单时会打给您。用之前的号码请回复 1，或直接输入新号码：',
  useKnownPhone: (masked: string) => `用 ${masked}`,
  phoneHelp: '请输入11位手机号（1开头），例如 13812345678。',
  phoneInvalid: '这个号码好像不对，请输入11位手机号（1开头）：',
  phoneLandline: '志愿者需要留手机号，方便随时联系。请输入11位手机号（1开头）：',

  // --- Party member
  askParty: '请问您是党员吗？请回复数字：',
  partyChoices: { yes: '是（党员）', no: '否' },
  partyHelp: '是中共党员（含预备党员）请回复 1，不是请回复 2。',

  // --- Skills
  askSkills: '您能提供哪些服务？可以选多项：回复数字（如“1 3”），或直接写会做的事（如“水电 家电维修”）：',
  skillsChosen: (names: string[], doneNumber: number) => `已选：${names.join('、')}。\n还可以继续添加；选好了请回复 ${doneNumber}：`,
  skillsHelp: '可以一次回复几个数字，用空格或顿号隔开，如“1 3”；也可以直接写会做的事，如“理发 磨刀”。选好后回复“选好了”。',
  skillChoices: { done: '选好了', clear: '清空重选' },
  skillsNoneChosen: '请至少选一项您能提供的服务，回复数字或直接写：',
  skillsNotFound: (words: string[]) => `没找到“${words.join('、')}”对应的服务，请回复数字选择类别，或换个说法：`,
  skillsPartlyFound: (words: string[]) => `没找到“${words.join('、')}”，其余的已记下。`,
  skillsCleared: '已清空。',

  // --- Community
  askCommunity: '您住在哪个社区（村）？附近的求助会优先派给您。回复数字，或直接打社区、村的名称：',
  communityHelp: '打社区或村的名字就行，比如“运南”；也可以打街道或镇的名称，或选“按区、街道一步步选”。',

  // --- Availability
  askAvailability: '您平时什么时候方便参加服务？回复数字，或直接写（如“周六上午”）：',
  availabilityChoices: ['工作日白天', '工作日晚上', '周末', '随时都可以'] as const,
  availabilityHelp: '选一个最接近的就行；也可以直接写，例如“每周二下午”。',
  availabilityInvalid: '请回复数字，或用几个字写一下您方便的时间（50字以内）：',

  // --- Summary and submission
  summaryTitle: '请核对您的报名信息：',
  summaryLines: (f: { name: string; phone: string; partyMember: boolean; skills: string[]; community: string; availability: string }) =>
    [
      `姓名：${f.name}`,
      `手机：${f.phone}`,
      `党员：${f.partyMember ? '是' : '否'}`,
      `服务技能：${f.skills.join('、')}`,
      `社区：${f.community}`,
      `方便时间：${f.availability}`,
    ].join('\n'),
  summaryHelp: '回复 1 提交；要改哪一项就回复对应的数字。',
  summaryChoices: {
    submit: '确认提交',
    name: '改姓名',
    phone: '改手机号',
    party: '改党员身份',
    skills: '改服务技能',
    community: '改社区',
    availability: '改方便时间',
  },
  submitted: '已提交，等工作人员审核。审核结果会通知您，谢谢您的爱心！',

  // --- Navigation and mistakes
  cancelled: '好的，已取消报名。想当志愿者时，随时说“我要当志愿者”。',
  firstStep: texts.firstStep,
  notUnderstood: texts.notUnderstood,
  stale: texts.stale,
  editedMessage: texts.editedMessage,
  unknownCommand: '没有这个命令。可以说：帮助、取消、返回。',
  voiceNotSupported: '暂时听不了语音，请打字或回复数字：',
  mediaNotSupported: '暂时只能看懂文字，请打字或回复数字：',
  photoNotNeeded: texts.photoNotNeeded,
  contactNotNeeded: texts.contactNotNeeded,
  locationNotNeeded: '收到位置。这一步请按提示回答：',
} as const;
