/**
 * Sign-in, token refresh and request decoration for stored connections. Runs in the
 * extension host only: it reads secrets and must never hand them to the webview or server.
 */
import { signInWithAuthorizationCode, type OpenBrowser } from '../auth/authorizationCodeFlow';
import { AuthError, isAuthError } from '../auth/errors';
import { refreshTokens, requestClientCredentials, type FetchLike, type TokenSet } from '../auth/tokenEndpoint';
import { nullSink, RedactingLogger } from '../log/redactingLogger';
import type { ConnectionRecord, ConnectionStatus, ConnectionStore } from './connectionStore';
import { deriveConnectionModels, findModel } from './deriveModel';
import type { ConnectionModel, RequestDecorations } from './model';
import { ConnectionConfigError, oauthConfigFor, valueFor } from './oauthConfig';

export interface ConnectorFiles {
  /** Parsed apiDefinition.swagger.json */
  definition: unknown;
  /** Parsed apiProperties.json */
  apiProperties: unknown;
}

export interface ConnectionManagerOptions {
  store: ConnectionStore;
  /** Reads the connector's files, so the model follows edits of apiProperties.json. */
  loadConnector: (connectorFolder: string) => Promise<ConnectorFiles>;
  /** vscode.env.openExternal in the extension; a headless driver in tests. */
  openBrowser: OpenBrowser;
  /** vscode.env.asExternalUri for remote windows. */
  externalRedirectUri?: (loopbackUri: string) => Promise<string>;
  logger?: RedactingLogger;
  fetch?: FetchLike;
  now?: () => number;
  /** Refresh this long before expiry. Default 60 s. */
  refreshSkewMs?: number;
  /** How long sign-in waits for the browser redirect. Default 5 min. */
  signInTimeoutMs?: number;
}

export interface ResolvedConnection {
  record: ConnectionRecord;
  model: ConnectionModel;
  values: Record<string, string>;
}

export class ConnectionManager {
  private readonly logger: RedactingLogger;
  private readonly now: () => number;
  private readonly refreshSkewMs: number;
  /** One refresh per connection at a time; concurrent requests share it. */
  private readonly inflight = new Map<string, Promise<TokenSet>>();

  constructor(private readonly options: ConnectionManagerOptions) {
    this.logger = (options.logger ?? new RedactingLogger(nullSink)).child('connections');
    this.now = options.now ?? Date.now;
    this.refreshSkewMs = options.refreshSkewMs ?? 60_000;
  }

  get store(): ConnectionStore {
    return this.options.store;
  }

  /** Status for display: a signed-in connection whose token is past expiry shows as expired. */
  statusOf(record: ConnectionRecord): ConnectionStatus {
    if (record.status === 'signedIn' && record.expiresAt !== undefined && record.expiresAt <= this.now()) return 'expired';
    return record.status;
  }

  async load(id: string): Promise<ResolvedConnection> {
    const record = this.store.get(id);
    if (!record) throw new ConnectionConfigError(`Unknown connection ${id}.`);
    const files = await this.options.loadConnector(record.connectorFolder);
    const model = findModel(deriveConnectionModels(files.definition, files.apiProperties), record.setName);
    if (!model) {
      throw new ConnectionConfigError(`The connector no longer has the authentication set "${record.setName ?? ''}" of connection "${record.name}".`);
    }
    const values = await this.store.getValues(id);
    return { record, model, values };
  }

  /**
   * Interactive sign-in (authorization code + PKCE through the loopback listener), or a
   * client credentials token request. Stores the tokens and returns the updated record.
   */
  async signIn(id: string, options: { signal?: AbortSignal } = {}): Promise<ConnectionRecord> {
    const { record, model, values } = await this.load(id);
    // Nothing to sign in to for none / API key / basic.
    if (!model.oauth) return record;
    try {
      const config = oauthConfigFor(model, values);
      this.logger.info(`Signing in "${record.name}" (${config.grant}) at ${new URL(config.tokenUrl).origin}`);
      const tokens =
        config.grant === 'clientCredentials'
          ? await requestClientCredentials(config, { fetch: this.options.fetch, now: this.now, signal: options.signal })
          : await signInWithAuthorizationCode(config, {
              openBrowser: this.options.openBrowser,
              externalRedirectUri: this.options.externalRedirectUri,
              timeoutMs: this.options.signInTimeoutMs,
              fetch: this.options.fetch,
              now: this.now,
              signal: options.signal,
            });
      const updated = await this.store.setTokens(id, tokens);
      this.logger.info(`Signed in "${record.name}"${tokens.refreshToken ? ' (refresh token stored)' : ''}`);
      return updated;
    } catch (err) {
      await this.fail(record, err);
      throw err;
    }
  }

  /** Forget tokens (Sign Out / before Sign In Again). */
  async signOut(id: string): Promise<ConnectionRecord> {
    return this.store.clearTokens(id);
  }

  /**
   * Headers and query parameters a request through this connection needs. OAuth tokens are
   * refreshed when they expire within the skew, or always with forceRefresh (after a 401).
   */
  async resolveConnection(id: string, options: { forceRefresh?: boolean } = {}): Promise<RequestDecorations> {
    const { record, model, values } = await this.load(id);
    const decorations: RequestDecorations = { headers: {}, query: {} };
    switch (record.kind) {
      case 'none':
        return decorations;
      case 'apiKey': {
        const key = valueFor(model, values, 'apiKey') ?? '';
        const placement = model.apiKey ?? { in: 'header', name: 'api_key' };
        if (placement.in === 'query') decorations.query[placement.name] = key;
        else decorations.headers[placement.name] = key;
        return decorations;
      }
      case 'basic': {
        const user = valueFor(model, values, 'username') ?? '';
        const password = valueFor(model, values, 'password') ?? '';
        decorations.headers.Authorization = `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
        this.logger.registerSecret(decorations.headers.Authorization);
        return decorations;
      }
      case 'oauth2AuthorizationCode':
      case 'oauth2ClientCredentials': {
        const tokens = await this.validTokens(record, model, values, options.forceRefresh === true);
        const scheme = tokens.tokenType.toLowerCase() === 'bearer' ? 'Bearer' : tokens.tokenType;
        decorations.headers.Authorization = `${scheme} ${tokens.accessToken}`;
        return decorations;
      }
    }
  }

  /**
   * Send a request through the connection: decorate it, and on 401 refresh the token once
   * and retry. The Test action and the test-operation runner use this.
   */
  async fetchWithConnection(id: string, url: string | URL, init: RequestInit = {}): Promise<Response> {
    const doFetch = this.options.fetch ?? fetch;
    const send = async (decorations: RequestDecorations): Promise<Response> => {
      const target = new URL(url);
      for (const [k, v] of Object.entries(decorations.query)) target.searchParams.set(k, v);
      const headers = new Headers(init.headers);
      for (const [k, v] of Object.entries(decorations.headers)) headers.set(k, v);
      return doFetch(target, { ...init, headers });
    };
    const record = this.store.get(id);
    const response = await send(await this.resolveConnection(id));
    if (response.status !== 401 || !record || !record.kind.startsWith('oauth2')) return response;
    this.logger.info(`"${record.name}": 401 from ${new URL(url).origin}, refreshing the token and retrying once`);
    await response.body?.cancel();
    return send(await this.resolveConnection(id, { forceRefresh: true }));
  }

  private async validTokens(
    record: ConnectionRecord,
    model: ConnectionModel,
    values: Record<string, string>,
    force: boolean,
  ): Promise<TokenSet> {
    const tokens = await this.store.getTokens(record.id);
    const fresh = tokens && (tokens.expiresAt === undefined || tokens.expiresAt - this.refreshSkewMs > this.now());
    if (tokens && fresh && !force) return tokens;
    let pending = this.inflight.get(record.id);
    if (!pending) {
      pending = this.renew(record, model, values, tokens).finally(() => this.inflight.delete(record.id));
      this.inflight.set(record.id, pending);
    }
    return pending;
  }

  private async renew(
    record: ConnectionRecord,
    model: ConnectionModel,
    values: Record<string, string>,
    tokens: TokenSet | undefined,
  ): Promise<TokenSet> {
    const config = oauthConfigFor(model, values);
    const requestOptions = { fetch: this.options.fetch, now: this.now };
    try {
      let next: TokenSet;
      if (tokens?.refreshToken) {
        this.logger.info(`Refreshing the access token of "${record.name}"`);
        next = await refreshTokens(config, tokens.refreshToken, requestOptions);
      } else if (config.grant === 'clientCredentials') {
        this.logger.info(`Requesting a client credentials token for "${record.name}"`);
        next = await requestClientCredentials(config, requestOptions);
      } else {
        throw new AuthError(
          'not_signed_in',
          tokens ? 'the access token expired and there is no refresh token' : `connection "${record.name}" has no tokens`,
        );
      }
      await this.store.setTokens(record.id, next);
      return next;
    } catch (err) {
      await this.fail(record, err);
      throw err;
    }
  }

  private async fail(record: ConnectionRecord, err: unknown): Promise<void> {
    const code = isAuthError(err) ? err.code : err instanceof ConnectionConfigError ? 'configuration' : 'unknown';
    this.logger.warn(`"${record.name}": ${err instanceof Error ? err.message : String(err)}`);
    if (!this.store.get(record.id)) return;
    if (code === 'invalid_grant' || code === 'not_signed_in') {
      // The refresh token is dead: drop it so the tree offers "Sign In Again".
      await this.store.clearTokens(record.id, 'needsSignIn', code);
    } else if (code !== 'cancelled') {
      await this.store.setStatus(record.id, 'error', code);
    }
  }
}
