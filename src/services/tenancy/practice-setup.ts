import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { executeRows } from '../../db/execute-rows.ts';
import type { PracticeSetup } from '../../shared/auth.ts';

/**
 * What a new practice has set up of what makes it bookable, for the overview's checklist: its
 * opening hours, its services, its people, a connected calendar and a voice assistant. One
 * statement of `exists`, each stopping at the first row.
 */
export async function getPracticeSetup(db: Database, tenantId: string): Promise<PracticeSetup> {
  const [row] = await executeRows<Record<keyof PracticeSetup, unknown>>(
    db,
    sql`
    select
      exists (select 1 from appointment_slots s where s.tenant_id = ${tenantId} and s.is_active) as "openingHours",
      exists (select 1 from products p where p.tenant_id = ${tenantId} and p.is_active) as services,
      exists (select 1 from members m where m.organization_id = ${tenantId} and m.role <> 'owner') as people,
      exists (select 1 from calendar_connections c where c.tenant_id = ${tenantId}) as calendar,
      exists (select 1 from assistants a where a.tenant_id = ${tenantId} and a.revoked_at is null) as assistant`,
  );
  if (!row) throw new Error('practice setup: no row');
  return {
    openingHours: row.openingHours === true,
    services: row.services === true,
    people: row.people === true,
    calendar: row.calendar === true,
    assistant: row.assistant === true,
  };
}
