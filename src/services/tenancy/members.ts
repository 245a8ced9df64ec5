import { randomBytes, randomUUID } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { CalendarContext } from '../../calendar/calendar-context.ts';
import { stopWatchingCalendarsOf } from '../../calendar/connections/disconnect-calendar.ts';
import type { Database, Executor } from '../../db/client.ts';
import {
  accounts,
  assistants,
  billingCompanies,
  members,
  organizations,
  sessions,
  users,
} from '../../db/schema/index.ts';
import { AppError, forbidden, notFound } from '../../domain/errors.ts';
import { hashPassword } from '../../security/password.ts';
import type { CreateMemberInput, Member, Role, UpdateMemberInput } from '../../shared/auth.ts';
import { toCompany } from '../company/billing-company.ts';

/** A member acting on another's account. */
type Actor = { tenantId: string; userId: string; role: Role };

const memberColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  phone: users.phone,
  role: members.role,
  createdAt: members.createdAt,
  company: billingCompanies,
};

/** The company the member's invoices are made out to in this practice, for staff to read. */
const companyOfMember = and(
  eq(billingCompanies.tenantId, members.organizationId),
  eq(billingCompanies.userId, members.userId),
);

function toMember(row: {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  role: string;
  createdAt: Date;
  company: typeof billingCompanies.$inferSelect | null;
}): Member {
  return {
    ...row,
    role: row.role as Role,
    createdAt: row.createdAt.toISOString(),
    company: row.company ? toCompany(row.company) : null,
  };
}

export async function listMembers(db: Executor, tenantId: string, role?: Role): Promise<Member[]> {
  const rows = await db
    .select(memberColumns)
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .leftJoin(billingCompanies, companyOfMember)
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
    .leftJoin(billingCompanies, companyOfMember)
    .where(and(eq(members.organizationId, tenantId), eq(members.userId, userId)));
  if (!row) throw notFound('User');
  return toMember(row);
}

/** An email-and-password account, in the shape Better Auth reads (provider `credential`). */
function credentialAccount(userId: string, passwordHash: string, now: Date) {
  return {
    id: randomUUID(),
    accountId: userId,
    providerId: 'credential',
    userId,
    password: passwordHash,
    createdAt: now,
    updatedAt: now,
  };
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
    await tx.insert(accounts).values(credentialAccount(userId, passwordHash, now));
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
      company: null,
    });
  });
}

/**
 * Whether this member may be removed by this actor: not the owner, not oneself, an admin only
 * by the owner (as `assertMayManage` has it for their details), and no voice assistant still
 * booking for them (removed, its line would book someone else without a word).
 */
async function assertRemovable(db: Executor, actor: Actor, userId: string): Promise<Member> {
  const member = await getMember(db, actor.tenantId, userId);
  if (member.role === 'owner') throw forbidden('The owner of a practice cannot be removed');
  if (userId === actor.userId) throw forbidden('You cannot remove yourself');
  if (!mayActOn(actor, member)) throw forbidden('Only the owner can remove an admin');
  const lines = await db
    .select({ name: assistants.name })
    .from(assistants)
    .where(
      and(
        eq(assistants.tenantId, actor.tenantId),
        eq(assistants.assigneeUserId, userId),
        isNull(assistants.revokedAt),
      ),
    )
    .orderBy(asc(assistants.name));
  if (lines.length > 0) {
    const names = lines.map((line) => line.name);
    throw new AppError(
      'MEMBER_HAS_ASSISTANT',
      `${names.map((name) => `"${name}"`).join(', ')} books for ${member.name}: give it another practitioner or revoke it before removing them`,
      { assistants: names },
    );
  }
  return member;
}

/**
 * Removes someone from the practice, and with it their account: a person belongs to one
 * practice, and an account left without one could neither sign in nor be added again (its
 * email taken). Their calendars' push channels are stopped first; their sessions, calendar
 * connections, opening hours and feed go with the account. Their appointments stay, with the
 * name, email and phone they were booked under; appointments they handled are left unassigned.
 */
export async function removeMember(calendar: CalendarContext, actor: Actor, userId: string): Promise<void> {
  const { tenantId } = actor;
  const member = await assertRemovable(calendar.db, actor, userId);
  await stopWatchingCalendarsOf(calendar, tenantId, member.id);
  await calendar.db.transaction(async (tx) => {
    // Checked again under the transaction: an assistant given to them meanwhile keeps them.
    await assertRemovable(tx, actor, member.id);
    await tx.delete(members).where(and(eq(members.organizationId, tenantId), eq(members.userId, member.id)));
    const [elsewhere] = await tx
      .select({ id: members.id })
      .from(members)
      .where(eq(members.userId, member.id));
    if (!elsewhere) await tx.delete(users).where(eq(users.id, member.id));
  });
}

/**
 * Who may act on another member's account (their details, their password, removing it): the
 * owner on anyone; an admin on clients only, so that no admin can take over — or remove —
 * another's account.
 */
function mayActOn(actor: { role: Role }, member: Member): boolean {
  return actor.role === 'owner' || member.role === 'client';
}

/**
 * `mayActOn` for a member's details and password. One's own are changed on one's profile page,
 * and the owner's by the owner alone.
 */
function assertMayManage(actor: { userId: string; role: Role }, member: Member, what: string): void {
  if (member.id === actor.userId) throw forbidden(`Change your own ${what} on your profile page`);
  if (member.role === 'owner') throw forbidden(`Only the owner can change the owner’s ${what}`);
  if (!mayActOn(actor, member)) throw forbidden(`Only the owner can change an admin’s ${what}`);
}

/** Corrects a member's name or phone (a typo at sign-up, a new number). */
export async function updateMember(
  db: Database,
  actor: Actor,
  userId: string,
  changes: UpdateMemberInput,
): Promise<Member> {
  const member = await getMember(db, actor.tenantId, userId);
  assertMayManage(actor, member, 'details');
  if (changes.name === undefined && changes.phone === undefined) return member;
  await db
    .update(users)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(users.id, member.id));
  return getMember(db, actor.tenantId, member.id);
}

/**
 * A new password for a member who lost theirs, which staff hand over (Rendezvous sends no
 * email), as assertMayManage allows (one's own is changed on the profile page, which asks
 * for the current one). The member's sessions end: whoever held the old password is signed out.
 */
export async function setMemberPassword(
  db: Database,
  actor: Actor,
  userId: string,
  password: string,
): Promise<void> {
  const member = await getMember(db, actor.tenantId, userId);
  assertMayManage(actor, member, 'password');
  await replacePassword(db, userId, password);
}

/** The account's password becomes this one, and its sessions end. */
async function replacePassword(db: Database, userId: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const now = new Date();
    const updated = await tx
      .update(accounts)
      .set({ password: passwordHash, updatedAt: now })
      .where(and(eq(accounts.userId, userId), eq(accounts.providerId, 'credential')))
      .returning({ id: accounts.id });
    if (updated.length === 0) await tx.insert(accounts).values(credentialAccount(userId, passwordHash, now));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
  });
}

/**
 * For whoever runs the server, when nobody can reset a password in the app: the owner's is
 * theirs alone (assertMayManage), and Rendezvous sends no email. Gives the account a new
 * generated password, returned to be shown once, and ends its sessions.
 */
export async function resetPasswordByEmail(
  db: Database,
  email: string,
): Promise<{ password: string; name: string; practices: string[] }> {
  const [user] = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()));
  if (!user) throw new AppError('NOT_FOUND', `No account has the email ${email}`);
  const practices = await db
    .select({ name: organizations.name })
    .from(members)
    .innerJoin(organizations, eq(organizations.id, members.organizationId))
    .where(eq(members.userId, user.id));
  const password = randomBytes(12).toString('base64url');
  await replacePassword(db, user.id, password);
  return { password, name: user.name, practices: practices.map((p) => p.name) };
}
