import type { AppConfig } from '../../config/index.ts';

/** Where Microsoft lives and who we are to it; every URL is configuration so emulators can stand in. */
export interface MicrosoftSettings {
  clientId?: string;
  clientSecret?: string;
  redirectUri: string;
  /** `common`, `organizations`, `consumers` or a tenant id (identity platform v2). */
  tenant: string;
  /** `https://login.microsoftonline.com`: `{authorityUrl}/{tenant}/oauth2/v2.0/authorize|token`. */
  authorityUrl: string;
  /** `https://graph.microsoft.com/v1.0`. */
  graphBaseUrl: string;
}

/**
 * What we ask for: calendar read/write, `offline_access` for a refresh token, and `openid email`
 * so the token response carries an id_token naming the account (no extra Graph call, no User.Read).
 */
export const microsoftScopes = [
  'offline_access',
  'openid',
  'email',
  'https://graph.microsoft.com/Calendars.ReadWrite',
];

const trimSlash = (url: string) => url.replace(/\/+$/, '');

export function microsoftSettingsFrom(config: AppConfig): MicrosoftSettings {
  return {
    clientId: config.MICROSOFT_CLIENT_ID,
    clientSecret: config.MICROSOFT_CLIENT_SECRET,
    redirectUri:
      config.MICROSOFT_REDIRECT_URI ?? `${trimSlash(config.PUBLIC_URL)}/api/calendar/callback/microsoft`,
    tenant: config.MICROSOFT_TENANT,
    authorityUrl: trimSlash(config.MICROSOFT_AUTHORITY_URL),
    graphBaseUrl: trimSlash(config.MICROSOFT_GRAPH_BASE_URL),
  };
}

export function isMicrosoftOAuthConfigured(settings: MicrosoftSettings): boolean {
  return Boolean(settings.clientId && settings.clientSecret);
}

export function microsoftEndpoint(settings: MicrosoftSettings, endpoint: 'authorize' | 'token'): string {
  return `${settings.authorityUrl}/${encodeURIComponent(settings.tenant)}/oauth2/v2.0/${endpoint}`;
}
