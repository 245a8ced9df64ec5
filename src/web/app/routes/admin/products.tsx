import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../../shared/products.ts';
import { Button } from '../../../components/button.tsx';
import { PlusIcon } from '../../../components/icons.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProductFormDialog } from '../../../features/products/components/product-form-dialog.tsx';
import { ProductsList } from '../../../features/products/components/products-list.tsx';

/** /admin/products: the services clients and assistants can book, with their duration and price. */
export function Component() {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<{ product: Product | null } | null>(null);
  return (
    <>
      <PageHeader
        title={t('products.title')}
        description={t('products.description')}
        action={
          <Button icon={<PlusIcon className="size-4" />} onClick={() => setEditing({ product: null })}>
            {t('products.add')}
          </Button>
        }
      />
      <ProductsList
        onCreate={() => setEditing({ product: null })}
        onEdit={(product) => setEditing({ product })}
      />
      <ProductFormDialog
        open={editing !== null}
        product={editing?.product ?? null}
        onClose={() => setEditing(null)}
      />
    </>
  );
}
