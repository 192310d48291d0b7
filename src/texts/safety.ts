// === What a person reads when their words suggest danger (flows/common/safety/)
// Simplified Chinese, short; the number first, then one or two things to do in plain words.

/** The numbers, named. */
export const SERVICE_NAMES: Record<string, string> = { '120': '120 急救', '119': '119 火警', '110': '110 报警', '96110': '96110 反诈专线' };

/** What to do while help is coming, per number, when no particular danger was named (or none fits). */
export const SERVICE_TIPS: Record<string, string> = {
  '120': '请守在他身边，别急着搬动，别喂水喂药；让家人或邻居到楼下、路口接救护车。',
  '119': '有火有烟先出门、别坐电梯，用湿毛巾捂住口鼻；闻到煤气味请关掉阀门、打开窗户，别开灯、别在屋里打电话，到屋外再拨打。',
  '110': '请先到安全的地方，锁好门；老人走丢了请带上照片去报警。',
  '96110': '请不要再转账，也不要告诉对方验证码。',
};

/** What to do for one kind of danger (flows/common/safety/aid.ts decides which); said instead of the number's general advice. */
export const FIRST_AID: Record<string, string> = {
  choking: '噎住了让他弯腰低头，用掌根用力拍两肩胛骨之间的后背。',
  bleeding: '用干净的毛巾或布用力按住伤口，别松手。',
  stroke: '记下发病的时间告诉医生；让他躺下或靠坐着，别喂水喂药，别让他走动。',
  'low-sugar': '如果人还清醒、能咽东西，先给他吃几块糖或喝杯糖水；叫不醒就别喂。',
  chest: '让他停下来坐着或半躺着休息，别走动，松开领口。',
  breathing: '扶他坐起来、身子稍往前倾，开窗通风，松开衣领。',
  fumes: '马上打开门窗，把人扶到屋外空气新鲜的地方，灭掉炭火或炉子，别在屋里久留。',
  poison: '把药瓶、农药瓶或剩下的东西留着给医生看，别自己催吐。',
  seizure: '把他身边的硬东西挪开，别往嘴里塞东西，别用力按住他，侧过身子。',
  electric: '先拉下电闸或用干木棍挑开电线，别用手直接拉人。',
  burn: '用流动的凉水冲烫伤的地方十几分钟，别涂牙膏酱油。',
  fall: '人摔倒或昏迷时先别急着扶起、别喂水喂药，守在旁边等救护车。',
  gas: '闻到煤气味请关掉阀门、打开窗户，别开灯、别开关电器、别在屋里打电话，到屋外再拨打。',
  lift: '困在电梯里请按电梯里的警铃或打电梯上的电话，别扒门，等人来救。',
  trapped: '别硬拉硬拽，安抚他别乱动，等消防员来；在外面受冻的先披上衣服、挡住风。',
  drowning: '人捞上来后把头侧过去，清掉口鼻里的水和泥；没有呼吸就马上做胸外按压，脱掉湿衣服保暖。',
  fire: '有火有烟先出门、别坐电梯，用湿毛巾捂住口鼻，弯腰走。',
  fraud: '请不要再转账，也不要告诉对方验证码。',
  missing: '请带上他的照片去报警，想想他常去的地方，请邻居帮忙一起找。',
  'self-harm': '请陪在他身边，别让他一个人待着；把药、刀、绳子这些东西拿开，让他离开窗边、阳台和水边，耐心听他说。',
  water: '别自己下水救人，大声喊人帮忙，递竹竿、绳子或救生圈。',
  robbery: '别去追，先到人多、安全的地方；记下他的样子、衣服和逃走的方向，告诉 110。',
  violence: '请先到安全的地方：离他远一点，躲进能反锁的房间或到邻居家，别去夺刀棍。',
  danger: '请先到安全的地方，锁好门。',
};

/** Unsure whether anyone is in danger now: ask, and say the numbers anyway. */
const ASK = '是不是有人现在有危险？';

/** If it gets worse: what to watch for, per number (the soft line of the watch level). */
const WATCH_LINES: Record<string, string> = {
  '120': '请多留意身体：如果加重，或出现胸口痛、喘不上气、说话不清、半边身子没力气、叫不醒，请马上打 120。',
  '119': '请先看看家里有没有烟、有没有焦味或煤气味；如果有，请马上离开屋子并打 119。',
  '110': '请锁好门，别给陌生人开门；如果有人要进门、动手或人一直找不到，请马上打 110。',
  '96110': '凡是让您转账、要验证码、让您下载软件的，都是骗子；拿不准请先打 96110 问一问。',
};

const names = (services: string[]) => services.map((s) => SERVICE_NAMES[s] ?? s).join('、');

export const safetyTexts = {
  /** Urgent: the numbers, what to do meanwhile, and that staff know. */
  emergency: (services: string[], aids: { aid: string; service: string }[] = []) =>
    [
      `⚠️ 情况紧急请立即拨打 ${names(services)}！`,
      ...services.flatMap((s) => {
        const own = aids.filter((a) => a.service === s && FIRST_AID[a.aid]).map((a) => FIRST_AID[a.aid]!);
        // Fraud: 96110's advice is what matters; 110's general advice (lock the door) does not fit.
        if (own.length === 0 && s === '110' && services.includes('96110')) return [];
        return own.length > 0 ? own : SERVICE_TIPS[s] ? [SERVICE_TIPS[s]] : [];
      }),
      '我们已通知工作人员，也会继续为您派人。',
    ].join(''),
  /** Watch: a soft line; the conversation goes on as usual. `ask`: unsure — the line asks first (是不是有人现在有危险？). */
  watch: (services: string[], ask = false) =>
    ask
      ? `${ASK}如果是，请马上拨打 ${names(services)}，再告诉我们发生了什么。`
      : services.map((s) => WATCH_LINES[s] ?? `如果情况紧急，请马上拨打 ${names([s])}。`).join(''),
};
