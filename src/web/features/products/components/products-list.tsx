import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import type { Product } from '../../../../shared/products.ts';
import { Badge } from '../../../components/badge.tsx';
import { Button } from '../../../components/button.tsx';
import { Card } from '../../../components/card.tsx';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import {
  AlertIcon,
  ClockIcon,
  MoreIcon,
  PencilIcon,
  PlusIcon,
  ShoppingBagIcon,
  TrashIcon,
} from '../../../components/icons.tsx';
import { LoadingBlock } from '../../../components/load-state.tsx';
import { Menu } from '../../../components/menu.tsx';
import { cn } from '../../../lib/cn.ts';
import { errorText } from '../../../lib/form-errors.ts';
import { formatMoney } from '../../../lib/format.ts';
import { useConfirmation } from '../../../lib/use-confirmation.ts';
import { useDeleteProduct } from '../api/delete-product.ts';
import { useProducts } from '../api/get-products.ts';
import { useSetProductActive } from '../api/save-product.ts';

/** "45 min", "1 h", "1 h 30". */
function Duration({ minutes }: { minutes: number }) {
  const { t } = useTranslation();
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return <>{t('products.duration.minutes', { count: minutes })}</>;
  if (rest === 0) return <>{t('products.duration.hours', { count: hours })}</>;
  return <>{t('products.duration.hoursMinutes', { hours, minutes: String(rest).padStart(2, '0') })}</>;
}

/** The services of the practice as cards: price, duration, whether they can be booked. */
export function ProductsList({
  onCreate,
  onEdit,
}: {
  onCreate: () => void;
  onEdit: (product: Product) => void;
}) {
  const { t } = useTranslation();
  const products = useProducts();
  const setActive = useSetProductActive();
  const remove = useDeleteProduct();
  const {
    subject: deleting,
    error: deleteError,
    ask: askToDelete,
    fail: deleteFailed,
  } = useConfirmation<Product>();

  const toggle = async (product: Product) => {
    try {
      const saved = await setActive.mutateAsync({ id: product.id, isActive: !product.isActive });
      toast.success(
        t(saved.isActive ? 'products.toast.activated' : 'products.toast.deactivated', { name: saved.name }),
      );
    } catch (error) {
      toast.error(errorText(t, error));
    }
  };

  const confirmDelete = async () => {
    if (!deleting) return;
    try {
      await remove.mutateAsync(deleting.id);
      toast.success(t('products.toast.deleted', { name: deleting.name }));
      askToDelete(null);
    } catch (error) {
      deleteFailed(errorText(t, error));
    }
  };

  if (products.isPending) {
    return (
      <Card>
        <LoadingBlock label={t('app.loading')} className="py-12" />
      </Card>
    );
  }
  if (products.isError) {
    return (
      <Card>
        <EmptyState
          icon={<AlertIcon className="size-6" />}
          title={t('products.loadFailed')}
          action={
            <Button variant="secondary" onClick={() => void products.refetch()}>
              {t('products.retry')}
            </Button>
          }
        />
      </Card>
    );
  }
  if (products.data.length === 0) {
    return (
      <Card>
        <EmptyState
          icon={<ShoppingBagIcon className="size-6" />}
          title={t('products.empty')}
          body={t('products.emptyBody')}
          action={
            <Button icon={<PlusIcon className="size-4" />} onClick={onCreate}>
              {t('products.add')}
            </Button>
          }
        />
      </Card>
    );
  }

  return (
    <>
      <ul
        className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3"
        aria-label={t('products.listLabel')}
      >
        {products.data.map((product) => (
          <li key={product.id}>
            <Card className={cn('flex h-full flex-col p-5', !product.isActive && 'bg-slate-50/80')}>
              <div className="flex items-start gap-3">
                <div className="min-w-0 flex-1">
                  <h2
                    className={cn(
                      'truncate text-base font-semibold',
                      product.isActive ? 'text-slate-900' : 'text-slate-600',
                    )}
                  >
                    {product.name}
                  </h2>
                  <p className="mt-1 flex items-center gap-1.5 text-sm text-slate-500">
                    <ClockIcon className="size-4" />
                    <Duration minutes={product.durationMinutes} />
                  </p>
                </div>
                <Menu
                  label={t('products.actions.menu', { name: product.name })}
                  trigger={<MoreIcon className="size-5" />}
                  triggerClassName="-mt-1 -mr-2"
                  items={[
                    {
                      key: 'edit',
                      label: t('products.actions.edit'),
                      icon: <PencilIcon className="size-4.5" />,
                      onSelect: () => onEdit(product),
                    },
                    {
                      key: 'toggle',
                      label: product.isActive
                        ? t('products.actions.deactivate')
                        : t('products.actions.activate'),
                      icon: <ShoppingBagIcon className="size-4.5" />,
                      onSelect: () => void toggle(product),
                    },
                    {
                      key: 'delete',
                      label: t('products.actions.delete'),
                      icon: <TrashIcon className="size-4.5" />,
                      tone: 'danger',
                      onSelect: () => askToDelete(product),
                    },
                  ]}
                />
              </div>
              {product.description ? (
                <p className="mt-3 line-clamp-3 text-sm text-slate-600">{product.description}</p>
              ) : null}
              <div className="mt-auto flex flex-wrap items-center gap-2 pt-4">
                <span className="text-lg font-semibold text-slate-900 tabular-nums">
                  {product.type === 'paid'
                    ? formatMoney(product.price, product.currency)
                    : t('products.type.free')}
                </span>
                <span className="flex-1" />
                <Badge tone={product.isActive ? 'emerald' : 'neutral'}>
                  {product.isActive ? t('products.active') : t('products.inactive')}
                </Badge>
              </div>
            </Card>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => askToDelete(null)}
        onConfirm={() => void confirmDelete()}
        title={t('products.delete.title')}
        body={deleting ? t('products.delete.body', { name: deleting.name }) : ''}
        confirmLabel={t('products.delete.confirm')}
        cancelLabel={t('products.delete.keep')}
        isLoading={remove.isPending}
        error={deleteError}
      />
    </>
  );
}
