import type { AppointmentType } from '../shared/appointments.ts';
import { invalid } from './errors.ts';

/**
 * The price an appointment stores for its type: a free one costs nothing (a price given with it
 * is refused, not dropped: the caller meant something), a paid one costs something, or it could
 * never be paid. `price` is what the caller gave; `otherwise` what applies when they gave none.
 */
export function priceForType(type: AppointmentType, price: number | undefined, otherwise: number): number {
  if (type === 'free') {
    if (price !== undefined && price > 0)
      throw priceProblem('A free appointment has no price: send 0, or type paid');
    return 0;
  }
  const cents = price ?? otherwise;
  if (cents <= 0) throw priceProblem('A paid appointment needs a price above 0 (in cents)');
  return cents;
}

function priceProblem(message: string) {
  return invalid(`price: ${message}`, [{ path: 'body.price', message }]);
}
