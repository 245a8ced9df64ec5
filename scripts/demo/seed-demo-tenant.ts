import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../src/db/client.ts';
import { accounts, assistants, members, organizations, products, users } from '../../src/db/schema/index.ts';
import { hashPassword } from '../../src/security/password.ts';
import { insertAppointment, type NewAppointment } from '../../src/services/appointments/record-change.ts';
import { generateApiKey, storedFormOf } from '../../src/services/assistants/api-keys.ts';
import { upsertAppointmentSlot } from '../../src/services/availability/appointment-slots.ts';
import { workingDayAt } from './demo-days.ts';

export interface DemoPerson {
  name: string;
  email: string;
  password: string;
  role: 'owner' | 'client';
}

/** The practice's voice assistant, with the API key it books with. */
export interface DemoAssistant {
  id: string;
  name: string;
  apiKey: string;
}

export interface DemoTenant {
  tenantId: string;
  people: DemoPerson[];
  /** Absent once an admin revoked or removed its key. */
  assistant: DemoAssistant | null;
  created: boolean;
  /** On the run that creates the practice: the past consultation its client is to pay. */
  toBePaid: { appointmentId: string; clientId: string } | null;
}

const ownerEmail = 'claire.dubois@demo.rendezvous.local';
const assistantName = 'Front desk';

/**
 * A demo secret, generated once and kept in DATA_DIR (readable by its owner only), so every
 * restart prints the same one.
 */
function keptSecret<T>(dataDir: string, fileName: string, generate: () => T): T {
  const file = path.resolve(dataDir, fileName);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as T;
  const value = generate();
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  return value;
}

/** Each person's own number (kept out of demo-credentials.json, which older demos wrote without it). */
const demoPhones: Record<string, string> = {
  [ownerEmail]: '+33 1 42 60 30 30',
  'jean.dupont@demo.rendezvous.local': '+33 6 12 34 56 78',
  'amina.haddad@demo.rendezvous.local': '+33 6 71 82 93 04',
};

function demoPeople(dataDir: string): DemoPerson[] {
  return keptSecret(dataDir, 'demo-credentials.json', () => {
    const password = () => randomBytes(9).toString('base64url');
    return [
      { name: 'Dr Claire Dubois', email: ownerEmail, password: password(), role: 'owner' },
      {
        name: 'Jean Dupont',
        email: 'jean.dupont@demo.rendezvous.local',
        password: password(),
        role: 'client',
      },
      {
        name: 'Amina Haddad',
        email: 'amina.haddad@demo.rendezvous.local',
        password: password(),
        role: 'client',
      },
    ];
  });
}

/** The demo assistant's key, held by whoever runs the demo; the database keeps only its hash. */
function demoAssistantKey(dataDir: string): string {
  return keptSecret(dataDir, 'demo-assistant-key.json', () => generateApiKey().key);
}

/** The demo assistant, if its key still works. */
async function findDemoAssistant(db: Database, tenantId: string, apiKey: string) {
  const [row] = await db
    .select({ id: assistants.id, name: assistants.name })
    .from(assistants)
    .where(
      and(
        eq(assistants.tenantId, tenantId),
        eq(assistants.apiKeyHash, storedFormOf(apiKey).hash),
        isNull(assistants.revokedAt),
      ),
    );
  return row ? { ...row, apiKey } : null;
}

/** Midnight UTC of the day `offset` days from today, plus `hours` (UTC). */
/**
 * Seeds the demo practice once: an owner, two clients, three products, weekday opening hours
 * (so the calendar and the assistant API have free times to offer) and a week of appointments in
 * mixed statuses. A second run finds the owner and changes nothing.
 */
export async function seedDemoTenant(db: Database, dataDir: string): Promise<DemoTenant> {
  const people = demoPeople(dataDir);
  const apiKey = demoAssistantKey(dataDir);
  const [existing] = await db
    .select({ tenantId: members.organizationId })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(eq(users.email, ownerEmail));
  if (existing) {
    const assistant = await findDemoAssistant(db, existing.tenantId, apiKey);
    return { tenantId: existing.tenantId, people, assistant, created: false, toBePaid: null };
  }

  return db.transaction(async (tx) => {
    const tenantId = randomUUID();
    await tx
      .insert(organizations)
      .values({ id: tenantId, name: 'Cabinet Dubois', slug: 'cabinet-dubois', timezone: 'Europe/Paris' });
    const ids: Record<string, string> = {};
    for (const person of people) {
      const userId = randomUUID();
      ids[person.email] = userId;
      await tx.insert(users).values({
        id: userId,
        name: person.name,
        email: person.email,
        emailVerified: true,
        phone: demoPhones[person.email] ?? null,
      });
      await tx.insert(accounts).values({
        id: randomUUID(),
        accountId: userId,
        providerId: 'credential',
        userId,
        password: await hashPassword(person.password),
      });
      await tx
        .insert(members)
        .values({ id: randomUUID(), organizationId: tenantId, userId, role: person.role });
    }
    const [consultation, followUp, workshop] = await tx
      .insert(products)
      .values([
        {
          tenantId,
          name: 'Initial consultation',
          description: 'A first, thorough assessment.',
          durationMinutes: 60,
          type: 'paid',
          price: 6000,
          currency: 'EUR',
        },
        {
          tenantId,
          name: 'Follow-up visit',
          description: 'Checking progress since the last visit.',
          durationMinutes: 30,
          type: 'paid',
          price: 3500,
          currency: 'EUR',
        },
        {
          tenantId,
          name: 'Discovery call',
          description: 'Fifteen minutes to get to know each other.',
          durationMinutes: 15,
          type: 'free',
          price: 0,
          currency: 'EUR',
        },
      ])
      .returning();
    const owner = ids[ownerEmail]!;
    // The assistant that answers the practice's phone, booking into the owner's agenda.
    const { hash, displayPrefix } = storedFormOf(apiKey);
    const [assistant] = await tx
      .insert(assistants)
      .values({
        tenantId,
        name: assistantName,
        assigneeUserId: owner,
        apiKeyHash: hash,
        apiKeyPrefix: displayPrefix,
        createdBy: owner,
      })
      .returning({ id: assistants.id, name: assistants.name });
    // Monday to Friday (1–5; 0 is Sunday), a morning and an afternoon in the practice's zone,
    // through the rule the settings page uses (it works out how many each opening holds).
    const ownerMember = { tenantId, userId: owner, role: 'owner' } as const;
    for (const dayOfWeek of [1, 2, 3, 4, 5]) {
      for (const [startTime, endTime] of [
        ['09:00', '12:30'],
        ['14:00', '18:00'],
      ] as const) {
        await upsertAppointmentSlot(tx, ownerMember, { dayOfWeek, startTime, endTime, duration: 30 });
      }
    }
    const [jean, amina] = people.filter((p) => p.role === 'client');
    const client = (p: DemoPerson | undefined) => ({
      userId: ids[p!.email]!,
      attendeeName: p!.name,
      attendeeEmail: p!.email,
      attendeePhone: demoPhones[p!.email] ?? null,
    });
    const base = { tenantId, assignedAdminId: owner, timezone: 'Europe/Paris', currency: 'EUR' } as const;
    // Through the write path of every appointment, so each has its audit trail ("created").
    const seeded: NewAppointment[] = [
      {
        ...base,
        ...client(jean),
        productId: consultation!.id,
        source: 'client',
        title: 'Initial consultation',
        type: 'paid',
        price: 6000,
        // Paid after the seeding, as a client pays: an invoice in Lago, then its webhook.
        status: 'completed',
        startTime: workingDayAt(-3, 8),
        endTime: workingDayAt(-3, 9),
      },
      {
        ...base,
        ...client(amina),
        productId: followUp!.id,
        source: 'client',
        title: 'Follow-up visit',
        type: 'paid',
        price: 3500,
        status: 'no_show',
        startTime: workingDayAt(-2, 13),
        endTime: workingDayAt(-2, 13, 30),
      },
      {
        ...base,
        ...client(jean),
        productId: workshop!.id,
        source: 'client',
        title: 'Discovery call',
        status: 'cancelled',
        startTime: workingDayAt(-1, 9),
        endTime: workingDayAt(-1, 9, 15),
      },
      {
        ...base,
        ...client(amina),
        productId: consultation!.id,
        source: 'admin',
        title: 'Initial consultation',
        description: 'Discuss the treatment plan',
        location: 'Paris office, 12 rue de la Paix',
        type: 'paid',
        price: 6000,
        status: 'confirmed',
        startTime: workingDayAt(1, 8),
        endTime: workingDayAt(1, 9),
      },
      {
        ...base,
        ...client(jean),
        productId: followUp!.id,
        source: 'admin',
        title: 'Follow-up visit',
        description: 'Review of the exercises',
        meetingUrl: 'https://meet.example.com/dubois-dupont',
        type: 'paid',
        price: 3500,
        status: 'pending',
        startTime: workingDayAt(2, 14),
        endTime: workingDayAt(2, 14, 30),
      },
      {
        ...base,
        ...client(amina),
        productId: workshop!.id,
        source: 'client',
        title: 'Discovery call',
        status: 'pending',
        startTime: workingDayAt(3, 10),
        endTime: workingDayAt(3, 10, 15),
      },
      {
        ...base,
        productId: followUp!.id,
        source: 'assistant',
        assistantId: assistant!.id,
        title: 'Follow-up visit – Marc Petit',
        attendeeName: 'Marc Petit',
        attendeeEmail: 'marc.petit@example.com',
        attendeePhone: '+33 7 98 76 54 32',
        service: 'Follow-up visit',
        patientType: 'returning',
        type: 'paid',
        price: 3500,
        status: 'confirmed',
        startTime: workingDayAt(4, 15),
        endTime: workingDayAt(4, 15, 30),
      },
    ];
    const rows = [];
    for (const values of seeded) rows.push(await insertAppointment(tx, { type: 'system', id: null }, values));
    const toBePaid = { appointmentId: rows[0]!.id, clientId: rows[0]!.userId! };
    return { tenantId, people, assistant: { ...assistant!, apiKey }, created: true, toBePaid };
  });
}

export async function userIdByEmail(db: Database, email: string): Promise<string> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}
