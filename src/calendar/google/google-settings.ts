import type { AppConfig } from '../../config/index.ts';

/** Where Google lives and who we are to it; every URL is configuration so emulators can stand in. */
export interface GoogleSettings {
  clientId?: string;
  clientSecret?: string;
  redirectUri: string;
  authUrl: string;
  tokenUrl: string;
  apiBaseUrl: string;
  serviceAccountJson?: string;
  serviceAccountCalendarId?: string;
  /** The practice (id or slug) the service-account calendar belongs to; unset: the server's first. */
  serviceAccountPractice?: string;
  /** A Calendar API request not answered by then fails as transient and is retried (it may still have happened). */
  requestTimeoutMs: number;
}

/** The scope we ask for: events only, not the user's whole calendar settings. */
export const googleCalendarScope = 'https://www.googleapis.com/auth/calendar.events';

export function googleSettingsFrom(config: AppConfig): GoogleSettings {
  return {
    clientId: config.GOOGLE_CLIENT_ID,
    clientSecret: config.GOOGLE_CLIENT_SECRET,
    redirectUri:
      config.GOOGLE_REDIRECT_URI ?? `${config.PUBLIC_URL.replace(/\/$/, '')}/api/calendar/callback/google`,
    authUrl: config.GOOGLE_AUTH_URL,
    tokenUrl: config.GOOGLE_TOKEN_URL,
    apiBaseUrl: config.GOOGLE_API_BASE_URL,
    serviceAccountJson: config.GOOGLE_SERVICE_ACCOUNT_JSON,
    serviceAccountCalendarId: config.GOOGLE_CALENDAR_ID,
    serviceAccountPractice: config.GOOGLE_SERVICE_ACCOUNT_PRACTICE,
    requestTimeoutMs: 30_000,
  };
}

export function isGoogleOAuthConfigured(settings: GoogleSettings): boolean {
  return Boolean(settings.clientId && settings.clientSecret);
}
