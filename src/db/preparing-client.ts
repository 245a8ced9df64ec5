import { createHash } from 'node:crypto';
import pg from 'pg';

/** Statements kept prepared per connection (pgx, Go's driver, caches 512); beyond it, new texts run unnamed. */
const preparedPerConnection = 500;

/** Names already computed, shared by every connection: the texts are few and hashing each call costs. */
const namesByText = new Map<string, string>();

function statementName(text: string): string {
  let name = namesByText.get(text);
  if (name === undefined) {
    name = `rz_${createHash('sha1').update(text).digest('base64url')}`;
    // Bounded like the statements per connection; past it a text is hashed again each time.
    if (namesByText.size < preparedPerConnection) namesByText.set(text, name);
  }
  return name;
}

/**
 * A node-postgres client that prepares each of the ORM's parameterised statements once per
 * connection and reuses it, so that PostgreSQL parses and plans it on its first runs only
 * instead of on every call. The ORM's statements are few and fixed in text (values travel as
 * parameters, bulk rows as one JSON parameter), and planning was a good part of a short
 * statement's cost on the server: bench/sync-fleet.ts measured the server's CPU for a cycle of
 * first imports halved. The name is a digest of the text, so one text always maps to one
 * statement; node-postgres parses a name the connection has not seen yet on its first use.
 *
 * Only the ORM's queries (config objects) are named. Plain-text queries — pg-boss's, whose
 * `select *` would change shape under a prepared statement when its schema is upgraded by a newer
 * process, and scripts without parameters, which cannot be prepared — run as before. Our own
 * statements name every column they return (see bulk-insert.ts), so a column added by a newer
 * release's migration does not break the statements an older process holds.
 */
export class PreparingClient extends pg.Client {
  readonly #prepared = new Set<string>();

  override query(...args: unknown[]): never {
    const named = this.#named(args[0], args[1]);
    if (named) args[0] = named;
    return (super.query as (...a: unknown[]) => never)(...args);
  }

  #named(config: unknown, values: unknown): pg.QueryConfig | null {
    if (!config || typeof config !== 'object' || !('text' in config) || 'submit' in config) return null;
    const query = config as pg.QueryConfig;
    const parameters = Array.isArray(values) ? values : query.values;
    if (query.name || !parameters || parameters.length === 0) return null;
    const name = statementName(query.text);
    if (!this.#prepared.has(name)) {
      if (this.#prepared.size >= preparedPerConnection) return null;
      this.#prepared.add(name);
    }
    return { ...query, name };
  }
}
