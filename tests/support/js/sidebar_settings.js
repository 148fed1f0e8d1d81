// The sidebar's seed, learning rate, bias and the data editor's rows as shown.
() => {
  const grid = document.querySelector(
    '[data-testid="stSidebar"] [data-testid="stDataFrame"] table');
  return {
    seed: document.querySelector('.st-key-seed input')?.value,
    lr: document.querySelector('.st-key-lr [data-testid="stSliderThumbValue"]')?.textContent,
    bias: document.querySelector('.st-key-bias input')?.checked,
    rows: grid ? [...grid.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()).filter((s) => s !== ''))
      .filter((r) => r.length) : null,
  };
}
