import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { alerts } from '../../db/schema.js';
import { recordAlert } from '../../src/domain/alerts.js';
import { ensurePerson } from '../../src/domain/people/people.js';
import { describeDb } from '../support/db.js';

describeDb('alerts', (ctx) => {
  it('records an alert for organizers, open (not handled, not yet linked to a request)', async () => {
    const db = ctx.database.db;
    const person = await ensurePerson(db, 'test', 'a-1', '刘奶奶');
    const at = new Date('2026-06-01T02:00:00Z');
    const id = await recordAlert(
      db,
      { kind: 'emergency', personId: person.id, conversationKey: 'test:a-1:a-1', detail: { words: ['摔倒'], services: ['120'] } },
      at,
    );
    const second = await recordAlert(db, { kind: 'emergency', personId: person.id, conversationKey: 'test:a-1:a-1', detail: {} }, at);
    expect(second).not.toBe(id);
    const [row] = await db.select().from(alerts).where(eq(alerts.id, id));
    expect(row).toMatchObject({
      kind: 'emergency',
      personId: person.id,
      conversationKey: 'test:a-1:a-1',
      detail: { words: ['摔倒'], services: ['120'] },
      requestId: null,
      handledAt: null,
    });
    expect(row!.createdAt).toEqual(at);
  });
});
