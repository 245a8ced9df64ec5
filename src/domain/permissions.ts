import type { Role } from '../shared/auth.ts';
import { AppError } from './errors.ts';

/**
 * What each role may do with appointments. Owners and admins ("staff") run the practice and see
 * every appointment of their tenant; clients see and act on their own only.
 */
export function isStaff(role: Role): boolean {
  return role === 'owner' || role === 'admin';
}

/** Internal notes are for the practice only. */
export function canSeeNotes(role: Role): boolean {
  return isStaff(role);
}

/** Fields a client may not set on an appointment (the practice decides them). */
export const staffOnlyFields = ['userId', 'notes', 'isPaid', 'price', 'currency', 'type'] as const;

/** Fields a client may still change on their own appointment while it is pending. */
export const clientEditableFields = [
  'title',
  'description',
  'location',
  'meetingUrl',
  'startTime',
  'endTime',
  'timezone',
  'status',
] as const;

/** Refuses, naming the fields, an update by a client that touches fields they may not change. */
export function assertClientMayEdit(fields: string[], isPending: boolean): void {
  const refused = fields.filter(
    (f) => !(clientEditableFields as readonly string[]).includes(f) || (!isPending && f !== 'status'),
  );
  if (refused.length > 0) {
    throw new AppError('FORBIDDEN', `You cannot change ${refused.join(', ')} on this appointment`, {
      fields: refused.map((path) => ({ path: `body.${path}`, message: 'Not allowed for clients' })),
    });
  }
}

/** A signed-in member acting in their tenant (the HTTP layer's user caller satisfies it). */
export interface Member {
  userId: string;
  tenantId: string;
  role: Role;
}
