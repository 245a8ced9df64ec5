import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { members, products, users } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../domain/errors.ts';

/** The practice's owner: the practitioner booked when nobody else is named. */
export async function defaultPractitioner(db: Executor, tenantId: string): Promise<string> {
  const [owner] = await db
    .select({ userId: members.userId })
    .from(members)
    .where(and(eq(members.organizationId, tenantId), eq(members.role, 'owner')))
    .orderBy(asc(members.createdAt))
    .limit(1);
  if (!owner) throw new AppError('INVALID_STATE', 'This practice has no owner');
  return owner.userId;
}

/** A practitioner must be an owner or admin of this tenant; anyone else is unknown here. */
export async function assertPractitioner(db: Executor, tenantId: string, userId: string): Promise<void> {
  const [row] = await db
    .select({ id: members.id })
    .from(members)
    .where(
      and(
        eq(members.organizationId, tenantId),
        eq(members.userId, userId),
        inArray(members.role, ['owner', 'admin']),
      ),
    );
  if (!row) throw notFound('Practitioner');
}

/** A member (any role) of this tenant with their profile, or 404. */
export async function findTenantUser(db: Executor, tenantId: string, userId: string) {
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email, phone: users.phone, role: members.role })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.organizationId, tenantId), eq(members.userId, userId)));
  if (!row) throw notFound('Client');
  return row;
}

/** A product of this tenant, or 404. */
export async function findTenantProduct(db: Executor, tenantId: string, productId: string) {
  const [row] = await db
    .select()
    .from(products)
    .where(and(eq(products.tenantId, tenantId), eq(products.id, productId)));
  if (!row) throw notFound('Product');
  return row;
}
