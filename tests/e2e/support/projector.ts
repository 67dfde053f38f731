import type { Page } from '@playwright/test';

export interface ProjectorCheck {
  chips: number;
  /** chips whose text is cut, overflows its chip, its bucket or the screen */
  clipped: string[];
  minChipFont: number;
  minHeaderFont: number;
  phaseFont: number;
  /** the page itself scrolls: something does not fit */
  pageOverflows: boolean;
}

/**
 * Measures the projector in the browser (PROJ-1, PROJ-2): every chip shows its whole title
 * (scroll sizes within client sizes, no ellipsis, inside its bucket and the viewport), and
 * the computed font sizes of chips, bucket headers and the phase.
 */
export function checkProjector(page: Page): Promise<ProjectorCheck> {
  // a string, so the bundler's helpers do not leak into the page
  return page.evaluate(`(() => {
    const vw = window.innerWidth, vh = window.innerHeight;
    const px = (el) => parseFloat(getComputedStyle(el).fontSize);
    const clipped = [];
    let minChip = Infinity;
    const chips = [...document.querySelectorAll('[data-chip]')];
    for (const li of chips) {
      const r = li.getBoundingClientRect();
      const box = li.closest('section').getBoundingClientRect();
      const cs = getComputedStyle(li);
      minChip = Math.min(minChip, px(li));
      const bad =
        li.scrollWidth > li.clientWidth + 0.5 ||
        li.scrollHeight > li.clientHeight + 0.5 ||
        cs.textOverflow === 'ellipsis' || cs.webkitLineClamp !== 'none' ||
        r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5 ||
        r.right > vw + 0.5 || r.bottom > vh + 0.5 || r.width < 1 || r.height < 1;
      if (bad) clipped.push(li.textContent);
    }
    const headers = [...document.querySelectorAll('[data-testid="projector-board"] h2, [data-testid^="projector-stats-"]')];
    const phase = document.querySelector('[data-testid="projector-phase"]');
    const root = document.scrollingElement;
    return {
      chips: chips.length,
      clipped,
      minChipFont: chips.length ? minChip : 0,
      minHeaderFont: Math.min(...headers.map(px)),
      phaseFont: phase ? px(phase) : 0,
      pageOverflows: root.scrollHeight > vh + 1 || root.scrollWidth > vw + 1,
    };
  })()`) as Promise<ProjectorCheck>;
}

/** Words split across two lines inside the matching elements (a word broken mid-word has two line boxes); a break after a hyphen is a normal line break. */
export function wordsBrokenIn(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(`(() => {
    const broken = [];
    for (const el of document.querySelectorAll(${JSON.stringify(selector)})) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent;
        for (const m of text.matchAll(/[^\\s-]+/g)) {
          const r = document.createRange();
          r.setStart(node, m.index);
          r.setEnd(node, m.index + m[0].length);
          const lines = new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top)));
          if (lines.size > 1) broken.push(m[0]);
        }
      }
    }
    return broken;
  })()`) as Promise<string[]>;
}
