// The shown text of one of the stage's numbers; argument: its data-lab key ("w-w1"…).
(key) => document.querySelector(
             `.lab-stage .lab-number[data-lab="${key}"] .lab-number-value`)?.textContent ?? null
