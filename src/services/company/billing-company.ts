import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { billingCompanies } from '../../db/schema/index.ts';
import type { Company, SaveCompanyInput } from '../../shared/company.ts';

/** A member of a practice: their company is theirs in that practice only. */
export interface CompanyOwner {
  tenantId: string;
  userId: string;
}

type CompanyRow = typeof billingCompanies.$inferSelect;

const ownedBy = (who: CompanyOwner) =>
  and(eq(billingCompanies.tenantId, who.tenantId), eq(billingCompanies.userId, who.userId));

export function toCompany(row: CompanyRow): Company {
  return {
    legalName: row.legalName,
    taxId: row.taxId,
    addressLine1: row.addressLine1,
    addressLine2: row.addressLine2,
    zipcode: row.zipcode,
    city: row.city,
    country: row.country,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The company the member's invoices are made out to, or null: they book as a private person. */
export async function getCompany(db: Executor, who: CompanyOwner): Promise<Company | null> {
  const [row] = await db.select().from(billingCompanies).where(ownedBy(who));
  return row ? toCompany(row) : null;
}

/** Records the member's company, replacing the one kept; fields left out are cleared. */
export async function saveCompany(
  db: Executor,
  who: CompanyOwner,
  input: SaveCompanyInput,
): Promise<Company> {
  const now = new Date();
  const values = {
    legalName: input.legalName,
    taxId: input.taxId ?? null,
    addressLine1: input.addressLine1,
    addressLine2: input.addressLine2 ?? null,
    zipcode: input.zipcode ?? null,
    city: input.city,
    country: input.country,
    updatedAt: now,
  };
  const [row] = await db
    .insert(billingCompanies)
    .values({ tenantId: who.tenantId, userId: who.userId, ...values, createdAt: now })
    .onConflictDoUpdate({ target: [billingCompanies.tenantId, billingCompanies.userId], set: values })
    .returning();
  return toCompany(row!);
}

/** Forgets the member's company: their next invoices are made out to them as a private person. */
export async function removeCompany(db: Executor, who: CompanyOwner): Promise<void> {
  await db.delete(billingCompanies).where(ownedBy(who));
}
