import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { announcements, chatGroups, outbox } from '../../../db/schema.js';

/** Moves a group's binding, its cards and their sent messages to the chat's new id. */
export async function followMigratedChat(db: Db, channel: string, from: string, to: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(chatGroups).set({ chatId: to }).where(and(eq(chatGroups.channel, channel), eq(chatGroups.chatId, from)));
    await tx.update(announcements).set({ chatId: to }).where(and(eq(announcements.channel, channel), eq(announcements.chatId, from)));
    // Messages already sent live on in the old chat; new ones (and edits of new cards) go to the new one.
    await tx.update(outbox).set({ chatId: to }).where(and(eq(outbox.channel, channel), eq(outbox.chatId, from), eq(outbox.status, 'pending')));
  });
}
