// Operators sign in at the bank's staff identity provider (OpenID Connect): the authorization code
// flow with PKCE (RFC 7636), as a public client - the page holds no client secret. What it keeps,
// in this tab's sessionStorage only: the one-time verifier while the provider is asked, then the
// short-lived access token (and the ID token, to sign out at the provider). No refresh token.
const PENDING = 'otp.ops.pending';
const SESSION = 'otp.ops';

const base64url = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = (n) => base64url(crypto.getRandomValues(new Uint8Array(n)));
const returnTo = () => location.origin + '/console/index.html';

function claims(jwt) {
  const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(part), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** The signed-in operator ({ accessToken, idToken, name, roles, expiresAt }), or null. */
export function session() {
  try {
    const s = JSON.parse(sessionStorage.getItem(SESSION));
    return s && s.expiresAt > Date.now() ? s : null;
  } catch (e) {
    return null;
  }
}

export function forget() {
  sessionStorage.removeItem(SESSION);
}

async function settings() {
  const r = await fetch('/console/sign-in', { cache: 'no-store', credentials: 'same-origin' });
  if (!r.ok) throw new Error('E5030');
  return r.json();
}

/** Leaves for the provider's sign-in page; it sends the browser back with a one-time code. */
export async function beginSignIn() {
  const config = await settings();
  const verifier = random(32);
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const state = random(16);
  const nonce = random(16);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, nonce, config }));
  const url = new URL(config.authorizationEndpoint);
  Object.entries({ response_type: 'code', client_id: config.clientId, redirect_uri: returnTo(), scope: 'openid profile',
    state, nonce, code_challenge: challenge, code_challenge_method: 'S256' })
    .forEach(([k, v]) => url.searchParams.set(k, v));
  location.assign(url.toString());
}

/**
 * On the way back from the provider: trades the code (with the verifier) for tokens. Returns
 * null when this page load is no sign-in's return, true when signed in, or an error text.
 */
export async function completeSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', '/console/index.html#/contracts');
  if (params.has('error')) return params.get('error');
  if (!pending || params.get('state') !== pending.state) return 'state mismatch';
  const body = new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: returnTo(),
    client_id: pending.config.clientId, code_verifier: pending.verifier });
  let tokens;
  try {
    const r = await fetch(pending.config.tokenEndpoint, { method: 'POST', body, credentials: 'omit', cache: 'no-store' });
    tokens = await r.json();
    if (!r.ok) return tokens.error || ('HTTP ' + r.status);
  } catch (e) {
    return 'E5030';
  }
  const id = tokens.id_token ? claims(tokens.id_token) : {};
  if (tokens.id_token && id.nonce !== pending.nonce) return 'nonce mismatch';
  const access = claims(tokens.access_token);
  sessionStorage.setItem(SESSION, JSON.stringify({
    accessToken: tokens.access_token,
    idToken: tokens.id_token || null,
    name: access.name || access.preferred_username || access.sub,
    roles: ((access.realm_access || {}).roles || []).filter((r) => ['operator', 'approver', 'auditor'].includes(r)),
    expiresAt: Date.now() + 1000 * Math.max(0, (tokens.expires_in || 60) - 10),
    endSession: pending.config.endSessionEndpoint || null,
    clientId: pending.config.clientId,
  }));
  return true;
}

/** Ends the session here and at the provider, which then sends the browser back to the console. */
export function signOut() {
  const s = (() => { try { return JSON.parse(sessionStorage.getItem(SESSION)); } catch (e) { return null; } })();
  forget();
  if (!s || !s.endSession) return false;
  const url = new URL(s.endSession);
  url.searchParams.set('client_id', s.clientId);
  url.searchParams.set('post_logout_redirect_uri', returnTo());
  if (s.idToken) url.searchParams.set('id_token_hint', s.idToken);
  location.assign(url.toString());
  return true;
}
