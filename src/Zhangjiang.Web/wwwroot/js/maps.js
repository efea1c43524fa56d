// Registers the offline map of Shanghai's districts with ECharts once (see lib/geo/README.md for its source and licence).
import '../lib/echarts/echarts.min.js';

let loading;

export function ensureShanghai() {
    loading ??= fetch('lib/geo/shanghai-districts.json')
        .then(r => r.json())
        .then(geo => globalThis.echarts.registerMap('shanghai', geo));
    return loading;
}
