import { asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import { appointments, products, users } from '../../db/schema/index.ts';
import type { AdminAppointment } from '../../shared/admin-appointments.ts';
import type { ListAppointmentsQuery } from '../../shared/appointments.ts';
import { toAppointmentDto } from './appointment-dto.ts';
import { calendarEventIdsFor, noCalendarEvents } from './calendar-event-ids.ts';
import { listConditions, paginate, searchCondition } from './list-filters.ts';

const clients = alias(users, 'client');
const practitioners = alias(users, 'practitioner');

function person(u: { id: string; name: string; email: string } | null) {
  if (!u) return null;
  const [firstName, ...rest] = u.name.trim().split(/\s+/);
  return { id: u.id, name: u.name, firstName: firstName ?? '', lastName: rest.join(' '), email: u.email };
}

/**
 * GET /api/admin/appointments: the whole tenant, with client, product and practitioner. The
 * search also looks at the client's account name and email (spec: "title, client name, or email").
 */
export async function getAdminAppointments(
  db: Executor,
  tenantId: string,
  query: ListAppointmentsQuery,
): Promise<{ items: AdminAppointment[]; nextCursor: string | null }> {
  const limit = query.limit ?? 100;
  const rows = await db
    .select({
      appointment: appointments,
      user: { id: clients.id, name: clients.name, email: clients.email },
      assignedAdmin: { id: practitioners.id, name: practitioners.name, email: practitioners.email },
      product: {
        id: products.id,
        name: products.name,
        durationMinutes: products.durationMinutes,
        type: products.type,
        price: products.price,
        currency: products.currency,
      },
    })
    .from(appointments)
    .leftJoin(clients, eq(clients.id, appointments.userId))
    .leftJoin(practitioners, eq(practitioners.id, appointments.assignedAdminId))
    .leftJoin(products, eq(products.id, appointments.productId))
    .where(
      listConditions(
        tenantId,
        { ...query, search: undefined },
        query.search ? searchCondition(query.search, [clients.name, clients.email]) : undefined,
      ),
    )
    .orderBy(asc(appointments.startTime), asc(appointments.id))
    .limit(limit + 1);
  const { page, nextCursor } = paginate(
    rows.map((r) => ({ ...r, startTime: r.appointment.startTime, id: r.appointment.id })),
    limit,
  );
  // The page's calendar event ids: one more query for the whole page, keyed by its ids.
  const events = await calendarEventIdsFor(
    db,
    tenantId,
    page.map((r) => r.appointment),
  );
  return {
    items: page.map((r) => ({
      ...toAppointmentDto(r.appointment, 'admin', events.get(r.id) ?? noCalendarEvents),
      user: person(r.user),
      assignedAdmin: person(r.assignedAdmin),
      product: r.product,
    })),
    nextCursor,
  };
}
