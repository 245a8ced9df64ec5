import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import { accounts, members, users } from '../../db/schema/index.ts';
import { AppError, forbidden, notFound } from '../../domain/errors.ts';
import { hashPassword } from '../../security/password.ts';
import type { CreateMemberInput, Member, Role } from '../../shared/auth.ts';

const memberColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  phone: users.phone,
  role: members.role,
  createdAt: members.createdAt,
};

function toMember(row: {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  role: string;
  createdAt: Date;
}): Member {
  return { ...row, role: row.role as Role, createdAt: row.createdAt.toISOString() };
}

export async function listMembers(db: Executor, tenantId: string, role?: Role): Promise<Member[]> {
  const rows = await db
    .select(memberColumns)
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(
      role
        ? and(eq(members.organizationId, tenantId), eq(members.role, role))
        : eq(members.organizationId, tenantId),
    )
    .orderBy(asc(users.name));
  return rows.map(toMember);
}

/** A member of this tenant, or 404: ids of other tenants are indistinguishable from unknown ids. */
export async function getMember(db: Executor, tenantId: string, userId: string): Promise<Member> {
  const [row] = await db
    .select(memberColumns)
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.organizationId, tenantId), eq(members.userId, userId)));
  if (!row) throw notFound('User');
  return toMember(row);
}

/**
 * Adds a client or an admin to the tenant with a password the admin hands over. Written
 * directly, in one transaction, in the shape Better Auth reads (a `credential` account).
 */
export async function createMember(
  db: Database,
  tenantId: string,
  input: CreateMemberInput,
): Promise<Member> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (existing) throw new AppError('EMAIL_TAKEN', 'An account with this email already exists');
    const userId = randomUUID();
    const now = new Date();
    await tx.insert(users).values({
      id: userId,
      name: input.name,
      email: input.email,
      phone: input.phone ?? null,
      emailVerified: false,
      createdAt: now,
      updatedAt: now,
    });
    await tx.insert(accounts).values({
      id: randomUUID(),
      accountId: userId,
      providerId: 'credential',
      userId,
      password: passwordHash,
      createdAt: now,
      updatedAt: now,
    });
    await tx
      .insert(members)
      .values({ id: randomUUID(), organizationId: tenantId, userId, role: input.role, createdAt: now });
    return toMember({
      id: userId,
      name: input.name,
      email: input.email,
      phone: input.phone ?? null,
      role: input.role,
      createdAt: now,
    });
  });
}

/** Removes someone from the tenant (their appointments stay). The owner cannot be removed. */
export async function removeMember(
  db: Executor,
  tenantId: string,
  actorUserId: string,
  userId: string,
): Promise<void> {
  const member = await getMember(db, tenantId, userId);
  if (member.role === 'owner') throw forbidden('The owner of a practice cannot be removed');
  if (userId === actorUserId) throw forbidden('You cannot remove yourself');
  await db.delete(members).where(and(eq(members.organizationId, tenantId), eq(members.userId, userId)));
}
