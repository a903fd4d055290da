// The stack's mail catcher as tests read it: each caught mail is one .eml file in TTS_MAIL_DIR named
// <ms since 1970>-<n>.eml; readMail waits for one (polling the folder until a deadline) and parses it.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const MAIL_DIR = process.env.TTS_MAIL_DIR || 'var/test/mail';

// A header's RFC 2047 words (=?charset?B|Q?...?=) decoded; the blanks between two words go.
export function decodeWords(value) {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset, enc, text) => {
      const bytes = /b/i.test(enc)
        ? Buffer.from(text, 'base64')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (__, h) => String.fromCharCode(parseInt(h, 16))), 'latin1');
      return new TextDecoder(charset).decode(bytes);
    });
}

// Header lines (continuations unfolded) → {lowercased name: raw value}, and the body after the blank line.
function split(raw) {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] ??= line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function decodeBody(headers, body) {
  const enc = (headers['content-transfer-encoding'] || '7bit').toLowerCase();
  const charset = /charset="?([^";]+)/i.exec(headers['content-type'] || '')?.[1] || 'utf-8';
  let bytes;
  if (enc === 'base64') bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  else if (enc === 'quoted-printable')
    bytes = Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1');
  else bytes = Buffer.from(body, 'utf8');
  return new TextDecoder(charset).decode(bytes).replace(/\r\n/g, '\n');
}

// The text/plain and text/html parts of a message (one level of multipart is all our mail has).
function parts(headers, body) {
  const type = headers['content-type'] || 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!/^multipart\//i.test(type) || !boundary) return [{ type: type.split(';')[0].trim().toLowerCase(), text: decodeBody(headers, body) }];
  return body
    .split(`--${boundary}`)
    .slice(1)
    .filter((p) => !p.startsWith('--'))
    .map((p) => split(p.replace(/^\r?\n/, '')))
    .map((p) => ({ type: (p.headers['content-type'] || 'text/plain').split(';')[0].trim().toLowerCase(), text: decodeBody(p.headers, p.body) }));
}

// One .eml file → {file, caughtAt, headers, subject, from, to, envelopeTo, date, messageId, language, text, html,
// links (every http(s) address of the text part, in order), received (how the catcher got it: "ESMTPS (TLSv1.3)")}.
export function parseMail(file, raw) {
  const { headers, body } = split(raw);
  const ps = parts(headers, body);
  const text = ps.find((p) => p.type === 'text/plain')?.text ?? '';
  const html = ps.find((p) => p.type === 'text/html')?.text ?? '';
  return {
    file,
    caughtAt: Number(file.split('-')[0]),
    raw,
    headers,
    subject: decodeWords(headers.subject || ''),
    from: decodeWords(headers.from || ''),
    to: headers.to || '',
    envelopeTo: (headers['x-envelope-to'] || '').split(/,\s*/).filter(Boolean),
    date: headers.date || '',
    messageId: headers['message-id'] || '',
    language: headers['content-language'] || '',
    received: /with (.*);/.exec(headers.received || '')?.[1] || '',
    text,
    html,
    links: text.match(/https?:\/\/[^\s<>"]+/g) || [],
  };
}

// The mails caught so far for `to` (any when omitted) at or after `after` (a Date or ms), oldest first.
export function caughtMails({ to, after = 0 } = {}) {
  const since = Number(after instanceof Date ? after.getTime() : after);
  let names;
  try {
    names = readdirSync(MAIL_DIR).filter((n) => /^\d+-\d+\.eml$/.test(n));
  } catch (e) {
    if (e.code === 'ENOENT') return [];
    throw e;
  }
  return names
    .filter((n) => Number(n.split('-')[0]) >= since)
    .sort()
    .map((n) => parseMail(n, readFileSync(join(MAIL_DIR, n), 'utf8')))
    .filter((m) => !to || m.envelopeTo.some((a) => a.toLowerCase() === to.toLowerCase()));
}

// Waits (polling the catcher's folder until timeoutMs) for the first mail to `to` caught at or after `after`;
// throws when none came. `match` narrows it further (e.g. m => m.subject.includes(...)).
export async function readMail({ to, after = 0, match = () => true, timeoutMs = 20000, everyMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = caughtMails({ to, after }).find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail to ${to ?? 'anyone'} caught in ${MAIL_DIR} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

// The token=… of a mail's link (invitation, password reset).
export function tokenOf(link) {
  return new URL(link).searchParams.get('token');
}

// Makes the catcher answer "451 try again later" to the next `times` RCPT TO of `address`.
export function refuseMail(address, times) {
  mkdirSync(join(MAIL_DIR, '.refuse'), { recursive: true });
  writeFileSync(join(MAIL_DIR, '.refuse', address.toLowerCase()), String(times));
}
