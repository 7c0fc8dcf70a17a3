// Every customer flow of the manuals, in the browser, on a phone-sized screen, against the
// running platform: registration, login with the code, transfer, transfer limit, the login
// setting, device change, stop; errors with their result codes; Japanese and English.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, advance, codeOf, nextStep, openContract, provisionToken, totp } from './lib/platform.mjs';
import { breadcrumb, openBrowser, shot } from './lib/browser.mjs';

const PASSWORD = 'Sakura-2026x';

describe('customer pages', () => {
  let browser;
  let page;
  let contractId;
  let oldToken;
  let newToken;

  const alertText = () => page.getByRole('alert').textContent();
  const result = () => page.locator('#result').textContent();
  const title = () => page.locator('h1').textContent();
  /** Waits for the screen with this title (screens change on hashchange, an event that comes after the click). */
  const screen = (name) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
  /** From the top page to the transfer screen, its accounts and the amount filled in. */
  const transferForm = async (amount) => {
    await page.getByRole('link', { name: '振込', exact: true }).click();
    await screen('振込');
    await page.getByLabel('出金口座').fill('001-1234567');
    await page.getByLabel('振込先口座').fill('002-7654321');
    await page.getByLabel('振込金額（円）').fill(amount);
  };

  async function typeContractAndPassword() {
    await page.getByLabel('契約者ID').fill(contractId);
    await page.getByLabel('ログインパスワード').fill(PASSWORD);
  }

  async function login({ expectOtp }) {
    await page.goto(BASE_URL + '/#/login');
    await typeContractAndPassword();
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    if (expectOtp) {
      await page.getByRole('heading', { name: 'ワンタイムパスワード確認' }).waitFor();
    } else {
      await page.locator('#welcome').waitFor();
    }
  }

  async function answerChallenge(token) {
    await nextStep();
    await page.getByLabel('ワンタイムパスワード').fill(await codeOf(token));
    await page.getByRole('button', { name: '確認' }).click();
    await page.locator('#welcome').waitFor();
  }

  async function logout() {
    await page.locator('#logout').click();
    await page.getByText('ログアウトしました。').waitFor();
  }

  before(async () => {
    browser = await openBrowser();
    page = await browser.context.newPage();
    contractId = await openContract('WEB', PASSWORD);
    oldToken = await provisionToken();
    newToken = await provisionToken();
  });

  after(async () => {
    assert.deepEqual(browser.failures, [], 'page errors, failed or outside requests');
    await browser.close();
  });

  it('computes RFC 6238 codes (the test vector of RFC 6238 appendix B, SHA-1, T=59)', () => {
    assert.equal(totp(Buffer.from('12345678901234567890'), 59_000, 30, 8), '94287082');
  });

  it('shows the login page in Japanese first, and in English on request', async () => {
    await page.goto(BASE_URL + '/');
    await screen('ログイン');
    assert.deepEqual((await breadcrumb(page)).steps, ['ログイン', 'ワンタイムパスワード認証', 'トップページ']);
    // The manuals' advice: what to do when the phone is lost (the bank's desk, from GET /web/bank),
    // and why the token belongs on another device.
    assert.equal(await page.locator('#lost-advice').textContent(), 'トークンを入れた端末を紛失・盗難されたら'
        + 'キャッシュカードと同様に、直ちに当金庫（0120-000-999、24時間・365日受付）までご連絡ください。トークンの利用を停止します。');
    assert.match(await page.locator('aside.advice').first().textContent(), /同時に第三者の手に渡るおそれ/);
    assert.equal(await page.locator('#bank-name').textContent(), 'しんきん銀行 インターネットバンキング');
    await shot(page, 'customer-01-login-ja');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await screen('Log in');
    assert.ok(await page.getByLabel('Contract ID').isVisible());
    assert.match(await page.locator('#lost-advice').textContent(), /Call the bank at once, as you would for a cash card \(0120-000-999, 24 hours, every day\)/);
    await shot(page, 'customer-02-login-en', { lang: 'en' });
    await page.getByRole('button', { name: '日本語に切り替える' }).click();
    await screen('ログイン');
  });

  it('registers a token: ID + password (on-screen keyboard), token ID + code, (00001)', async () => {
    await page.getByRole('link', { name: 'ワンタイムパスワードの利用登録はこちら' }).click();
    await screen('ワンタイムパスワード利用登録');
    assert.deepEqual(await breadcrumb(page), {
      steps: ['利用者認証', 'ワンタイムパスワード登録情報入力', '処理結果'], current: '利用者認証' });
    await page.getByLabel('契約者ID').fill(contractId);
    // The password typed on the on-screen keyboard only.
    await page.getByRole('button', { name: 'ソフトウェアキーボード入力' }).click();
    const keyboard = page.getByRole('group', { name: 'ソフトウェアキーボード' });
    let upper = false;
    for (const ch of PASSWORD) {
      const wantUpper = ch !== ch.toLowerCase();
      if (wantUpper !== upper) {
        await keyboard.getByRole('button', { name: '大文字／小文字' }).click();
        upper = wantUpper;
      }
      await keyboard.locator(`button[data-key="${ch}"]`).click();
    }
    assert.equal(await page.getByLabel('ログインパスワード').inputValue(), PASSWORD);
    await shot(page, 'customer-03-register-credentials-keyboard');
    await page.getByRole('button', { name: '次へ' }).click();

    await page.getByRole('heading', { name: 'ご利用を開始するワンタイムパスワード' }).waitFor();
    assert.equal((await breadcrumb(page)).current, 'ワンタイムパスワード登録情報入力');
    await shot(page, 'customer-04-register-token');
    await page.getByLabel('トークンID').fill(oldToken.tokenId);
    const right = await codeOf(oldToken);
    await page.getByLabel('ワンタイムパスワード').fill(right === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: '登録' }).click();
    await page.getByRole('alert').getByText('(E1002)').waitFor();
    assert.match(await alertText(), /ワンタイムパスワードが正しくありません。.*\(E1002\)/);
    assert.equal(await page.getByLabel('ワンタイムパスワード').getAttribute('aria-invalid'), 'true');
    await shot(page, 'customer-05-register-wrong-code-E1002');

    await nextStep();
    await page.getByLabel('ワンタイムパスワード').fill(await codeOf(oldToken));
    await page.getByRole('button', { name: '登録' }).click();
    await page.locator('#result').waitFor();
    assert.equal(await result(), 'ワンタイムパスワードの利用登録が完了しました。 (00001)');
    assert.equal((await breadcrumb(page)).current, '処理結果');
    await shot(page, 'customer-06-register-done-00001');
    await page.getByRole('button', { name: 'ログイン画面に戻る' }).click();
    await screen('ログイン');
  });

  it('logs in with the code: ID + password, then the OTP screen, then the top page', async () => {
    await typeContractAndPassword();
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.getByRole('heading', { name: 'ワンタイムパスワード確認' }).waitFor();
    assert.equal((await breadcrumb(page)).current, 'ワンタイムパスワード認証');
    await shot(page, 'customer-07-login-otp');
    await answerChallenge(oldToken);
    assert.match(await page.locator('#welcome').textContent(), new RegExp(contractId));
    await shot(page, 'customer-08-top');
  });

  it('authorizes a transfer with a code, and refuses the same code again (E1008)', async () => {
    await transferForm('50000');
    await nextStep();
    const code = await codeOf(oldToken);
    await page.getByLabel('ワンタイムパスワード').fill(code);
    await shot(page, 'customer-09-transfer-form');
    await page.getByRole('button', { name: '実行' }).click();
    await page.locator('#result').waitFor();
    assert.equal(await result(), '振込を受け付けました。 (00000)');
    assert.match(await page.locator('#authorization-id').textContent(), /\S{8,}/);
    await shot(page, 'customer-10-transfer-done-00000');

    await page.getByRole('button', { name: 'トップページに戻る' }).click();
    await page.getByRole('link', { name: '振込', exact: true }).click();
    await page.getByLabel('出金口座').fill('001-1234567');
    await page.getByLabel('振込先口座').fill('003-0000001');
    await page.getByLabel('振込金額（円）').fill('900000');
    await page.getByLabel('ワンタイムパスワード').fill(code);
    await page.getByRole('button', { name: '実行' }).click();
    await page.getByRole('alert').getByText('(E1008)').waitFor();
    assert.match(await alertText(), /使用済み/);
    await shot(page, 'customer-11-transfer-code-reused-E1008');
  });

  it('changes the transfer limit with a code', async () => {
    await page.goto(BASE_URL + '/#/top');
    await page.getByRole('link', { name: '振込限度額変更' }).click();
    await screen('振込限度額変更');
    assert.equal(await page.locator('#current-limit').textContent(), '現在の振込限度額：未設定');
    assert.deepEqual((await breadcrumb(page)).steps, ['契約者情報変更', '振込限度額変更', '処理結果']);
    await page.getByLabel('1日あたりの振込限度額（円）').fill('300000');
    await nextStep();
    await page.getByLabel('ワンタイムパスワード').fill(await codeOf(oldToken));
    await shot(page, 'customer-12-transfer-limit-form');
    await page.getByRole('button', { name: '変更' }).click();
    await page.locator('#result').waitFor();
    assert.equal(await result(), '振込限度額を 300,000 円に変更しました。 (00000)');
    await shot(page, 'customer-13-transfer-limit-done');
  });

  it('refuses a transfer above what is left of today\'s limit (E1015), saying how much is left', async () => {
    await page.goto(BASE_URL + '/#/top');
    await transferForm('1000000');
    await nextStep();
    await page.getByLabel('ワンタイムパスワード').fill(await codeOf(oldToken));
    await page.getByRole('button', { name: '実行' }).click();
    await page.getByRole('alert').getByText('(E1015)').waitFor();
    // 50,000 were authorized earlier today, under the limit of 300,000 set since.
    assert.equal(await alertText(), '本日の振込限度額を超えています（本日の残り：250,000 円）。金額を見直してください。'
        + 'ワンタイムパスワードは使用されていません。 (E1015)');
    await shot(page, 'customer-13b-transfer-above-limit-E1015');
  });

  it('warns before the last wrong code locks the contract', async () => {
    await page.goto(BASE_URL + '/#/top');
    await transferForm('1000');
    await nextStep();
    const wrong = String((Number(await codeOf(oldToken)) + 1) % 1000000).padStart(6, '0');
    for (let attempt = 1; attempt <= 4; attempt++) {
      await page.getByLabel('ワンタイムパスワード').fill(wrong);
      await page.getByRole('button', { name: '実行' }).click();
      await page.getByRole('alert').getByText('(E1002)').waitFor();
      const text = await alertText();
      assert.equal(text.includes('あと1回間違えるとロックされます。'), attempt === 4, `attempt ${attempt}: ${text}`);
    }
    await shot(page, 'customer-13c-last-attempt-warning');
    // The right code still works (and clears the count).
    await page.getByLabel('ワンタイムパスワード').fill(await codeOf(oldToken));
    await page.getByRole('button', { name: '実行' }).click();
    await page.locator('#result').waitFor();
    assert.equal(await result(), '振込を受け付けました。 (00000)');
  });

  it('switches the login OTP off (with a code) and on again', async () => {
    await page.getByRole('button', { name: 'トップページに戻る' }).click();
    await page.getByRole('link', { name: 'ログイン時認証設定' }).click();
    assert.equal(await page.locator('#current-setting').textContent(), '現在の設定：認証する');
    await page.getByLabel('認証しない').check();
    await page.getByRole('button', { name: '実行' }).click();
    assert.match(await alertText(), /「ワンタイムパスワード」を入力してください。/);
    await nextStep();
    await page.getByLabel('ワンタイムパスワード').fill(await codeOf(oldToken));
    await shot(page, 'customer-14-login-setting-form');
    await page.getByRole('button', { name: '実行' }).click();
    await page.locator('#result').waitFor();
    assert.equal(await result(), 'ログイン時のワンタイムパスワード認証を「認証しない」に設定しました。 (00000)');
    await shot(page, 'customer-15-login-setting-off-done');

    await logout();
    await login({ expectOtp: false });
    await page.getByRole('link', { name: 'ログイン時認証設定' }).click();
    assert.equal(await page.locator('#current-setting').textContent(), '現在の設定：認証しない');
    assert.ok(await page.getByLabel('認証しない').isChecked(), 'the current setting is preselected');
    await page.getByLabel('認証する', { exact: true }).check();
    await page.getByRole('button', { name: '実行' }).click();
    await page.locator('#result').waitFor();
    assert.equal(await result(), 'ログイン時のワンタイムパスワード認証を「認証する」に設定しました。 (00000)');
    await logout();
    await login({ expectOtp: true });
    await answerChallenge(oldToken);
    await logout();
  });

  it('changes device: old token code, then the new token, (00003); the old token stops working', async () => {
    await page.getByRole('link', { name: 'ワンタイムパスワードの利用登録はこちら' }).click();
    await typeContractAndPassword();
    await page.getByRole('button', { name: '次へ' }).click();
    await page.getByRole('heading', { name: '現在ご利用中のトークンの確認' }).waitFor();
    assert.equal(await page.locator('#keep-old-token').textContent(),
      '新しいトークンの登録が完了するまで、旧端末のトークン（アプリ）は削除しないでください。');
    assert.match(await page.locator('#currentOtp-hint').textContent(), /（半角数字）/);
    await shot(page, 'customer-16-device-change-current-token');
    await nextStep();
    await page.getByLabel('現在ご利用中のトークンのワンタイムパスワード').fill(await codeOf(oldToken));
    await page.getByRole('button', { name: '次へ' }).click();
    await page.getByRole('heading', { name: 'ご利用を開始するワンタイムパスワード' }).waitFor();
    assert.ok(await page.locator('#keep-old-token').isVisible(), 'still said on the new token screen');
    await page.getByLabel('トークンID').fill(newToken.tokenId);
    await page.getByLabel('ワンタイムパスワード').fill(await codeOf(newToken));
    await page.getByRole('button', { name: '登録' }).click();
    await page.locator('#result').waitFor();
    assert.match(await result(), /トークンの変更が完了しました。.*\(00003\)$/);
    await shot(page, 'customer-17-device-change-done-00003');

    await login({ expectOtp: true });
    await nextStep();
    await page.getByLabel('ワンタイムパスワード').fill(await codeOf(oldToken));
    await page.getByRole('button', { name: '確認' }).click();
    await page.getByRole('alert').getByText('(E1002)').waitFor();
    await shot(page, 'customer-18-old-token-refused-E1002');
    await page.getByLabel('ワンタイムパスワード').fill(await codeOf(newToken));
    await page.getByRole('button', { name: '確認' }).click();
    await page.locator('#welcome').waitFor();
    await logout();
  });

  it('refuses a wrong password with E1001, without saying which part was wrong', async () => {
    await page.getByLabel('契約者ID').fill(contractId);
    await page.getByLabel('ログインパスワード').fill('not-the-password');
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.getByRole('alert').getByText('(E1001)').waitFor();
    assert.equal(await alertText(), '契約者IDまたはログインパスワードが正しくありません。続けて間違えると、ご利用が停止されます。 (E1001)',
        'the same words whether the contract exists or not: no count of attempts left');
    assert.equal(await page.getByLabel('ログインパスワード').inputValue(), '', 'the password is cleared');
    await shot(page, 'customer-19-login-wrong-password-E1001');
  });

  it('stops OTP use: ID + password, the code, (00002); login is then ID + password only', async () => {
    await page.getByRole('link', { name: 'ワンタイムパスワードの利用停止はこちら' }).click();
    await screen('ワンタイムパスワード利用停止');
    assert.deepEqual((await breadcrumb(page)).steps, ['利用者認証', 'ワンタイムパスワード入力', '処理結果']);
    await typeContractAndPassword();
    await shot(page, 'customer-20-stop-credentials');
    await page.getByRole('button', { name: '次へ' }).click();
    await page.getByRole('button', { name: '停止' }).waitFor();
    await nextStep();
    await page.getByLabel('ワンタイムパスワード').fill(await codeOf(newToken));
    assert.equal(await page.getByLabel('このトークン（アプリ）は今後使わない').isChecked(), false,
      'a stop keeps the token registrable unless the customer retires it');
    await shot(page, 'customer-21-stop-otp');
    await page.getByRole('button', { name: '停止' }).click();
    await page.locator('#result').waitFor();
    assert.equal(await result(), 'ワンタイムパスワードの利用を停止しました。 (00002)');
    await shot(page, 'customer-22-stop-done-00002');
    await page.getByRole('button', { name: 'ログイン画面に戻る' }).click();

    // With the keyboard only: Tab to each field, type, Enter.
    await page.locator('h1').focus();
    for (let i = 0; i < 10 && await page.evaluate(() => document.activeElement.id) !== 'contractId'; i++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type(contractId);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.locator('#welcome').waitFor();
    await screen('トップページ');
  });

  it('sends the customer back to login, with E1007, once the session has idled out (5 minutes)', async () => {
    await page.getByRole('link', { name: '振込限度額変更' }).click();
    assert.equal(await page.locator('#current-limit').textContent(), '現在の振込限度額：300,000 円');
    await page.getByLabel('1日あたりの振込限度額（円）').fill('100000');
    await page.getByLabel('ワンタイムパスワード').fill('123456');
    await advance(5 * 60 + 1);
    await page.getByRole('button', { name: '変更' }).click();
    await page.getByRole('alert').getByText('(E1007)').waitFor();
    assert.match(await alertText(), /有効時間が過ぎました。/);
    assert.equal(await page.locator('#logout').count(), 0, 'no logout button once the session is gone');
    await shot(page, 'customer-25-session-expired-E1007');
    await page.getByRole('alert').getByRole('link', { name: 'ログイン画面に戻る' }).click();
    await screen('ログイン');
    await login({ expectOtp: false });
  });

  it('shows the English screens too', async () => {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await screen('Top page');
    await shot(page, 'customer-23-top-en', { lang: 'en' });
    await page.getByRole('link', { name: 'Transfer', exact: true }).click();
    await page.getByLabel('From account').fill('001-1234567');
    await page.getByLabel('To account').fill('002-7654321');
    await page.getByLabel('Amount (JPY)').fill('1000');
    await page.getByLabel('One-time password').fill('123456');
    await page.getByRole('button', { name: 'Execute' }).click();
    await page.getByRole('alert').getByText('(E1004)').waitFor();
    assert.match(await alertText(), /No one-time password token is registered/);
    await shot(page, 'customer-24-transfer-without-token-E1004-en', { lang: 'en' });
    await page.getByRole('button', { name: '日本語に切り替える' }).click();
  });
});
