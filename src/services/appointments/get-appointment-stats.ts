import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { appointments } from '../../db/schema/index.ts';
import { addDays, localDate, localToInstant } from '../../domain/time-zone.ts';
import type { AppointmentStats } from '../../shared/admin-appointments.ts';
import { tenantTimezone } from './create-appointment.ts';

/**
 * Spec `getAppointmentStats`: the current calendar month in the practice's time zone, by start
 * time. Paid = `isPaid`; unpaid = a paid-type appointment not yet paid and not cancelled.
 * Revenue is what was paid; the unpaid amount what is still owed. Cents. Beyond the spec, the
 * month (`YYYY-MM`) and its appointments per local day, every day listed, for the dashboard chart.
 */
export async function getAppointmentStats(
  db: Executor,
  tenantId: string,
  now = Date.now(),
): Promise<AppointmentStats> {
  const timezone = await tenantTimezone(db, tenantId);
  const today = localDate(now, timezone);
  const firstDay = `${today.slice(0, 7)}-01`;
  const nextMonth = `${addDays(firstDay, 32).slice(0, 7)}-01`;
  const from = new Date(localToInstant(firstDay, 0, timezone) ?? Date.parse(firstDay));
  const to = new Date(localToInstant(nextMonth, 0, timezone) ?? Date.parse(nextMonth));
  const count = (condition: ReturnType<typeof sql>) => sql<number>`count(*) filter (where ${condition})::int`;
  const owed = sql`${appointments.type} = 'paid' and not ${appointments.isPaid} and ${appointments.status} <> 'cancelled'`;
  const inMonth = and(
    eq(appointments.tenantId, tenantId),
    gte(appointments.startTime, from),
    lt(appointments.startTime, to),
  );
  const [row] = await db
    .select({
      total: sql<number>`count(*)::int`,
      pending: count(sql`${appointments.status} = 'pending'`),
      confirmed: count(sql`${appointments.status} = 'confirmed'`),
      completed: count(sql`${appointments.status} = 'completed'`),
      cancelled: count(sql`${appointments.status} = 'cancelled'`),
      noShow: count(sql`${appointments.status} = 'no_show'`),
      paidAppointments: count(sql`${appointments.isPaid}`),
      unpaidAppointments: count(owed),
      totalRevenue: sql<number>`coalesce(sum(${appointments.price}) filter (where ${appointments.isPaid}), 0)::int`,
      unpaidAmount: sql<number>`coalesce(sum(${appointments.price}) filter (where ${owed}), 0)::int`,
    })
    .from(appointments)
    .where(inMonth);
  // Days are cut in the practice's zone with the same rules as the month, so they add up to `total`.
  const starts = await db.select({ startTime: appointments.startTime }).from(appointments).where(inMonth);
  const perDay = new Map<string, number>();
  for (const { startTime } of starts) {
    const day = localDate(startTime.getTime(), timezone);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const days: AppointmentStats['days'] = [];
  for (let day = firstDay; day < nextMonth; day = addDays(day, 1)) {
    days.push({ date: day, count: perDay.get(day) ?? 0 });
  }
  return { ...row, month: firstDay.slice(0, 7), days };
}
