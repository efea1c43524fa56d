// One small module between Blazor and Apache ECharts (vendored under lib/echarts, Apache-2.0).
import '../lib/echarts/echarts.min.js';

const charts = new WeakMap();

export function render(element, option) {
    // The page may have been left before the chart's first render reached the browser: nothing to draw then.
    if (!element || !element.isConnected) {
        return;
    }
    let chart = charts.get(element);
    if (!chart) {
        chart = globalThis.echarts.init(element, null, { renderer: 'svg' });
        charts.set(element, chart);
        new ResizeObserver(() => chart.resize()).observe(element);
    }
    chart.setOption(option, true);
}

export function dispose(element) {
    if (!element) {
        return;
    }
    const chart = charts.get(element);
    if (chart) {
        chart.dispose();
        charts.delete(element);
    }
}
