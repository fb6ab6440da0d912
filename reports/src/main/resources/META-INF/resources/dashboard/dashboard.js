// Step-DPO dashboard: sortable tables, the charts (ECharts) and the math (KaTeX), both served by the application.
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

  // Math. The server sends model text (steps, completions, answers, judge reasons) as escaped text in elements of
  // class "math"; KaTeX renders the formulas found in their text nodes, so nothing in the text becomes markup.
  var DELIMITERS = [
    { left: '$$', right: '$$', display: true },
    { left: '\\[', right: '\\]', display: true },
    { left: '\\(', right: '\\)', display: false },
    { left: '$', right: '$', display: false }
  ];
  var KATEX_OPTIONS = {
    delimiters: DELIMITERS,
    // the defaults skip pre and code, which is where the dashboard puts steps and answers
    ignoredTags: ['script', 'noscript', 'style', 'textarea', 'option'],
    throwOnError: false   // a broken formula is shown in red in place, with the error as its title
  };

  /** Index of the brace closing the one at text[open], or -1. */
  function closingBrace(text, open) {
    for (var i = open, depth = 0; i < text.length; i++) {
      var c = text[i];
      if (c === '\\') i++;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) return i;
    }
    return -1;
  }

  /** The text with each \boxed{...} that stands outside any formula wrapped in \( \), so that it renders too. */
  function wrapBareBoxed(text) {
    var out = '', i = 0;
    while (i < text.length) {
      var d = DELIMITERS.find(function (d) { return text.startsWith(d.left, i); });
      var end = d ? text.indexOf(d.right, i + d.left.length) : -1;
      var close = text.startsWith('\\boxed{', i) ? closingBrace(text, i + 6) : -1;
      if (end >= 0) {                       // a formula: copied as it is
        end += d.right.length;
        out += text.slice(i, end);
        i = end;
      } else if (close >= 0) {
        out += '\\(' + text.slice(i, close + 1) + '\\)';
        i = close + 1;
      } else {                              // \$ and other escapes are copied whole
        var n = text[i] === '\\' ? 2 : d ? d.left.length : 1;
        out += text.slice(i, i + n);
        i += n;
      }
    }
    return out;
  }

  /** An element's math rendered (true) or its source text put back (false). */
  function showMath(el, source, rendered) {
    el.textContent = source;
    if (!rendered) return;
    // An extracted answer is a bare formula ("\frac{1}{2}"): rendered whole when it looks like LaTeX.
    var bare = el.classList.contains('math-answer') && /[\\^_]/.test(source) && !/\$|\\[([]/.test(source);
    el.textContent = bare ? '\\(' + source + '\\)' : wrapBareBoxed(source);
    try {
      renderMathInElement(el, KATEX_OPTIONS);
    } catch (e) {
      el.textContent = source;
    }
  }

  function renderMath() {
    if (typeof renderMathInElement === 'undefined') return;   // no KaTeX (the HTML export): the text stays as it is
    var blocks = Array.prototype.map.call(document.querySelectorAll('.math'), function (el) {
      return { el: el, source: el.textContent };
    });
    blocks.forEach(function (b) { showMath(b.el, b.source, true); });
    var toggle = document.querySelector('.math-toggle');
    if (!toggle || !document.querySelector('.math .katex')) return;
    toggle.hidden = false;
    toggle.addEventListener('click', function () {
      var rendered = toggle.getAttribute('aria-pressed') === 'true';
      blocks.forEach(function (b) { showMath(b.el, b.source, rendered); });
      toggle.setAttribute('aria-pressed', String(!rendered));
      toggle.textContent = rendered ? 'Show LaTeX source' : 'Show rendered';
    });
  }

  document.querySelectorAll('table.sortable').forEach(makeSortable);
  drawCharts();
  renderMath();
})();
