import { describe, expect, it } from 'vitest';
import { VOLUNTEER_FLOW_ID, VOLUNTEER_FLOW_VERSION, createVolunteerMachine } from '../../flows/volunteer.machine.js';
import { volunteerTexts as t } from '../../src/texts/volunteer.js';
import { deps, startVolunteer, volunteerAt } from './volunteer.fixtures.js';
import { placeTexts } from '../../src/texts/places.js';

// === The volunteer registration, step by step, as pure transitions

const CLASS_LABELS = ['生活求助类', '政策咨询类', '纠纷调解类', '居家养老类', '困难帮扶类'];
/** The communities of 建设街道分站, the demo tree's first street. */
const COMMUNITY_LABELS = ['文昌社区', '紫阳社区', '禾兴社区', '海盐塘社区'];
const SUMMARY_LABELS = ['确认提交', '改姓名', '改手机号', '改党员身份', '改服务技能', '改社区', '改方便时间'];

describe('the machine', () => {
  it('is named and versioned for saved snapshots', () => {
    expect(VOLUNTEER_FLOW_ID).toBe('volunteer');
    expect(VOLUNTEER_FLOW_VERSION).toBe(2);
    expect(createVolunteerMachine(deps).id).toBe('volunteer');
  });
});

describe('already registered', () => {
  it.each([
    ['pending', t.statusPending('李四')],
    ['approved', t.statusApproved('李四')],
    ['rejected', t.statusRejected('李四', '96345')],
  ] as const)('%s: one reply telling the status, and the flow ends', (status, text) => {
    const c = startVolunteer({ registration: { status, name: '李四' } }).say('我要当志愿者');
    expect(c.turn).toEqual([{ text, choices: [], questionId: undefined }]);
    expect(c.state).toBe('registered');
    expect(c.status).toBe('done');
    expect(c.effects).toEqual([]);
  });

  it('the status texts say what to expect', () => {
    expect(t.statusPending('李四')).toContain('审核中');
    expect(t.statusApproved('李四')).toContain('可以在志愿者群里接单');
    expect(t.statusRejected('李四', '0573-96345')).toContain('如有疑问请拨打热线 0573-96345');
  });

  it('whatever the first message, even 取消', () => {
    const c = startVolunteer({ registration: { status: 'approved', name: '李四' } }).say('取消');
    expect(c.texts).toEqual([t.statusApproved('李四')]);
    expect(c.status).toBe('done');
  });
});

describe('the happy path', () => {
  it('by numbers: welcome, six questions, summary, stored as pending', () => {
    const c = startVolunteer().say('我要当志愿者');
    expect(c.texts).toEqual([t.welcome, t.askName]);
    expect(c.turn[0]!.text).toContain('感谢您报名成为志愿者');
    expect(c.state).toBe('name');
    expect(c.labels).toEqual([]);

    c.say('王建国');
    expect(c.state).toBe('phone');
    expect(c.lastReply).toEqual({ text: t.askPhone, choices: [], questionId: c.questionId });

    c.say('13812345678');
    expect(c.state).toBe('party');
    expect(c.lastReply!.text).toBe(t.askParty);
    expect(c.labels).toEqual(['是（党员）', '否']);

    c.say('1');
    expect(c.state).toBe('skills');
    expect(c.lastReply!.text).toBe(t.askSkills);
    expect(c.labels).toEqual(CLASS_LABELS);

    c.say('1 3');
    expect(c.lastReply!.text).toBe(t.skillsChosen(['生活求助类', '纠纷调解类'], 6));
    expect(c.lastReply!.text).toContain('已选：生活求助类、纠纷调解类');
    expect(c.labels).toEqual([...CLASS_LABELS, '选好了', '清空重选']);

    c.say('6');
    expect(c.state).toBe('community');
    expect(c.lastReply!.text).toBe(t.askCommunity);
    expect(c.labels).toEqual([placeTexts.stepByStep]);

    // Step by step: 南湖区总站 → 建设街道分站 → 文昌社区.
    c.say('1').say('1').say('1');
    expect(c.labels).toEqual(COMMUNITY_LABELS);
    c.say('1');
    expect(c.state).toBe('availability');
    expect(c.labels).toEqual(['工作日白天', '工作日晚上', '周末', '随时都可以']);

    c.say('4');
    expect(c.state).toBe('summary');
    expect(c.lastReply!.text).toBe(
      [t.summaryTitle, '姓名：王建国', '手机：13812345678', '党员：是', '服务技能：生活求助类、纠纷调解类', '社区：文昌社区', '方便时间：随时都可以'].join(
        '\n',
      ),
    );
    expect(c.labels).toEqual(SUMMARY_LABELS);
    expect(c.effects).toEqual([]);

    c.say('1');
    expect(c.effects).toEqual([
      {
        type: 'registerVolunteer',
        params: {
          name: '王建国',
          phone: '13812345678',
          partyMember: true,
          skills: ['daily-life', 'dispute'],
          communityCode: 'nanhu-jianshe-wenchang',
          availability: '随时都可以',
        },
      },
    ]);
    expect(c.texts).toEqual([t.submitted]);
    expect(t.submitted).toContain('审核结果会通知您');
    expect(c.state).toBe('submitted');
    expect(c.status).toBe('done');
  });

  it('by buttons, with the known name and phone', () => {
    const c = startVolunteer({ displayName: '老王', phone: '13900001111' }).say('/volunteer');
    c.press('known-name').press('known-phone').press('party:no');
    c.press('skill:elderly-care').press('skill:hardship').press('skills:done');
    c.press('place:step')
      .press('area:nanhu')
      .press('area:nanhu-xinfeng')
      .press('community:nanhu-xinfeng-zhulin')
      .press('availability:工作日晚上')
      .press('edit:submit');
    expect(c.draft).toEqual({
      name: '老王',
      phone: '13900001111',
      partyMember: false,
      skills: ['elderly-care', 'hardship'],
      communityCode: 'nanhu-xinfeng-zhulin',
      availability: '工作日晚上',
    });
    expect(c.status).toBe('done');
  });

  it.each([['确认'], ['提交'], ['好的']])('"%s" at the summary submits', (word) => {
    const c = volunteerAt('summary').say(word);
    expect(c.draft).toMatchObject({ name: '王建国', availability: '周末' });
    expect(c.state).toBe('submitted');
  });

  it('tells the status the runtime answers with, should it not be pending', () => {
    const c = volunteerAt('summary', { status: 'approved' }).say('1');
    expect(c.texts).toEqual([t.statusApproved('王建国')]);
    expect(c.status).toBe('done');
  });

  it('each question has a fresh id', () => {
    const c = volunteerAt('name');
    const ids = [c.questionId];
    for (const answer of ['王建国', '13812345678', '1', '2']) ids.push(c.say(answer).questionId);
    expect(ids).toEqual([1, 2, 3, 4, 5]);
    expect(c.lastReply!.questionId).toBe(5);
  });
});

describe('name', () => {
  it('offers the display name as choice 1', () => {
    const c = startVolunteer({ displayName: '老王' }).say('我要当志愿者');
    expect(c.lastReply!.text).toBe(t.askNameKnown);
    expect(c.labels).toEqual(['老王']);
    c.say('1');
    expect(c.context.name).toBe('老王');
    expect(c.state).toBe('phone');
  });

  it('a typed name wins over the display name, even when it contains it', () => {
    const c = startVolunteer({ displayName: '张三' }).say('我要当志愿者').say('张三丰');
    expect(c.context.name).toBe('张三丰');
  });

  it.each([['🌸'], ['王'], ['13812345678'], ['一个非常非常非常非常非常非常长的微信昵称啊啊']])('does not offer the display name %j', (displayName) => {
    const c = startVolunteer({ displayName }).say('我要当志愿者');
    expect(c.lastReply!.text).toBe(t.askName);
    expect(c.labels).toEqual([]);
  });

  it.each([
    ['我叫李明', '李明'],
    ['  李  明 ', '李 明'],
    ['Li Ming', 'Li Ming'],
    ['欧阳娜娜。', '欧阳娜娜'],
  ])('typed %j is kept as %j', (typed, name) => {
    const c = volunteerAt('name').say(typed);
    expect(c.context.name).toBe(name);
    expect(c.state).toBe('phone');
  });

  it.each([['王'], ['123456'], ['🙂🙂'], ['你好'], ['一二三四五六七八九十一二三四五六七八九十一']])('refuses %j and asks again', (typed) => {
    const c = volunteerAt('name');
    const q = c.questionId;
    c.say(typed);
    expect(c.lastReply).toEqual({ text: t.nameInvalid, choices: [], questionId: q });
    expect(c.state).toBe('name');
    expect(c.context.name).toBeNull();
  });
});

describe('mobile phone', () => {
  it('offers the known mobile, masked', () => {
    const c = startVolunteer({ phone: '13900001111' }).say('我要当志愿者').say('王建国');
    expect(c.lastReply!.text).toBe(t.askPhoneKnown);
    expect(c.labels).toEqual(['用 139****1111']);
    c.say('1');
    expect(c.context.phone).toBe('13900001111');
  });

  it('a new number replaces the known one', () => {
    const c = startVolunteer({ phone: '13900001111' }).say('我要当志愿者').say('王建国').say('13700002222');
    expect(c.context.phone).toBe('13700002222');
  });

  it('does not offer a known landline', () => {
    const c = startVolunteer({ phone: '0573-82345678' }).say('我要当志愿者').say('王建国');
    expect(c.lastReply!.text).toBe(t.askPhone);
    expect(c.labels).toEqual([]);
  });

  it.each([['+86 139 0000 2222'], ['电话：13900002222'], ['１３９００００２２２２']])('reads %j', (typed) => {
    const c = volunteerAt('phone').say(typed);
    expect(c.context.phone).toBe('13900002222');
    expect(c.state).toBe('party');
  });

  it.each([['12345'], ['23812345678'], ['1'], ['不知道']])('refuses %j and asks again', (typed) => {
    const c = volunteerAt('phone');
    const q = c.questionId;
    c.say(typed);
    expect(c.lastReply).toEqual({ text: t.phoneInvalid, choices: [], questionId: q });
    expect(c.state).toBe('phone');
  });

  it.each([['0573-82345678'], ['057382345678']])('refuses the landline %j with a hint', (typed) => {
    const c = volunteerAt('phone').say(typed);
    expect(c.lastReply!.text).toBe(t.phoneLandline);
    expect(t.phoneLandline).toContain('手机号');
    expect(c.context.phone).toBeNull();
  });

  it('takes a shared contact card with a mobile, refuses one with a landline', () => {
    const c = volunteerAt('phone').send({ kind: 'contact', phone: '0573-82345678' });
    expect(c.lastReply!.text).toBe(t.phoneLandline);
    c.send({ kind: 'contact', phone: '+8613900003333', name: '王建国' });
    expect(c.context.phone).toBe('13900003333');
    expect(c.state).toBe('party');
  });
});

describe('party member', () => {
  it.each([
    ['是', true],
    ['是的', true],
    ['党员', true],
    ['我是中共党员', true],
    ['是（党员）', true],
    ['第一个', true],
    ['2', false],
    ['否', false],
    ['不是', false],
    ['我不是党员', false],
    ['群众', false],
  ])('%j → %s', (typed, member) => {
    const c = volunteerAt('party').say(typed);
    expect(c.context.partyMember).toBe(member);
    expect(c.state).toBe('skills');
  });

  it.each([['不知道'], ['3']])('%j is not understood', (typed) => {
    const c = volunteerAt('party').say(typed);
    expect(c.lastReply!.text).toBe(t.notUnderstood);
    expect(c.labels).toEqual(['是（党员）', '否']);
    expect(c.context.partyMember).toBeNull();
  });
});
