import { expect, it } from 'vitest';
import { ensurePerson } from '../../../src/domain/people/people.js';
import { dispatchTexts as t } from '../../../src/texts/dispatch.js';
import { describeDb } from '../../support/db.js';
import { createDispatchApp, type DispatchApp } from '../../support/dispatch-app.js';

// === /audit (操作记录): the audit entries of the organizer's stations, newest first, ten a page

const T0 = new Date('2026-03-10T02:00:00Z'); // 10:00 in Jiaxing
const lastText = (app: DispatchApp, chatId: string) => app.lastTo(chatId)?.payload.text ?? '';

describeDb('dispatch: /audit', (ctx) => {
  it('shows the entries of the organizer’s stations, newest first, ten a page; never a resident’s phone or address', async () => {
    let now = T0;
    const app = await createDispatchApp(ctx.database, { clock: () => now });
    const ziyang = await app.organizer('o-aud', 'nanhu-jianshe-ziyang');
    await app.organizer('o-aud-town', 'nanhu-jianshe');
    await app.organizer('o-aud-xiuzhou', 'xiuzhou');
    const pending: number[] = [];
    for (let i = 0; i < 11; i++) pending.push(await app.volunteer(`aud-v${i}`, 'nanhu-jianshe-ziyang', { status: 'pending' }));
    const resident = await app.storedRequest('aud-r', { community: 'nanhu-jianshe-ziyang', item: 'haircut', at: T0 });

    for (const [i, id] of pending.entries()) {
      now = new Date(T0.getTime() + (i + 1) * 60_000);
      await app.say('o-aud', 'o-aud', `/approve ${id}`);
    }
    now = new Date(T0.getTime() + 3_600_000);
    await app.say('o-aud', 'o-aud', `/link ${pending[0]} ${resident.residentId}`);
    expect(lastText(app, 'o-aud')).toContain('已把');

    await app.say('o-aud', 'o-aud', '/audit');
    const page1 = lastText(app, 'o-aud');
    const rights = (id: number, status: string | null) => t.auditRights({ id, volunteer: status && `紫阳社区·${status}`, organizerOf: [] });
    expect(page1).toBe(
      t.auditPage(
        1,
        [
          t.auditRow({
            time: '03/10 11:00',
            actor: `#${ziyang}`,
            what: t.auditWhat.link(pending[0]!, resident.residentId),
            stations: '紫阳社区',
            before: [rights(pending[0]!, '已通过'), rights(resident.residentId, null)].join('；'),
            after: [rights(pending[0]!, '已通过'), t.auditGone(resident.residentId, pending[0]!)].join('；'),
          }),
          ...pending
            .slice(2)
            .reverse()
            .map((id) =>
              t.auditRow({
                time: `03/10 10:${String(pending.indexOf(id) + 1).padStart(2, '0')}`,
                actor: `#${ziyang}`,
                what: t.auditWhat.approve(id),
                stations: '紫阳社区',
                before: rights(id, '审核中'),
                after: rights(id, '已通过'),
              }),
            ),
        ],
        true,
      ),
    );
    expect(page1).not.toMatch(/13812345678|13900000000|幸福小区|7幢/);

    await app.say('o-aud', 'o-aud', '操作记录 2');
    const page2 = lastText(app, 'o-aud').split('\n');
    expect(page2[0]).toBe(t.auditPage(2, [], false));
    expect(page2[1]).toContain(t.auditWhat.approve(pending[1]!));
    expect(page2[4]).toContain(t.auditWhat.approve(pending[0]!));
    // The oldest: the organizer's own role, given at start-up (here by the test's set-up).
    expect(page2.at(-3)).toContain(`${t.auditSystem} ${t.auditWhat.grant_organizer(ziyang)}（紫阳社区）`);
    expect(page2.join('\n')).not.toContain('/audit 3');
    await app.say('o-aud', 'o-aud', '/audit 3');
    expect(lastText(app, 'o-aud')).toBe(t.auditNoMore(3));

    // The town sees its communities' entries; another county sees none of them.
    await app.say('o-aud-town', 'o-aud-town', '/audit');
    expect(lastText(app, 'o-aud-town')).toBe(page1);
    await app.say('o-aud-xiuzhou', 'o-aud-xiuzhou', '/audit');
    expect(lastText(app, 'o-aud-xiuzhou')).not.toContain('紫阳');
    expect(lastText(app, 'o-aud-xiuzhou')).toContain('秀洲区总站');
  });

  it('refuses a non-organizer and a page that is not a number; 操作记录 from others is an ordinary word', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.organizer('o-aud2', 'xiuzhou-tanghui');
    await ensurePerson(app.db, 'test', 'aud2-r', '居民');
    await app.say('aud2-r', 'aud2-r', '/audit');
    expect(lastText(app, 'aud2-r')).toBe(t.notOrganizer);
    await app.say('aud2-r', 'aud2-r', '操作记录');
    expect(lastText(app, 'aud2-r')).not.toBe(t.notOrganizer);
    for (const page of ['abc', '0', '-1', '1.5', '99999']) {
      await app.say('o-aud2', 'o-aud2', `/audit ${page}`);
      expect(lastText(app, 'o-aud2')).toBe(t.usage(t.auditUsage));
    }
  });
});
