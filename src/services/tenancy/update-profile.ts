import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { users } from '../../db/schema/index.ts';
import type { updateProfileSchema } from '../../shared/auth.ts';

export async function updateProfile(
  db: Executor,
  userId: string,
  changes: z.infer<typeof updateProfileSchema>,
): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  await db
    .update(users)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(users.id, userId));
}
