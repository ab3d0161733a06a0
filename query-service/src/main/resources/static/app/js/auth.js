// Sign-in with OpenID Connect: the authorization code flow with PKCE (S256), as a public client. The same code path
// serves production issuers and the local stack's development provider. Tokens are kept in memory only: a reload
// signs in again (the issuer's own session usually makes that a redirect there and back). Only the PKCE verifier,
// state and nonce of a sign-in under way are kept in sessionStorage, because they must survive the redirect.

const PENDING_KEY = 'sales-pipeline.sign-in';
const EXPIRY_MARGIN_MS = 30_000;

let config = null;
let discovery = null;
let session = null; // {accessToken, idToken, claims, expiresAt}
let expiryTimer = null;
const expiredListeners = new Set();

function base64Url(bytes) {
  let binary = '';
  bytes.forEach((b) => { binary += String.fromCharCode(b); });
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(bytes = 32) {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

async function challengeOf(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

/** The claims of a JWT, read without checking it: the services check every token; the app only shows who it is. */
export function claimsOf(jwt) {
  const part = jwt.split('.')[1];
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
  return JSON.parse(decodeURIComponent(Array.from(json, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('')));
}

function redirectUri() {
  return `${location.origin}${location.pathname}`;
}

export async function configure(appConfig) {
  config = appConfig;
  if (!config.issuer) {
    throw new Error('No identity provider is configured (pipeline.web.issuer)');
  }
  const issuer = config.issuer.replace(/\/$/, '');
  // kept for the tab's life: the redirect back from the issuer then needs no second round trip for it
  const cacheKey = `sales-pipeline.discovery|${issuer}`;
  const cached = JSON.parse(sessionStorage.getItem(cacheKey) || 'null');
  if (cached?.token_endpoint && cached?.authorization_endpoint) {
    discovery = cached;
    return;
  }
  const response = await fetch(`${issuer}/.well-known/openid-configuration`);
  if (!response.ok) {
    throw new Error(`The identity provider's discovery document could not be read (${response.status})`);
  }
  discovery = await response.json();
  sessionStorage.setItem(cacheKey, JSON.stringify(discovery));
}

/** Sends the browser to the issuer's sign-in page; the app continues at {@link completeSignIn} after it. */
export async function signIn(returnTo = location.hash) {
  const verifier = randomString(48);
  const pending = { verifier, state: randomString(), nonce: randomString(), returnTo };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const parameters = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: config.scope || 'openid',
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
  });
  location.assign(`${discovery.authorization_endpoint}?${parameters}`);
}

/**
 * When the page is the issuer's redirect back (code and state in the query), exchanges the code for tokens.
 * Returns the route the user was on before signing in, or null when this is no redirect back.
 */
export async function completeSignIn() {
  const query = new URLSearchParams(location.search);
  if (!query.has('code') && !query.has('error')) {
    return null;
  }
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) || 'null');
  sessionStorage.removeItem(PENDING_KEY);
  history.replaceState(null, '', redirectUri() + (pending?.returnTo || ''));
  if (query.has('error')) {
    throw new Error(`Sign-in refused: ${query.get('error')} ${query.get('error_description') || ''}`.trim());
  }
  if (!pending || pending.state !== query.get('state')) {
    throw new Error('Sign-in answer does not belong to this browser tab (state differs); sign in again');
  }
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: query.get('code'),
      redirect_uri: redirectUri(),
      client_id: config.clientId,
      code_verifier: pending.verifier,
    }),
  });
  const tokens = await response.json().catch(() => ({}));
  if (!response.ok || !tokens.access_token) {
    throw new Error(`Sign-in failed: ${tokens.error || response.status} ${tokens.error_description || ''}`.trim());
  }
  if (tokens.id_token && claimsOf(tokens.id_token).nonce !== pending.nonce) {
    throw new Error('Sign-in answer carries another nonce; sign in again');
  }
  startSession(tokens);
  return pending.returnTo || '';
}

function startSession(tokens) {
  const claims = claimsOf(tokens.access_token);
  const expiresAt = claims.exp ? claims.exp * 1000 : Date.now() + (tokens.expires_in || 300) * 1000;
  session = { accessToken: tokens.access_token, idToken: tokens.id_token || null, claims, expiresAt };
  clearTimeout(expiryTimer);
  expiryTimer = setTimeout(expire, Math.max(0, expiresAt - Date.now() - EXPIRY_MARGIN_MS));
}

function expire() {
  session = null;
  expiredListeners.forEach((listener) => listener());
}

/** Called when the token has run out (or a service no longer accepts it): the app sends the user to sign in. */
export function onExpired(listener) {
  expiredListeners.add(listener);
}

/** The service refused the token: the session is over. */
export function tokenRefused() {
  if (session) {
    clearTimeout(expiryTimer);
    expire();
  }
}

export function accessToken() {
  return session && Date.now() < session.expiresAt ? session.accessToken : null;
}

/** Who is signed in: {id, name, roles, team}. */
export function user() {
  if (!session) {
    return null;
  }
  const c = session.claims;
  return { id: c.sub, name: c.name || c.sub, roles: Array.isArray(c.roles) ? c.roles : [], team: c.team || null };
}

export function hasRole(...roles) {
  const current = user();
  return !!current && roles.some((role) => current.roles.includes(role));
}

/** Forgets the tokens and ends the issuer's session, coming back to the app's start page. */
export function signOut() {
  const idToken = session?.idToken;
  session = null;
  clearTimeout(expiryTimer);
  if (discovery?.end_session_endpoint) {
    const parameters = new URLSearchParams({ post_logout_redirect_uri: redirectUri(), client_id: config.clientId });
    if (idToken) {
      parameters.set('id_token_hint', idToken);
    }
    location.assign(`${discovery.end_session_endpoint}?${parameters}`);
  } else {
    location.assign(redirectUri());
  }
}
