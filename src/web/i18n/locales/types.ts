import type { en } from './en.ts';

export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** The shape every language must fill: the English keys, each with a string. */
export type Translations = Shape<typeof en>;
