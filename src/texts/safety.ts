// === What a person reads when their words suggest danger (flows/common/safety/)
// Simplified Chinese, short; the number first, then one or two things to do in plain words.

/** The numbers, named. */
export const SERVICE_NAMES: Record<string, string> = { '120': '120 急救', '119': '119 火警', '110': '110 报警', '96110': '96110 反诈专线' };

/** One or two concrete things to do while help is coming, per number. */
export const SERVICE_TIPS: Record<string, string> = {
  '120': '人摔倒或昏迷时先别急着扶起、别喂水喂药，守在旁边等救护车；噎住了让他弯腰、用力拍后背。',
  '119': '有火有烟先出门、别坐电梯，用湿毛巾捂住口鼻；闻到煤气味请关掉阀门、打开窗户，别开灯、别在屋里打电话，到屋外再拨打。',
  '110': '请先到安全的地方，锁好门；老人走丢了请带上照片去报警。',
  '96110': '请不要再转账，也不要告诉对方验证码。',
};

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
  emergency: (services: string[]) =>
    [
      `⚠️ 情况紧急请立即拨打 ${names(services)}！`,
      ...services.flatMap((s) => (SERVICE_TIPS[s] ? [SERVICE_TIPS[s]] : [])),
      '我们已通知工作人员，也会继续为您派人。',
    ].join(''),
  /** Watch: a soft line; the conversation goes on as usual. */
  watch: (services: string[]) => services.map((s) => WATCH_LINES[s] ?? `如果情况紧急，请马上拨打 ${names([s])}。`).join(''),
};
