import { randomBytes } from 'node:crypto';
import { EmulatorClock } from '../shared/clock.ts';
import { FaultInjector } from '../shared/faults.ts';

/** Everything the emulator remembers, in memory. One instance per emulator; `reset()` empties it. */

export const DEFAULT_CLIENT_ID = 'rendezvous-dev.apps.googleusercontent.com';
export const DEFAULT_CLIENT_SECRET = 'dev-secret';

export interface Account {
  email: string;
  displayName?: string;
  timeZone: string;
}

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  /** Empty means any redirect URI is accepted (convenient default client for local development). */
  redirectUris: string[];
}

export interface ServiceAccount {
  clientEmail: string;
  clientId: string;
  privateKeyId: string;
  publicKeyPem: string;
  /** May impersonate any account through the JWT `sub` claim (domain-wide delegation). */
  domainWideDelegation: boolean;
}

/** A user (an account, or a service account acting as itself) the access token speaks for. */
export interface Principal {
  email: string;
  kind: 'user' | 'serviceAccount';
}

export interface AccessToken {
  token: string;
  principal: Principal;
  clientId: string;
  scopes: string[];
  expiresAt: number;
  refreshToken?: string;
  revoked: boolean;
}

export interface RefreshToken {
  token: string;
  email: string;
  clientId: string;
  scopes: string[];
  revoked: boolean;
}

export interface AuthorizationCode {
  code: string;
  email: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  issueRefreshToken: boolean;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  expiresAt: number;
  redeemed: boolean;
}

export interface EventDateTime {
  date?: string;
  dateTime?: string;
  timeZone?: string;
}

/** An event as stored: the client-writable resource plus server-maintained fields. */
export interface StoredEvent {
  id: string;
  /** Client-writable fields (summary, start, end, extendedProperties, ...) exactly as last written. */
  resource: Record<string, unknown>;
  status: 'confirmed' | 'tentative' | 'cancelled';
  created: number;
  updated: number;
  sequence: number;
  etag: string;
  /** Global change number of the last change: drives sync tokens. */
  changeSeq: number;
  /** Start and end instants (ms) used by timeMin/timeMax filtering and ordering. */
  startMs: number;
  endMs: number;
  /** Position in `Calendar.order`: a stable list order and an O(1) paging cursor. */
  position: number;
}

export interface Calendar {
  id: string;
  summary: string;
  timeZone: string;
  owner: string;
  /** Opaque, stable id of the calendar's events collection (X-Goog-Resource-ID, watch response). */
  resourceId: string;
  events: Map<string, StoredEvent>;
  /** Events in creation order; deleted events stay (as cancelled) so positions never move. */
  order: StoredEvent[];
  /** One entry per change, in change order: incremental sync reads it from the token onwards. */
  changeLog: { seq: number; eventId: string }[];
  /** Sync tokens carry it; bumping it expires every token issued before (410 fullSyncRequired). */
  syncGeneration: number;
  /** Principals (service accounts, other users) the calendar is shared with. */
  sharedWith: Set<string>;
  updated: number;
}

export interface Channel {
  id: string;
  resourceId: string;
  resourceUri: string;
  calendarId: string;
  address: string;
  token?: string;
  expiration: number;
  messageNumber: number;
  ownerEmail: string;
  stopped: boolean;
}

export interface NotificationDelivery {
  channelId: string;
  url: string;
  headers: Record<string, string>;
  resourceState: 'sync' | 'exists' | 'not_exists';
  messageNumber: number;
  status?: number;
  error?: string;
  at: string;
}

export function randomId(bytes = 16): string {
  return randomBytes(bytes).toString('hex');
}

/** Google event ids use base32hex: lowercase a-v and digits (discovery doc, Event.id). */
export function base32hexId(length = 26): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuv';
  const bytes = randomBytes(length);
  let id = '';
  for (const byte of bytes) id += alphabet[byte % 32];
  return id;
}

export class GoogleEmulatorState {
  readonly clock = new EmulatorClock();
  readonly faults = new FaultInjector();
  /** Absolute URL of the emulator, learned after listen; used in resourceUri, token_uri, ... */
  publicUrl: string | undefined;

  accounts = new Map<string, Account>();
  clients = new Map<string, OAuthClient>();
  serviceAccounts = new Map<string, ServiceAccount>();
  calendars = new Map<string, Calendar>();
  codes = new Map<string, AuthorizationCode>();
  accessTokens = new Map<string, AccessToken>();
  refreshTokens = new Map<string, RefreshToken>();
  /** `${clientId} ${email}` pairs that consented already: Google then omits refresh_token unless prompt=consent. */
  grants = new Set<string>();
  channels = new Map<string, Channel>();
  deliveries: NotificationDelivery[] = [];
  requestCounts = new Map<string, number>();
  changeSeq = 0;
  /** Called after every change to a calendar's events; the notifier hooks in here. */
  onCalendarChanged: (calendar: Calendar) => void = () => {};

  constructor(publicUrl?: string) {
    this.publicUrl = publicUrl;
    this.reset();
  }

  reset(): void {
    this.accounts.clear();
    this.clients.clear();
    this.serviceAccounts.clear();
    this.calendars.clear();
    this.codes.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.grants.clear();
    this.channels.clear();
    this.deliveries = [];
    this.requestCounts.clear();
    this.faults.clear();
    this.clock.reset();
    this.clients.set(DEFAULT_CLIENT_ID, {
      clientId: DEFAULT_CLIENT_ID,
      clientSecret: DEFAULT_CLIENT_SECRET,
      redirectUris: [],
    });
  }

  nextChangeSeq(): number {
    this.changeSeq += 1;
    return this.changeSeq;
  }

  /** Creates the account and its primary calendar (id = email), or returns the existing one. */
  ensureAccount(email: string, options: { displayName?: string; timeZone?: string } = {}): Account {
    const existing = this.accounts.get(email);
    if (existing) return existing;
    const account: Account = { email, displayName: options.displayName, timeZone: options.timeZone ?? 'UTC' };
    this.accounts.set(email, account);
    this.ensureCalendar(email, { owner: email, summary: email, timeZone: account.timeZone });
    return account;
  }

  ensureCalendar(id: string, options: { owner: string; summary?: string; timeZone?: string }): Calendar {
    const existing = this.calendars.get(id);
    if (existing) return existing;
    const calendar: Calendar = {
      id,
      summary: options.summary ?? id,
      timeZone: options.timeZone ?? 'UTC',
      owner: options.owner,
      resourceId: randomBytes(15).toString('base64url'),
      events: new Map(),
      order: [],
      changeLog: [],
      syncGeneration: 1,
      sharedWith: new Set(),
      updated: this.clock.now(),
    };
    this.calendars.set(id, calendar);
    return calendar;
  }

  countRequest(route: string): void {
    this.requestCounts.set(route, (this.requestCounts.get(route) ?? 0) + 1);
  }
}
