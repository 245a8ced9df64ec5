import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { assistants } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import type { Member } from '../../domain/permissions.ts';
import type { Assistant, CreateAssistantInput, UpdateAssistantInput } from '../../shared/assistants.ts';
import { isUuid } from '../appointments/find-visible-appointment.ts';
import { assertPractitioner } from '../appointments/practitioners.ts';
import { generateApiKey } from './api-keys.ts';

type AssistantRow = typeof assistants.$inferSelect;

function toAssistant(row: AssistantRow): Assistant {
  return {
    id: row.id,
    name: row.name,
    assigneeUserId: row.assigneeUserId,
    apiKeyPrefix: row.apiKeyPrefix,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Creates a voice assistant and its API key; the key is in this answer and nowhere else. */
export async function createAssistant(
  db: Executor,
  admin: Member,
  input: CreateAssistantInput,
): Promise<Assistant & { apiKey: string }> {
  if (input.assigneeUserId) await assertPractitioner(db, admin.tenantId, input.assigneeUserId);
  const { key, hash, displayPrefix } = generateApiKey();
  const [row] = await db
    .insert(assistants)
    .values({
      tenantId: admin.tenantId,
      name: input.name,
      assigneeUserId: input.assigneeUserId ?? null,
      apiKeyHash: hash,
      apiKeyPrefix: displayPrefix,
      createdBy: admin.userId,
    })
    .returning();
  return { ...toAssistant(row), apiKey: key };
}

export async function listAssistants(db: Executor, tenantId: string): Promise<Assistant[]> {
  const rows = await db
    .select()
    .from(assistants)
    .where(eq(assistants.tenantId, tenantId))
    .orderBy(desc(assistants.createdAt));
  return rows.map(toAssistant);
}

/**
 * Renames an assistant or gives its line to another practitioner (null: the practice owner),
 * keeping its key: the phone line goes on working. A revoked assistant cannot be changed.
 */
export async function updateAssistant(
  db: Executor,
  admin: Member,
  id: string,
  changes: UpdateAssistantInput,
): Promise<Assistant> {
  if (!isUuid(id)) throw notFound('Assistant');
  if (changes.assigneeUserId) await assertPractitioner(db, admin.tenantId, changes.assigneeUserId);
  const [existing] = await db
    .select()
    .from(assistants)
    .where(and(eq(assistants.tenantId, admin.tenantId), eq(assistants.id, id)));
  if (!existing) throw notFound('Assistant');
  if (existing.revokedAt) throw new AppError('INVALID_STATE', 'This assistant was revoked; create a new one');
  if (changes.name === undefined && changes.assigneeUserId === undefined) return toAssistant(existing);
  const [row] = await db
    .update(assistants)
    .set(changes)
    .where(and(eq(assistants.tenantId, admin.tenantId), eq(assistants.id, id)))
    .returning();
  return toAssistant(row!);
}

/** Revoking is immediate and final: the key answers 401 from the next request on. */
export async function revokeAssistant(db: Executor, tenantId: string, id: string): Promise<Assistant> {
  if (!isUuid(id)) throw notFound('Assistant');
  const [row] = await db
    .update(assistants)
    .set({ revokedAt: new Date() })
    .where(and(eq(assistants.tenantId, tenantId), eq(assistants.id, id), isNull(assistants.revokedAt)))
    .returning();
  if (row) return toAssistant(row);
  const [existing] = await db
    .select()
    .from(assistants)
    .where(and(eq(assistants.tenantId, tenantId), eq(assistants.id, id)));
  if (!existing) throw notFound('Assistant');
  return toAssistant(existing);
}
