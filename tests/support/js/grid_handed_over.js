// The form's copy of the grid's edits, as Streamlit's widget manager holds it: the JSON
// ({"edited_rows", "added_rows", "deleted_rows"}) the submit button sends. The data editor
// hands its edits over 150 ms after the last one (a debounce in Streamlit's DataFrame
// element). Called on the data editor's root element.
(root) => {
  const canvas = root.querySelector('canvas[data-testid="data-grid-canvas"]');
  const key = canvas && Object.keys(canvas).find((k) => k.startsWith('__reactFiber'));
  let fiber = key ? canvas[key] : null;
  for (let i = 0; fiber && i < 120; i++, fiber = fiber.return) {
    const p = fiber.memoizedProps;
    if (p && p.widgetMgr && p.element && p.element.id) {
      return {found: true,
              value: p.widgetMgr.getStringValue({id: p.element.id, formId: p.element.formId})
                     ?? null};
    }
  }
  return {found: false, value: null};
}
