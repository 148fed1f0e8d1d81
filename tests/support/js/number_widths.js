// Each stage number: [key, text, scrollWidth, clientWidth].
() => [...document.querySelectorAll('.lab-number-value')].map((v) => [
        v.parentElement.dataset.lab, v.textContent, v.scrollWidth, v.clientWidth])
