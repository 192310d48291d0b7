import type { Db } from '../../db/client.js';
import { alerts } from '../../db/schema.js';

/** Records something organizers must see now (delivered to them once dispatch exists). */
export async function recordAlert(
  tx: Db,
  alert: { kind: 'emergency'; personId: number; conversationKey: string; detail: Record<string, unknown> },
  at: Date,
): Promise<number> {
  const [row] = await tx
    .insert(alerts)
    .values({ ...alert, createdAt: at })
    .returning({ id: alerts.id });
  return row!.id;
}
