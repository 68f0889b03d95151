// The docs page as a person uses it, in headless Chromium (Debian's chromium, driven by playwright-core from
// tools/check; no browser download): open /docs/, see every operation of openapi/openapi.yaml, expand
// GET /api/v1/products/{productId}, "Try it out" with the id of a product made for this test, Execute, and
// see a 200 whose body has the product's name; then sign in as a person does: "Try it out" on
// POST /api/v1/sessions with a user's name and password, the token into Authorize, and GET the user's balance
// with it. Every request the page makes stays on the shop's origin.
// A screenshot of the executed call is saved (SHOP_TEST_SCREENSHOT, else SHOP_TEST_TMP_DIR/docs_browser.png).
//
// Needs SHOP_TEST_BASE_URL and SHOP_TEST_ADMIN_TOKEN (scripts/test sets them); SHOP_TEST_CHROMIUM overrides
// /usr/bin/chromium. Exits 0 when every check passed, 1 otherwise, printing "N passed, N failed".
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { check, chromium, requireEnv, run } from '../support/browser_checks.mjs';

const TIMEOUT_MS = 60_000; // a loaded 2-core machine runs the suites beside this

async function createProduct(base, token, name) {
  const response = await fetch(`${base}/api/v1/admin/products`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, price: 12_300, stock: 7 }),
  });
  const body = await response.text();
  if (response.status !== 201) throw new Error(`creating the product: ${response.status} ${body}`);
  return JSON.parse(body);
}

async function signUp(base, name, password) {
  const response = await fetch(`${base}/api/v1/users`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  const body = await response.text();
  if (response.status !== 201) throw new Error(`signing up: ${response.status} ${body}`);
  return JSON.parse(body);
}

/// Expands an operation, presses "Try it out", lets `fill` set its inputs, executes it; the live response.
async function tryItOut(block, fill) {
  await block.locator('.opblock-summary').first().click();
  await block.locator('button.try-out__btn').click();
  await fill(block);
  await block.locator('button.execute').click();
  const live = block.locator('.live-responses-table');
  await live.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  const status = (await live.locator('.response .response-col_status').first().textContent()).trim();
  const body = await live.locator('.response-col_description pre').first().textContent();
  return { status, body };
}

async function main() {
  const base = requireEnv('SHOP_TEST_BASE_URL').replace(/\/$/, '');
  const token = requireEnv('SHOP_TEST_ADMIN_TOKEN');
  const screenshot =
    process.env.SHOP_TEST_SCREENSHOT || join(process.env.SHOP_TEST_TMP_DIR || tmpdir(), 'docs_browser.png');
  const origin = new URL(base).origin;

  const name = `문서 테스트 펜 docs-${process.pid}-${Date.now()}`;
  const product = await createProduct(base, token, name);
  console.log(`made product ${product.id} "${name}"`);
  const userName = `docs-${process.pid}-${Date.now()}`;
  const password = 'correct horse battery';
  const user = await signUp(base, userName, password);
  console.log(`signed up user ${user.id} "${userName}"`);

  const profile = mkdtempSync(join(tmpdir(), 'shop-docs-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.SHOP_TEST_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    chromiumSandbox: false,
    viewport: { width: 1280, height: 1000 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(TIMEOUT_MS);
    const foreign = [];
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin) foreign.push(url);
    });
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));

    const response = await page.goto(`${base}/docs/`, { waitUntil: 'load', timeout: TIMEOUT_MS });
    check(response && response.status() === 200, 'GET /docs/ is 200', response && `status ${response.status()}`);

    // Every operation of the description is on the page (Swagger UI's own reading of /docs/openapi.yaml).
    const block = page.locator('#operations-Products-getProduct');
    await block.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
    const expected = await page.evaluate(() => {
      const spec = window.ui.specSelectors.specJson().toJS();
      const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
      const out = [];
      for (const [path, item] of Object.entries(spec.paths || {})) {
        for (const method of methods) if (item[method]) out.push(`${method.toUpperCase()} ${path}`);
      }
      return out;
    });
    const shown = await page
      .locator('.opblock .opblock-summary')
      .evaluateAll((nodes) =>
        nodes.map((node) => {
          const method = node.querySelector('.opblock-summary-method')?.textContent.trim();
          const path = node.querySelector('.opblock-summary-path')?.getAttribute('data-path');
          return `${method} ${path}`;
        }),
      );
    const missing = expected.filter((op) => !shown.includes(op));
    check(
      expected.length >= 22 && missing.length === 0,
      `the page shows every operation of openapi.yaml (${expected.length})`,
      `missing: ${missing.join(', ')}`,
    );

    // GET /api/v1/products/{productId}: expand, Try it out, the product's id, Execute.
    await block.locator('.opblock-summary').first().click();
    await block.locator('button.try-out__btn').click();
    const idInput = block.locator('tr[data-param-name="productId"] input');
    await idInput.fill(String(product.id));
    await block.locator('button.execute').click();

    const live = block.locator('.live-responses-table');
    await live.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
    const status = (await live.locator('.response .response-col_status').first().textContent()).trim();
    check(status === '200', 'the executed call answers 200', `status "${status}"`);
    const body = await live.locator('.response-col_description pre').first().textContent();
    check(body.includes(name), "the response body on the page has the product's name", body.slice(0, 300));
    const requestUrl = (await block.locator('.request-url pre').first().textContent()).trim();
    check(
      requestUrl === `${base}/api/v1/products/${product.id}`,
      'the call went to the shop that serves the page',
      `request URL ${requestUrl}`,
    );
    check(foreign.length === 0, 'the page made no request to another origin', foreign.join(', '));
    check(pageErrors.length === 0, 'the page raised no script error', pageErrors.join('\n  '));

    // Sign in through the page: POST /api/v1/sessions, then Authorize with the token it answered.
    const signIn = await tryItOut(page.locator('#operations-Users-signIn'), async (block) => {
      await block.locator('textarea.body-param__text').fill(JSON.stringify({ name: userName, password }));
    });
    check(signIn.status === '201', 'signing in on the page answers 201', `status "${signIn.status}" ${signIn.body}`);
    const session = JSON.parse(signIn.body);
    check(session.userId === user.id, 'the session is the signed-up user', signIn.body.slice(0, 300));
    await page.locator('.auth-wrapper button.authorize').click();
    const scheme = page.locator('.auth-container').filter({ hasText: 'userToken' });
    await scheme.locator('input').fill(session.token);
    await scheme.locator('button.authorize').click();
    // One Close button per scheme (user and admin bearer): any of them closes the dialog.
    await page.locator('.modal-ux button.btn-done').first().click();

    const balance = await tryItOut(page.locator('#operations-Balance-getBalance'), async (block) => {
      await block.locator('tr[data-param-name="userId"] input').fill(String(user.id));
    });
    check(balance.status === '200', 'the balance read with the token from the page answers 200', `status "${balance.status}"`);
    check(
      balance.body.includes(`"userId": ${user.id}`) || balance.body.includes(`"userId":${user.id}`),
      "the answer is the signed-in user's balance",
      balance.body.slice(0, 300),
    );

    // The expanded operation from its title down to the live response (the documented responses follow).
    const clip = await page.evaluate(() => {
      const top = document.querySelector('#operations-Products-getProduct').getBoundingClientRect();
      const end = document.querySelector('#operations-Products-getProduct .live-responses-table').getBoundingClientRect();
      return { x: top.left, y: top.top + window.scrollY, width: top.width, height: end.bottom - top.top + 16 };
    });
    mkdirSync(dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: true, clip });
    console.log(`screenshot: ${screenshot}`);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

await run(main, 'the docs page test ran to its end');
