// Numbers as the rest of the lab prints them (Python's format specs), so the page, the
// Walkthrough, the CLI and the tests agree digit for digit.

// Python's round-half-even on an exact tie (toFixed rounds a tie up).
function roundHalfEven(value) {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff === 0.5) return floor % 2 === 0 ? floor : floor + 1;
  return Math.round(value);
}

function special(x) {
  if (Number.isNaN(x)) return "not a number";
  if (x === Infinity) return "∞";
  if (x === -Infinity) return "−∞";
  return null;
}

// f"{x:.{digits}g}": shortest of fixed and exponent notation, trailing zeros dropped.
export function general(x, digits = 4) {
  const odd = special(x);
  if (odd) return odd;
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const [mantissa, exp] = x.toExponential(digits - 1).split("e");
  const e = Number(exp);
  const strip = (s) => (s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s);
  if (e < -4 || e >= digits) {
    const sign = e < 0 ? "-" : "+";
    return `${strip(mantissa)}e${sign}${String(Math.abs(e)).padStart(2, "0")}`;
  }
  return strip(x.toFixed(Math.max(0, digits - 1 - e)));
}

// f"{x:.6f}" for a weight; exponent notation past what fixed notation can show.
export function fixed(x, decimals = 6) {
  const odd = special(x);
  if (odd) return odd;
  if (Math.abs(x) >= 1e21) return general(x, decimals + 1);
  if (Object.is(x, -0)) return `-${(0).toFixed(decimals)}`; // toFixed drops the sign of -0
  return x.toFixed(decimals);
}

// f"{correct / n:.0%}".
export function percent(correct, n) {
  if (!n) return "–";
  return `${roundHalfEven((correct / n) * 100)}%`;
}

// f"{t:,}".
export function whole(t) {
  return Math.round(t).toLocaleString("en-US");
}
