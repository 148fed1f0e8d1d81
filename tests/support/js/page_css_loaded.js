// The app's own page CSS (ui/shell.py, an st.html <style>) is in: until it arrives the
// page is laid out with Streamlit's default 5rem side padding.
() => [...document.querySelectorAll('style')].some(
  (s) => s.textContent.includes('stMainBlockContainer'))
