import { z } from 'zod';
import { newGuid } from './ids.ts';

/** The tenant every seeded user belongs to unless told otherwise (change notifications carry it). */
export const DEFAULT_TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';

export const userInputSchema = z.object({
  id: z.string().uuid().optional(),
  mail: z.string().email(),
  displayName: z.string().optional(),
  /** mailboxSettings.timeZone; informative only (Graph reads default to UTC regardless). */
  timeZone: z.string().optional(),
  tenantId: z.string().optional(),
});
export type UserInput = z.infer<typeof userInputSchema>;

export interface EmulatedUser {
  id: string;
  mail: string;
  userPrincipalName: string;
  displayName: string;
  timeZone: string;
  tenantId: string;
}

export class UserDirectory {
  private users = new Map<string, EmulatedUser>();

  add(input: UserInput): EmulatedUser {
    const user: EmulatedUser = {
      id: input.id ?? newGuid(),
      mail: input.mail,
      userPrincipalName: input.mail,
      displayName: input.displayName ?? input.mail.split('@')[0],
      timeZone: input.timeZone ?? 'UTC',
      tenantId: input.tenantId ?? DEFAULT_TENANT_ID,
    };
    this.users.set(user.id, user);
    return user;
  }

  /** `/users/{id | userPrincipalName}` accepts either form (user-get.md). */
  find(idOrMail: string): EmulatedUser | undefined {
    const direct = this.users.get(idOrMail);
    if (direct) return direct;
    const lower = idOrMail.toLowerCase();
    return [...this.users.values()].find(
      (u) => u.id.toLowerCase() === lower || u.mail.toLowerCase() === lower,
    );
  }

  list(): EmulatedUser[] {
    return [...this.users.values()];
  }

  reset(): void {
    this.users.clear();
  }
}
