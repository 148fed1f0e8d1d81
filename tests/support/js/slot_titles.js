// Each stage slot's title: its text, widths, whether it lies in its slot and is on top.
() => [...document.querySelectorAll('.lab-slot')].map((slot) => {
          const t = slot.querySelector('.lab-title');
          t.scrollIntoView({block: 'center'});
          const r = t.getBoundingClientRect();
          const s = slot.getBoundingClientRect();
          const hit = document.elementFromPoint(r.left + Math.min(r.width / 2, 20),
                                                r.top + r.height / 2);
          return {slot: slot.dataset.slot, text: t.textContent, scroll: t.scrollWidth,
                  client: t.clientWidth, inSlot: r.left >= s.left && r.right <= s.right,
                  onTop: !!hit && t.contains(hit)};
        })
