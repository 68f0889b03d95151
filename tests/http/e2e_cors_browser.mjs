// CORS as a real browser does it (headless Chromium, driven by playwright-core from tools/check): a page on the
// allowed origin (SHOP_TEST_CORS_ORIGIN) calls the shop with fetch, a simple GET and a POST that takes a
// preflight (JSON body, Authorization, Idempotency-Key), and reads each answer's status, body and X-Request-Id;
// the same page on another origin gets nothing but a network error, because its browser refuses the answers.
// The pages are made up by the test (playwright answers their navigation); their fetches reach nginx for real.
//
// Needs SHOP_TEST_BASE_URL and SHOP_TEST_CORS_ORIGIN (scripts/test sets them); SHOP_TEST_CHROMIUM overrides
// /usr/bin/chromium. Exits 0 when every check passed, 1 otherwise, printing "N passed, N failed".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { check, chromium, requireEnv, run } from '../support/browser_checks.mjs';

const TIMEOUT_MS = 60_000;

// Runs in the page: both calls, each as {status, code, requestId} or {error}.
async function callTheShop(base) {
  async function call(path, init) {
    try {
      const response = await fetch(base + path, init);
      const text = await response.text();
      let code = null;
      try {
        code = JSON.parse(text)?.error?.code ?? null;
      } catch {
        code = null;
      }
      return { status: response.status, code, requestId: response.headers.get('X-Request-Id') };
    } catch (error) {
      return { error: String(error) };
    }
  }
  return {
    simple: await call('/api/v1/health', {}),
    preflighted: await call('/api/v1/users', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: 'Bearer not-a-token',
        'Idempotency-Key': `cors-browser-${Date.now()}`,
      },
      body: '{}',
    }),
  };
}

async function main() {
  const base = requireEnv('SHOP_TEST_BASE_URL').replace(/\/$/, '');
  const allowed = requireEnv('SHOP_TEST_CORS_ORIGIN');
  const other = 'http://other-origin.test';

  const profile = mkdtempSync(join(tmpdir(), 'shop-cors-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.SHOP_TEST_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    chromiumSandbox: false,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // The made-up pages have no address, and a page that is not on this machine may not call 127.0.0.1
      // without the user's leave (Local Network Access): not what is tested here. Names Chromium does not
      // know are ignored.
      '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,' +
        'PrivateNetworkAccessSendPreflights,PrivateNetworkAccessRespectPreflightResults',
    ],
  });
  try {
    // Both origins serve one blank page; nothing of theirs leaves the browser.
    for (const origin of [allowed, other]) {
      await context.route(`${origin}/**`, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>shop client</title>' }),
      );
    }
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(TIMEOUT_MS);
    const consoleErrors = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });

    await page.goto(`${allowed}/`, { timeout: TIMEOUT_MS });
    const fromAllowed = await page.evaluate(callTheShop, base);
    const { simple, preflighted } = fromAllowed;
    check(simple.status === 200, `a page on ${allowed} reads GET /api/v1/health`, JSON.stringify(simple));
    check(/^[0-9a-f]{32}$/.test(simple.requestId ?? ''), '... and its X-Request-Id', JSON.stringify(simple));
    check(
      typeof preflighted.status === 'number' && preflighted.code !== null,
      `a page on ${allowed} reads the JSON answer of a POST with a preflight`,
      JSON.stringify(preflighted),
    );
    check(/^[0-9a-f]{32}$/.test(preflighted.requestId ?? ''), '... and its X-Request-Id', JSON.stringify(preflighted));

    consoleErrors.length = 0;
    await page.goto(`${other}/`, { timeout: TIMEOUT_MS });
    const fromOther = await page.evaluate(callTheShop, base);
    check(
      fromOther.simple.error !== undefined,
      `a page on ${other} gets a network error for GET /api/v1/health`,
      JSON.stringify(fromOther.simple),
    );
    check(
      fromOther.preflighted.error !== undefined,
      `a page on ${other} gets a network error for a POST with a preflight`,
      JSON.stringify(fromOther.preflighted),
    );
    // Refused for the missing Allow-Origin (the simple GET's answer and the POST's preflight), not for anything
    // else (Local Network Access speaks of "CORS policy" too).
    const refusals = consoleErrors.filter((text) => text.includes("No 'Access-Control-Allow-Origin' header"));
    check(refusals.length === 2, '... both for want of Access-Control-Allow-Origin', consoleErrors.join('\n  '));
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

await run(main, 'the CORS browser test ran to its end');
