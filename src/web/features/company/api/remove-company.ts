import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { companyQueryKey } from './get-company.ts';

export function removeCompany(): Promise<void> {
  return api.delete<void>(paths.api.myCompany);
}

/** Forgets the company: the reader is invoiced as a private person from their next invoice. */
export function useRemoveCompany() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeCompany,
    onSuccess: () => queryClient.setQueryData(companyQueryKey, null),
  });
}
