import { wechatTexts as t } from '../../texts/wechat.js';

// === The custom menu (自定义菜单) of the account: each click sends a word, as if it were typed

const click = (b: { name: string; word: string }) => ({ type: 'click', name: b.name, key: `word:${b.word}` });

/** 一键求助 / 我的求助 / 更多 (当志愿者, 我的任务, 使用帮助). */
export function menuDefinition() {
  const m = t.menu;
  return { button: [click(m.help), click(m.mine), { name: m.more, sub_button: [click(m.volunteer), click(m.tasks), click(m.about)] }] };
}
