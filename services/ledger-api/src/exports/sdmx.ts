import { resolveUnit, parseSeriesKey } from '@ledger/domain';
import type { FigureView } from '@ledger/projections';

/** The data structure every SDMX-CSV export names, published at STRUCTURE_PATH. */
export const STRUCTURE = { agency: 'LEDGER', id: 'DSD_LEDGER_FIGURES', version: '1.0.0' } as const;
export const STRUCTURE_ID = `${STRUCTURE.agency}:${STRUCTURE.id}(${STRUCTURE.version})`;
export const STRUCTURE_PATH = `/v1/structure/datastructure/${STRUCTURE.agency}/${STRUCTURE.id}/${STRUCTURE.version}`;
export const SDMX_CSV_TYPE = 'application/vnd.sdmx.data+csv; version=2.0.0';

export const SDMX_COLUMNS = [
  'STRUCTURE',
  'STRUCTURE_ID',
  'ACTION',
  'REF_AREA',
  'INDICATOR',
  'KIND',
  'TIME_PERIOD',
  'OBS_VALUE',
  'OBS_STATUS',
  'UNIT_MEASURE',
  'UNIT_MULT',
  'FIGURE_ID',
  'SOURCE_SHA256',
  'PUBLISHED',
] as const;

export const OBS_STATUS = { actual: 'A', estimate: 'E', target: 'F' } as const;

/** "2021-2025" is an SDMX time range (start and duration); single years, "cumulative" and "" are written as stored. */
export function timePeriod(period: string): string {
  const range = /^(\d{4})-(\d{4})$/.exec(period);
  return range ? `${range[1]}-01-01/P${Number(range[2]) - Number(range[1]) + 1}Y` : period;
}

/**
 * One SDMX-CSV row for a figure. An entity's series is its region's REF_AREA with the entity after the indicator
 * ("INDICATOR@entity"), so that the dimensions still tell series apart. ACTION: I for a standing figure, D for one
 * superseded or retracted (with includeHistory).
 */
export function sdmxRow(figure: FigureView): string[] {
  const { subject, indicatorCode, kind, unitBase } = parseSeriesKey(figure.seriesKey);
  return [
    'datastructure',
    STRUCTURE_ID,
    figure.standing === 'active' ? 'I' : 'D',
    subject.type === 'region' ? subject.code : subject.regionCode,
    subject.type === 'region' ? indicatorCode : `${indicatorCode}@${subject.name}`,
    kind,
    timePeriod(figure.period),
    figure.value,
    OBS_STATUS[figure.status],
    unitBase,
    String(resolveUnit(figure.unit).exponent),
    figure.figureId,
    figure.citations[0]?.documentSha256 ?? '',
    figure.published,
  ];
}

const text = (zh: string, en: string) => ({ names: { zh, en }, name: en });
const dimension = (id: string, position: number, zh: string, en: string) => ({
  id,
  position,
  ...text(zh, en),
});
const attribute = (id: string, zh: string, en: string, codelist?: string) => ({
  id,
  ...text(zh, en),
  attributeRelationship: { primaryMeasure: 'OBS_VALUE' },
  ...(codelist && {
    localRepresentation: { enumeration: `urn:sdmx:org.sdmx.infomodel.codelist.Codelist=${codelist}` },
  }),
});

/** The data structure definition as an SDMX-JSON structure message. */
export function dataStructure() {
  return {
    meta: { schema: 'https://json.sdmx.org/2.0.0/sdmx-json-structure-schema.json', contentLanguages: ['zh', 'en'] },
    data: {
      dataStructures: [
        {
          id: STRUCTURE.id,
          agencyID: STRUCTURE.agency,
          version: STRUCTURE.version,
          ...text('政府工作报告数字台账', 'Figures reported by Chinese local governments, with their sources'),
          dataStructureComponents: {
            dimensionList: {
              dimensions: [
                dimension('REF_AREA', 1, '地区（GB/T 2260 六位代码）', 'Reference area, GB/T 2260 six-digit code'),
                dimension(
                  'INDICATOR',
                  2,
                  '指标代码；企业或项目的指标写作 代码@名称',
                  'Indicator code; for an entity located in the area, CODE@entity name',
                ),
                dimension('KIND', 3, '数值类型', 'Kind: level, growth, share, rank, count, ratio, other'),
              ],
              timeDimension: {
                id: 'TIME_PERIOD',
                position: 4,
                ...text(
                  '报告期：年份，或起止年份写作 YYYY-01-01/PnY',
                  'Reference period: a year, or a span of years as YYYY-01-01/PnY; "cumulative" or empty when not stated',
                ),
              },
            },
            attributeList: {
              attributes: [
                attribute('OBS_STATUS', '状态', 'Observation status', 'LEDGER:CL_OBS_STATUS(1.0.0)'),
                attribute('UNIT_MEASURE', '基本单位', 'Unit of measure (base unit of the series)'),
                attribute('UNIT_MULT', '单位倍数（10 的幂，亿 = 8）', 'Unit multiplier, power of ten (亿 = 8)'),
                attribute('FIGURE_ID', '数字编号', 'Figure id in the ledger (/figures/{id})'),
                attribute('SOURCE_SHA256', '来源文件 SHA-256', 'SHA-256 of the cited source document'),
                attribute('PUBLISHED', '来源发布日期', 'Publication date of the source (YYYY, YYYY-MM or YYYY-MM-DD)'),
              ],
            },
            measureList: {
              measures: [
                {
                  id: 'OBS_VALUE',
                  ...text('数值（原文写法，精确小数）', 'Value exactly as stored (an exact decimal, never rounded)'),
                },
              ],
            },
          },
        },
      ],
      codelists: [
        {
          id: 'CL_OBS_STATUS',
          agencyID: STRUCTURE.agency,
          version: '1.0.0',
          ...text('状态', 'Observation status'),
          codes: [
            { id: 'A', ...text('实际', 'Normal value (a reported result)') },
            { id: 'E', ...text('预计', 'Estimated value') },
            { id: 'F', ...text('目标', 'Forecast value (a target)') },
          ],
        },
      ],
    },
  };
}
