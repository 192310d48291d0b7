// === Sentences of the WeChat service account: how choices are shown, the custom menu.

export const wechatTexts = {
  /** Under a question whose choices are listed as lines. */
  replyWithNumber: '请回复数字：',
  /** Under a question whose choices are also clickable (msgmenu). */
  tapOrReply: '点下面的选项，或回复数字：',
  /** The same, when the question already says to reply with a number. */
  tapAlso: '也可以直接点下面的选项：',
  /** Template messages are short fields: a status word per notice. */
  cut: '…',
  /** The custom menu (自定义菜单): names and the words a click sends, as if typed. */
  menu: {
    help: { name: '一键求助', word: '开始' },
    mine: { name: '我的求助', word: '查询' },
    more: '更多',
    volunteer: { name: '当志愿者', word: '我要当志愿者' },
    tasks: { name: '我的任务', word: '我的任务' },
    about: { name: '使用帮助', word: '帮助' },
  },
} as const;
