// What every element of the page needs: its nodes, its stylesheet, and one way to leave.
//
// Streamlit's components v2 call a module's render with new data on every run of the
// script, and call the cleanup that render returned once the element leaves the page
// (CleanupFunction). A unit built here releases everything it holds then: a lecture that
// switches pages a hundred times must keep one page's worth of listeners, not a hundred.

export function element(parent, tag, className) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  parent.appendChild(node);
  return node;
}

// A chart's place: a head (its title, its buttons) above the Plotly div.
export function slot(parent, name) {
  const box = element(parent, "div", "lab-slot");
  box.dataset.slot = name;
  const head = element(box, "div", "lab-head");
  element(head, "div", "lab-title");
  element(head, "div", "lab-actions");
  return box;
}

// The lab's stylesheet, once per page, before the first element is drawn.
let styled = false;

function loadStyles() {
  if (styled) return;
  styled = true;
  const sheet = document.createElement("link");
  Object.assign(sheet, { rel: "stylesheet", href: new URL("./stage.css", import.meta.url).href });
  document.head.appendChild(sheet);
}

// Everything a unit must undo when it leaves: listeners on document and window, observers,
// timers, animation frames. Each is registered where it is made, so none can be forgotten.
export class Lifetime {
  constructor() {
    this.undo = [];
    this.ended = false;
  }

  listen(target, type, handler, options) {
    target.addEventListener(type, handler, options);
    this.undo.push(() => target.removeEventListener(type, handler, options));
  }

  observe(observer, ...targets) {
    for (const target of targets) observer.observe(target);
    this.undo.push(() => observer.disconnect());
    return observer;
  }

  timeout(fn, ms) {
    const id = setTimeout(fn, ms);
    this.undo.push(() => clearTimeout(id));
    return id;
  }

  add(fn) {
    this.undo.push(fn);
  }

  end() {
    this.ended = true;
    while (this.undo.length) this.undo.pop()();
  }
}

// The components-v2 contract in one place: one unit per element, updated on every run and
// destroyed when the element leaves the page. Streamlit may also call a stale render's
// cleanup while the element stays (its data changed while the module was loading), so the
// unit is destroyed only once its element is really gone. The cleanup holds the element,
// never the unit: Streamlit may keep a cleanup it has called, and with it whatever it holds.
export function mount(component, Unit) {
  const { parentElement } = component;
  loadStyles();
  let unit = parentElement.__labUnit;
  if (!unit || unit.lifetime.ended) unit = parentElement.__labUnit = new Unit(parentElement, component);
  unit.update(component);
  return () => setTimeout(() => {
    const mounted = parentElement.__labUnit;
    if (parentElement.isConnected || !mounted) return;
    delete parentElement.__labUnit;
    mounted.destroy();
  }, 0);
}
