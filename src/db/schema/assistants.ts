import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations, users } from './auth.ts';

/** A voice assistant that books by API key. Only a hash of the key is stored. */
export const assistants = pgTable(
  'assistants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The practitioner whose calendar the assistant books into. */
    assigneeUserId: text('assignee_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** SHA-256 of the key; the key itself is shown once, at creation. */
    apiKeyHash: text('api_key_hash').notNull(),
    /** The first characters of the key, so an admin can tell keys apart. */
    apiKeyPrefix: text('api_key_prefix').notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('assistants_api_key_hash_uq').on(t.apiKeyHash),
    index('assistants_tenant_idx').on(t.tenantId),
  ],
);
