// The reference internet-banking pages: the manuals' screens in their order, each a hash route.
// The page talks only to /web/api (WebChannelController), which holds the API key and the session.
import { breadcrumb, button, call, field, h, languageSwitch, onLangChange, problemText, setBank, setLang, currentLang, showError,
  showScreen, t, wireSkipLink }
  from './ui.js';
import { softwareKeyboard } from './keyboard.js';

const API = '/web/api';
const CONTRACT_KEY = 'otp.contract';
const CRUMBS = {
  login: ['crumb.login', 'crumb.loginOtp', 'crumb.top'],
  register: ['crumb.auth', 'crumb.regInput', 'crumb.result'],
  stop: ['crumb.auth', 'crumb.otpInput', 'crumb.result'],
  setting: ['crumb.contractInfo', 'crumb.loginSetting', 'crumb.result'],
  limit: ['crumb.contractInfo', 'crumb.limit', 'crumb.result'],
  transfer: ['crumb.transferInput', 'crumb.result'],
};

/** What the current flow has been told so far; lost on reload, which sends the customer back to its start. */
const flow = { challengeId: null, registrationId: null, stopId: null, retired: false, result: null, notice: null };

const contractId = () => sessionStorage.getItem(CONTRACT_KEY);
const go = (route) => { location.hash = route; };

function page({ title, crumbs, current, body }) {
  showScreen({ title: t(title), site: t('bank.name'), crumbs: breadcrumb(crumbs, current), body });
}

/** A form whose submit runs once at a time; values are read by field id. */
function form(id, children, submitLabel, onSubmit, extraActions = []) {
  const submit = h('button', { type: 'submit', class: 'primary' }, submitLabel);
  const el = h('form', { id, novalidate: true }, ...children, h('div', { class: 'actions' }, ...extraActions, submit));
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    submit.disabled = true;
    submit.setAttribute('aria-busy', 'true');
    try {
      await onSubmit((name) => {
        const input = el.elements.namedItem(name);
        if (input instanceof RadioNodeList) return input.value;
        return input ? input.value.trim() : '';
      });
    } finally {
      submit.disabled = false;
      submit.removeAttribute('aria-busy');
    }
  });
  return el;
}

/** Client-side checks before a call: every named field filled, codes 6 digits. */
function missing(alert, value, names) {
  for (const name of names) {
    if (!value(name)) {
      showError(alert, t('required', { field: t('field.' + name) }), name);
      return true;
    }
    if ((name === 'otp' || name === 'currentOtp') && !/^[0-9]{6}$/.test(value(name))) {
      showError(alert, t('otp.format'), name);
      return true;
    }
  }
  showError(alert, null);
  return false;
}

/** Rejections of a code (wrong, already used) mark the screen's code field, as a bad field does. */
const CODE_REJECTIONS = ['E1002', 'E1008'];

function failed(alert, result, { sessionScreen = false, codeField = 'otp' } = {}) {
  const problem = result.data || {};
  const fieldId = problem.field === 'otp' ? codeField : problem.field;
  showError(alert, problemText(problem), fieldId || (CODE_REJECTIONS.includes(problem.code) ? codeField : undefined));
  if (problem.code === 'E1007') {
    if (sessionScreen) {
      sessionStorage.removeItem(CONTRACT_KEY);
      header();
    }
    alert.append(h('p', {}, h('a', { href: '#/login' }, t('to.login'))));
  }
}

const otpField = (id = 'otp', label = t('field.otp')) => field({ id, label, hint: t('hint.otp'),
  attrs: { inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: '6', pattern: '[0-9]{6}', required: true } });
const contractField = () => field({ id: 'contractId', label: t('field.contractId'), hint: t('hint.contractId'),
  attrs: { autocomplete: 'username', autocapitalize: 'off', spellcheck: 'false', required: true } });
const passwordField = () => [field({ id: 'password', type: 'password', label: t('field.password'), hint: t('hint.password'),
  attrs: { autocomplete: 'current-password', required: true } }), softwareKeyboard('password')];
const linkButton = (label, route, cls = 'secondary') => button(label, { class: cls, onclick: () => go(route) });

/** Screen 1 of login, registration and stop: ID + password sent; refused, the password is cleared. Null when refused. */
async function sendCredentials(alert, value, path) {
  if (missing(alert, value, ['contractId', 'password'])) return null;
  const r = await call('POST', API + path, { contractId: value('contractId'), password: value('password') });
  if (r.ok) return r;
  document.getElementById('password').value = '';
  failed(alert, r);
  return null;
}

function result({ title, crumbs, current, message, code, more = [], back }) {
  page({ title, crumbs, current, body: () => [
    h('div', { class: 'result', id: 'result', role: 'status' },
      h('p', {}, message, ' ', h('span', { class: 'code', 'aria-label': t('result.code') + ' ' + code }, '(' + code + ')'))),
    ...more,
    h('div', { class: 'actions' }, back),
  ] });
}

// ---- Login (manual: ログイン画面 → ワンタイムパスワード認証画面 → トップページ) ----

function loginScreen() {
  const notice = flow.notice;
  flow.notice = null;
  page({ title: 'login.title', crumbs: CRUMBS.login, current: 0, body: (alert) => [
    notice ? h('p', { class: 'notice', role: 'status' }, t(notice)) : null,
    h('p', {}, t('login.lead')),
    form('login-form', [contractField(), ...passwordField()], t('login.submit'), async (value) => {
      const r = await sendCredentials(alert, value, '/sessions');
      if (!r) return;
      sessionStorage.setItem(CONTRACT_KEY, value('contractId'));
      if (r.data.status === 'OTP_REQUIRED') {
        flow.challengeId = r.data.challengeId;
        return go('#/login/otp');
      }
      return go('#/top');
    }),
    h('ul', { class: 'links' },
      h('li', {}, h('a', { href: '#/register', id: 'to-register' }, t('login.register'))),
      h('li', {}, h('a', { href: '#/stop', id: 'to-stop' }, t('login.stop')))),
    h('p', { class: 'notice' }, t('login.notice')),
    h('aside', { class: 'advice' }, t('login.advice')),
    lostAdvice(),
  ] });
}

/** The manuals' advice for a lost or stolen phone, with the bank's desk. */
function lostAdvice() {
  return h('aside', { class: 'advice', id: 'lost-advice' }, h('h2', {}, t('lost.heading')), h('p', {}, t('lost.text')));
}

function challengeScreen() {
  if (!flow.challengeId) return go('#/login');
  page({ title: 'challenge.title', crumbs: CRUMBS.login, current: 1, body: (alert) => [
    h('h2', {}, t('challenge.heading')),
    h('p', {}, t('challenge.lead')),
    form('challenge-form', [otpField()], t('challenge.submit'), async (value) => {
      if (missing(alert, value, ['otp'])) return;
      const r = await call('POST', API + '/sessions/challenges/' + encodeURIComponent(flow.challengeId), { otp: value('otp') });
      if (!r.ok) return failed(alert, r);
      flow.challengeId = null;
      go('#/top');
    }, [button(t('logout'), { class: 'secondary', onclick: logout })]),
  ] });
}

function topScreen() {
  if (!contractId()) return go('#/login');
  page({ title: 'top.title', crumbs: CRUMBS.login, current: 2, body: () => [
    h('p', { id: 'welcome' }, t('top.welcome', { contractId: contractId() })),
    h('nav', { 'aria-labelledby': 'menu-title', class: 'menu' },
      h('h2', { id: 'menu-title' }, t('top.menu')),
      h('ul', {},
        h('li', {}, h('a', { href: '#/transfer', id: 'menu-transfer' }, t('top.transfer'))),
        h('li', {}, t('top.contractInfo'), h('ul', {},
          h('li', {}, h('a', { href: '#/settings/login-otp', id: 'menu-login-setting' }, t('top.loginSetting'))),
          h('li', {}, h('a', { href: '#/settings/transfer-limit', id: 'menu-limit' }, t('top.limit'))))))),
    h('aside', { class: 'advice' }, t('login.advice')),
  ] });
}

async function logout() {
  await call('DELETE', API + '/session');
  sessionStorage.removeItem(CONTRACT_KEY);
  flow.challengeId = null;
  flow.notice = 'loggedOut';
  if (location.hash === '#/login') render(); else go('#/login');
}

// ---- Registration and device change (利用者認証 > ワンタイムパスワード登録情報入力 > 処理結果) ----

function registerScreen() {
  page({ title: 'register.title', crumbs: CRUMBS.register, current: 0, body: (alert) => [
    h('h2', {}, t('register.heading')),
    h('p', {}, t('register.lead')),
    form('register-form', [contractField(), ...passwordField()], t('next'), async (value) => {
      const r = await sendCredentials(alert, value, '/otp/registrations');
      if (!r) return;
      flow.registrationId = r.data.registrationId;
      flow.deviceChange = !!r.data.currentTokenOtpRequired;
      go(r.data.currentTokenOtpRequired ? '#/register/current-token' : '#/register/token');
    }, [linkButton(t('back'), '#/login')]),
  ] });
}

function currentTokenScreen() {
  if (!flow.registrationId) return go('#/register');
  page({ title: 'register.title', crumbs: CRUMBS.register, current: 1, body: (alert) => [
    h('h2', {}, t('current.heading')),
    h('p', {}, t('current.lead')),
    h('p', { class: 'notice', id: 'keep-old-token' }, t('current.keep')),
    form('current-token-form', [otpField('currentOtp', t('field.currentOtp'))], t('next'), async (value) => {
      if (missing(alert, value, ['currentOtp'])) return;
      const r = await call('POST', API + '/otp/registrations/' + encodeURIComponent(flow.registrationId) + '/current-token',
        { otp: value('currentOtp') });
      if (!r.ok) return failed(alert, r, { codeField: 'currentOtp' });
      go('#/register/token');
    }, [linkButton(t('cancel'), '#/login')]),
  ] });
}

function newTokenScreen() {
  if (!flow.registrationId) return go('#/register');
  page({ title: 'register.title', crumbs: CRUMBS.register, current: 1, body: (alert) => [
    h('h2', {}, t('token.heading')),
    h('p', {}, t('token.lead')),
    flow.deviceChange ? h('p', { class: 'notice', id: 'keep-old-token' }, t('current.keep')) : null,
    form('token-form', [
      field({ id: 'tokenId', label: t('field.tokenId'), hint: t('hint.tokenId'),
        attrs: { autocapitalize: 'characters', spellcheck: 'false', autocomplete: 'off', maxlength: '12', required: true } }),
      otpField(),
    ], t('token.submit'), async (value) => {
      if (missing(alert, value, ['tokenId', 'otp'])) return;
      const r = await call('POST', API + '/otp/registrations/' + encodeURIComponent(flow.registrationId) + '/complete',
        { tokenId: value('tokenId').toUpperCase(), otp: value('otp') });
      if (!r.ok) return failed(alert, r);
      flow.registrationId = null;
      flow.result = r.data.code;
      go('#/register/done');
    }, [linkButton(t('cancel'), '#/login')]),
  ] });
}

function registeredScreen() {
  if (!flow.result) return go('#/login');
  result({ title: 'register.title', crumbs: CRUMBS.register, current: 2,
    message: t('register.done.' + flow.result), code: flow.result,
    more: [h('p', {}, t('register.done.next'))],
    back: linkButton(t('to.login'), '#/login', 'primary') });
}

// ---- Stop (利用停止認証 → ワンタイムパスワード入力 → 処理結果) ----

function stopScreen() {
  page({ title: 'stop.title', crumbs: CRUMBS.stop, current: 0, body: (alert) => [
    h('h2', {}, t('stop.heading')),
    h('p', {}, t('stop.lead')),
    form('stop-form', [contractField(), ...passwordField()], t('next'), async (value) => {
      const r = await sendCredentials(alert, value, '/otp/stops');
      if (!r) return;
      flow.stopId = r.data.stopId;
      go('#/stop/otp');
    }, [linkButton(t('back'), '#/login')]),
  ] });
}

function stopOtpScreen() {
  if (!flow.stopId) return go('#/stop');
  page({ title: 'stop.title', crumbs: CRUMBS.stop, current: 1, body: (alert) => [
    h('p', {}, t('stop.otp.lead')),
    form('stop-otp-form', [
      otpField(),
      h('div', { class: 'choice' }, h('input', { type: 'checkbox', id: 'retire', name: 'retire' }),
        h('label', { for: 'retire' }, t('stop.retire'))),
      h('p', { class: 'hint' }, t('stop.retire.hint')),
    ], t('stop.submit'), async (value) => {
      if (missing(alert, value, ['otp'])) return;
      const retire = document.getElementById('retire').checked;
      const r = await call('POST', API + '/otp/stops/' + encodeURIComponent(flow.stopId) + '/complete', { otp: value('otp'), retire });
      if (!r.ok) return failed(alert, r);
      flow.stopId = null;
      flow.retired = retire;
      flow.result = r.data.code;
      go('#/stop/done');
    }, [linkButton(t('cancel'), '#/login')]),
  ] });
}

function stoppedScreen() {
  if (!flow.result) return go('#/login');
  result({ title: 'stop.title', crumbs: CRUMBS.stop, current: 2, message: t('stop.done'), code: flow.result,
    more: [h('p', {}, t(flow.retired ? 'stop.done.retired' : 'stop.done.next'))],
    back: linkButton(t('to.login'), '#/login', 'primary') });
}

// ---- Within a session: login authentication setting, transfer, transfer limit ----

/** The contract's current settings for a settings screen, and whether the customer has left that screen meanwhile. */
async function currentSettings(route) {
  const r = await call('GET', API + '/contracts/' + encodeURIComponent(contractId()) + '/settings');
  return { r, stale: location.hash !== route };
}

async function loginSettingScreen() {
  if (!contractId()) return go('#/login');
  const { r: now, stale } = await currentSettings('#/settings/login-otp');
  if (stale) return;
  const required = now.ok ? now.data.loginOtpRequired : true;
  page({ title: 'setting.title', crumbs: CRUMBS.setting, current: 1, body: (alert) => [
    now.ok ? h('p', { id: 'current-setting' }, t('setting.current', { value: t(required ? 'setting.on' : 'setting.off') })) : null,
    form('login-setting-form', [
      h('fieldset', {},
        h('legend', {}, t('field.required')),
        h('div', { class: 'choice' }, h('input', { type: 'radio', id: 'required-on', name: 'required', value: 'true', checked: required }),
          h('label', { for: 'required-on' }, t('setting.on'))),
        h('div', { class: 'choice' }, h('input', { type: 'radio', id: 'required-off', name: 'required', value: 'false', checked: !required }),
          h('label', { for: 'required-off' }, t('setting.off')))),
      h('p', { class: 'hint' }, t('hint.loginOtpOff')),
      otpField(),
    ], t('setting.submit'), async (value) => {
      const required = value('required') === 'true';
      if (!required || value('otp')) {
        if (missing(alert, value, ['otp'])) return;
      }
      const body = { required };
      if (value('otp')) body.otp = value('otp');
      const r = await call('PUT', API + '/contracts/' + encodeURIComponent(contractId()) + '/login-otp', body);
      if (!r.ok) return failed(alert, r, { sessionScreen: true });
      result({ title: 'setting.title', crumbs: CRUMBS.setting, current: 2,
        message: t(required ? 'setting.done.on' : 'setting.done.off'), code: r.data.code,
        back: linkButton(t('to.top'), '#/top', 'primary') });
    }, [linkButton(t('back'), '#/top')]),
  ] });
  if (!now.ok) failed(document.getElementById('error'), now, { sessionScreen: true });
}

function transferScreen() {
  if (!contractId()) return go('#/login');
  const account = (id) => field({ id, label: t('field.' + id), hint: t('hint.account'),
    attrs: { autocomplete: 'off', spellcheck: 'false', maxlength: '34', required: true } });
  page({ title: 'transfer.title', crumbs: CRUMBS.transfer, current: 0, body: (alert) => [
    h('p', {}, t('transfer.lead')),
    form('transfer-form', [
      account('fromAccount'),
      account('toAccount'),
      field({ id: 'amount', label: t('field.amount'), hint: t('hint.amount'), attrs: { inputmode: 'numeric', required: true } }),
      otpField(),
    ], t('transfer.submit'), async (value) => {
      if (missing(alert, value, ['fromAccount', 'toAccount', 'amount', 'otp'])) return;
      const r = await call('POST', API + '/transfers/authorizations', { fromAccount: value('fromAccount'),
        toAccount: value('toAccount'), amount: value('amount'), currency: 'JPY', otp: value('otp') });
      if (!r.ok) return failed(alert, r, { sessionScreen: true });
      result({ title: 'transfer.title', crumbs: CRUMBS.transfer, current: 1, message: t('transfer.done'), code: r.data.code,
        more: [h('dl', { class: 'facts' }, h('dt', {}, t('transfer.reference')), h('dd', { id: 'authorization-id' }, r.data.authorizationId))],
        back: linkButton(t('to.top'), '#/top', 'primary') });
    }, [linkButton(t('back'), '#/top')]),
  ] });
}

async function limitScreen() {
  if (!contractId()) return go('#/login');
  const { r: now, stale } = await currentSettings('#/settings/transfer-limit');
  if (stale) return;
  const yen = (amount) => Number(amount).toLocaleString(currentLang() === 'ja' ? 'ja-JP' : 'en-US');
  page({ title: 'limit.title', crumbs: CRUMBS.limit, current: 1, body: (alert) => [
    now.ok ? h('p', { id: 'current-limit' }, t('limit.current', { amount: now.data.transferLimit
      ? t('limit.amount', { amount: yen(now.data.transferLimit) }) : t('limit.none') })) : null,
    h('p', {}, t('limit.lead')),
    form('limit-form', [
      field({ id: 'dailyLimit', label: t('field.dailyLimit'), hint: t('hint.amount'), attrs: { inputmode: 'numeric', required: true } }),
      otpField(),
    ], t('limit.submit'), async (value) => {
      if (missing(alert, value, ['dailyLimit', 'otp'])) return;
      const r = await call('PUT', API + '/contracts/' + encodeURIComponent(contractId()) + '/transfer-limit',
        { dailyLimit: value('dailyLimit'), currency: 'JPY', otp: value('otp') });
      if (!r.ok) return failed(alert, r, { sessionScreen: true });
      result({ title: 'limit.title', crumbs: CRUMBS.limit, current: 2,
        message: t('limit.done', { amount: yen(value('dailyLimit')) }),
        code: r.data.code, back: linkButton(t('to.top'), '#/top', 'primary') });
    }, [linkButton(t('back'), '#/top')]),
  ] });
  if (!now.ok) failed(document.getElementById('error'), now, { sessionScreen: true });
}

const ROUTES = {
  '#/login': loginScreen,
  '#/login/otp': challengeScreen,
  '#/top': topScreen,
  '#/register': registerScreen,
  '#/register/current-token': currentTokenScreen,
  '#/register/token': newTokenScreen,
  '#/register/done': registeredScreen,
  '#/stop': stopScreen,
  '#/stop/otp': stopOtpScreen,
  '#/stop/done': stoppedScreen,
  '#/settings/login-otp': loginSettingScreen,
  '#/settings/transfer-limit': limitScreen,
  '#/transfer': transferScreen,
};

function header() {
  const bar = document.getElementById('header-tools');
  bar.replaceChildren(languageSwitch(),
    ...(contractId() ? [button(t('logout'), { class: 'secondary', id: 'logout', onclick: logout })] : []));
  document.getElementById('bank-name').textContent = t('bank.name');
  wireSkipLink();
}

function render() {
  header();
  (ROUTES[location.hash] || loginScreen)();
  header();
}

window.addEventListener('hashchange', render);
onLangChange(render);
// The bank's name and desks; the pages still work (with the defaults) when this cannot be read.
fetch('/web/bank').then((r) => (r.ok ? r.json() : null)).then(setBank, () => null).finally(() => setLang(currentLang()));
