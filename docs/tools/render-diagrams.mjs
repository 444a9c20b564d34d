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
  // the process itself, then every collapsed subprocess (a drill-down plane in Modeler) as its own image
  const planes = await page.evaluate(async (xml) => {
    window.viewer = new BpmnJS({ container: '#c' });
    await window.viewer.importXML(xml);
    return window.viewer.get('canvas').getRootElements().map((r) => r.id);
  }, xml);
  for (const [i, plane] of planes.entries()) {
    const size = await page.evaluate((plane) => {
      const canvas = window.viewer.get('canvas');
      canvas.setRootElement(canvas.getRootElements().find((r) => r.id === plane));
      canvas.zoom(1.0);
      canvas.zoom('fit-viewport', 'auto');
      if (canvas.zoom() > 1) canvas.zoom(1.0, 'auto');
      const box = document.querySelector('svg g.viewport').getBoundingClientRect();
      return { x: Math.max(0, Math.floor(box.left) - 20), y: Math.max(0, Math.floor(box.top) - 20),
        w: Math.ceil(box.width) + 40, h: Math.ceil(box.height) + 40 };
    }, plane);
    const name = i === 0 ? file.replace('.bpmn', '') : file.replace('.bpmn', '') + '-' + plane.replace(/_plane$/, '');
    const out = path.join('docs/images', name + '.png');
    await page.screenshot({ path: out, clip: { x: size.x, y: size.y, width: Math.min(2400 - size.x, size.w), height: Math.min(1400 - size.y, size.h) } });
    console.log('rendered', out, size);
  }
}
await browser.close();
