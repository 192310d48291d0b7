import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { announcements, chatGroups, outbox } from '../../../db/schema.js';

/** Moves a group's binding, its cards and their sent messages to the chat's new id. */
export async function followMigratedChat(db: Db, channel: string, from: string, to: string): Promise<void> {
  await db.transaction(async (tx) => {
    // Called once per service message and per failed send: a second call finds nothing left to move.
    // Should the new chat have been bound meanwhile, that newer binding stays and the old one goes.
    const [bound] = await tx.select({ chatId: chatGroups.chatId }).from(chatGroups).where(and(eq(chatGroups.channel, channel), eq(chatGroups.chatId, to)));
    if (bound) await tx.delete(chatGroups).where(and(eq(chatGroups.channel, channel), eq(chatGroups.chatId, from)));
    else await tx.update(chatGroups).set({ chatId: to }).where(and(eq(chatGroups.channel, channel), eq(chatGroups.chatId, from)));
    await tx.update(announcements).set({ chatId: to }).where(and(eq(announcements.channel, channel), eq(announcements.chatId, from)));
    // Messages already sent live on in the old chat; new ones (and edits of new cards) go to the new one.
    await tx.update(outbox).set({ chatId: to }).where(and(eq(outbox.channel, channel), eq(outbox.chatId, from), eq(outbox.status, 'pending')));
  });
}
