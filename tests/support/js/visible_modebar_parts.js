// How many Plotly modebar parts are visible (an empty, zero-height container is not).
() => [...document.querySelectorAll('.modebar, .modebar-btn')]
                 .filter((m) => m.getBoundingClientRect().height > 0
                   && m.checkVisibility({opacityProperty: true, visibilityProperty: true}))
                 .length
