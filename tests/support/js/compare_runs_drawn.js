// True once the script is idle and both of the race's charts draw exactly n runs ("lr …").
(n) => document.querySelector('[data-testid="stApp"]')
         ?.getAttribute('data-test-script-state') === 'notRunning'
       && [...document.querySelectorAll('.lab-race .js-plotly-plot')].length === 2
       && [...document.querySelectorAll('.lab-race .js-plotly-plot')].every((p) =>
            (p._fullData || []).filter((t) => /^lr /.test(t.name)).length === n)
