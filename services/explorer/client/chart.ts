import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { Vintage } from './types.ts';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/**
 * One step line per publication date: for each date a source was published, the value of each period as known on
 * that date (the best figure whose real-time period covers it). Values in the base unit are exact strings; the chart
 * plots them as numbers only to draw.
 */
export function drawVintageChart(el: HTMLElement, vintages: Vintage[], title: string): void {
  const current = vintages.filter(
    (v) => v.standing === 'active' && v.supersededFrom !== v.publishedFrom && v.track === 'result',
  );
  const periods = [...new Set(current.map((v) => v.period))].sort();
  const dates = [...new Set(current.map((v) => v.publishedFrom))].sort();
  const unit = current.find((v) => v.supersededFrom === null)?.unit ?? current[0]?.unit ?? '';
  const scale = current.find((v) => v.unit === unit);
  const factor = scale ? Number(scale.baseValue) / Number(scale.value) : 1;
  const series = dates.map((date) => ({
    name: date,
    type: 'line' as const,
    step: 'middle' as const,
    data: periods.map((p) => {
      const v = current.find(
        (x) => x.period === p && x.publishedFrom <= date && (x.supersededFrom === null || date < x.supersededFrom),
      );
      return v ? Number(v.baseValue) / factor : null;
    }),
  }));
  const chart = echarts.getInstanceByDom(el) ?? echarts.init(el, undefined, { renderer: 'canvas' });
  chart.setOption(
    {
      aria: { enabled: true, label: { description: title } },
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 60, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: periods },
      yAxis: { type: 'value', name: unit, scale: true },
      series,
    },
    true,
  );
}
