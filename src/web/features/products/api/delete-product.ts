import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { productsQueryKey } from './get-products.ts';

export function deleteProduct(id: string): Promise<void> {
  return api.delete<void>(paths.api.adminProduct(id));
}

/** Deletes a product; past appointments keep their details, only the link goes. */
export function useDeleteProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteProduct,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: productsQueryKey }),
  });
}
