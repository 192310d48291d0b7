import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { announcements, chatGroups } from '../../../db/schema.js';
import { moveOutboxChat } from '../../core/outbox.js';

/**
 * The one handler of a group that got a new chat id (Telegram group → supergroup), whether the
 * channel saw the service message or a send failed: binding, cards and pending messages move.
 */
export async function followMigratedChat(db: Db, channel: string, from: string, to: string): Promise<void> {
  await db.transaction(async (tx) => {
    // Called once per service message and per failed send: a second call finds nothing left to move.
    // Should the new chat have been bound meanwhile, that newer binding stays and the old one goes.
    const [bound] = await tx
      .select({ chatId: chatGroups.chatId })
      .from(chatGroups)
      .where(and(eq(chatGroups.channel, channel), eq(chatGroups.chatId, to)));
    if (bound) await tx.delete(chatGroups).where(and(eq(chatGroups.channel, channel), eq(chatGroups.chatId, from)));
    else
      await tx
        .update(chatGroups)
        .set({ chatId: to })
        .where(and(eq(chatGroups.channel, channel), eq(chatGroups.chatId, from)));
    await tx
      .update(announcements)
      .set({ chatId: to })
      .where(and(eq(announcements.channel, channel), eq(announcements.chatId, from)));
    // Messages already sent live on in the old chat; new ones (and edits of new cards) go to the new one.
    await moveOutboxChat(tx, channel, from, to);
  });
}
