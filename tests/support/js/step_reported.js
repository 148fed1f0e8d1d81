// True once the server knows step t: the script is idle and the share link says t.
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
