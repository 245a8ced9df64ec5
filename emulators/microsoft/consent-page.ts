import type { PendingAuthorization } from './identity-store.ts';
import type { EmulatedUser } from './users.ts';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The sign-in + consent step of the authorize endpoint, reduced to one form: pick the account, then
 * Accept or Cancel. Stable names (`request`, `account`, `decision`) let tests post it directly.
 */
export function consentPage(
  pending: PendingAuthorization,
  users: EmulatedUser[],
  selected: EmulatedUser,
): string {
  const options = users
    .map(
      (u) =>
        `<option value="${escapeHtml(u.id)}"${u.id === selected.id ? ' selected' : ''}>${escapeHtml(u.displayName)} &lt;${escapeHtml(u.mail)}&gt;</option>`,
    )
    .join('');
  const scopes = pending.scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Permissions requested</title></head>
<body>
<h1>Permissions requested</h1>
<p>The application <strong>${escapeHtml(pending.clientId)}</strong> would like to:</p>
<ul>${scopes}</ul>
<form method="post" action="/${escapeHtml(pending.tenant)}/oauth2/v2.0/consent">
<input type="hidden" name="request" value="${escapeHtml(pending.id)}">
<label>Account <select name="account">${options}</select></label>
<button type="submit" name="decision" value="accept">Accept</button>
<button type="submit" name="decision" value="cancel">Cancel</button>
</form>
</body></html>`;
}

export function errorPage(code: number, message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head>
<body><h1>Sorry, but we're having trouble signing you in.</h1>
<p id="error">AADSTS${code}: ${escapeHtml(message)}</p></body></html>`;
}
