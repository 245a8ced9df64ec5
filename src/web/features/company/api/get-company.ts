import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Company } from '../../../../shared/company.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';

export const companyQueryKey = ['my-company'] as const;

/** The company the reader's invoices are made out to (GET /api/me/company), or null. */
export function companyOptions() {
  return queryOptions({
    queryKey: companyQueryKey,
    queryFn: ({ signal }) => api.get<Company | null>(paths.api.myCompany, signal),
  });
}

export function useCompany() {
  return useQuery(companyOptions());
}
