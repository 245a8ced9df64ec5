import type { EmulatorClock } from '../shared/clock.ts';
import { IdentityError } from './errors.ts';
import { newOpaqueToken } from './ids.ts';
import { graphPermissions } from './scopes.ts';
import { mintAccessToken, mintIdToken, verifierMatches } from './token-minting.ts';
import type { EmulatedUser } from './users.ts';

export interface RegisteredApp {
  clientId: string;
  clientSecret: string;
  /** Null accepts any redirect URI (the default development app only). */
  redirectUris: string[] | null;
}

export interface PendingAuthorization {
  id: string;
  tenant: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state?: string;
  loginHint?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
}

interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  userId: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  expiresAt: number;
  isRedeemed: boolean;
}

interface RefreshToken {
  clientId: string;
  userId: string;
  scopes: string[];
  issuedAt: number;
  status: 'active' | 'rotated' | 'revoked';
}

export interface AccessToken {
  clientId: string;
  userId: string;
  scopes: string[];
  permissions: string[];
  expiresAt: number;
  isRevoked: boolean;
}

export const DEFAULT_APP: RegisteredApp = {
  clientId: 'rendezvous-dev-ms',
  clientSecret: 'dev-secret',
  redirectUris: null,
};

/** v2-oauth2-auth-code-flow.md: "expires_in": 3599; codes live about ten minutes. */
export const ACCESS_TOKEN_SECONDS = 3599;
const CODE_LIFETIME_MS = 10 * 60_000;
/** Refresh tokens die after 90 days unused (AADSTS700082, msid-invalid_grant-700082 fixture). */
const REFRESH_INACTIVITY_MS = 90 * 24 * 3600_000;

export class IdentityStore {
  apps = new Map<string, RegisteredApp>([[DEFAULT_APP.clientId, DEFAULT_APP]]);
  pending = new Map<string, PendingAuthorization>();
  private codes = new Map<string, AuthorizationCode>();
  private refreshTokens = new Map<string, RefreshToken>();
  private accessTokens = new Map<string, AccessToken>();

  constructor(private readonly clock: EmulatorClock) {}

  reset(): void {
    this.apps = new Map([[DEFAULT_APP.clientId, DEFAULT_APP]]);
    this.pending.clear();
    this.codes.clear();
    this.refreshTokens.clear();
    this.accessTokens.clear();
  }

  findApp(clientId: string | undefined, tenant: string): RegisteredApp {
    const app = clientId ? this.apps.get(clientId) : undefined;
    if (!app) {
      throw new IdentityError(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId ?? ''}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      );
    }
    return app;
  }

  issueCode(pending: PendingAuthorization, userId: string): string {
    const code = `0.A${newOpaqueToken(48)}`;
    this.codes.set(code, {
      clientId: pending.clientId,
      redirectUri: pending.redirectUri,
      scopes: pending.scopes,
      userId,
      codeChallenge: pending.codeChallenge,
      codeChallengeMethod: pending.codeChallengeMethod,
      expiresAt: this.clock.now() + CODE_LIFETIME_MS,
      isRedeemed: false,
    });
    return code;
  }

  /** Redeems a code once; a second redemption is AADSTS54005 as on the real endpoint. */
  redeemCode(code: string, clientId: string, redirectUri: string | undefined, verifier: string | undefined) {
    const grant = this.codes.get(code);
    if (!grant || grant.clientId !== clientId) {
      throw new IdentityError(
        400,
        'invalid_grant',
        9002313,
        'Invalid request. Request is malformed or invalid.',
      );
    }
    if (grant.isRedeemed) {
      throw new IdentityError(
        400,
        'invalid_grant',
        54005,
        'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
      );
    }
    if (this.clock.now() > grant.expiresAt) {
      throw new IdentityError(
        400,
        'invalid_grant',
        70008,
        'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
      );
    }
    if (redirectUri !== grant.redirectUri) {
      throw new IdentityError(
        400,
        'invalid_grant',
        50148,
        'The redirect_uri does not match the redirect URI used in the authorization request.',
      );
    }
    if (grant.codeChallenge && !verifierMatches(grant.codeChallenge, grant.codeChallengeMethod, verifier)) {
      throw new IdentityError(
        400,
        'invalid_grant',
        501481,
        'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
      );
    }
    grant.isRedeemed = true;
    return grant;
  }

  /**
   * Rotates a refresh token: the answer carries a new one and the presented one stops working.
   * Real Entra ID keeps the old token valid until it expires; single use here makes a product that
   * forgets to store the new token fail in tests instead of months later.
   */
  redeemRefreshToken(token: string, clientId: string): RefreshToken {
    const grant = this.refreshTokens.get(token);
    if (!grant || grant.clientId !== clientId || grant.status === 'rotated') {
      throw new IdentityError(
        400,
        'invalid_grant',
        9002313,
        'Invalid request. Request is malformed or invalid.',
      );
    }
    if (grant.status === 'revoked') {
      throw new IdentityError(
        400,
        'invalid_grant',
        50173,
        'The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.',
      );
    }
    if (this.clock.now() - grant.issuedAt > REFRESH_INACTIVITY_MS) {
      throw new IdentityError(
        400,
        'invalid_grant',
        700082,
        `The refresh token has expired due to inactivity. The token was issued on ${new Date(grant.issuedAt).toISOString()} and was inactive for 90.00:00:00.`,
      );
    }
    grant.status = 'rotated';
    return grant;
  }

  issueTokens(user: EmulatedUser, clientId: string, scopes: string[]) {
    const now = this.clock.now();
    const permissions = graphPermissions(scopes);
    const accessToken = mintAccessToken(user, clientId, permissions, now, ACCESS_TOKEN_SECONDS);
    this.accessTokens.set(accessToken, {
      clientId,
      userId: user.id,
      scopes,
      permissions,
      expiresAt: now + ACCESS_TOKEN_SECONDS * 1000,
      isRevoked: false,
    });
    let refreshToken: string | undefined;
    // Refresh tokens only for offline_access (v2-oauth2-auth-code-flow.md).
    if (scopes.includes('offline_access')) {
      refreshToken = `1.A${newOpaqueToken(64)}`;
      this.refreshTokens.set(refreshToken, {
        clientId,
        userId: user.id,
        scopes,
        issuedAt: now,
        status: 'active',
      });
    }
    const idToken = scopes.includes('openid')
      ? mintIdToken(user, clientId, now, ACCESS_TOKEN_SECONDS)
      : undefined;
    return { accessToken, refreshToken, idToken };
  }

  findAccessToken(token: string): AccessToken | undefined {
    return this.accessTokens.get(token);
  }

  /** Revokes a user's refresh tokens (and, when asked, access tokens, as continuous access evaluation would). */
  revoke(userId: string, includeAccessTokens: boolean): { refreshTokens: number; accessTokens: number } {
    let refreshTokens = 0;
    let accessTokens = 0;
    for (const grant of this.refreshTokens.values()) {
      if (grant.userId === userId && grant.status === 'active') {
        grant.status = 'revoked';
        refreshTokens++;
      }
    }
    if (includeAccessTokens) {
      for (const token of this.accessTokens.values()) {
        if (token.userId === userId && !token.isRevoked) {
          token.isRevoked = true;
          accessTokens++;
        }
      }
    }
    return { refreshTokens, accessTokens };
  }

  summary() {
    const now = this.clock.now();
    const refresh = [...this.refreshTokens.values()];
    return {
      apps: [...this.apps.keys()],
      codesIssued: this.codes.size,
      accessTokensLive: [...this.accessTokens.values()].filter((t) => !t.isRevoked && t.expiresAt > now)
        .length,
      refreshTokens: {
        active: refresh.filter((t) => t.status === 'active').length,
        rotated: refresh.filter((t) => t.status === 'rotated').length,
        revoked: refresh.filter((t) => t.status === 'revoked').length,
      },
    };
  }
}
