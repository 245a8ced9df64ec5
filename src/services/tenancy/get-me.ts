import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { organizations, users } from '../../db/schema/index.ts';
import { notFound } from '../../domain/errors.ts';
import type { Locale, Me, Role } from '../../shared/auth.ts';

export async function getMe(
  db: Executor,
  who: { userId: string; tenantId: string; role: Role },
): Promise<Me> {
  const [row] = await db
    .select({ user: users, tenant: organizations })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, who.tenantId))
    .where(eq(users.id, who.userId));
  if (!row) throw notFound('User');
  return {
    user: {
      id: row.user.id,
      name: row.user.name,
      email: row.user.email,
      phone: row.user.phone,
      locale: (row.user.locale as Locale | null) ?? null,
    },
    tenant: {
      id: row.tenant.id,
      name: row.tenant.name,
      slug: row.tenant.slug,
      timezone: row.tenant.timezone,
    },
    role: who.role,
  };
}
