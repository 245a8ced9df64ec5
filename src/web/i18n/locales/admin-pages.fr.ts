import type { adminPagesEn } from './admin-pages.en.ts';
import type { Shape } from './types.ts';

/** French strings of the administration pages (/admin/...), key for key as in English. */
export const adminPagesFr: Shape<typeof adminPagesEn> = {};
