import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'preact/hooks';

// Only what the pages draw is bundled: bars, lines, grid, tooltip, legend, on canvas.
use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption
>;

/** The same CJK-capable fonts as the page (styles.css), so that canvas text is not drawn as boxes. */
export const CHART_FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

export const CHART_COLORS = ['#1f5fa8', '#e39b2f', '#3f9b6b', '#b5473f', '#6d5fb3'];

/** An ECharts chart in a div: created once, its option replaced when it changes, disposed with the component. */
export function Chart(props: {
  option: ChartOption;
  height?: number;
  testId?: string;
  onBarClick?: (dataIndex: number) => void;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    const instance = init(element.current!, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const onResize = () => instance.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // No animation: the figures are what matter, and screenshots show the final state.
    chart.current?.setOption(
      { animation: false, color: CHART_COLORS, textStyle: { fontFamily: CHART_FONT }, ...props.option },
      true,
    );
  }, [props.option]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || !props.onBarClick) return;
    const onClick = (params: { dataIndex: number }) => props.onBarClick?.(params.dataIndex);
    instance.on('click', onClick);
    return () => instance.off('click', onClick);
  }, [props.onBarClick]);

  return (
    <div
      class={props.onBarClick ? 'chart clickable' : 'chart'}
      style={{ height: `${props.height ?? 320}px` }}
      ref={element}
      data-testid={props.testId}
    />
  );
}
