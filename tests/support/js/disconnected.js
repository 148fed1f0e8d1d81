// True once the page has noticed its server is gone.
() => document.querySelector('[data-testid="stApp"]')
                       ?.getAttribute('data-test-connection-state') !== 'CONNECTED'
