import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Company, SaveCompanyInput } from '../../../../shared/company.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { companyQueryKey } from './get-company.ts';

export function saveCompany(input: SaveCompanyInput): Promise<Company> {
  return api.put<Company>(paths.api.myCompany, input);
}

/** Records the company (replacing the one kept); the page shows what the server kept. */
export function useSaveCompany() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveCompany,
    onSuccess: (company) => queryClient.setQueryData(companyQueryKey, company),
  });
}
