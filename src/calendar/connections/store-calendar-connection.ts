import { and, eq } from 'drizzle-orm';
import { calendarConnections, calendarOutbox } from '../../db/schema/index.ts';
import { waitTurnInTransaction } from '../../db/transaction-lock.ts';
import type { CalendarContext } from '../calendar-context.ts';
import type { CalendarProviderName } from '../provider.ts';
import type { TokenSet } from '../token-set.ts';
import { type ConnectionRow, tokenContext } from './connection-dto.ts';
import { stopWatching } from './disconnect-calendar.ts';
import { assertCalendarNotConnectedYet } from './same-calendar.ts';

export interface NewConnection {
  tenantId: string;
  userId: string;
  provider: CalendarProviderName;
  authType: 'oauth' | 'service_account';
  email: string | null;
  calendarId: string;
  tokens: TokenSet | null;
}

const sameAccount = (a: string | null, b: string | null) => !a || !b || a.toLowerCase() === b.toLowerCase();

/**
 * Stores (or refreshes) a connection after the user consented. Connecting the same calendar
 * again revives the existing row: its links and cursor stay, so nothing is imported twice,
 * and the pushes parked while its token was dead drain again. Connecting another account in
 * its place starts afresh: the old account's links, cursor, channel and busy time mean nothing
 * in the new one (appointments stay). Its first pull then finds the events we wrote there before
 * and queues the upcoming appointments it lacks (see `pull`). A calendar the practice has
 * connected already in another connection is refused (same-calendar.ts).
 */
export async function storeCalendarConnection(
  ctx: CalendarContext,
  input: NewConnection,
): Promise<ConnectionRow> {
  const context = tokenContext(input);
  const sealed = input.tokens
    ? {
        accessTokenEnc: ctx.tokenBox.seal(input.tokens.accessToken, context),
        refreshTokenEnc: input.tokens.refreshToken
          ? ctx.tokenBox.seal(input.tokens.refreshToken, context)
          : undefined,
        expiresAt: input.tokens.expiresAt,
        encryptionKeyId: ctx.tokenBox.currentKeyId,
      }
    : {};
  const fields = {
    authType: input.authType,
    email: input.email,
    status: 'active' as const,
    statusReason: null,
    updatedAt: new Date(),
    ...sealed,
  };
  const { row, replaced } = await ctx.db.transaction(async (tx) => {
    // Two members connecting one calendar at the same instant: the second waits for the first's
    // commit, then finds its connection and is refused.
    await waitTurnInTransaction(tx, 'connections', input.tenantId);
    const [found] = await tx
      .select()
      .from(calendarConnections)
      .where(
        and(
          eq(calendarConnections.tenantId, input.tenantId),
          eq(calendarConnections.userId, input.userId),
          eq(calendarConnections.provider, input.provider),
          eq(calendarConnections.calendarId, input.calendarId),
        ),
      );
    const isRenewal = found !== undefined && sameAccount(found.email, input.email);
    await assertCalendarNotConnectedYet(tx, input, isRenewal ? found.id : undefined);
    if (found && isRenewal) {
      const [renewed] = await tx
        .update(calendarConnections)
        .set(fields)
        .where(eq(calendarConnections.id, found.id))
        .returning();
      // Pushes parked while the token was dead can go now.
      await tx
        .update(calendarOutbox)
        .set({ status: 'pending', nextAttemptAt: new Date(), lastError: null })
        .where(and(eq(calendarOutbox.connectionId, found.id), eq(calendarOutbox.status, 'parked')));
      return { row: renewed!, replaced: undefined };
    }
    if (found) await tx.delete(calendarConnections).where(eq(calendarConnections.id, found.id));
    const [created] = await tx
      .insert(calendarConnections)
      .values({
        tenantId: input.tenantId,
        userId: input.userId,
        provider: input.provider,
        calendarId: input.calendarId,
        ...fields,
      })
      .returning();
    return { row: created!, replaced: found };
  });
  // After the commit: stopping a channel is a call to the provider, never held in a transaction.
  if (replaced) await stopWatching(ctx, replaced);
  return row;
}
