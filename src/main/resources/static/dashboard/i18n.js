// Words of the finance dashboard in English and Simplified Chinese. The language: ?lang=zh or ?lang=en in the
// address, else the installation's collectwise.ui.language (read from ./settings), where "auto" means the browser's.
'use strict';

const WORDS = {
  en: {
    pageTitle: 'Collectwise - finance dashboard', title: 'Receivables dashboard', asOf: 'As of', show: 'Show',
    loading: 'Loading...', agingByCurrency: 'Ageing by currency', agingBuckets: 'Ageing buckets',
    casesPerStage: 'Open cases per stage', collectedPerMonth: 'Collected per month',
    collectedPerStage: 'Collected per stage', mostOverdue: 'Most overdue cases', rateUnknown: 'Interest rate unknown',
    note: 'Figures: see docs/finance-guide.md. Ageing = GET /api/reports/aging for the same date.',
    asOfDate: 'As of {0}', open: 'Open {0} ({1} invoices)', dso: 'DSO {0} (90 days)', cei: 'CEI {0} (30 days)',
    na: 'n/a', days: '{0} days', promisesKept: 'Promises kept', keptOf: '{0} % ({1} of {2})', bucket: 'Bucket',
    invoices: 'Invoices', amount: 'Amount', total: 'Total', openCases: 'Open cases', currency: 'Currency',
    stage: 'Stage', collected: 'Collected', invoiceCockpit: 'Invoice (opens Cockpit)', customer: 'Customer',
    daysPastDue: 'Days past due', outstanding: 'Outstanding', oneInvoice: '{0} invoice', nInvoices: '{0} invoices',
    allRatesKnown: 'Every open invoice has its interest rate.',
    ratesMissing: '{0} open invoice(s) should bear statutory interest but the LPR or ECB rate they need is missing;'
      + ' their interest is incomplete until finance enters it (/api/rates/lpr, /api/rates/ecb)',
    fxUnknown: 'EUR 40 not converted',
    allFxKnown: 'Every late EU invoice in another currency has the exchange rate of its due date.',
    fxMissing: '{0} late EU invoice(s) in another currency than EUR owe the EUR 40 but the exchange rate of their due'
      + ' date is missing; it is not charged until finance enters it (/api/rates/fx)',
    oldest: '. Oldest {0}: ', colon: ': ', loadFailed: 'Could not load the figures: HTTP {0}',
    overdueCauses: 'Why accounts go overdue', perCollector: 'Per collector', timesHeard: 'Times heard',
    noCause: 'No cause recorded yet: collectors record it on the call and visit forms.', cause: 'Cause',
    collector: 'Collector', contacts: 'Contacts', promisesKbm: 'Promises (kept / broken / made)',
    openCasesPerStage: 'Open cases per stage', causesHeard: 'Causes heard',
    stages: {}, buckets: {}, causes: {}
  },
  zh: {
    pageTitle: 'Collectwise - 财务看板', title: '应收账款看板', asOf: '截至', show: '查看', loading: '加载中…',
    agingByCurrency: '按币种账龄', agingBuckets: '账龄分布', casesPerStage: '各阶段未结案件',
    collectedPerMonth: '每月回款', collectedPerStage: '各阶段回款', mostOverdue: '逾期最久的案件',
    rateUnknown: '利率未知',
    note: '数字说明见 docs/finance-guide.md。账龄 = 同一日期的 GET /api/reports/aging。',
    asOfDate: '截至 {0}', open: '未收 {0}（{1} 张发票）', dso: 'DSO {0}（90 天）', cei: 'CEI {0}（30 天）',
    na: '无', days: '{0} 天', promisesKept: '承诺兑现率', keptOf: '{0} %（{2} 次中 {1} 次）', bucket: '账龄段',
    invoices: '发票数', amount: '金额', total: '合计', openCases: '未结案件', currency: '币种', stage: '阶段',
    collected: '回款', invoiceCockpit: '发票（在 Cockpit 中打开）', customer: '客户', daysPastDue: '逾期天数',
    outstanding: '未付金额', oneInvoice: '{0} 张发票', nInvoices: '{0} 张发票',
    allRatesKnown: '所有未结发票的利率均已知。',
    ratesMissing: '{0} 张未结发票应计法定利息，但所需的 LPR 或欧洲央行利率缺失；财务录入前其利息不完整'
      + '（/api/rates/lpr、/api/rates/ecb）',
    fxUnknown: '40 欧元未折算',
    allFxKnown: '所有逾期的欧盟非欧元发票均有到期日的汇率。',
    fxMissing: '{0} 张逾期的欧盟非欧元发票应付 40 欧元补偿，但缺少其到期日的汇率；财务录入前不予收取（/api/rates/fx）',
    oldest: '。最早的 {0} 张：', colon: '：', loadFailed: '无法加载数据：HTTP {0}',
    stages: { PRE_DUE: '到期前', INTERNAL_REMINDER: '内勤提示', FORMAL_DEMAND: '正式催款', FIELD_VISIT: '外勤催收',
      AGENCY: '委托催收机构', LITIGATION: '法律诉讼', WRITE_OFF: '核销或出售', CLOSED: '已结案' },
    buckets: { current: '未到期', '>180': '180 天以上' },
    overdueCauses: '逾期原因', perCollector: '按催收员', timesHeard: '次数',
    noCause: '尚未记录原因：催收员在电话和拜访表单中记录。', cause: '原因', collector: '催收员', contacts: '联系次数',
    promisesKbm: '承诺（兑现 / 违约 / 作出）', openCasesPerStage: '各阶段未结案件', causesHeard: '听到的原因',
    causes: { LONG_PAYMENT_CYCLE: '内部付款周期长', CASH_TROUBLE: '资金困难', UNCLEAR_TERMS: '条款或发票不清',
      DISPUTE: '对货物或服务有异议', POOR_COMMUNICATION: '沟通不畅（未收到发票、联系人有误）', OTHER: '其他' }
  }
};

let LANG = 'en';

/** The text of key in the page's language, {0}, {1}... replaced by the arguments. */
function t(key, ...args) {
  const text = WORDS[LANG][key] ?? WORDS.en[key] ?? key;
  return text.replace(/\{(\d)}/g, (m, i) => String(args[Number(i)]));
}

function stageName(stage) {
  return WORDS[LANG].stages[stage] || stage;
}

function bucketName(bucket) {
  return WORDS[LANG].buckets[bucket] || (LANG === 'zh' && /^\d/.test(bucket) ? bucket + ' 天' : bucket);
}

function languageOf(tag) {
  return tag && tag.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

async function chooseLanguage() {
  const asked = new URLSearchParams(location.search).get('lang');
  let setting = 'en';
  if (asked) {
    setting = asked;
  } else {
    try {
      const response = await fetch('settings', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (response.ok) setting = (await response.json()).language || 'en';
    } catch (e) {
      // the figures still load; the page stays in English
    }
  }
  LANG = setting === 'auto' ? languageOf((navigator.languages || [navigator.language])[0]) : languageOf(setting);
  document.documentElement.lang = LANG === 'zh' ? 'zh-CN' : 'en';
  document.title = t('pageTitle');
  document.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.dataset.i18n); });
}
