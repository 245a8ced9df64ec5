import type { clientPagesEn } from './client-pages.en.ts';
import type { Shape } from './types.ts';

/** French strings of the client dashboard (/dashboard/...), key for key as in English. */
export const clientPagesFr: Shape<typeof clientPagesEn> = {};
