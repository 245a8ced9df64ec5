import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { users } from '../db/schema/index.ts';
import type { AppointmentRow } from '../services/appointments/appointment-dto.ts';
import { getCompany } from '../services/company/billing-company.ts';
import type { LagoCustomerInput } from './lago-client.ts';

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/**
 * The Lago customer an appointment is billed to, one per (practice, client) so that a client's
 * invoices gather under one customer: the account's profile when the client has one; for people
 * booked by phone, the attendee fields, keyed by their e-mail or else their phone number (hashed,
 * so no personal data sits in an id that appears in URLs and logs); with neither, the appointment.
 * A client with an account who recorded a company (`PUT /api/me/company`) is billed as that
 * company, or else as a private person; for people booked by phone it is not said.
 */
export async function lagoCustomerFor(tx: Executor, appointment: AppointmentRow): Promise<LagoCustomerInput> {
  const prefix = `rdv_${appointment.tenantId}`;
  if (appointment.userId) {
    const [profile] = await tx
      .select({ name: users.name, email: users.email, phone: users.phone })
      .from(users)
      .where(eq(users.id, appointment.userId));
    if (profile) {
      const company = await getCompany(tx, { tenantId: appointment.tenantId, userId: appointment.userId });
      return {
        externalId: `${prefix}_user_${appointment.userId}`,
        name: profile.name,
        email: profile.email,
        phone: profile.phone,
        company: company && {
          legalName: company.legalName,
          taxIdentificationNumber: company.taxId,
          addressLine1: company.addressLine1,
          addressLine2: company.addressLine2,
          zipcode: company.zipcode,
          city: company.city,
          country: company.country,
        },
      };
    }
  }
  const email = appointment.attendeeEmail?.trim().toLowerCase() || null;
  const phone = appointment.attendeePhone?.replace(/[^\d+]/g, '') || null;
  const key = email
    ? `email_${digest(email)}`
    : phone
      ? `phone_${digest(phone)}`
      : `appointment_${appointment.id}`;
  return {
    externalId: `${prefix}_${key}`,
    name: appointment.attendeeName?.trim() || email || phone || 'Client',
    email,
    phone: appointment.attendeePhone?.trim() || null,
  };
}
