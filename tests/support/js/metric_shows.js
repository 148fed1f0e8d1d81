// True once the script is idle and the st.metric labelled [label, value][0] shows value.
([label, value]) => {
          const app = document.querySelector('[data-testid="stApp"]');
          if (app?.getAttribute('data-test-script-state') !== 'notRunning') return false;
          for (const m of document.querySelectorAll('[data-testid="stMetric"]')) {
            const l = m.querySelector('[data-testid="stMetricLabel"]');
            if (l && l.innerText.trim() === label)
              return m.querySelector('[data-testid="stMetricValue"]').innerText.trim() === value;
          }
          return false;
        }
