// The finance dashboard: reads ./data?asOf= (the same figures as GET /api/reports/dashboard) and draws them.
'use strict';

const COLORS = ['#2680c2', '#f0b429', '#3ebd93', '#ef4e4e', '#9446ed', '#627d98', '#e12d39', '#0a558c'];
const charts = {};

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
  children.forEach(c => e.append(c instanceof Node ? c : document.createTextNode(c ?? '')));
  return e;
}

function money(amount) {
  return Number(amount).toLocaleString(LANG === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function table(headers, rows) {
  const t = el('table');
  t.append(el('tr', {}, ...headers.map(h => el('th', {}, h))));
  rows.forEach(r => t.append(el('tr', {}, ...r.map(c => el('td', {}, c)))));
  return t;
}

function chart(id, config) {
  if (charts[id]) charts[id].destroy();
  config.options = Object.assign({ animation: false, responsive: true }, config.options || {});
  charts[id] = new Chart(document.getElementById(id), config);
}

function card(label, value) {
  return el('div', { class: 'card' }, el('div', { class: 'label' }, label), el('div', { class: 'value' }, value));
}

function render(d) {
  document.getElementById('status').textContent = t('asOfDate', d.asOf);
  const kpis = document.getElementById('kpis');
  kpis.replaceChildren();
  d.aging.currencies.forEach(c => kpis.append(card(t('open', c.currency, c.invoiceCount),
    money(c.total))));
  d.ratios.forEach(r => {
    kpis.append(card(t('dso', r.currency), r.dsoDays == null ? t('na') : t('days', r.dsoDays)));
    kpis.append(card(t('cei', r.currency), r.ceiPercent == null ? t('na') : r.ceiPercent + ' %'));
  });
  kpis.append(card(t('promisesKept'), d.promises.keptRatePercent == null ? t('na')
    : t('keptOf', d.promises.keptRatePercent, d.promises.kept, d.promises.kept + d.promises.broken)));

  const agingTables = document.getElementById('agingTables');
  agingTables.replaceChildren();
  d.aging.currencies.forEach(c => {
    agingTables.append(el('h3', {}, c.currency));
    agingTables.append(table([t('bucket'), t('invoices'), t('amount')],
      c.buckets.map(b => [bucketName(b.bucket), String(b.invoiceCount), money(b.amount)])
        .concat([[t('total'), String(c.invoiceCount), money(c.total)]])));
  });

  const buckets = d.aging.currencies.length ? d.aging.currencies[0].buckets.map(b => bucketName(b.bucket)) : [];
  chart('agingChart', { type: 'bar', data: { labels: buckets, datasets: d.aging.currencies.map((c, i) => ({
    label: c.currency, backgroundColor: COLORS[i % COLORS.length], data: c.buckets.map(b => Number(b.amount)) })) } });

  chart('stageChart', { type: 'bar', data: { labels: d.casesPerStage.map(s => stageName(s.stage)), datasets: [{
    label: t('openCases'), backgroundColor: COLORS[0], data: d.casesPerStage.map(s => s.cases) }] },
    options: { indexAxis: 'y', scales: { x: { ticks: { precision: 0 } } } } });

  const currencies = [...new Set(d.collectedPerMonth.map(m => m.currency))];
  const months = [...new Set(d.collectedPerMonth.map(m => m.month))];
  chart('monthChart', { type: 'line', data: { labels: months, datasets: currencies.map((c, i) => ({
    label: c, borderColor: COLORS[i % COLORS.length], backgroundColor: COLORS[i % COLORS.length],
    data: months.map(m => Number((d.collectedPerMonth.find(x => x.currency === c && x.month === m) || {}).amount || 0))
  })) } });

  document.getElementById('collectedTable').replaceChildren(table([t('currency'), t('stage'), t('collected')],
    d.collectedPerStage.map(c => [c.currency, stageName(c.stage), money(c.amount)])));

  const caseRows = d.cases.map(c => {
    const link = c.cockpitLink ? el('a', { href: c.cockpitLink, target: '_blank' }, c.invoiceNumber) : c.invoiceNumber;
    return [link, c.customerId, stageName(c.stage), String(c.daysPastDue), c.currency + ' ' + money(c.outstanding)];
  });
  document.getElementById('caseTable').replaceChildren(
    table([t('invoiceCockpit'), t('customer'), t('stage'), t('daysPastDue'), t('outstanding')], caseRows));

  // Why accounts go overdue (causes heard on calls and visits) and the work of each collector.
  const report = d.collectorReport || { causes: [], collectors: [] };
  const causeName = c => (WORDS[LANG].causes || {})[c.cause] || c.label;
  chart('causeChart', { type: 'bar', data: { labels: report.causes.map(causeName), datasets: [{
    label: t('timesHeard'), backgroundColor: COLORS[3], data: report.causes.map(c => c.count) }] },
    options: { indexAxis: 'y', scales: { x: { ticks: { precision: 0 } } } } });
  document.getElementById('causeTable').replaceChildren(report.causes.length === 0
    ? el('p', {}, t('noCause'))
    : table([t('cause'), t('timesHeard')], report.causes.map(c => [causeName(c), String(c.count)])));
  const entries = o => Object.entries(o || {}).map(([k, v]) => k + ' ' + v).join(', ');
  document.getElementById('collectorTable').replaceChildren(table(
    [t('collector'), t('contacts'), t('promisesKbm'), t('collected'), t('openCasesPerStage'), t('causesHeard')],
    report.collectors.map(c => [c.collector, String(c.contacts),
      c.promisesKept + ' / ' + c.promisesBroken + ' / ' + c.promisesMade,
      c.collected.map(m => m.currency + ' ' + money(m.amount)).join(', ') || '-',
      entries(c.openCasesPerStage) || '-', entries(c.causes) || '-'])));

  // A rate that should apply but is missing from /api/rates: the interest of these invoices is incomplete.
  const unknown = d.unknownRates || { count: 0, invoiceNumbers: [] };
  kpis.append(card(t('rateUnknown'), t(unknown.count === 1 ? 'oneInvoice' : 'nInvoices', unknown.count)));
  document.getElementById('unknownRates').classList.toggle('warn', unknown.count > 0);
  document.getElementById('unknownRateList').replaceChildren(unknown.count === 0
    ? el('p', {}, t('allRatesKnown'))
    : el('p', {}, t('ratesMissing', unknown.count)
      + (unknown.count > unknown.invoiceNumbers.length ? t('oldest', unknown.invoiceNumbers.length) : t('colon'))
      + unknown.invoiceNumbers.join(', ')));
  // EU invoices in another currency whose EUR 40 has no exchange rate on the due date in /api/rates/fx
  const fx = d.unknownFxRates || { count: 0, invoiceNumbers: [] };
  document.getElementById('unknownFxRates').classList.toggle('warn', fx.count > 0);
  document.getElementById('unknownFxRateList').replaceChildren(fx.count === 0
    ? el('p', {}, t('allFxKnown'))
    : el('p', {}, t('fxMissing', fx.count)
      + (fx.count > fx.invoiceNumbers.length ? t('oldest', fx.invoiceNumbers.length) : t('colon'))
      + fx.invoiceNumbers.join(', ')));
  document.body.dataset.loaded = 'true';
}

async function load(asOf) {
  const response = await fetch('data' + (asOf ? '?asOf=' + encodeURIComponent(asOf) : ''),
    { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) {
    document.getElementById('status').textContent = t('loadFailed', response.status);
    return;
  }
  render(await response.json());
}

document.getElementById('asOfForm').addEventListener('submit', e => {
  e.preventDefault();
  const asOf = document.getElementById('asOf').value;
  history.replaceState(null, '', asOf ? '?asOf=' + asOf : '.');
  load(asOf);
});
const initial = new URLSearchParams(location.search).get('asOf');
if (initial) document.getElementById('asOf').value = initial;
// the language first (the installation's setting unless ?lang= or the browser decides), then the figures
chooseLanguage().then(() => load(initial));
