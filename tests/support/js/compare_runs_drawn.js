// True once the script is idle and both Compare charts draw exactly n runs ("lr …").
(n) => document.querySelector('[data-testid="stApp"]')
         ?.getAttribute('data-test-script-state') === 'notRunning'
       && [...document.querySelectorAll('.js-plotly-plot')].length === 2
       && [...document.querySelectorAll('.js-plotly-plot')].every((p) =>
            (p._fullData || []).filter((t) => /^lr /.test(t.name)).length === n)
