// From now on, window.__labRuns counts the script's runs (data-test-script-state).
() => {
  window.__labRuns = 0;
  new MutationObserver((changes) => {
    for (const c of changes) {
      if (c.target.getAttribute?.('data-test-script-state') === 'running') window.__labRuns++;
    }
  }).observe(document.body, {attributes: true, subtree: true,
                             attributeFilter: ['data-test-script-state']});
}
