// A tiny API client that keeps the session cookie and CSRF token like the console does.
export class Client {
  constructor(base) {
    this.base = base;
    this.cookie = '';
    this.csrf = '';
    this.bearer = '';
  }

  static withApiKey(base, key) {
    const c = new Client(base);
    c.bearer = key;
    return c;
  }

  async request(method, path, body, { csrf = true } = {}) {
    const headers = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    if (csrf && this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const res = await fetch(`${this.base}${path}`, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const value = setCookie.split(';')[0];
      this.cookie = value.endsWith('=') ? '' : value;
    }
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = text; }
    return { status: res.status, body: json, headers: res.headers };
  }

  get(path) { return this.request('GET', path); }
  post(path, body = {}) { return this.request('POST', path, body); }
  patch(path, body) { return this.request('PATCH', path, body); }
  put(path, body) { return this.request('PUT', path, body); }
  delete(path) { return this.request('DELETE', path); }

  async signIn(email, password, extra = {}) {
    const res = await this.post('/api/v1/auth/sign-in', { email, password, ...extra });
    if (res.status === 200) this.csrf = res.body.csrf_token;
    return res;
  }
}

// The newest mailbox message to `to`, read by a client with mailbox.read; returns its body.
export async function lastMailTo(client, to) {
  const list = await client.get(`/api/v1/mailbox?to=${encodeURIComponent(to)}`);
  if (list.status !== 200 || list.body.items.length === 0) throw new Error(`no mail to ${to}: ${JSON.stringify(list.body)}`);
  const message = await client.get(`/api/v1/mailbox/${list.body.items[0].id}`);
  return message.body;
}

export function codeFrom(message) {
  const m = message.body_text.match(/\b(\d{6})\b/);
  if (!m) throw new Error(`no code in ${message.body_text}`);
  return m[1];
}

// RFC 6238 TOTP (SHA-1, 6 digits, 30 s) from a base32 secret, as an authenticator app computes it.
import { createHmac } from 'node:crypto';
export function totp(secretBase32, unixSeconds = Math.floor(Date.now() / 1000)) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secretBase32.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1000000;
  return String(value).padStart(6, '0');
}
