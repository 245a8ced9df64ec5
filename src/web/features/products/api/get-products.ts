import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Product } from '../../../../shared/products.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';

/** The products of the practice; staff get the inactive ones too (GET /api/products). */
export const productsQueryKey = ['products'] as const;

export function productsQueryOptions() {
  return queryOptions({
    queryKey: productsQueryKey,
    queryFn: ({ signal }) => api.get<Product[]>(paths.api.products, signal),
  });
}

export function useProducts() {
  return useQuery(productsQueryOptions());
}
