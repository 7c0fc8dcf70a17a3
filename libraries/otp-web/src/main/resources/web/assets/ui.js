// Shared by the customer pages and the operations console: DOM building (never innerHTML, so no
// text from the server or the user can become markup), language switching, calls and problems.
import { MESSAGES } from './messages.js';

const LANG_KEY = 'otp.lang';
let lang = localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'ja';
const listeners = [];

export function currentLang() {
  return lang;
}

export function setLang(next) {
  lang = next === 'en' ? 'en' : 'ja';
  localStorage.setItem(LANG_KEY, lang);
  document.documentElement.lang = lang;
  listeners.forEach((f) => f());
}

export function onLangChange(f) {
  listeners.push(f);
}

/** The bank's name and desks (GET /web/bank), placeholders every message may use: {bankName}, {deskPhone}, ... */
let bank = { ja: { bankName: 'しんきん銀行' }, en: { bankName: 'Shinkin Bank' } };

export function setBank(profile) {
  if (profile && profile.ja && profile.en) bank = profile;
}

/** The message for key in the current language, {name} placeholders filled from params (and the bank's). */
export function t(key, given = {}) {
  const params = { ...bank[lang], ...given };
  const text = MESSAGES[lang][key] ?? MESSAGES.ja[key];
  if (text === undefined) {
    return key;
  }
  return text.replace(/\{(\w+)\}/g, (_, name) => (params[name] === undefined ? '' : String(params[name])));
}

export function has(key) {
  return MESSAGES[lang][key] !== undefined;
}

/** h('p', {class: 'x', onclick: f}, 'text', child) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) {
      el.addEventListener(name.slice(2), value);
    } else if (value === true) {
      el.setAttribute(name, '');
    } else {
      el.setAttribute(name, String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/**
 * Replaces the screen: its h1 (focused, so that screen readers announce the new screen), the
 * breadcrumb if any, the alert region errors go to, then the body built with that region.
 */
export function showScreen({ title, site, crumbs, body }) {
  const alert = h('div', { class: 'alert', id: 'error', role: 'alert', hidden: true });
  document.getElementById('main').replaceChildren(...[
    h('h1', { id: 'screen-title', tabindex: '-1' }, title), crumbs, alert, ...body(alert)].filter(Boolean));
  document.title = title + ' | ' + site;
  document.getElementById('screen-title').focus();
}

/** A labelled input with its hint; the label's for/id pair is what screen readers and tests use. */
export function field({ id, label, type = 'text', hint, value, attrs = {} }) {
  const hintId = hint ? id + '-hint' : undefined;
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('input', { id, name: id, type, value, 'aria-describedby': hintId, ...attrs }),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null);
}

export function button(label, attrs = {}) {
  return h('button', { type: 'button', ...attrs }, label);
}

/** Calls a same-origin JSON endpoint: {status, ok, data}; data is the JSON answer or a problem. */
export async function call(method, url, body, headers = {}) {
  let response;
  try {
    response = await fetch(url, {
      method,
      headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (e) {
    return { status: 0, ok: false, data: { code: 'E5030' } };
  }
  let data = null;
  const text = await response.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch (e) {
      data = null;
    }
  }
  if (!response.ok && (!data || !data.code)) {
    data = { code: response.status >= 500 ? 'E5000' : 'E4000' };
  }
  return { status: response.status, ok: response.ok, data };
}

/** The plain-language message of a problem, with its result code the way the manuals show codes. */
export function problemText(problem) {
  const code = problem.code || 'E5000';
  // A limit's amount left (E1015) reads as the screens show amounts: 250,000.
  const params = { ...problem, remaining: problem.remaining === undefined ? undefined : Number(problem.remaining).toLocaleString('ja-JP') };
  // A repeated request answered from the idempotency store carries the code alone.
  const key = code === 'E1015' && problem.remaining === undefined ? 'error.E1015.short' : 'error.' + code;
  let text = has(key) ? t(key, params) : (problem.title || t('error.E5000'));
  if (code === 'E4000' && problem.field && has('field.' + problem.field)) {
    text = t('error.E4000.field', { field: t('field.' + problem.field) });
  }
  if (problem.attemptsLeft) {
    text += ' ' + t('error.attemptsLeft', problem);
  }
  return text + ' (' + code + ')';
}

/** Shows messages (or clears with none) in the screen's alert region, and marks the named field. */
export function showError(region, text, fieldId) {
  region.replaceChildren();
  document.querySelectorAll('[aria-invalid="true"]').forEach((el) => el.removeAttribute('aria-invalid'));
  if (!text) {
    region.hidden = true;
    return;
  }
  region.hidden = false;
  region.append(h('p', {}, text));
  const input = fieldId ? document.getElementById(fieldId) : null;
  if (input) {
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  }
}

export function languageSwitch() {
  const other = lang === 'ja' ? 'en' : 'ja';
  return h('button', { type: 'button', class: 'lang', lang: other, 'aria-label': t('lang.switch.label'),
    onclick: () => setLang(other) }, t('lang.switch'));
}

/** The manuals' breadcrumb, e.g. 利用者認証 > ワンタイムパスワード登録情報入力 > 処理結果, with the current step marked. */
export function breadcrumb(steps, current) {
  return h('nav', { class: 'breadcrumb', 'aria-label': t('breadcrumb.label') },
    h('ol', {}, steps.map((key, i) => h('li', { 'aria-current': i === current ? 'step' : null }, t(key)))));
}

export function formatTime(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'short', timeStyle: 'medium', timeZone: 'Asia/Tokyo',
  }).format(date) + ' JST';
}

/** The skip link moves focus to the content without touching the hash, which the pages route on. */
export function wireSkipLink() {
  const skip = document.getElementById('skip');
  skip.textContent = t('skip');
  skip.onclick = (event) => {
    event.preventDefault();
    document.getElementById('main').focus();
  };
}
