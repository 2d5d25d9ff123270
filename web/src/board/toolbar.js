import { h } from '../dom.js';

export const COLOURS = [
  { name: 'Black', value: '#111827' },
  { name: 'Red', value: '#dc2626' },
  { name: 'Blue', value: '#2563eb' },
  { name: 'Green', value: '#15803d' },
  { name: 'Orange', value: '#ea580c' },
  { name: 'Purple', value: '#7e22ce' },
];
/** The eraser paints the board's background, a few times wider than the pen. */
export const ERASER = { name: 'Eraser', value: '#ffffff', widthFactor: 4 };
export const WIDTHS = [
  { name: 'Thin', value: 3 },
  { name: 'Medium', value: 6 },
  { name: 'Thick', value: 12 },
];

/** Colour, eraser and width pickers as native radio groups: arrow keys move, focus stays visible. */
export class Toolbar {
  #colour = COLOURS[0].value;
  #width = WIDTHS[1].value;

  constructor(refs) {
    refs.colours.append(...[...COLOURS, ERASER].map((colour, index) =>
      h('label', { className: `swatch${colour === ERASER ? ' swatch--eraser' : ''}`, title: colour.name },
        h('input', { type: 'radio', name: 'colour', value: colour.value, checked: index === 0, className: 'visually-hidden', attrs: { 'aria-label': colour.name } }),
        h('span', { className: 'swatch__chip', vars: { '--chip': colour.value }, attrs: { 'aria-hidden': 'true' } }),
        colour === ERASER ? h('span', { className: 'swatch__text', attrs: { 'aria-hidden': 'true' } }, 'Eraser') : null)));
    refs.widths.append(...WIDTHS.map((width) =>
      h('label', { className: 'width', title: width.name },
        h('input', { type: 'radio', name: 'width', value: String(width.value), checked: width.value === this.#width, className: 'visually-hidden', attrs: { 'aria-label': `${width.name} line` } }),
        h('span', { className: 'width__line', vars: { '--line': `${Math.max(2, width.value / 1.5)}px` }, attrs: { 'aria-hidden': 'true' } }))));
    refs.colours.addEventListener('change', (event) => {
      this.#colour = event.target.value;
    });
    refs.widths.addEventListener('change', (event) => {
      this.#width = Number(event.target.value);
    });
  }

  /** The pen as chosen now. */
  tool() {
    const erasing = this.#colour === ERASER.value;
    return { color: this.#colour, width: erasing ? this.#width * ERASER.widthFactor : this.#width };
  }
}
