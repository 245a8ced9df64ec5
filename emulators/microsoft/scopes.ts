import { IdentityError } from './errors.ts';

const GRAPH_RESOURCE = 'https://graph.microsoft.com/';
const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);

/**
 * Normalises a v2 `scope` parameter (v2-oauth2-auth-code-flow.md): OIDC scopes stay bare, Graph
 * permissions become `https://graph.microsoft.com/<Permission>` (a bare permission means Graph).
 * A scope for any other resource is rejected like msid-token-error.docs.json (AADSTS70011).
 */
export function normalizeScopes(scope: string | undefined): string[] {
  if (!scope || scope.trim() === '') {
    throw new IdentityError(
      400,
      'invalid_request',
      900144,
      "The request body must contain the following parameter: 'scope'.",
    );
  }
  const scopes = new Set<string>();
  for (const raw of scope.trim().split(/\s+/)) {
    const lower = raw.toLowerCase();
    if (OIDC_SCOPES.has(lower)) scopes.add(lower);
    else if (lower.startsWith(GRAPH_RESOURCE) || lower.startsWith('https://graph.microsoft.com')) {
      scopes.add(GRAPH_RESOURCE + raw.slice(GRAPH_RESOURCE.length));
    } else if (!raw.includes('://') && !raw.includes('/')) scopes.add(GRAPH_RESOURCE + raw);
    else {
      throw new IdentityError(
        400,
        'invalid_scope',
        70011,
        `The provided value for the input parameter 'scope' is not valid. The scope ${raw} is not valid.`,
      );
    }
  }
  return [...scopes];
}

/** Graph permission names carried by a token (`scp` claim); `.default` stands for the app's consented set. */
export function graphPermissions(scopes: string[]): string[] {
  const permissions = scopes
    .filter((s) => s.startsWith(GRAPH_RESOURCE))
    .map((s) => s.slice(GRAPH_RESOURCE.length));
  return permissions.flatMap((p) => (p === '.default' ? ['Calendars.ReadWrite', 'User.Read'] : [p]));
}

export function canReadCalendars(permissions: string[]): boolean {
  return permissions.some((p) => /^calendars\.read(write)?(\.shared)?$/i.test(p));
}

export function canWriteCalendars(permissions: string[]): boolean {
  return permissions.some((p) => /^calendars\.readwrite(\.shared)?$/i.test(p));
}
