import { describe, expect, it } from 'vitest';
import { BROADCAST_FLOW_ID, createBroadcastMachine } from '../../flows/broadcast.machine.js';
import { interpretBroadcastInput } from '../../flows/broadcast.input.js';
import type { BroadcastContext, BroadcastDraft, BroadcastEvent, BroadcastInput } from '../../flows/broadcast.types.js';
import { broadcastFlowDeps } from '../../src/app/broadcast-flow.js';
import { readDemoStations } from '../support/stations.js';
import { stationTreeOf } from '../../src/domain/stations/tree.js';
import { broadcastTexts as t } from '../../src/texts/broadcasts.js';
import { converse, type Effect } from './harness.js';

// === The broadcast flow (群发), step by step, as pure transitions

const tree = stationTreeOf(readDemoStations());
const deps = broadcastFlowDeps(tree);
const station = (code: string) => {
  const s = tree.byCode(code)!;
  return { id: s.id, name: s.name };
};
const city = station('jx');
const nanhu = station('nanhu');
const xiuzhou = station('xiuzhou');

/** Counts: 3 groups per chosen station, none for 秀洲区 alone (a station with no bound group). */
function answer(effect: Effect): BroadcastEvent | null {
  if (effect.type === 'countTargets') {
    const ids = (effect.params as { stationIds: number[] }).stationIds;
    const reached = ids.filter((id) => id !== xiuzhou.id).length;
    return { type: 'broadcast.counted', groups: reached * 3, privateChats: reached };
  }
  if (effect.type === 'createBroadcast') return { type: 'broadcast.created', id: 7, targets: 12 };
  throw new Error(`unexpected effect ${effect.type}`);
}

function start(input: Partial<BroadcastInput> = {}) {
  return converse<BroadcastContext, BroadcastEvent, BroadcastDraft>({
    machine: createBroadcastMachine(deps),
    input: { organizer: true, roots: [city], textLimit: 80, ...input },
    interpret: interpretBroadcastInput,
    answer,
    draftEffect: 'createBroadcast',
  }).say('群发');
}

describe('who may broadcast', () => {
  it('a volunteer or resident (no organized station) is refused at once, and the flow ends without effects', () => {
    const c = start({ organizer: false, roots: [] });
    expect(c.texts).toEqual([t.notOrganizer]);
    expect(c.state).toBe('refused');
    expect(c.status).toBe('done');
    expect(c.effects).toEqual([]);
  });

  it('a station typed by name outside the organizer’s stations is not taken', () => {
    const c = start({ roots: [nanhu] }).say('秀洲区总站');
    expect(c.texts[0]).toContain(t.stationsNotFound(['秀洲区总站']));
    expect(c.context.stations).toEqual([]);
  });

  it('the runtime’s own check refusing at the end ends the flow with the refusal', () => {
    const c = converse<BroadcastContext, BroadcastEvent>({
      machine: createBroadcastMachine(deps),
      input: { organizer: true, roots: [city], textLimit: 80 },
      interpret: interpretBroadcastInput,
      answer: (e) => (e.type === 'createBroadcast' ? { type: 'broadcast.refused' } : answer(e)),
    });
    c.say('群发').say('1').say('选好了').say('周六上午九点在文昌广场义诊').say('1');
    expect(c.texts).toEqual([t.notOrganizer]);
    expect(c.state).toBe('refused');
  });
});

describe('choosing stations', () => {
  it('offers all, and each station below the organizer’s, numbered', () => {
    const c = start();
    expect(c.lastReply?.text).toBe(t.askStations);
    expect(c.labels).toEqual([t.stationAll([city.name]), t.stationWithBelow(nanhu.name), t.stationWithBelow(xiuzhou.name)]);
  });

  it('takes several by numbers, then 选好了 moves on', () => {
    const c = start().say('2 3');
    expect(c.context.stations).toEqual([nanhu, xiuzhou]);
    expect(c.lastReply?.text).toBe(t.stationsChosen([nanhu.name, xiuzhou.name]));
    expect(c.labels.at(-1)).toBe(t.stationsDone);
    c.say('选好了');
    expect(c.state).toBe('text');
    expect(c.lastReply?.text).toBe(t.askText(80));
  });

  it('takes a station by name with the station matcher, and names plus 好了 in one message', () => {
    const c = start().say('南湖区总站 好了');
    expect(c.context.stations).toEqual([nanhu]);
    expect(c.state).toBe('text');
  });

  it('a station inside one already chosen adds nothing; choosing all replaces the stations below', () => {
    const c = start().say('2').say('建设街道分站');
    expect(c.context.stations).toEqual([nanhu]);
    c.say('1');
    expect(c.context.stations).toEqual([city]);
  });

  it('全部 typed means every station the organizer has', () => {
    const c = start({ roots: [nanhu, xiuzhou] }).say('全部 选好了');
    expect(c.context.stations).toEqual([nanhu, xiuzhou]);
    expect(c.state).toBe('text');
  });

  it('pressing the buttons works like typing', () => {
    const c = start();
    c.press(`station:${xiuzhou.id}`);
    expect(c.context.stations).toEqual([xiuzhou]);
    c.press('done');
    expect(c.state).toBe('text');
  });

  it('选好了 with nothing chosen asks again', () => {
    const c = start().say('选好了');
    expect(c.state).toBe('stations');
    expect(c.lastReply?.text).toBe(t.stationsNoneChosen);
  });
});

describe('the text', () => {
  const atText = () => start().say('1').say('选好了');

  it('refuses a text over the platform limit, saying the length', () => {
    const c = atText().say('通'.repeat(81));
    expect(c.state).toBe('text');
    expect(c.lastReply?.text).toBe(t.textTooLong(81, 80));
  });

  it('refuses emoji or punctuation only', () => {
    const c = atText().say('👍👍!!');
    expect(c.lastReply?.text).toBe(t.textTooShort);
  });

  it('keeps Chinese punctuation that input cleaning folded to ASCII (，：！), but not in times or links', () => {
    const c = atText().say('周六9:30,文昌广场(东门)集合!详见 http://a.cn/x?y=1');
    expect(c.context.text).toBe('周六9:30，文昌广场（东门）集合！详见 http://a.cn/x?y=1');
  });

  it('返回 goes back to the stations', () => {
    const c = atText().say('返回');
    expect(c.state).toBe('stations');
  });
});

describe('preview and confirmation', () => {
  const atPreview = () => start().say('2').say('选好了').say('本周六上午在文昌广场义诊，请志愿者八点到。');

  it('shows the text and the number of groups and private chats, then sends on 1', () => {
    const c = atPreview();
    expect(c.effectsOf('countTargets')).toEqual([{ stationIds: [nanhu.id] }]);
    expect(c.lastReply?.text).toBe(t.preview('本周六上午在文昌广场义诊，请志愿者八点到。', 3, 1));
    expect(c.labels).toEqual(Object.values(t.previewChoices));
    c.say('1');
    expect(c.draft).toEqual({ stationIds: [nanhu.id], text: '本周六上午在文昌广场义诊，请志愿者八点到。' });
    expect(c.texts).toEqual([t.started(7, 12)]);
    expect(c.status).toBe('done');
  });

  it('a yes-word sends too', () => {
    expect(atPreview().say('确认').draft).toBeDefined();
  });

  it('修改内容 asks for the text again; 重选站点 starts the stations afresh', () => {
    const c = atPreview().say('2');
    expect(c.state).toBe('text');
    c.say('改了时间：九点到。').say('3');
    expect(c.state).toBe('stations');
    expect(c.context.stations).toEqual([]);
    expect(c.draft).toBeUndefined();
  });

  it('stations that reach nobody go back to the stations with a note', () => {
    const c = start().say('3').say('选好了').say('通知内容写在这里');
    expect(c.texts.join('\n')).toContain(t.noTargets);
    expect(c.state).toBe('stations');
  });

  it('a button of an older question is stale, and nothing is sent', () => {
    const c = atPreview();
    const old = c.questionId - 1;
    c.press('send', old);
    expect(c.lastReply?.text).toContain(t.stale);
    expect(c.draft).toBeUndefined();
  });
});

describe('anywhere', () => {
  it.each(['取消', '不发了', '/cancel'])('%s cancels, nothing is sent', (word) => {
    const c = start().say('1').say('选好了').say(word);
    expect(c.texts).toEqual([t.cancelled]);
    expect(c.state).toBe('cancelled');
    expect(c.draft).toBeUndefined();
  });

  it('帮助 explains the step and asks again', () => {
    const c = start().say('帮助');
    expect(c.texts).toEqual([t.stationsHelp, t.askStations]);
  });

  it('a photo, a voice message or a very long emoji text never breaks the flow', () => {
    const c = start().say('1').say('选好了');
    c.send({ kind: 'media', media: 'voice' });
    expect(c.state).toBe('text');
    c.say('😀'.repeat(3000));
    expect(c.state).toBe('text');
    expect(c.lastReply?.text).toBe(t.textTooLong(3000, 80));
  });

  it('is named for saved snapshots', () => {
    expect(createBroadcastMachine(deps).id).toBe(BROADCAST_FLOW_ID);
  });
});
