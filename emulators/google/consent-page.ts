/**
 * The HTML of the emulated Google sign-in/consent step. Deliberately plain: tests and the
 * product's e2e tests fetch it and post its form (fields documented in the README).
 */

export const CONSENT_DECISION_PATH = '/o/oauth2/v2/auth/decision';

/** Authorization-request parameters carried through the form (web-server flow doc, A5). */
export const CARRIED_PARAMS = [
  'client_id',
  'redirect_uri',
  'response_type',
  'scope',
  'state',
  'access_type',
  'prompt',
  'include_granted_scopes',
  'code_challenge',
  'code_challenge_method',
] as const;

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function consentPage(params: Record<string, string | undefined>, email: string): string {
  const hidden = CARRIED_PARAMS.filter((name) => params[name] !== undefined)
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params[name]!)}">`)
    .join('\n      ');
  const scopes = (params.scope ?? '')
    .split(' ')
    .filter(Boolean)
    .map((scope) => `<li>${escapeHtml(scope)}</li>`)
    .join('');
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Sign in - Google Accounts (emulator)</title></head>
  <body>
    <h1>${escapeHtml(params.client_id ?? '')} wants to access your Google Account</h1>
    <form method="post" action="${CONSENT_DECISION_PATH}">
      ${hidden}
      <label>Account <input type="email" name="email" value="${escapeHtml(email)}"></label>
      <ul>${scopes}</ul>
      <button type="submit" name="decision" value="deny">Cancel</button>
      <button type="submit" name="decision" value="allow">Allow</button>
    </form>
  </body>
</html>`;
}

/** Google shows an error page (and does not redirect) for a bad client or redirect URI. */
export function oauthErrorPage(error: string, description: string): string {
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Error 400 (OAuth2 Error)</title></head>
  <body><h1>Access blocked: Authorization Error</h1><p id="error">Error: ${escapeHtml(error)}</p><p>${escapeHtml(description)}</p></body>
</html>`;
}
