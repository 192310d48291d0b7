import { expect, it } from 'vitest';
import { routeRequest } from '../../../src/domain/dispatch/announce.js';
import { describeDb } from '../../support/db.js';
import { createDispatchApp } from '../../support/dispatch-app.js';

describeDb('routing a request to groups', (ctx) => {
  it('picks the station’s groups whose skill fits, or that take every skill', async () => {
    const app = await createDispatchApp(ctx.database);
    const wen = app.stationId('nanhu-jianshe-wenchang');
    await app.bindGroup('g-r-any', 'nanhu-jianshe-wenchang');
    await app.bindGroup('g-r-life', 'nanhu-jianshe-wenchang', 'daily-life');
    await app.bindGroup('g-r-tv', 'nanhu-jianshe-wenchang', 'appliance-repair');
    await app.bindGroup('g-r-law', 'nanhu-jianshe-wenchang', 'policy');
    const route = await routeRequest(app.db, app.tree, { stationId: wen, classCode: 'daily-life', itemCode: 'appliance-repair' });
    expect(route.level).toBe(0);
    expect(route.groups.map((g) => g.chatId).sort()).toEqual(['g-r-any', 'g-r-life', 'g-r-tv']);
    const legal = await routeRequest(app.db, app.tree, { stationId: wen, classCode: 'policy', itemCode: 'social-security' });
    expect(legal.groups.map((g) => g.chatId).sort()).toEqual(['g-r-any', 'g-r-law']);
  });

  it('walks up the hierarchy to the nearest station with a fitting group', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.bindGroup('g-r-county', 'xiuzhou');
    await app.bindGroup('g-r-town-law', 'xiuzhou-xincheng', 'policy');
    const route = await routeRequest(app.db, app.tree, { stationId: app.stationId('xiuzhou-xincheng-xiuyuan'), classCode: 'daily-life', itemCode: 'appliance-repair' });
    expect(route).toMatchObject({ level: 2, stationId: app.stationId('xiuzhou'), groups: [{ channel: 'test', chatId: 'g-r-county' }] });
    const fromTown = await routeRequest(app.db, app.tree, { stationId: app.stationId('xiuzhou-xincheng-xiuyuan'), classCode: 'policy', itemCode: 'social-security' });
    expect(fromTown.level).toBe(1);
  });

  it('finds nothing when no group exists anywhere up the chain', async () => {
    const app = await createDispatchApp(ctx.database);
    const route = await routeRequest(app.db, app.tree, { stationId: app.stationId('nanhu-xinfeng-zhulin'), classCode: 'hardship', itemCode: 'subsistence-aid' });
    expect(route.groups).toEqual([]);
  });
});
