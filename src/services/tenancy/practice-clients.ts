import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { executeRows } from '../../db/execute-rows.ts';

/**
 * The practice's clients as a booking made for them elsewhere finds them: `email` (lower-cased)
 * and `user_id` of every client member of the tenant — never its staff, never another practice's
 * users. A calendar import and a voice assistant link a booking to the account this way, so the
 * client sees it in their dashboard and can cancel or pay it.
 */
export function practiceClientsSql(tenantId: string): SQL {
  return sql`select lower(u.email) as email, u.id as user_id
    from members m join users u on u.id = m.user_id
    where m.organization_id = ${tenantId} and m.role = 'client'`;
}

/** The client of the practice with this email (case-insensitive), or null. */
export async function findPracticeClientByEmail(
  db: Executor,
  tenantId: string,
  email: string,
): Promise<string | null> {
  const [row] = await executeRows<{ user_id: string }>(
    db,
    sql`select c.user_id from (${practiceClientsSql(tenantId)}) c where c.email = ${email.trim().toLowerCase()} limit 1`,
  );
  return row?.user_id ?? null;
}
