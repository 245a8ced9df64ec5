/** English strings of the administration pages (/admin/...); top-level keys are one per page or feature. */
export const adminPagesEn = {};
