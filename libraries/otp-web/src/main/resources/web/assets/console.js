// The operations console: find a contract, see its state and audit trail, reset / suspend /
// unlock it with a reason, and read the fraud alerts. The operator signs in at the bank's staff
// identity provider (staff-sign-in.js); the console calls the operations API (/v1/ops) with that
// access token, and the API records the token's person as who acted.
import { breadcrumb, button, call, field, formatTime, h, languageSwitch, onLangChange, problemText, setLang, currentLang,
  showError, showScreen, t, wireSkipLink } from './ui.js';
import { beginSignIn, completeSignIn, forget, session, signOut } from './staff-sign-in.js';

const go = (route) => { location.hash = route; };
let notice = null;

const signedIn = session;

async function ops(method, path, body) {
  const auth = signedIn();
  const r = await call(method, '/v1/ops' + path, body, { Authorization: 'Bearer ' + (auth ? auth.accessToken : '') });
  if (r.status === 401) {
    forget();
    notice = t('ops.login.expired');
    go('#/login');
  }
  return r;
}

function page(title, body) {
  showScreen({ title, site: t('console.name'), body });
}

function loginScreen() {
  const message = notice;
  notice = null;
  page(t('ops.login.title'), (alert) => {
    const start = button(t('ops.login.submit'), { class: 'primary', id: 'sign-in' });
    start.onclick = async () => {
      start.disabled = true;
      try {
        await beginSignIn();
      } catch (e) {
        start.disabled = false;
        showError(alert, problemText({ code: 'E5030' }));
      }
    };
    if (message) setTimeout(() => showError(alert, message), 0);
    return [h('p', {}, t('ops.login.lead')), h('div', { class: 'actions' }, start)];
  });
}

function findForm(value = '') {
  const form = h('form', { id: 'find-form', role: 'search', novalidate: true },
    field({ id: 'find-contract', label: t('ops.contract'), value,
      attrs: { autocomplete: 'off', spellcheck: 'false', maxlength: '32', required: true } }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('ops.find.submit'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const id = form.elements['find-contract'].value.trim();
    if (id) go('#/contracts/' + encodeURIComponent(id));
  });
  return form;
}

/** Token ID → its contract, as the token-ID single writer knows it. */
function tokenForm() {
  const result = h('div', { id: 'token-result', role: 'status' });
  const form = h('form', { id: 'token-form', role: 'search', novalidate: true },
    field({ id: 'find-token', label: t('ops.token'), attrs: { autocomplete: 'off', spellcheck: 'false', maxlength: '12',
      inputmode: 'latin', required: true } }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, t('ops.token.find'))), result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const id = form.elements['find-token'].value.trim().toUpperCase();
    if (!id) return;
    const r = await ops('GET', '/tokens/' + encodeURIComponent(id));
    if (!r.ok) return result.replaceChildren(h('p', { class: 'error' }, problemText(r.data)));
    return result.replaceChildren(facts([
      [t('ops.token'), r.data.tokenId, 'lookupTokenId'],
      [t('ops.token.status'), t('ops.token.' + r.data.status), 'lookupStatus'],
      [t('ops.contract'), r.data.contractId
        ? h('a', { href: '#/contracts/' + encodeURIComponent(r.data.contractId) }, r.data.contractId) : '—', 'lookupContract'],
    ]));
  });
  return form;
}

function contractsScreen() {
  page(t('ops.find.title'), () => [findForm(), tokenForm()]);
}

const LISTS = ['locked', 'suspended', 'approvals'];
const LIST_PAGE = 50;

async function listScreen(status, after) {
  const q = '/contracts?status=' + status + '&limit=' + LIST_PAGE + (after ? '&after=' + encodeURIComponent(after) : '');
  const r = await ops('GET', q);
  if (!signedIn() || location.hash !== '#/lists/' + status) return;
  page(t('ops.lists.title'), (alert) => {
    if (!r.ok) setTimeout(() => showError(alert, problemText(r.data)), 0);
    const tabs = h('ul', { class: 'tabs', id: 'list-tabs' }, LISTS.map((s) => h('li', {},
      h('a', { href: '#/lists/' + s, id: 'list-' + s, 'aria-current': s === status ? 'page' : null }, t('ops.lists.' + s)))));
    const rows = r.ok ? r.data.contracts.map((c) => [
      h('a', { href: '#/contracts/' + encodeURIComponent(c.contractId) }, c.contractId),
      c.token ? c.token.tokenId + ' (' + c.token.status + ')' : t('ops.noToken'),
      c.locked ? (c.lockReason || 'LOCKED') : '—',
      (c.pendingApprovals || []).map((p) => t('ops.pending.' + p.action) + ' — ' + p.requestedByName).join(', ') || '—']) : [];
    const more = [];
    if (after) {
      more.push(button(t('ops.lists.first'), { class: 'secondary', id: 'list-first', onclick: () => listScreen(status, null) }));
    }
    if (r.ok && r.data.next) {
      more.push(button(t('ops.lists.next', { count: LIST_PAGE }), { class: 'primary', id: 'list-next',
        onclick: () => listScreen(status, r.data.next) }));
    }
    return [
      tabs,
      r.ok ? table('contract-list', t('ops.lists.' + status), [t('ops.contract'), t('ops.token'), t('ops.locked'), t('ops.pending')],
        rows, t('ops.lists.empty')) : null,
      more.length ? h('div', { class: 'actions' }, ...more) : null,
    ];
  });
}

function facts(rows) {
  return h('dl', { class: 'facts', id: 'contract-state' }, rows.flatMap(([label, value, id]) =>
    [h('dt', {}, label), h('dd', { 'data-field': id }, value)]));
}

function stateView(c) {
  const token = c.token;
  return facts([
    [t('ops.token'), token ? token.tokenId : t('ops.noToken'), 'tokenId'],
    [t('ops.tokenStatus'), token ? token.status : '—', 'tokenStatus'],
    [t('ops.loginOtpRequired'), c.loginOtpRequired ? t('ops.yes') : t('ops.no'), 'loginOtpRequired'],
    [t('ops.locked'), c.locked ? (c.lockReason || 'LOCKED') : t('ops.notLocked'), 'locked'],
    [t('ops.otpFailures'), c.otpFailures, 'otpFailures'],
    [t('ops.passwordFailures'), c.passwordFailures, 'passwordFailures'],
    [t('ops.registeredAt'), token ? formatTime(token.registeredAt) : '—', 'registeredAt'],
    [t('ops.lastUsedAt'), token ? formatTime(token.lastUsedAt) : '—', 'lastUsedAt'],
    [t('ops.lastStep'), token && token.lastAcceptedStep != null ? token.lastAcceptedStep : '—', 'lastAcceptedStep'],
    [t('ops.drift'), token ? token.driftSteps : '—', 'driftSteps'],
    [t('ops.transferLimit'), c.transferLimit ? c.transferLimit + ' ' + c.transferLimitCurrency : '—', 'transferLimit'],
    [t('ops.openTickets'), (c.openTickets || []).length ? c.openTickets.join(', ') : '—', 'openTickets'],
  ]);
}

const HIDDEN_EVENT_FIELDS = new Set(['type', 'eventId', 'occurredAt', 'correlationId', 'actor', 'causationId', 'contractId']);

function detailsOf(event) {
  return Object.entries(event).filter(([k]) => !HIDDEN_EVENT_FIELDS.has(k))
    .map(([k, v]) => k + ': ' + (v !== null && typeof v === 'object' ? JSON.stringify(v) : v)).join(', ');
}

function table(id, caption, headings, rows, empty) {
  if (!rows.length) return h('p', { id }, empty);
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h('table', { id },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, headings.map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((x) => h('td', {}, x)))))));
}

function trailView(events) {
  const rows = [...events].reverse().map((e) => [formatTime(e.occurredAt), e.type,
    e.actor ? e.actor.type + ': ' + (e.actor.name || e.actor.id) : '—', detailsOf(e)]);
  return table('audit-trail', t('ops.trail'), [t('ops.when'), t('ops.event'), t('ops.actor'), t('ops.details')], rows,
    t('ops.trail.empty'));
}

function alertsView(alerts, id, caption) {
  const rows = alerts.map((a) => [formatTime(a.occurredAt), a.rule,
    a.contractId ? h('a', { href: '#/contracts/' + encodeURIComponent(a.contractId) }, a.contractId) : '—',
    a.source || '—', a.count, formatTime(a.windowStart) + ' – ' + formatTime(a.windowEnd)]);
  return table(id, caption, [t('ops.when'), t('ops.rule'), t('ops.contract'), t('ops.source'), t('ops.count'), t('ops.window')],
    rows, t('ops.alerts.empty'));
}

/** One operations action: its reason, then an inline confirmation before anything is sent. */
function actionForm({ id, title, lead, reasonInput, path, contractId, status, onDone }) {
  const confirmArea = h('div', { class: 'confirm', hidden: true });
  const run = h('button', { type: 'submit', class: 'danger', id: id + '-run' }, t('ops.run'));
  const form = h('form', { id, class: 'action', novalidate: true, 'aria-labelledby': id + '-title' },
    h('h3', { id: id + '-title' }, title), h('p', { class: 'hint' }, lead), reasonInput, h('div', { class: 'actions' }, run), confirmArea);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const reason = form.elements.reason.value.trim();
    if (!reason) return showError(status, t('ops.reasonRequired'), form.elements.reason.id);
    showError(status, null);
    const yes = button(t('ops.confirm.yes'), { class: 'danger', id: id + '-confirm' });
    const no = button(t('ops.confirm.no'), { class: 'secondary' });
    confirmArea.replaceChildren(h('p', { id: id + '-question' }, t('ops.confirm', { action: title, contractId })),
      h('div', { class: 'actions' }, no, yes));
    confirmArea.setAttribute('role', 'alertdialog');
    confirmArea.setAttribute('aria-labelledby', id + '-question');
    confirmArea.hidden = false;
    run.disabled = true;
    no.onclick = () => { confirmArea.hidden = true; run.disabled = false; run.focus(); };
    yes.onclick = async () => {
      yes.disabled = true;
      const r = await ops('POST', '/contracts/' + encodeURIComponent(contractId) + path, { reason });
      confirmArea.hidden = true;
      run.disabled = false;
      if (!r.ok) return showError(status, problemText(r.data));
      const done = r.status === 202 ? t('ops.requested', { action: title }) : t('ops.done', { action: title });
      onDone(done + ' (' + r.data.code + ')');
    };
    yes.focus();
  });
  return form;
}

/**
 * Requests waiting for a second person. An approver sees Approve / Reject on others' requests;
 * the API decides anyway (the requester's own is refused, E1014).
 */
function pendingView(contractId, pending, status, reload) {
  const me = signedIn();
  if (!pending.length) return h('p', { id: 'pending-approvals' }, t('ops.pending.empty'));
  return h('div', { id: 'pending-approvals', class: 'pending' }, pending.map((p) => {
    const label = t('ops.pending.' + p.action);
    const facts = h('dl', { class: 'facts' },
      h('dt', {}, t('ops.event')), h('dd', { 'data-field': 'action' }, label),
      h('dt', {}, t('ops.requestedBy')), h('dd', { 'data-field': 'requestedBy' }, p.requestedByName),
      h('dt', {}, t('ops.reason')), h('dd', {}, p.reason),
      h('dt', {}, t('ops.expiresAt')), h('dd', {}, formatTime(p.expiresAt)));
    const canDecide = me && me.roles.includes('approver');
    if (!canDecide) return h('div', { class: 'action', 'data-request': p.requestId }, facts);
    const reasonId = 'reject-reason-' + p.requestId;
    const decide = async (decision) => {
      const reason = document.getElementById(reasonId).value.trim();
      if (decision === 'reject' && !reason) return showError(status, t('required', { field: t('ops.rejectReason') }), reasonId);
      const r = await ops('POST', '/contracts/' + encodeURIComponent(contractId) + '/approvals/' + encodeURIComponent(p.requestId),
        { decision, reason });
      if (!r.ok) return showError(status, problemText(r.data));
      return reload(t(decision === 'approve' ? 'ops.approved' : 'ops.rejected') + ' ' + label + ' (' + r.data.code + ')');
    };
    return h('div', { class: 'action', 'data-request': p.requestId }, facts,
      h('div', { class: 'field' }, h('label', { for: reasonId }, t('ops.rejectReason')),
        h('textarea', { id: reasonId, rows: '2', maxlength: '256' })),
      h('div', { class: 'actions' },
        button(t('ops.reject'), { class: 'secondary', id: 'reject-' + p.requestId, onclick: () => decide('reject') }),
        button(t('ops.approve'), { class: 'primary', id: 'approve-' + p.requestId, onclick: () => decide('approve') })));
  }));
}

function reasonText(id) {
  return h('div', { class: 'field' }, h('label', { for: id }, t('ops.reason')),
    h('textarea', { id, name: 'reason', rows: '2', maxlength: '256', required: true }));
}

async function contractScreen(contractId, done) {
  const [state, trail, alerts] = await Promise.all([ops('GET', '/contracts/' + encodeURIComponent(contractId)),
    ops('GET', '/contracts/' + encodeURIComponent(contractId) + '/events'),
    ops('GET', '/alerts?limit=50&contractId=' + encodeURIComponent(contractId))]);
  // The operator may have moved on while the answers were on their way.
  if (!signedIn() || location.hash !== '#/contracts/' + encodeURIComponent(contractId)) return;
  page(t('ops.contract.title', { contractId }), (alert) => {
    if (!state.ok) {
      setTimeout(() => showError(alert, problemText(state.data)), 0);
      return [findForm(contractId)];
    }
    const status = h('div', { class: 'status', id: 'action-result', role: 'status' }, done || '');
    const reload = (message) => contractScreen(contractId, message);
    const suspendReason = h('div', { class: 'field' }, h('label', { for: 'suspend-reason' }, t('ops.reason')),
      h('select', { id: 'suspend-reason', name: 'reason' }, ['LOST', 'STOLEN', 'UNINSTALLED'].map((r) =>
        h('option', { value: r }, t('ops.suspend.' + r)))));
    return [
      findForm(contractId),
      breadcrumb(['ops.nav.contracts', 'ops.state'], 1),
      h('div', { class: 'actions' }, button(t('ops.refresh'), { class: 'secondary', id: 'refresh-contract',
        onclick: () => contractScreen(contractId) })),
      status,
      h('section', { 'aria-labelledby': 'state-title' }, h('h2', { id: 'state-title' }, t('ops.state')), stateView(state.data)),
      h('section', { 'aria-labelledby': 'pending-title' }, h('h2', { id: 'pending-title' }, t('ops.pending')),
        pendingView(contractId, state.data.pendingApprovals || [], alert, reload)),
      h('section', { 'aria-labelledby': 'actions-title', class: 'actions-section' },
        h('h2', { id: 'actions-title' }, t('ops.actions')),
        actionForm({ id: 'reset', title: t('ops.reset'), lead: t('ops.reset.lead'), reasonInput: reasonText('reset-reason'),
          path: '/token-reset', contractId, status: alert, onDone: reload }),
        actionForm({ id: 'suspend', title: t('ops.suspend'), lead: t('ops.suspend.lead'), reasonInput: suspendReason,
          path: '/token-suspension', contractId, status: alert, onDone: reload }),
        actionForm({ id: 'unlock', title: t('ops.unlock'), lead: t('ops.unlock.lead'), reasonInput: reasonText('unlock-reason'),
          path: '/unlock', contractId, status: alert, onDone: reload })),
      h('section', { 'aria-labelledby': 'trail-title' }, h('h2', { id: 'trail-title' }, t('ops.trail')),
        trail.ok ? trailView(trail.data.events) : h('p', {}, problemText(trail.data))),
      h('section', { 'aria-labelledby': 'contract-alerts-title' },
        h('h2', { id: 'contract-alerts-title' }, t('ops.alerts.forContract')),
        alerts.ok ? alertsView(alerts.data.alerts, 'contract-alerts', t('ops.alerts.forContract')) : h('p', {}, problemText(alerts.data))),
    ];
  });
}

async function alertsScreen() {
  const r = await ops('GET', '/alerts?limit=100');
  if (!signedIn() || location.hash !== '#/alerts') return;
  page(t('ops.nav.alerts'), (alert) => {
    if (!r.ok) setTimeout(() => showError(alert, problemText(r.data)), 0);
    return [
      h('div', { class: 'actions' }, button(t('ops.refresh'), { class: 'secondary', id: 'refresh-alerts', onclick: alertsScreen })),
      r.ok ? alertsView(r.data.alerts, 'alerts', t('ops.alerts.title')) : null,
    ];
  });
}

function nav() {
  const auth = signedIn();
  const bar = document.getElementById('console-nav');
  bar.hidden = !auth;
  bar.setAttribute('aria-label', t('ops.nav'));
  const here = location.hash;
  bar.replaceChildren(...(auth ? [h('ul', {},
    h('li', {}, h('a', { href: '#/contracts', id: 'nav-contracts', 'aria-current': here.startsWith('#/contracts') ? 'page' : null },
      t('ops.nav.contracts'))),
    h('li', {}, h('a', { href: '#/lists/locked', id: 'nav-lists', 'aria-current': here.startsWith('#/lists/') ? 'page' : null },
      t('ops.nav.lists'))),
    h('li', {}, h('a', { href: '#/alerts', id: 'nav-alerts', 'aria-current': here === '#/alerts' ? 'page' : null },
      t('ops.nav.alerts'))))] : []));
  document.getElementById('header-tools').replaceChildren(...[
    auth ? h('span', { class: 'who' }, t('ops.signedInAs', { operator: auth.name, roles: auth.roles.join(', ') })) : null,
    languageSwitch(),
    auth ? button(t('logout'), { class: 'secondary', id: 'logout', onclick: () => {
      if (!signOut()) go('#/login');
    } }) : null].filter(Boolean));
  document.getElementById('console-name').textContent = t('console.name');
  wireSkipLink();
}

function render() {
  const hash = location.hash;
  if (!signedIn() && hash !== '#/login') return go('#/login');
  nav();
  if (hash === '#/login') return loginScreen();
  if (hash === '#/alerts') return alertsScreen();
  if (hash.startsWith('#/lists/') && LISTS.includes(hash.slice('#/lists/'.length))) {
    return listScreen(hash.slice('#/lists/'.length), null);
  }
  if (hash.startsWith('#/contracts/')) return contractScreen(decodeURIComponent(hash.slice('#/contracts/'.length)));
  return contractsScreen();
}

window.addEventListener('hashchange', render);
onLangChange(render);
completeSignIn().then((result) => {
  if (result !== null && result !== true) notice = t('ops.login.failed', { reason: result });
  if (result === true) location.hash = '#/contracts';
  setLang(currentLang());
});
