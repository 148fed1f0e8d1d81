// The link in the sidebar's "Share and export" expander (present even while closed), or null.
() => {
          const code = document.querySelector('[data-testid="stSidebar"] .lab-link code');
          return code ? code.textContent.trim() : null;
        }
