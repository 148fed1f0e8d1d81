// The last data frame's accessible table on the main area: its rows' cell texts, or null.
() => {
  const frames = [...document.querySelectorAll(
    '[data-testid="stMain"] [data-testid="stDataFrame"]')];
  const table = frames.at(-1)?.querySelector('table');
  if (!table) return null;
  return [...table.querySelectorAll('tr')].map((tr) =>
    [...tr.querySelectorAll('th, td')].map((c) => c.textContent.trim()));
}
