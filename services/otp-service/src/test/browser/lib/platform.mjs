// The platform under test, as the tests see it: its base URL, its API (to seed contracts and
// provision tokens the way the soft-token app does), the test's clock, and RFC 6238 codes.
import { createHmac } from 'node:crypto';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests through WebChannelBrowserTest (mvn verify)`);
  return value;
}

export const BASE_URL = required('OTP_BASE_URL');
const CLOCK_URL = required('OTP_CLOCK_URL');
const CHANNEL_KEY = required('OTP_CHANNEL_KEY');
export const OPERATIONS_KEY = required('OTP_OPERATIONS_KEY');

async function api(method, path, key, body) {
  const response = await fetch(BASE_URL + path, {
    method,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** A contract opened by operations (the bank's own back office), with a fresh random ID. */
export async function openContract(prefix, password) {
  const contractId = `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
  const r = await api('POST', '/v1/ops/contracts', OPERATIONS_KEY, { contractId, password });
  if (r.status !== 201) throw new Error(`opening ${contractId}: ${r.status} ${JSON.stringify(r.body)}`);
  return contractId;
}

/** What the soft-token app does on first start: a token ID and its secret (Base32), from the issuer. */
export async function provisionToken() {
  const r = await api('POST', '/v1/tokens', CHANNEL_KEY, { platform: 'mobile' });
  if (r.status !== 201) throw new Error(`provisioning: ${r.status} ${JSON.stringify(r.body)}`);
  return { tokenId: r.body.tokenId, secret: base32(r.body.secret) };
}

/** The channel API, for the console tests' setup (the customer pages are what the customer tests drive). */
export const channel = (method, path, body) => api(method, path, CHANNEL_KEY, body);
export const operations = (method, path, body) => api(method, path, OPERATIONS_KEY, body);

/** The platform's clock (the test moves it; nobody waits 30 s). */
export async function now() {
  const r = await fetch(CLOCK_URL + '/now');
  return Number(await r.text());
}

/** Moves the platform's clock on. */
export async function advance(seconds) {
  const r = await fetch(CLOCK_URL + '/advance?seconds=' + seconds, { method: 'POST' });
  if (!r.ok) throw new Error('clock: ' + r.status);
}

/** Moves the platform's clock to the next 30-s step, so the next code is a fresh one. */
export const nextStep = () => advance(30);

/** The code the token shows at the platform's current time (RFC 6238: HMAC-SHA1, 30 s, 6 digits). */
export async function codeOf(token) {
  return totp(token.secret, await now());
}

export function totp(secret, epochMillis, period = 30, digits = 6) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(epochMillis / 1000 / period)));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of text.replace(/=+$/, '').toUpperCase()) {
    const index = alphabet.indexOf(ch);
    if (index < 0) throw new Error('not Base32');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}
