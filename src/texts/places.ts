// === Finding where someone lives: the sentences every flow's community question shares.
// Simplified Chinese, short and polite; numbered choices are added by the channel.

/** Texts of the community question and its step-by-step pick. */
export const placeTexts = {
  stepByStep: '按区、街道一步步选',
  nextPage: '下一页',
  lastUsed: (name: string) => `还是 ${name}`,
  several: '有几个同名的地方，请选是哪一个：',
  guess: (typed: string) => `没找到“${typed}”，您是说下面哪一个？也可以一步步选：`,
  notFound: (typed: string) => `没找到“${typed}”，我们一步步来，先选区（县、市）：`,
  pickCounty: '请选择区（县、市）：',
  pickTown: (area: string) => `${area}：请选择街道或镇：`,
  pickCommunity: (area: string) => `${area}：请选择社区或村，也可以直接打名称：`,
  browseHelp: '回复数字选择；也可以直接打社区或村的名字。说“返回”回到上一级。',
};
