// Building elements from data: text goes in as text (tenant names and ids are never markup).

export const $ = (selector) => document.querySelector(selector);

export function el(tag, { className, text, attrs } = {}, children = []) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

const SVG = 'http://www.w3.org/2000/svg';

export function svg(tag, attrs = {}, children = []) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  for (const child of children) node.append(child);
  return node;
}

/** Replaces a table body's rows; `empty` is the sentence shown when there are none. */
export function fillRows(tbody, rows, columns, empty) {
  tbody.replaceChildren();
  if (!rows.length) {
    tbody.append(el('tr', {}, [el('td', { className: 'empty', text: empty, attrs: { colspan: String(columns) } })]));
    return;
  }
  for (const row of rows) tbody.append(row);
}
