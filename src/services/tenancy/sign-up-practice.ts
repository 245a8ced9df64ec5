import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { organizations, sessions, users } from '../../db/schema/index.ts';
import { AppError } from '../../domain/errors.ts';
import type { Auth } from '../../server/auth/better-auth.ts';
import type { Me, SignUpInput } from '../../shared/auth.ts';
import { getMe } from './get-me.ts';
import { tenantSlug } from './slug.ts';

/**
 * Sign-up makes a practice: the user, their tenant (a Better Auth organization) with them as
 * owner, and a session. Better Auth writes through its own adapter, so a failure after the user
 * exists is compensated by deleting that user rather than leaving an account without a tenant.
 */
export async function signUpPractice(
  auth: Auth,
  db: Database,
  input: SignUpInput,
): Promise<{ me: Me; setCookies: string[] }> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email));
  if (existing) throw new AppError('EMAIL_TAKEN', 'An account with this email already exists');

  const signUp = () =>
    auth.api.signUpEmail({
      body: { name: input.name, email: input.email, password: input.password },
      returnHeaders: true,
    });
  let created: Awaited<ReturnType<typeof signUp>>;
  try {
    created = await signUp();
  } catch (error) {
    if ((error as { status?: string }).status === 'UNPROCESSABLE_ENTITY') {
      throw new AppError('EMAIL_TAKEN', 'An account with this email already exists');
    }
    throw error;
  }
  const { user, token } = created.response;
  try {
    const organization = await auth.api.createOrganization({
      body: { name: input.organizationName, slug: tenantSlug(input.organizationName), userId: user.id },
    });
    if (!organization) throw new Error('organization was not created');
    if (input.timezone) {
      await db
        .update(organizations)
        .set({ timezone: input.timezone })
        .where(eq(organizations.id, organization.id));
    }
    if (token) {
      await db
        .update(sessions)
        .set({ activeOrganizationId: organization.id })
        .where(eq(sessions.token, token));
    }
    const me = await getMe(db, { userId: user.id, tenantId: organization.id, role: 'owner' });
    return { me, setCookies: created.headers.getSetCookie() };
  } catch (error) {
    await db.delete(users).where(eq(users.id, user.id));
    throw error;
  }
}
