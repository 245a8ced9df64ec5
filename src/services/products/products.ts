import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { products } from '../../db/schema/index.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import type { CreateProductInput, Product, UpdateProductInput } from '../../shared/products.ts';
import { isUuid } from '../appointments/find-visible-appointment.ts';

type ProductRow = typeof products.$inferSelect;

function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    durationMinutes: row.durationMinutes,
    type: row.type,
    price: row.price,
    currency: row.currency,
    isActive: row.isActive,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const scope = (tenantId: string, id: string) => and(eq(products.tenantId, tenantId), eq(products.id, id));

/** What the practice sells; clients and assistants see the active ones only. */
export async function listProducts(db: Executor, tenantId: string, activeOnly: boolean): Promise<Product[]> {
  const rows = await db
    .select()
    .from(products)
    .where(and(eq(products.tenantId, tenantId), activeOnly ? eq(products.isActive, true) : undefined))
    .orderBy(asc(products.name));
  return rows.map(toProduct);
}

export async function getProduct(db: Executor, tenantId: string, id: string): Promise<Product> {
  if (!isUuid(id)) throw notFound('Product');
  const [row] = await db.select().from(products).where(scope(tenantId, id));
  if (!row) throw notFound('Product');
  return toProduct(row);
}

/** A paid product needs a price; a free one costs nothing. */
function checkPrice(type: string, price: number) {
  if (type === 'paid' && price <= 0) {
    throw invalid('A paid product needs a price', [{ path: 'body.price', message: 'Must be more than 0' }]);
  }
}

export async function createProduct(
  db: Executor,
  tenantId: string,
  input: CreateProductInput,
): Promise<Product> {
  const type = input.type ?? (input.price ? 'paid' : 'free');
  const price = type === 'free' ? 0 : (input.price ?? 0);
  checkPrice(type, price);
  const [row] = await db
    .insert(products)
    .values({ ...input, tenantId, type, price, description: input.description ?? null })
    .returning();
  return toProduct(row);
}

export async function updateProduct(
  db: Executor,
  tenantId: string,
  id: string,
  input: UpdateProductInput,
): Promise<Product> {
  const current = await getProduct(db, tenantId, id);
  const type = input.type ?? current.type;
  const price = type === 'free' ? 0 : (input.price ?? current.price);
  checkPrice(type, price);
  const [row] = await db
    .update(products)
    .set({ ...input, type, price, updatedAt: new Date() })
    .where(scope(tenantId, id))
    .returning();
  return toProduct(row);
}

/** Deleting keeps past appointments (their product link becomes empty); deactivate to hide instead. */
export async function deleteProduct(db: Executor, tenantId: string, id: string): Promise<void> {
  await getProduct(db, tenantId, id);
  await db.delete(products).where(scope(tenantId, id));
}
