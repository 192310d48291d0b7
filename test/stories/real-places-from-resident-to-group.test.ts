import { expect, it } from 'vitest';
import { DEFAULT_STATIONS_FILE, readStationsFile, syncStations } from '../../src/domain/reference-data.js';
import { dispatchTexts as t } from '../../src/texts/dispatch.js';
import { placeTexts } from '../../src/texts/places.js';
import { texts } from '../../src/texts/resident.js';
import { describeDb } from '../support/db.js';
import { createDispatchApp } from '../support/dispatch-app.js';

// === Jiaxing's real places, end to end: a group bound by a loosely typed name, a resident who types
// a repeated name, picks the district, and whose request reaches that group

describeDb('real places from the resident to the group', (ctx) => {
  it('文昌 asks which district; the request reaches the group bound to 新兴街道’s 文昌社区', async () => {
    await syncStations(ctx.database.db, readStationsFile());
    const app = await createDispatchApp(ctx.database, { stationsFile: DEFAULT_STATIONS_FILE });
    expect(app.tree.root().code).toBe('3304');
    await app.organizer('o-real', '330402');

    // A misspelt community: the closest as buttons; one tap binds.
    await app.say('g-real', 'o-real', '/bind 文昌社去');
    const offer = app.lastTo('g-real')!.payload;
    expect(offer.choices!.map((c) => c.label)).toContain('文昌社区（南湖区·新兴街道）');
    await app.press('g-real', 'o-real', offer.choices!.find((c) => c.label === '文昌社区（南湖区·新兴街道）')!.id);
    expect(app.lastTo('g-real')!.payload.text).toBe(t.bound('文昌社区居委会', null));

    for (const m of ['电视坏了', '1']) await app.say('r-real', 'r-real', m);
    await app.say('r-real', 'r-real', '文昌');
    const which = app.lastTo('r-real')!.payload;
    expect(which.text).toBe(placeTexts.several);
    expect(which.choices!.map((c) => c.label)).toEqual([
      '文昌社区（南湖区·新兴街道）',
      '文昌社区（海盐县·武原街道）',
      '文昌社区（桐乡市·梧桐街道）',
      placeTexts.stepByStep,
    ]);
    await app.say('r-real', 'r-real', '1');
    expect(app.lastTo('r-real')!.payload.text).toBe(texts.askAddress);
    for (const m of ['建国南路128弄6号302', '13812345678', '尽快']) await app.say('r-real', 'r-real', m);
    expect(app.lastTo('r-real')!.payload.text).toContain('社区：文昌社区');
    await app.say('r-real', 'r-real', '1');
    const card = app.to('g-real').at(-1)!.payload.text;
    expect(card).toContain('家电维修');
    expect(card).not.toContain('建国南路128弄');
  });
});
