import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { appointmentExceptions, appointmentSlots, organizations } from '../../db/schema/index.ts';
import { notFound } from '../../domain/errors.ts';
import type { UpdatePracticeInput } from '../../shared/auth.ts';

/**
 * Renames the practice and/or moves it to another time zone. Opening hours and dated exceptions
 * that were kept in the old zone move with the practice: "Monday 09:00–12:30" stays 09:00–12:30
 * on the practice's new clock, as its owner means it. Hours set in a zone of their own (a
 * practitioner working from elsewhere) keep it. Appointments keep their instants and zones:
 * they were booked for a moment in time.
 */
export async function updatePractice(db: Database, tenantId: string, changes: UpdatePracticeInput) {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ timezone: organizations.timezone })
      .from(organizations)
      .where(eq(organizations.id, tenantId))
      .for('update');
    if (!before) throw notFound('Practice');
    if (changes.name === undefined && changes.timezone === undefined) return;
    await tx.update(organizations).set(changes).where(eq(organizations.id, tenantId));
    const moved = changes.timezone;
    if (moved === undefined || moved === before.timezone) return;
    await tx
      .update(appointmentSlots)
      .set({ timezone: moved, updatedAt: new Date() })
      .where(and(eq(appointmentSlots.tenantId, tenantId), eq(appointmentSlots.timezone, before.timezone)));
    await tx
      .update(appointmentExceptions)
      .set({ timezone: moved })
      .where(
        and(
          eq(appointmentExceptions.tenantId, tenantId),
          eq(appointmentExceptions.timezone, before.timezone),
        ),
      );
  });
}
