// Takes the README tour screenshots from a running demo instance:
//   mvn spring-boot:run -Dspring-boot.run.profiles=demo      (in another shell)
//   NODE_PATH=/tmp/render/node_modules node docs/tools/screenshots.mjs
import { createRequire } from 'node:module';
const require = createRequire(process.env.NODE_PATH + '/');
const { chromium } = require('playwright-core');

const base = process.env.BASE_URL || 'http://localhost:8080';
const password = process.env.DEMO_PASSWORD || 'Collect-Demo-2026!';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});

async function login(page, app, user) {
  await page.goto(`${base}/camunda/app/${app}/default/`);
  await page.fill('input[name=username], #username, input[ng-model="username"]', user);
  await page.fill('input[type=password]', password);
  await page.click('button[type=submit]');
  await page.waitForTimeout(3000);
}

const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
// a collector's call, prepared by the form
await login(page, 'tasklist', 'chen');
await page.screenshot({ path: 'docs/images/tasklist-filters.png' });
await page.click('text=My calls today').catch(() => {});
await page.waitForTimeout(1500);
await page.click('text=Call customer').catch((e) => console.log('no task', e.message));
await page.waitForTimeout(3000);
await page.screenshot({ path: 'docs/images/tasklist-call-form.png' });
await page.mouse.move(1000, 700);
await page.mouse.wheel(0, 1400);
await page.waitForTimeout(800);
await page.screenshot({ path: 'docs/images/tasklist-call-outcome.png' });

// finance in Cockpit
const cockpit = await browser.newPage({ viewport: { width: 1500, height: 950 } });
await login(cockpit, 'cockpit', 'zhao');
await cockpit.goto(`${base}/camunda/app/cockpit/default/#/processes`);
await cockpit.waitForTimeout(3000);
await cockpit.screenshot({ path: 'docs/images/cockpit-processes.png' });
await browser.close();
