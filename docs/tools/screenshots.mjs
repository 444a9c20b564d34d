// Takes the README tour screenshots from a running demo instance (fresh demo data: the customer-level call of
// DEMO-DOMESTIC covering DEMO-1002 and DEMO-1008 is due today; either may lead it). From the project root:
//   mvn -B -q -DskipTests package
//   java -jar target/collectwise-0.1.0-SNAPSHOT.jar --spring.profiles.active=demo --collectwise.ui.language=en \
//       --server.port=18421 --spring.datasource.url='jdbc:h2:file:./target/shots-db/collectwise;DB_CLOSE_ON_EXIT=FALSE' &
//   npm install --prefix /tmp/render playwright-core@1   (once; Debian's chromium at /usr/bin/chromium)
//   BASE_URL=http://localhost:18421 NODE_PATH=/tmp/render/node_modules node docs/tools/screenshots.mjs
// The Chinese call form (docs/images/tasklist-call-zh.png): restart the app with --collectwise.ui.language=zh-CN
// (the demo profile's default) and run again with SHOTS=zh. The tour pictures are taken with SHOTS=en (default).
// Environment: BASE_URL (default http://localhost:8080), DEMO_PASSWORD, SHOTS (en | zh).
// Fails (exit 1) when a page shows the login form, an error notification or no call form.
import { createRequire } from 'node:module';
const require = createRequire(process.env.NODE_PATH + '/');
const { chromium } = require('playwright-core');

const base = process.env.BASE_URL || 'http://localhost:8080';
const password = process.env.DEMO_PASSWORD || 'Collect-Demo-2026!';
const shots = process.env.SHOTS || 'en';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
// the company's time zone, so that Tasklist shows follow-up times as the collectors see them
const context = await browser.newContext({
  // an English browser also for the Chinese picture: the installation's setting decides (docs/operations.md)
  viewport: { width: 1500, height: 950 }, timezoneId: 'Asia/Shanghai', locale: 'en-US',
});

function fail(message) {
  console.error(message);
  process.exitCode = 1;
}

async function login(page, app, user) {
  await page.goto(`${base}/camunda/app/${app}/default/`);
  // the login form is filled once Angular has bound it; a fill before that is lost, so try twice
  for (let attempt = 1; attempt <= 2; attempt++) {
    await page.waitForSelector('input[type=password]', { timeout: 30000 });
    await page.waitForLoadState('networkidle');
    await page.fill('input[name=username], #username, input[ng-model="username"]', user);
    await page.fill('input[type=password]', password);
    await page.click('button[type=submit]');
    const in_ = await page.waitForSelector('input[type=password]', { state: 'detached', timeout: 15000 })
      .then(() => true, () => false);
    if (in_) {
      await page.waitForTimeout(2000);
      return;
    }
  }
  fail(`${user} could not log in to ${app}`);
  await browser.close();
  process.exit(1);
}

async function checkShown(page, what) {
  if (await page.locator('input[type=password]').count()) fail(`${what}: still the login page`);
  const errors = await page.locator('.alert-danger:visible, .fjs-form-field-error:visible').count();
  if (errors) fail(`${what}: ${errors} error notification(s) on the page`);
}

/** Opens the customer-level call (the lead task, assigned to the collector) from "My calls today". */
async function openCustomerCall(page) {
  await page.click('.task-filter >> nth=0');
  await page.waitForTimeout(1500);
  // the lead is the call task assigned to the collector; the covered ones carry no assignee and are not listed
  await page.click('.tasks-list .task a[href*="task="] >> nth=0').catch((e) => fail('no call task: ' + e.message));
  await page.waitForSelector('.fjs-container', { timeout: 20000 }).catch(() => fail('no call form rendered'));
  await page.waitForTimeout(2500);
}

/** Picks an option of a form-js select (not a native select) by the start of its label. */
async function choose(page, field, label) {
  await page.click(`[id$="Field_${field}-display"]`);
  await page.click(`.fjs-dropdownlist-item:has-text("${label}") >> nth=0`);
}

/** Scrolls the task pane so that the element with the given text is at its top. */
async function scrollTo(page, text) {
  const target = page.locator('.fjs-form-field-label', { hasText: text }).first();
  if (!(await target.count())) {
    fail(`"${text}" not on the call form`);
    return;
  }
  await target.evaluate((el) => {
    el.scrollIntoView({ block: 'start', inline: 'nearest' });
    // the playbook table is wider than the pane: keep the pane's left edge in view
    for (let e = el.parentElement; e; e = e.parentElement) e.scrollLeft = 0;
  });
  await page.waitForTimeout(800);
}

/** Nine days from today, as the date picker takes it (mm/dd/yyyy). */
function promisedDate() {
  const d = new Date(Date.now() + 9 * 86400000);
  return `${String(d.getMonth() + 1).padStart(2, '0')}/${String(d.getDate()).padStart(2, '0')}/${d.getFullYear()}`;
}

const page = await context.newPage();
await login(page, 'tasklist', 'chen');
if (shots === 'en') {
  await page.screenshot({ path: 'docs/images/tasklist-filters.png' });
}
await openCustomerCall(page);
await checkShown(page, 'call form');
const formText = await page.locator('.fjs-container').first().innerText().catch(() => '');
for (const expected of ['DEMO-1002', 'DEMO-1008']) {
  if (!formText.includes(expected)) fail(`the call form does not list ${expected}`);
}

/** The top of the form down to the principles 理 情 利 法 (the playbook table after them is wider than the pane). */
async function shootFormTop(page, path) {
  await page.setViewportSize({ width: 1500, height: 1720 });
  await page.waitForTimeout(800);
  const principles = await page.locator('[role=group]', { hasText: '理 情 利 法' }).last().boundingBox();
  if (!principles) fail('the principles 理 情 利 法 are not on the call form');
  await page.screenshot({ path,
    clip: principles ? { x: 0, y: 0, width: 1500, height: Math.min(1720, principles.y + principles.height + 14) }
      : undefined });
}

if (shots === 'zh') {
  await shootFormTop(page, 'docs/images/tasklist-call-zh.png');
} else {
  // the top of the form: the invoices the call covers, the figures, promises, contacts and 理 情 利 法
  await shootFormTop(page, 'docs/images/tasklist-call-form.png');
  // the result part with the cause of the delay, filled in as after a promise (not completed: the call stays open)
  await page.setViewportSize({ width: 1500, height: 1100 });
  await choose(page, 'callOutcome', 'Promise to pay');
  await page.fill('[id$="Field_reachedPerson"]', 'Zhang Wei (CFO)');
  await choose(page, 'debtorTactic', '拖');
  await page.fill('[id$="Field_promisedAmount"]', '11078.28');
  await choose(page, 'overdueCause', 'Long internal payment cycle');
  // last: the date picker's calendar would cover the fields below it
  await page.locator('input[id*="Field_promisedDate"]').first().fill(promisedDate())
    .catch((e) => fail('promised date: ' + e.message));
  await page.keyboard.press('Escape');
  await page.click('.fjs-form-field-label:has-text("Result of the call")');
  await page.fill('[id$="Field_callNote"]', 'Both invoices go into the next payment run; the CFO signs it today.');
  await scrollTo(page, 'Result of the call');
  await checkShown(page, 'call outcome');
  await page.screenshot({ path: 'docs/images/tasklist-call-outcome.png' });

  // finance in Cockpit
  const finance = await browser.newContext({ viewport: { width: 1500, height: 950 }, timezoneId: 'Asia/Shanghai' });
  const cockpit = await finance.newPage();
  await login(cockpit, 'cockpit', 'zhao');
  await cockpit.goto(`${base}/camunda/app/cockpit/default/#/processes`);
  await cockpit.waitForTimeout(3000);
  await checkShown(cockpit, 'cockpit');
  await cockpit.screenshot({ path: 'docs/images/cockpit-processes.png' });
}
await browser.close();
