import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateProductInput, Product, UpdateProductInput } from '../../../../shared/products.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { productsQueryKey } from './get-products.ts';

export function createProduct(input: CreateProductInput): Promise<Product> {
  return api.post<Product>(paths.api.adminProducts, input);
}

export function updateProduct(id: string, input: UpdateProductInput): Promise<Product> {
  return api.put<Product>(paths.api.adminProduct(id), input);
}

/** Creates a product, or updates one when an id is given; the list refreshes through its key. */
export function useSaveProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: CreateProductInput }) =>
      id ? updateProduct(id, input) : createProduct(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: productsQueryKey }),
  });
}

/** Turns a product on or off for booking without opening the form. */
export function useSetProductActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, isActive }: { id: string; isActive: boolean }) => updateProduct(id, { isActive }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: productsQueryKey }),
  });
}
