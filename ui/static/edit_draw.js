// What the plane editor draws over the heat map: rows on their way to the server (ghosts),
// drawn rows the table no longer has (crossed out), the selected row with its ×, the dragged
// row with its coordinates; and the focusable plane a keyboard edits through.
const SVG = "http://www.w3.org/2000/svg";
const RADIUS = 7;

function node(tag, attributes) {
  const made = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) made.setAttribute(key, value);
  return made;
}

const rgb = ({ r, g, b }, alpha = 1) => `rgba(${r},${g},${b},${alpha})`;

let styled = false;

function loadStyles() {
  if (styled) return;
  styled = true;
  const sheet = document.createElement("link");
  Object.assign(sheet, { rel: "stylesheet", href: new URL("./edit.css", import.meta.url).href });
  document.head.appendChild(sheet);
}

export class PlaneDrawing {
  constructor(div, hint, { remove, key }) {
    loadStyles();
    this.div = div;
    this.svg = node("svg", { class: "lab-edit-layer", "aria-hidden": "true" });
    this.cross = document.createElement("button");
    Object.assign(this.cross, { type: "button", className: "lab-edit-delete", textContent: "×", hidden: true });
    this.cross.dataset.lab = "edit-delete";
    this.cross.onclick = remove;
    // The plane as one focusable place: its keys pick, move, add and delete rows.
    this.focus = document.createElement("div");
    Object.assign(this.focus, { className: "lab-edit-focus", tabIndex: 0 });
    this.focus.dataset.lab = "edit-plane";
    this.focus.setAttribute("role", "application");
    this.focus.setAttribute("aria-roledescription", "editable plane");
    this.focus.setAttribute("aria-label", `Rows on the input plane. ${hint}`);
    this.focus.addEventListener("keydown", key);
    div.append(this.svg, this.cross, this.focus);
  }

  // The rows the heat map draws (the Plotly trace "rows"), as [x1, x2, target].
  drawnRows() {
    const trace = (this.div.data || []).find((t) => t.name === "rows");
    if (!trace) return [];
    return trace.x.map((x, i) => [x, trace.y[i], trace.customdata[i][1]]);
  }

  // Sized and placed only when the chart's axes change: a style written in every frame of a
  // drag would make the page restyle in every frame.
  place(p) {
    const { width, height } = this.div._fullLayout;
    const { left, right, top, bottom } = p.area;
    const key = [width, height, left, right, top, bottom].join();
    if (key === this.placed) return;
    this.placed = key;
    this.svg.setAttribute("width", width);
    this.svg.setAttribute("height", height);
    Object.assign(this.focus.style, { left: `${left}px`, top: `${top}px`, width: `${right - left}px`,
      height: `${bottom - top}px` });
  }

  draw(p, { coming, going, drag, chosen, colours, rows }) {
    const ink = colours ? colours.ink : { r: 20, g: 20, b: 30 };
    const paper = colours ? colours.paper : { r: 255, g: 255, b: 255 };
    this.place(p);
    const halo = { stroke: rgb(paper, 0.9), "stroke-width": 4, "paint-order": "stroke" };
    const shapes = [];
    const dot = (x, y, target, extra = {}) => node("circle", { cx: x, cy: y, r: RADIUS,
      fill: target >= 0.5 ? rgb(ink, 0.85) : "none", stroke: rgb(ink), "stroke-width": 2, ...extra });
    for (const [x1, x2] of going) {
      const [x, y] = [p.x(x1), p.y(x2)];
      shapes.push(node("path", { d: `M${x - RADIUS},${y - RADIUS}L${x + RADIUS},${y + RADIUS}M${x - RADIUS},${y + RADIUS}L${x + RADIUS},${y - RADIUS}`,
        stroke: rgb(ink), "stroke-width": 2, class: "lab-edit-going" }));
    }
    for (const [x1, x2, target] of coming) {
      shapes.push(dot(p.x(x1), p.y(x2), target, { "stroke-dasharray": "3,2", class: "lab-edit-coming" }));
    }
    if (chosen) {
      const [x, y] = [p.x(chosen.at[0]), p.y(chosen.at[1])];
      shapes.push(node("circle", { cx: x, cy: y, r: RADIUS + 5, fill: "none", stroke: rgb(ink),
        "stroke-width": 2, class: "lab-edit-chosen" }));
      Object.assign(this.cross.style, { left: `${x + RADIUS + 4}px`, top: `${y - RADIUS - 22}px` });
      this.cross.setAttribute("aria-label", `Delete row ${chosen.row + 1} of ${rows}`);
      this.cross.title = "Delete this row (Delete)";
    }
    if (this.cross.hidden !== !chosen) this.cross.hidden = !chosen;
    if (drag) {
      const text = node("text", { x: drag.px + 12, y: drag.py - 12, "font-size": 13, fill: rgb(ink),
        ...halo, class: "lab-edit-coords" });
      text.textContent = drag.label;
      shapes.push(node("circle", { cx: drag.px, cy: drag.py, r: RADIUS + 3, fill: "none",
        stroke: rgb(ink), "stroke-width": 1.5, "stroke-dasharray": drag.inside ? "none" : "4,3",
        class: "lab-edit-dragged" }), text);
    }
    this.svg.replaceChildren(...shapes);
    const counts = { coming: String(coming.length), going: String(going.length) };
    for (const [key, value] of Object.entries(counts)) {
      if (this.svg.dataset[key] !== value) this.svg.dataset[key] = value;
    }
  }

  destroy() {
    this.svg.remove();
    this.cross.remove();
    this.focus.remove();
  }
}

// "New row: ● 1 / ○ 0", beside the heat map's buttons.
export function targetPicker(actions, pick) {
  const group = document.createElement("div");
  group.className = "lab-segmented lab-edit-target";
  group.dataset.lab = "edit-target";
  group.setAttribute("role", "group");
  group.setAttribute("aria-label", "Target of a row added on the plane");
  group.title = "The target a click on the plane gives a new row (Shift-click gives the other)";
  const buttons = [[1, "● 1"], [0, "○ 0"]].map(([value, text]) => {
    const b = document.createElement("button");
    group.appendChild(b);
    Object.assign(b, { type: "button", textContent: text });
    b.dataset.value = String(value);
    b.setAttribute("aria-label", `New rows get target ${value}`);
    b.setAttribute("aria-pressed", String(value === 1));
    b.onclick = () => {
      buttons.forEach((other) => other.setAttribute("aria-pressed", String(other === b)));
      pick(value);
    };
    return b;
  });
  actions.prepend(group);
  return group;
}
