// Debian's Chromium, headless, driven by playwright-core (Playwright's own browser download cannot
// run here). The flags keep Chromium off the network it cannot reach; each browser gets a fresh
// profile. Every screenshot is checked first: language, labels, no sideways scrolling.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const SCREENSHOTS = process.env.OTP_SCREENSHOTS || 'screenshots';
const EXECUTABLE = process.env.OTP_CHROMIUM || '/usr/bin/chromium';
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

export async function openBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'otp-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: EXECUTABLE,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: PHONE,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
  // Every wait is on a condition; none of them should take long, so fail fast.
  context.setDefaultTimeout(10_000);
  const failures = [];
  context.on('weberror', (e) => failures.push(String(e.error())));
  context.on('requestfailed', (r) => failures.push('request failed: ' + r.url()));
  // The platform's pages call the platform, and the console signs in at the staff identity provider.
  const allowed = [process.env.OTP_BASE_URL, process.env.OTP_IDP_URL].filter(Boolean);
  context.on('request', (r) => {
    if (!allowed.some((base) => r.url().startsWith(base))) failures.push('left the platform: ' + r.url());
  });
  return {
    context,
    failures,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Checks the screen, then saves it as SCREENSHOTS/name.png (full page). */
export async function shot(page, name, { lang = 'ja' } = {}) {
  await checkScreen(page, lang);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, name + '.png'), fullPage: true });
}

/** What every screen must be: in the chosen language, every control labelled, nothing wider than the screen. */
export async function checkScreen(page, lang) {
  const facts = await page.evaluate(() => {
    const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
    const unlabelled = [...document.querySelectorAll('input, select, textarea, button')].filter(visible).filter((el) => {
      if (el.tagName === 'BUTTON') return !(el.textContent.trim() || el.getAttribute('aria-label'));
      return !(el.labels && el.labels.length) && !el.getAttribute('aria-label');
    }).map((el) => el.outerHTML.slice(0, 80));
    // Words a script leaks when it renders a missing value (tables hold the platform's own data).
    const copy = document.body.cloneNode(true);
    copy.querySelectorAll('table').forEach((t) => t.remove());
    const leaked = copy.textContent.match(/\b(null|undefined|NaN|\[object Object\])\b/g) || [];
    return {
      leaked,
      lang: document.documentElement.lang,
      h1: document.querySelectorAll('h1').length,
      unlabelled,
      overflow: document.documentElement.scrollWidth - window.innerWidth,
    };
  });
  assert.deepEqual(facts.leaked, [], 'stray script values on the screen');
  assert.equal(facts.lang, lang, 'page language');
  assert.equal(facts.h1, 1, 'one h1 per screen');
  assert.deepEqual(facts.unlabelled, [], 'controls without a label');
  assert.ok(facts.overflow <= 0, `the page is ${facts.overflow}px wider than the screen`);
}

/** The breadcrumb's steps and which one is current, as a screen reader reads them. */
export async function breadcrumb(page) {
  const steps = await page.locator('nav.breadcrumb li').allTextContents();
  const current = await page.locator('nav.breadcrumb li[aria-current="step"]').textContent();
  return { steps, current };
}

/**
 * Waits until check() is true, calling refresh() between tries (the audit trail and the alerts
 * are read from Kafka topics, a moment behind the decision). Fails after the deadline.
 */
export async function eventually(what, check, refresh, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`${what}: not true within ${timeoutMs} ms`);
    await refresh();
  }
}
