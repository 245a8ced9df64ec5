/** English strings of the client dashboard (/dashboard/...); top-level keys are one per page or feature. */
export const clientPagesEn = {};
