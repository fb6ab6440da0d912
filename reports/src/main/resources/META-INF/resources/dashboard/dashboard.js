// Step-DPO dashboard: sortable tables and the charts (ECharts, served by the application).
(function () {
  'use strict';

  function sortValue(cell, numeric) {
    var raw = cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent.trim();
    if (!numeric) return raw.toLowerCase();
    var n = parseFloat(raw);
    return isNaN(n) ? -Infinity : n;
  }

  function makeSortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, column) {
      th.setAttribute('title', 'Sort by ' + th.textContent.trim());
      th.addEventListener('click', function () {
        var numeric = th.getAttribute('data-type') === 'number';
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = sortValue(a.cells[column], numeric), y = sortValue(b.cells[column], numeric);
          var c = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }

  function option(chart) {
    var base = {
      animation: false,
      title: { text: chart.title, left: 'center', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis' },
      // top 64: the y-axis name sits below the title instead of across a long one
      grid: { left: 64, right: 24, top: 64, bottom: chart.series.length > 1 ? 72 : 52 }
    };
    if (chart.series.length > 1) base.legend = { bottom: 0, type: 'scroll' };
    var tilted = chart.type === 'bar' && chart.categories.join('').length > 36;
    if (chart.type === 'bar') {
      base.xAxis = { type: 'category', data: chart.categories, name: chart.xName, nameLocation: 'middle', nameGap: 30,
                     axisLabel: { interval: 0, fontSize: 11, rotate: tilted ? 30 : 0 } };
      if (tilted) base.grid.bottom = 96;
      base.yAxis = { type: 'value', name: chart.yName, max: chart.percent ? 100 : null, minInterval: chart.percent ? 0 : 1 };
      base.series = chart.series.map(function (s) {
        return { name: s.name, type: 'bar', data: s.values, label: { show: true, position: 'top' } };
      });
    } else {
      base.xAxis = { type: 'value', name: chart.xName, nameLocation: 'middle', nameGap: 30, min: 'dataMin', max: 'dataMax',
                     minInterval: 1 };
      base.yAxis = { type: 'value', name: chart.yName, scale: true };
      // Side by side (DPO vs Step-DPO) the curves can coincide, e.g. both at ln 2 at the start: the second one is
      // dashed with hollow diamonds so the first stays visible underneath.
      var dashes = ['solid', 'dashed', 'dotted'];
      var symbols = ['circle', 'diamond', 'triangle'];
      base.series = chart.series.map(function (s, i) {
        return { name: s.name, type: 'line', data: s.points, showSymbol: s.points.length <= 40,
                 symbol: symbols[i % symbols.length], symbolSize: 6 + 2 * i,
                 lineStyle: { type: dashes[i % dashes.length], width: 2 } };
      });
    }
    return base;
  }

  function drawCharts() {
    var data = document.getElementById('chart-data');
    if (!data) return;
    if (typeof echarts === 'undefined') {
      document.querySelectorAll('.chart').forEach(function (el) {
        el.textContent = 'The chart library did not load.';
      });
      return;
    }
    JSON.parse(data.textContent).forEach(function (chart) {
      var el = document.getElementById(chart.id);
      if (!el) return;
      var instance = echarts.init(el, null, { renderer: 'svg' });
      instance.setOption(option(chart));
      window.addEventListener('resize', function () { instance.resize(); });
    });
  }

  document.querySelectorAll('table.sortable').forEach(makeSortable);
  drawCharts();
})();
