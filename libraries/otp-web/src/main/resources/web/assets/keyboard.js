// The manuals' "ソフトウェアキーボード入力": the password typed by clicking keys on screen instead of
// the physical keyboard (a defence against key loggers). Every key is a real button, so the
// keyboard itself is reachable with Tab and Enter as well.
import { h, t } from './ui.js';

const ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', '-_.@!#', '$%&*+=?'];

export function softwareKeyboard(inputId) {
  const panelId = inputId + '-keyboard';
  let upper = false;
  const panel = h('div', { id: panelId, class: 'keyboard', role: 'group', 'aria-label': t('keyboard.label'), hidden: true });
  const toggle = h('button', { type: 'button', class: 'secondary keyboard-toggle', 'aria-expanded': 'false',
    'aria-controls': panelId }, t('keyboard.open'));

  const input = () => document.getElementById(inputId);
  const type = (ch) => {
    const el = input();
    el.value += ch;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  };

  function draw() {
    panel.replaceChildren(
      ...ROWS.map((row) => h('div', { class: 'keyboard-row' }, [...row].map((c) => {
        const ch = upper ? c.toUpperCase() : c;
        return h('button', { type: 'button', class: 'key', 'data-key': ch, 'aria-label': t('keyboard.key', { key: ch }),
          onclick: () => type(ch) }, ch);
      }))),
      h('div', { class: 'keyboard-row controls' },
        h('button', { type: 'button', class: 'key wide', 'aria-pressed': String(upper),
          onclick: () => { upper = !upper; draw(); panel.querySelector('[aria-pressed]').focus(); } }, t('keyboard.shift')),
        h('button', { type: 'button', class: 'key wide', onclick: () => { input().value = input().value.slice(0, -1); } },
          t('keyboard.backspace')),
        h('button', { type: 'button', class: 'key wide', onclick: () => { input().value = ''; } }, t('keyboard.clear')),
        h('button', { type: 'button', class: 'key wide', onclick: () => setOpen(false) }, t('keyboard.close'))));
  }

  function setOpen(open) {
    panel.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? t('keyboard.close') : t('keyboard.open');
    // Typing with the physical keyboard stays possible; the field only stops inviting it.
    input().setAttribute('inputmode', open ? 'none' : 'text');
    if (open) panel.querySelector('.key').focus(); else toggle.focus();
  }

  toggle.addEventListener('click', () => setOpen(panel.hidden));
  draw();
  return h('div', { class: 'keyboard-wrap' }, toggle, panel);
}
