import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { stationAliases } from '../../../db/schema.js';
import { syncStations } from '../../../src/domain/reference-data.js';
import { loadStationTree } from '../../../src/domain/stations/tree.js';
import { dispatchTexts as t } from '../../../src/texts/dispatch.js';
import { texts } from '../../../src/texts/resident.js';
import { describeDb } from '../../support/db.js';
import { createDispatchApp } from '../../support/dispatch-app.js';
import { readDemoStations } from '../../support/stations.js';

// === /alias and /unalias: organizers name estates and roads after their station

describeDb('dispatch: aliases by organizers', (ctx) => {
  it('an alias added in chat works at once for residents, survives a re-sync, and can be removed', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.organizer('o-a1', 'nanhu-jianshe');
    // Before: nobody knows 建国南路.
    await app.say('r-a1', 'r-a1', '电视坏了');
    await app.say('r-a1', 'r-a1', '1');
    await app.say('r-a1', 'r-a1', '建国南路');
    expect(app.lastTo('r-a1')!.payload.text).not.toBe(texts.askAddress);

    await app.say('o-a1', 'o-a1', '/alias 紫阳 建国南路');
    expect(app.lastTo('o-a1')!.payload.text).toBe(t.aliasAdded('建国南路', '紫阳社区'));
    await app.say('o-a1', 'o-a1', '/alias 紫阳社区 建国南路');
    expect(app.lastTo('o-a1')!.payload.text).toBe(t.aliasKnown('建国南路', '紫阳社区'));

    // A resident typing it now is understood, without a restart.
    await app.say('r-a2', 'r-a2', '电视坏了');
    await app.say('r-a2', 'r-a2', '1');
    await app.say('r-a2', 'r-a2', '建国南路');
    expect(app.lastTo('r-a2')!.payload.text).toBe(texts.askAddress);

    // A re-sync of the stations file (e.g. after an import) keeps it.
    await syncStations(app.db, readDemoStations());
    const reloaded = await loadStationTree(app.db, readDemoStations());
    expect(reloaded.byCode('nanhu-jianshe-ziyang')!.aliases).toContain('建国南路');

    await app.say('o-a1', 'o-a1', '/alias 紫阳');
    expect(app.lastTo('o-a1')!.payload.text).toContain('建国南路');
    await app.say('o-a1', 'o-a1', '/unalias 紫阳 建国南路');
    expect(app.lastTo('o-a1')!.payload.text).toBe(t.aliasRemoved('建国南路', '紫阳社区'));
    expect(await app.db.select().from(stationAliases).where(eq(stationAliases.alias, '建国南路'))).toEqual([]);
    expect(app.tree.byCode('nanhu-jianshe-ziyang')!.aliases).not.toContain('建国南路');
    await app.say('o-a1', 'o-a1', '/unalias 紫阳 紫阳街');
    expect(app.lastTo('o-a1')!.payload.text).toBe(t.aliasNotOwn('紫阳街', '紫阳社区'));
  });

  it('only for stations one organizes; bad aliases and unknown stations are answered', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.organizer('o-a2', 'xiuzhou');
    await app.say('o-a2', 'o-a2', '/alias 紫阳 中山路');
    expect(app.lastTo('o-a2')!.payload.text).toBe(t.aliasNotOrganizerOf('紫阳社区'));
    await app.say('v-a2', 'v-a2', '/alias 紫阳 中山路');
    expect(app.lastTo('v-a2')!.payload.text).toBe(t.notOrganizer);
    expect(await app.db.select().from(stationAliases).where(eq(stationAliases.alias, '中山路'))).toEqual([]);
    await app.say('o-a2', 'o-a2', '/alias 塘汇 ！');
    expect(app.lastTo('o-a2')!.payload.text).toBe(t.aliasBad);
    await app.say('o-a2', 'o-a2', '/alias');
    expect(app.lastTo('o-a2')!.payload.text).toContain('/alias 站点 别名');
    await app.say('o-a2', 'o-a2', '/alias 塘汇街 新塍路');
    expect(app.lastTo('o-a2')!.payload.choices?.[0]?.id).toMatch(/^cmd:\/alias \S+ 新塍路$/);
  });
});
