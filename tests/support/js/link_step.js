// True once the share link (the address bar as url.js writes it) says step t, the script idle.
(t) => {
          const app = document.querySelector('[data-testid="stApp"]');
          if (app?.getAttribute('data-test-script-state') !== 'notRunning') return false;
          const code = document.querySelector('[data-testid="stSidebar"] .lab-link code');
          if (!code) return false;
          let shown;
          try { shown = new URL(code.textContent.trim()).searchParams.get('t'); }
          catch { return false; }
          return (shown === null ? 0 : Number(shown)) === t;
        }
