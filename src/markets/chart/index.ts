// Price charts drawn on the server as SVG, and their data tables (pure). The only file other modules import.
export { CHART_RANGES, priceAxis, type ChartRange } from './axes.js';
export { chartDataTable, MAX_TABLE_ROWS, type ChartDataTableOptions } from './data-table.js';
export { MAX_PLOTTED_POINTS, RANGE_NAMES, renderPriceChart, type PriceChartOptions } from './price-chart.js';
export { MAX_CHART_INPUT, type ChartPoint } from './series.js';
