/**
 * The report's only own script: draws every `div.seglab-figure` from the JSON in the
 * `<script type="application/json" id="<div id>-spec">` beside it, then sets `window.seglabReady`
 * and `body[data-figures]` once every plot has drawn, so a browser test or the PDF export can wait
 * for it. A failure sets `window.seglabError` and logs to the console instead.
 * Plain ES5 with no data in it: the figures come from the inert JSON elements.
 */
export const DRAW_FIGURES_SCRIPT = `(function () {
  var font = { family: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif', size: 12, color: '#1f2933' };
  function fail(err) {
    window.seglabError = String((err && err.message) || err);
    console.error('seglab: a chart could not be drawn: ' + window.seglabError);
  }
  if (!window.Plotly) return fail('plotly.js did not load');
  var divs = document.querySelectorAll('div.seglab-figure');
  var jobs = [];
  try {
    for (var i = 0; i < divs.length; i++) {
      var div = divs[i];
      var spec = JSON.parse(document.getElementById(div.id + '-spec').textContent);
      var layout = Object.assign({ font: font, paper_bgcolor: 'rgba(0,0,0,0)', plot_bgcolor: '#ffffff', autosize: true }, spec.layout);
      if (layout.title) layout.title = Object.assign({ x: 0.01, xanchor: 'left', xref: 'container', font: { size: 14 } }, layout.title);
      jobs.push(window.Plotly.newPlot(div, spec.data, layout, { responsive: true, displaylogo: false, staticPlot: false }));
    }
  } catch (err) {
    return fail(err);
  }
  Promise.all(jobs).then(function () {
    document.body.dataset.figures = String(jobs.length);
    window.seglabReady = true;
  }, fail);
})();`;
