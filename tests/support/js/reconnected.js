// True once the page has reconnected, its script is idle and the stage is ready.
() => { const app = document.querySelector('[data-testid="stApp"]');
                       return app?.getAttribute('data-test-connection-state') === 'CONNECTED'
                         && app.getAttribute('data-test-script-state') === 'notRunning'
                         && document.querySelector('.lab-stage[data-ready="true"]')
                                    ?.dataset.step !== undefined; }
