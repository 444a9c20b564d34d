// Renders every processes/*.bpmn to docs/images/<name>.png with bpmn-js in headless Chromium.
// Usage (from the project root):
//   npm install --prefix /tmp/render bpmn-js@17 playwright-core   (once)
//   NODE_PATH=/tmp/render/node_modules node docs/tools/render-diagrams.mjs
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(process.env.NODE_PATH + '/');
const { chromium } = require('playwright-core');
const viewerJs = require.resolve('bpmn-js/dist/bpmn-viewer.production.min.js');
const assets = path.dirname(viewerJs) + '/assets';

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const page = await browser.newPage({ viewport: { width: 2400, height: 1400 }, deviceScaleFactor: 1 });
for (const file of readdirSync('processes').filter((f) => f.endsWith('.bpmn'))) {
  const xml = readFileSync(path.join('processes', file), 'utf8');
  await page.setContent(`<html><head>
    <style>${readFileSync(assets + '/diagram-js.css', 'utf8')}${readFileSync(assets + '/bpmn-js.css', 'utf8')}
    body{margin:0;background:white} #c{width:2400px;height:1400px}</style></head>
    <body><div id="c"></div></body></html>`);
  await page.addScriptTag({ path: viewerJs });
  const size = await page.evaluate(async (xml) => {
    const viewer = new BpmnJS({ container: '#c' });
    await viewer.importXML(xml);
    const canvas = viewer.get('canvas');
    canvas.zoom('fit-viewport');
    const box = canvas.viewbox();
    return { w: Math.ceil(box.inner.width * box.scale) + 40, h: Math.ceil(box.inner.height * box.scale) + 40 };
  }, xml);
  const out = path.join('docs/images', file.replace('.bpmn', '.png'));
  await page.screenshot({ path: out, clip: { x: 0, y: 0, width: Math.min(2400, size.w), height: Math.min(1400, size.h) } });
  console.log('rendered', out, size);
}
await browser.close();
