// What the page looked like when a wait timed out, for the failure message: its URL, the
// script and connection states, the stage's data attributes and any Python exception shown.
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const stage = document.querySelector('.lab-stage');
  return {
    url: location.href,
    script: app?.getAttribute('data-test-script-state'),
    connection: app?.getAttribute('data-test-connection-state'),
    stage: stage ? { ...stage.dataset } : null,
    exceptions: [...document.querySelectorAll('[data-testid="stException"]')]
      .map((e) => e.innerText.slice(0, 400)),
  };
}
