import type { Executor } from '../../db/client.ts';
import type { UserCaller } from '../../server/plugins/caller.ts';
import { retryFailedPushes } from '../outbox/failed-pushes.ts';
import { getConnectionRow } from './list-connections.ts';

/**
 * POST /api/calendar/retry-pushes: the appointments a calendar refused go back in the queue, for
 * a connection the caller may see (an admin: any of the practice's; a member: their own).
 */
export async function retryRefusedPushes(
  db: Executor,
  caller: UserCaller,
  connectionId: string,
): Promise<{ retried: number }> {
  const connection = await getConnectionRow(db, caller, connectionId);
  return retryFailedPushes(db, connection.id);
}
