import 'uplot/dist/uPlot.min.css';
import { Box, useComputedColorScheme, useMantineTheme, type MantineColor } from '@mantine/core';
import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import { useTimeZoneMode } from '../time/time-zone-mode.ts';

export interface ChartSeries {
  label: string;
  color: MantineColor;
  /** Up to two bar series sit side by side in each slot; lines join their points and break at nulls. */
  style: 'bars' | 'line';
}

interface TimeSeriesChartProps {
  /** The chart's accessible name. */
  label: string;
  /** Unix seconds, oldest first. */
  x: readonly number[];
  /** One per line of `values`; keep the array stable (a module constant) so the chart is not rebuilt each render. */
  series: readonly ChartSeries[];
  values: ReadonlyArray<ReadonlyArray<number | null>>;
  height?: number;
  /** A fixed top of the y axis (100 for percentages); otherwise it follows the data from 0. */
  yMax?: number;
  /** Legend and axis text of a y value; keep it stable too. */
  formatValue?: (value: number) => string;
  /** The legend's name for one x slot. Default "Minute". */
  slotLabel?: string;
  testId?: string;
}

const plainNumber = (value: number) => String(Math.round(value * 10) / 10);
const halfSlot = (x: ArrayLike<number>) => (x.length > 1 ? ((x[1] ?? 0) - (x[0] ?? 0)) / 2 : 30);

/**
 * A uPlot time series drawn on canvas: follows the console's colour scheme and UTC/local toggle, and resizes with
 * its container. Data changes are applied in place; only a scheme, zone or shape change rebuilds the chart.
 */
export function TimeSeriesChart({ label, x, series, values, height = 200, yMax, formatValue = plainNumber, slotLabel = 'Minute', testId }: TimeSeriesChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<uPlot | null>(null);
  const theme = useMantineTheme();
  const scheme = useComputedColorScheme('light', { getInitialValueInEffect: false });
  const [zone] = useTimeZoneMode();
  const data = useMemo<uPlot.AlignedData>(() => [[...x], ...values.map((line) => [...line])], [x, values]);
  const dataRef = useRef(data);
  dataRef.current = data;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return undefined;
    const dark = scheme === 'dark';
    const text = dark ? theme.colors.dark[1] : theme.colors.gray[7];
    const grid = dark ? theme.colors.dark[4] : theme.colors.gray[3];
    const shade = dark ? 4 : 6;
    const barCount = series.filter((s) => s.style === 'bars').length;
    let barIndex = 0;
    const axis: uPlot.Axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const options: uPlot.Options = {
      width: Math.max(container.clientWidth, 1),
      height,
      tzDate: zone === 'utc' ? (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC') : (ts) => new Date(ts * 1000),
      scales: {
        // Half a slot of room at both ends, so the first and last bars (and points) are not cut in half.
        x: { time: true, range: (u, min, max) => [min - halfSlot(u.data[0]), max + halfSlot(u.data[0])] },
        y: { range: (_u, _min, max) => [0, yMax ?? Math.max(1, Math.ceil(max * 1.1))] },
      },
      axes: [{ ...axis, values: '{HH}:{mm}' }, { ...axis, values: (_u, ticks) => ticks.map(formatValue) }],
      series: [
        { label: slotLabel, value: '{YYYY}-{MM}-{DD} {HH}:{mm}' },
        ...series.map((s): uPlot.Series => {
          const stroke = theme.colors[s.color]?.[shade] ?? s.color;
          const value = (_u: uPlot, v: number | null) => (v === null ? '—' : formatValue(v));
          if (s.style === 'line') return { label: s.label, stroke, width: 2, points: { show: true, size: 6 }, spanGaps: false, value };
          const align = barCount === 1 ? 0 : barIndex++ === 0 ? -1 : 1;
          return { label: s.label, stroke, fill: stroke, width: 0, paths: uPlot.paths.bars?.({ align, size: [barCount === 1 ? 0.7 : 0.4, 40] }), value };
        }),
      ],
    };
    const chart = new uPlot(options, dataRef.current, container);
    chartRef.current = chart;
    const observer = new ResizeObserver(([entry]) => {
      const width = Math.floor(entry?.contentRect.width ?? 0);
      if (width > 0 && width !== chart.width) chart.setSize({ width, height });
    });
    observer.observe(container);
    return () => {
      observer.disconnect();
      chart.destroy();
      chartRef.current = null;
    };
  }, [scheme, zone, height, yMax, series, formatValue, slotLabel, theme]);

  useEffect(() => {
    chartRef.current?.setData(data);
  }, [data]);

  return <Box ref={containerRef} role="img" aria-label={label} data-testid={testId} w="100%" />;
}
