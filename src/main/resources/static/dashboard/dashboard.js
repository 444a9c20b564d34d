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
  return Number(amount).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
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
  document.getElementById('status').textContent = 'As of ' + d.asOf;
  const kpis = document.getElementById('kpis');
  kpis.replaceChildren();
  d.aging.currencies.forEach(c => kpis.append(card('Open ' + c.currency + ' (' + c.invoiceCount + ' invoices)',
    money(c.total))));
  d.ratios.forEach(r => {
    kpis.append(card('DSO ' + r.currency + ' (90 days)', r.dsoDays == null ? 'n/a' : r.dsoDays + ' days'));
    kpis.append(card('CEI ' + r.currency + ' (30 days)', r.ceiPercent == null ? 'n/a' : r.ceiPercent + ' %'));
  });
  kpis.append(card('Promises kept', d.promises.keptRatePercent == null ? 'n/a'
    : d.promises.keptRatePercent + ' % (' + d.promises.kept + ' of ' + (d.promises.kept + d.promises.broken) + ')'));

  const agingTables = document.getElementById('agingTables');
  agingTables.replaceChildren();
  d.aging.currencies.forEach(c => {
    agingTables.append(el('h3', {}, c.currency));
    agingTables.append(table(['Bucket', 'Invoices', 'Amount'],
      c.buckets.map(b => [b.bucket, String(b.invoiceCount), money(b.amount)])
        .concat([['Total', String(c.invoiceCount), money(c.total)]])));
  });

  const buckets = d.aging.currencies.length ? d.aging.currencies[0].buckets.map(b => b.bucket) : [];
  chart('agingChart', { type: 'bar', data: { labels: buckets, datasets: d.aging.currencies.map((c, i) => ({
    label: c.currency, backgroundColor: COLORS[i % COLORS.length], data: c.buckets.map(b => Number(b.amount)) })) } });

  chart('stageChart', { type: 'bar', data: { labels: d.casesPerStage.map(s => s.stage), datasets: [{
    label: 'Open cases', backgroundColor: COLORS[0], data: d.casesPerStage.map(s => s.cases) }] },
    options: { indexAxis: 'y', scales: { x: { ticks: { precision: 0 } } } } });

  const currencies = [...new Set(d.collectedPerMonth.map(m => m.currency))];
  const months = [...new Set(d.collectedPerMonth.map(m => m.month))];
  chart('monthChart', { type: 'line', data: { labels: months, datasets: currencies.map((c, i) => ({
    label: c, borderColor: COLORS[i % COLORS.length], backgroundColor: COLORS[i % COLORS.length],
    data: months.map(m => Number((d.collectedPerMonth.find(x => x.currency === c && x.month === m) || {}).amount || 0))
  })) } });

  document.getElementById('collectedTable').replaceChildren(table(['Currency', 'Stage', 'Collected'],
    d.collectedPerStage.map(c => [c.currency, c.stage, money(c.amount)])));

  const caseRows = d.cases.map(c => {
    const link = c.cockpitLink ? el('a', { href: c.cockpitLink, target: '_blank' }, c.invoiceNumber) : c.invoiceNumber;
    return [link, c.customerId, c.stage, String(c.daysPastDue), c.currency + ' ' + money(c.outstanding)];
  });
  document.getElementById('caseTable').replaceChildren(
    table(['Invoice (opens Cockpit)', 'Customer', 'Stage', 'Days past due', 'Outstanding'], caseRows));

  // Why accounts go overdue (causes heard on calls and visits) and the work of each collector.
  const report = d.collectorReport || { causes: [], collectors: [] };
  chart('causeChart', { type: 'bar', data: { labels: report.causes.map(c => c.label), datasets: [{
    label: 'Times heard', backgroundColor: COLORS[3], data: report.causes.map(c => c.count) }] },
    options: { indexAxis: 'y', scales: { x: { ticks: { precision: 0 } } } } });
  document.getElementById('causeTable').replaceChildren(report.causes.length === 0
    ? el('p', {}, 'No cause recorded yet: collectors record it on the call and visit forms.')
    : table(['Cause', 'Times heard'], report.causes.map(c => [c.label, String(c.count)])));
  const entries = o => Object.entries(o || {}).map(([k, v]) => k + ' ' + v).join(', ');
  document.getElementById('collectorTable').replaceChildren(table(
    ['Collector', 'Contacts', 'Promises (kept / broken / made)', 'Collected', 'Open cases per stage', 'Causes heard'],
    report.collectors.map(c => [c.collector, String(c.contacts),
      c.promisesKept + ' / ' + c.promisesBroken + ' / ' + c.promisesMade,
      c.collected.map(m => m.currency + ' ' + money(m.amount)).join(', ') || '-',
      entries(c.openCasesPerStage) || '-', entries(c.causes) || '-'])));

  // A rate that should apply but is missing from /api/rates: the interest of these invoices is incomplete.
  const unknown = d.unknownRates || { count: 0, invoiceNumbers: [] };
  kpis.append(card('Interest rate unknown', String(unknown.count) + (unknown.count === 1 ? ' invoice' : ' invoices')));
  document.getElementById('unknownRates').classList.toggle('warn', unknown.count > 0);
  document.getElementById('unknownRateList').replaceChildren(unknown.count === 0
    ? el('p', {}, 'Every open invoice has its interest rate.')
    : el('p', {}, unknown.count + ' open invoice(s) should bear statutory interest but the LPR or ECB rate they need'
      + ' is missing; their interest is incomplete until finance enters it (/api/rates/lpr, /api/rates/ecb)'
      + (unknown.count > unknown.invoiceNumbers.length ? '. Oldest ' + unknown.invoiceNumbers.length + ': ' : ': ')
      + unknown.invoiceNumbers.join(', ')));
  document.body.dataset.loaded = 'true';
}

async function load(asOf) {
  const response = await fetch('data' + (asOf ? '?asOf=' + encodeURIComponent(asOf) : ''),
    { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) {
    document.getElementById('status').textContent = 'Could not load the figures: HTTP ' + response.status;
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
load(initial);
