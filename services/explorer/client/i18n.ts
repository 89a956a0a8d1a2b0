/** Chinese first; ?lang=en switches every label to English. */
export type Lang = 'zh' | 'en';

export const lang = (): Lang => (new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh');

const LABELS = {
  title: ['指标台账', 'Indicator ledger'],
  search: ['搜索', 'Search'],
  searchLabel: ['指标、地区或企业名称', 'Indicator, region or entity name'],
  searchButton: ['搜索', 'Search'],
  conflicts: ['口径冲突', 'Conflicts'],
  api: ['开发者 API', 'Developer API'],
  language: ['English', '中文'],
  regionFacet: ['地区', 'Region'],
  indicatorFacet: ['指标', 'Indicator'],
  all: ['全部', 'All'],
  results: ['条结果', 'results'],
  noResults: ['没有找到', 'Nothing found'],
  series: ['序列', 'Series'],
  kind: ['类型', 'Kind'],
  unit: ['单位', 'Unit'],
  observations: ['观测数', 'Observations'],
  period: ['报告期', 'Period'],
  value: ['数值', 'Value'],
  status: ['状态', 'Status'],
  comparator: ['限定', 'Comparator'],
  sources: ['来源数', 'Sources'],
  target: ['目标', 'Target'],
  attained: ['完成情况', 'Attainment'],
  asOf: ['截至发布日期', 'As published by'],
  recordedAt: ['截至记录时间', 'As recorded at'],
  apply: ['更新', 'Apply'],
  now: ['现在', 'Now'],
  table: ['表格', 'Table'],
  chart: ['历次发布', 'Vintages'],
  revisions: ['修订', 'Revisions'],
  downloads: ['下载', 'Downloads'],
  firstRelease: ['首次发布', 'First release'],
  latest: ['最新值', 'Latest'],
  revision: ['修订', 'Revision'],
  size: ['幅度', 'Size'],
  days: ['间隔天数', 'Days between'],
  date: ['日期', 'Date'],
  figure: ['数字', 'Figure'],
  document: ['来源文件', 'Source document'],
  citation: ['出处', 'Citation'],
  audit: ['审计记录', 'Audit trail'],
  position: ['位置', 'Position'],
  event: ['事件', 'Event'],
  recordedAtShort: ['记录时间', 'Recorded at'],
  hash: ['哈希', 'Hash'],
  recordedBy: ['记录人', 'Recorded by'],
  corroborations: ['相互印证', 'Corroborations'],
  conflictsWith: ['相互冲突', 'Conflicts'],
  suggested: ['建议引用', 'Suggested citation'],
  copy: ['复制', 'Copy'],
  copied: ['已复制', 'Copied'],
  extracted: ['提取的数字', 'Extracted figures'],
  snapshot: ['地区快照', 'Region snapshot'],
  published: ['发布', 'Published'],
  publisher: ['发布机关', 'Publisher'],
  standing: ['状态', 'Standing'],
  notFound: ['未找到', 'Not found'],
  noData: ['暂无数据', 'No data'],
  met: ['完成', 'met'],
  missed: ['未完成', 'missed'],
  unknown: ['无法判断', 'cannot tell'],
  none: ['无', 'none'],
  parents: ['上级', 'Within'],
  more: ['显示更多', 'Show more'],
  shown: ['已显示', 'Shown'],
  citedBy: ['个数字引用此处', 'figures cite this'],
} as const;

export type Label = keyof typeof LABELS;
export const t = (label: Label): string => LABELS[label][lang() === 'en' ? 1 : 0];

const STATUS = { actual: ['实际', 'actual'], estimate: ['预计', 'estimate'], target: ['目标', 'target'] } as const;
export const statusLabel = (status: string): string =>
  STATUS[status as keyof typeof STATUS]?.[lang() === 'en' ? 1 : 0] ?? status;

const COMPARATOR = {
  eq: ['', ''],
  gt: ['超过', 'over'],
  gte: ['以上', 'at least'],
  lt: ['不到', 'under'],
  lte: ['以内', 'at most'],
  approx: ['左右', 'about'],
} as const;
export const comparatorLabel = (c: string): string =>
  COMPARATOR[c as keyof typeof COMPARATOR]?.[lang() === 'en' ? 1 : 0] ?? c;

const KIND = {
  level: ['总量', 'level'],
  growth: ['增速', 'growth'],
  share: ['占比', 'share'],
  rank: ['排名', 'rank'],
  count: ['数量', 'count'],
  ratio: ['比率', 'ratio'],
  other: ['其他', 'other'],
} as const;
export const kindLabel = (k: string): string => KIND[k as keyof typeof KIND]?.[lang() === 'en' ? 1 : 0] ?? k;
