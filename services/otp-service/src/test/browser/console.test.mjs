// The operations console in the browser: the operator signs in at the staff identity provider
// (a real Keycloak, the local realm), finds a contract, its state and audit trail, suspends /
// resets / unlocks with a reason (each confirmed first; the trail names the signed-in person),
// reads the fraud alerts, and signs out at the provider.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, channel, codeOf, nextStep, openContract, provisionToken } from './lib/platform.mjs';
import { DESKTOP, PHONE, eventually, openBrowser, shot } from './lib/browser.mjs';

const PASSWORD = 'Momiji-2026y';

/** A contract with a registered token, set up through the channel API as a customer would. */
async function registeredContract() {
  const contractId = await openContract('OPS', PASSWORD);
  const token = await provisionToken();
  const start = await channel('POST', '/v1/otp/registrations', { contractId, password: PASSWORD });
  assert.equal(start.status, 200, JSON.stringify(start.body));
  await nextStep();
  const done = await channel('POST', `/v1/otp/registrations/${start.body.registrationId}/complete`,
    { tokenId: token.tokenId, otp: await codeOf(token) });
  assert.equal(done.body.code, '00001', JSON.stringify(done.body));
  return { contractId, token };
}

/** A contract locked by wrong passwords (E1003 from the fifth on). */
async function lockedContract() {
  const contractId = await openContract('LOCK', PASSWORD);
  let last;
  for (let i = 0; i < 6; i++) {
    last = await channel('POST', '/v1/sessions', { contractId, password: 'wrong-' + i });
  }
  assert.equal(last.body.code, 'E1003', JSON.stringify(last.body));
  return contractId;
}

describe('operations console', () => {
  let browser;
  let page;
  let lost;
  let locked;

  const field = (name) => page.locator(`#contract-state dd[data-field="${name}"]`).textContent();
  const trail = () => page.locator('#audit-trail').textContent();

  /** The trail is read from the event log: refresh until the event is there. */
  async function trailShows(eventType) {
    await eventually(`trail shows ${eventType}`, async () => (await trail()).includes(eventType), () => Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/events')),
      page.getByRole('button', { name: '更新' }).click(),
    ]));
  }

  async function find(contractId) {
    await page.getByRole('link', { name: '契約照会' }).click();
    await page.getByLabel('契約者ID').fill(contractId);
    await page.getByRole('button', { name: '照会' }).click();
    await page.getByRole('heading', { name: `契約 ${contractId}` }).waitFor();
  }

  /** Runs one action: reason, Run, the confirmation (screenshot), Yes; waits for the result line. */
  async function act(formId, reason, screenshot, outcome = 'を実行しました。') {
    const form = page.locator('#' + formId);
    if (reason !== null) await form.getByLabel('理由').fill(reason);
    await form.getByRole('button', { name: '実行', exact: true }).click();
    const confirm = form.getByRole('alertdialog');
    await confirm.waitFor();
    if (screenshot) await shot(page, screenshot);
    const action = await form.locator('h3').textContent();
    await confirm.getByRole('button', { name: '実行する' }).click();
    await page.locator('#action-result').getByText(`「${action}」${outcome}`, { exact: false }).waitFor();
  }

  before(async () => {
    browser = await openBrowser();
    page = await browser.context.newPage();
    await page.setViewportSize(DESKTOP);
    lost = await registeredContract();
    locked = await lockedContract();
  });

  after(async () => {
    const failures = [...browser.failures];
    await browser.close();
    assert.deepEqual(failures, [], 'page errors, failed or outside requests');
  });

  it('signs in at the staff identity provider (authorization code + PKCE), not with a key', async () => {
    await page.goto(BASE_URL + '/console');
    await page.getByRole('heading', { name: '運用者ログイン' }).waitFor();
    await shot(page, 'console-01-login');
    await page.getByRole('button', { name: '職員認証でログイン' }).click();
    // Keycloak's own sign-in page: a wrong password is refused there.
    await page.locator('#username').waitFor();
    assert.ok(page.url().startsWith(process.env.OTP_IDP_URL), page.url());
    assert.match(page.url(), /code_challenge_method=S256/);
    await page.locator('#username').fill('suzuki');
    await page.locator('#password').fill('not-the-password');
    await page.locator('#kc-login').click();
    await page.locator('#input-error, .kc-feedback-text, [id^="input-error"]').first().waitFor();
    await shot(page, 'console-02-login-wrong-password', { lang: 'en' });
    await page.locator('#password').fill('suzuki-local-only');
    await page.locator('#kc-login').click();
    await page.getByRole('heading', { name: '契約照会' }).waitFor();
    assert.equal(await page.locator('.who').textContent(), '運用者: Taro Suzuki（operator）');
    // The code and state left the address bar; only the short-lived access token stays, in this tab.
    assert.equal(new URL(page.url()).search, '');
    const kept = await page.evaluate(() => Object.keys(sessionStorage));
    assert.deepEqual(kept, ['otp.ops']);
    assert.ok(!(await page.evaluate(() => sessionStorage.getItem('otp.ops'))).includes('refresh'));
    await shot(page, 'console-03-find');
  });

  it('shows a contract: token, status, failures, last use, drift, and its audit trail', async () => {
    await find(lost.contractId);
    assert.equal(await field('tokenId'), lost.token.tokenId);
    assert.equal(await field('tokenStatus'), 'ACTIVE');
    assert.equal(await field('otpFailures'), '0');
    assert.equal(await field('driftSteps'), '0');
    assert.match(await field('lastUsedAt'), /JST$/);
    assert.match(await trail(), /ContractOpened/);
    assert.match(await trail(), /TokenRegistered/);
    await shot(page, 'console-04-contract');
  });

  it('suspends a lost token, after a confirmation; the trail and the alerts show it', async () => {
    await page.locator('#suspend').getByLabel('理由').selectOption('LOST');
    await act('suspend', null, 'console-05-suspend-confirm');
    assert.equal(await field('tokenStatus'), 'SUSPENDED');
    await trailShows('TokenSuspended');
    assert.match(await trail(), /TokenSuspended\S* ?OPERATOR: Taro Suzuki/);
    await shot(page, 'console-06-suspended');
  });

  const REQUESTED = 'の承認を依頼しました。承認者が承認すると実行されます。 (00000)';

  async function signIn(user, password) {
    await page.getByRole('button', { name: '職員認証でログイン' }).click();
    await page.locator('#username').fill(user);
    await page.locator('#password').fill(password);
    await page.locator('#kc-login').click();
    await page.getByRole('heading', { name: '契約照会' }).waitFor();
  }

  it('asks for a reset with a reason (none given: refused before anything is sent); nothing changes yet', async () => {
    await page.locator('#reset').getByRole('button', { name: '実行', exact: true }).click();
    assert.equal(await page.getByRole('alert').textContent(), '「理由」を入力してください。');
    await act('reset', '端末故障のため（お客さまより電話）', null, REQUESTED);
    assert.equal(await field('tokenId'), lost.token.tokenId);
    const pending = page.locator('#pending-approvals');
    assert.match(await pending.textContent(), /トークンIDのリセット.*Taro Suzuki.*端末故障のため/s);
    // An operator without the approver role gets no approve button.
    assert.equal(await pending.getByRole('button', { name: '承認する' }).count(), 0);
    await trailShows('ApprovalRequested');
    await shot(page, 'console-07-reset-requested');
  });

  it('asks for an unlock of a locked contract, with the keyboard only', async () => {
    await find(locked);
    assert.notEqual(await field('locked'), 'なし');
    const form = page.locator('#unlock');
    await form.getByLabel('理由').focus();
    await page.keyboard.type('本人確認済み（窓口）');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'unlock-run');
    await page.keyboard.press('Enter');
    await form.getByRole('alertdialog').waitFor();
    // The confirmation takes the focus on its "yes" button: Enter runs the action.
    assert.equal(await page.evaluate(() => document.activeElement.id), 'unlock-confirm');
    await shot(page, 'console-08-unlock-confirm');
    await page.keyboard.press('Enter');
    await page.locator('#action-result').getByText('「ロック解除」' + REQUESTED).waitFor();
    assert.notEqual(await field('locked'), 'なし');
  });

  /** The list on screen, page after page ("次の50件"), until the contract is in it. */
  async function listShows(contractId) {
    for (;;) {
      if (await page.locator('#contract-list').getByRole('link', { name: contractId, exact: true }).count() > 0) return;
      const next = page.getByRole('button', { name: /^次の/ });
      assert.ok(await next.count() > 0, `${contractId} is in no page of the list`);
      // The next page replaces the whole screen: wait until this one's tabs are gone and the new ones are there.
      const shown = await page.locator('#list-tabs').elementHandle();
      await next.click();
      await page.waitForFunction((old) => !old.isConnected, shown);
      await page.locator('#list-tabs').waitFor();
    }
  }

  it('lists what needs attention, a page at a time, and finds a token\'s contract', async () => {
    await page.getByRole('link', { name: '要対応の契約' }).click();
    await page.locator('#list-tabs').waitFor();
    await listShows(locked);
    await page.getByRole('link', { name: '利用停止中のトークン' }).click();
    await page.locator('#list-tabs a[aria-current="page"]#list-suspended').waitFor();
    await listShows(lost.contractId);
    await page.getByRole('link', { name: '承認待ちの申請' }).click();
    await page.locator('#list-tabs a[aria-current="page"]#list-approvals').waitFor();
    await listShows(lost.contractId);
    await shot(page, 'console-08b-waiting-for-approval');

    await page.getByRole('link', { name: '契約照会' }).click();
    await page.getByLabel('トークンID').fill(lost.token.tokenId);
    await page.getByRole('button', { name: 'トークンを調べる' }).click();
    const found = page.locator('#token-result');
    await found.getByRole('link', { name: lost.contractId }).click();
    await page.getByRole('heading', { name: `契約 ${lost.contractId}` }).waitFor();
  });

  it('a second person, signed in as an approver, approves both; the trail names both people', async () => {
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.getByRole('heading', { name: '運用者ログイン' }).waitFor();
    await signIn('takahashi', 'takahashi-local-only');
    assert.equal(await page.locator('.who').textContent(), '運用者: Yuki Takahashi（approver）');

    await find(lost.contractId);
    const pending = page.locator('#pending-approvals');
    await shot(page, 'console-09-approver-sees-request');
    await pending.getByRole('button', { name: '承認する' }).click();
    await page.locator('#action-result').getByText('承認しました。 トークンIDのリセット (00000)').waitFor();
    assert.equal(await field('tokenId'), '未登録');
    await trailShows('TokenReset');
    assert.match(await trail(), /ApprovalGranted\S* ?OPERATOR: Yuki Takahashi/);
    assert.match(await trail(), /approvedByName: Yuki Takahashi/);
    await shot(page, 'console-10-reset-approved');

    await find(locked);
    await page.locator('#pending-approvals').getByRole('button', { name: '承認する' }).click();
    await page.locator('#action-result').getByText('承認しました。 ロック解除 (00000)').waitFor();
    assert.equal(await field('locked'), 'なし');
    assert.equal(await field('passwordFailures'), '0');
    await trailShows('ContractUnlocked');
  });

  it('lists the fraud alerts the lock and the loss raised, linked to their contracts', async () => {
    await page.getByRole('link', { name: '不正検知アラート' }).click();
    const table = page.locator('#alerts');
    await eventually('alerts for both contracts', async () => {
      const text = (await table.count()) ? await table.textContent() : '';
      return text.includes(locked) && text.includes(lost.contractId);
    }, () => Promise.all([
      page.waitForResponse((r) => r.url().includes('/v1/ops/alerts')),
      page.getByRole('button', { name: '更新' }).click(),
    ]));
    const rows = await table.locator('tbody tr').allTextContents();
    assert.ok(rows.some((r) => r.includes('CONTRACT_LOCKED') && r.includes(locked)), rows.join('\n'));
    assert.ok(rows.some((r) => r.includes('TOKEN_LOST_OR_STOLEN') && r.includes(lost.contractId)), rows.join('\n'));
    await shot(page, 'console-11-alerts');
    await table.getByRole('link', { name: locked }).first().click();
    await page.getByRole('heading', { name: `契約 ${locked}` }).waitFor();
    assert.match(await page.locator('#contract-alerts').textContent(), /CONTRACT_LOCKED/);
  });

  it('works in English and on a phone-sized screen', async () => {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: `Contract ${locked}` }).waitFor();
    await shot(page, 'console-12-contract-en', { lang: 'en' });
    await page.setViewportSize(PHONE);
    await shot(page, 'console-13-contract-phone-en', { lang: 'en' });
    await page.getByRole('button', { name: '日本語に切り替える' }).click();
    // Signing out ends the provider's session too: the next sign-in asks for the password again.
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.getByRole('heading', { name: '運用者ログイン' }).waitFor();
    await page.getByRole('button', { name: '職員認証でログイン' }).click();
    await page.locator('#password').waitFor();
    await page.goto(BASE_URL + '/console');
    await page.getByRole('heading', { name: '運用者ログイン' }).waitFor();
  });
});
