// The shown value of the st.metric labelled exactly like the argument, or null.
(label) => {
          for (const m of document.querySelectorAll('[data-testid="stMetric"]')) {
            const l = m.querySelector('[data-testid="stMetricLabel"]');
            if (l && l.innerText.trim() === label)
              return m.querySelector('[data-testid="stMetricValue"]').innerText.trim();
          }
          return null;
        }
