// Takes docs/images/dashboard.png: the finance dashboard in headless Chromium, logged in as a finance user.
// It also checks the page in a real browser: the figures must load and the charts must be drawn.
// Usage (from the project root, with the application running, e.g. with demo data on a spare port):
//   mvn -B -q package -DskipTests && java -jar target/collectwise-0.1.0-SNAPSHOT.jar \
//       --spring.profiles.active=demo --server.port=18090 --spring.datasource.url=jdbc:h2:mem:shot &
//   optional, so "collected" has a figure: curl -u erp:PASSWORD -H 'Content-Type: application/json' -d \
//       '{"paymentReference":"SHOT-1","invoiceNumber":"DEMO-1004","amount":"20000.00","currency":"CNY",
//         "receivedOn":"<today>","method":"BANK_TRANSFER"}' http://localhost:18090/api/payments
//   npm install --prefix /tmp/render playwright-core   (once)
//   NODE_PATH=/tmp/render/node_modules node docs/tools/screenshot-dashboard.mjs
// Environment: DASHBOARD_URL (default http://localhost:18090/dashboard/), DASHBOARD_USER (zhao, demo finance),
// DASHBOARD_PASSWORD (the demo password), DASHBOARD_AS_OF (optional yyyy-MM-dd).
import { createRequire } from 'node:module';

const require = createRequire(process.env.NODE_PATH + '/');
const { chromium } = require('playwright-core');

const base = process.env.DASHBOARD_URL || 'http://localhost:18090/dashboard/';
const url = base + (process.env.DASHBOARD_AS_OF ? '?asOf=' + process.env.DASHBOARD_AS_OF : '');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const context = await browser.newContext({
  viewport: { width: 1400, height: 1000 },
  httpCredentials: { username: process.env.DASHBOARD_USER || 'zhao',
    password: process.env.DASHBOARD_PASSWORD || 'Collect-Demo-2026!' },
});
const page = await context.newPage();
const failed = [];
page.on('response', (r) => { if (r.status() >= 400) failed.push(r.status() + ' ' + r.url()); });
page.on('pageerror', (e) => failed.push('script error: ' + e.message));
await page.goto(url);
await page.waitForSelector('body[data-loaded="true"]', { timeout: 30000 });
const kpis = await page.locator('.card').count();
const drawn = await page.evaluate(() => Object.keys(Chart.instances).length);
if (failed.length || kpis === 0 || drawn < 3) {
  console.error('dashboard not rendered:', { failed, kpis, drawn });
  process.exit(1);
}
await page.screenshot({ path: 'docs/images/dashboard.png', fullPage: true });
console.log(`docs/images/dashboard.png: ${kpis} figures, ${drawn} charts`);
await browser.close();
