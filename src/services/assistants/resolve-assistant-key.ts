import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { assistants } from '../../db/schema/index.ts';
import { apiKeyPrefix, hashApiKey } from './api-keys.ts';

export interface AssistantIdentity {
  assistantId: string;
  tenantId: string;
  assigneeUserId: string | null;
}

/** `lastUsedAt` is refreshed at most this often: a write per request would cost every booking. */
const touchEveryMs = 60_000;

/** The live assistant holding this key, or null (unknown, malformed or revoked). */
export async function resolveAssistantKey(db: Executor, key: string): Promise<AssistantIdentity | null> {
  if (!key.startsWith(apiKeyPrefix) || key.length > 200) return null;
  const [row] = await db
    .select({ id: assistants.id, tenantId: assistants.tenantId, assigneeUserId: assistants.assigneeUserId })
    .from(assistants)
    .where(and(eq(assistants.apiKeyHash, hashApiKey(key)), isNull(assistants.revokedAt)));
  if (!row) return null;
  const now = new Date();
  await db
    .update(assistants)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(assistants.id, row.id),
        or(isNull(assistants.lastUsedAt), lt(assistants.lastUsedAt, new Date(now.getTime() - touchEveryMs))),
      ),
    );
  return { assistantId: row.id, tenantId: row.tenantId, assigneeUserId: row.assigneeUserId };
}
