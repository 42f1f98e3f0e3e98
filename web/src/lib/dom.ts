/** A tiny element builder: text goes in as text nodes, never as markup. */
export type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (name === 'class') node.className = String(value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child);
  }
  return node;
}

/** A definition list's row: <div><dt>label</dt><dd>value</dd></div>. */
export function row(label: string, value: Child, ddAttrs: Record<string, string | boolean | undefined> = {}): HTMLDivElement {
  return el('div', {}, el('dt', {}, label), el('dd', ddAttrs, value));
}
