/** Clones `<template id=…>` and returns its root element with `refs`: every `[data-ref]` by name. */
export function instantiate(templateId) {
  const template = document.getElementById(templateId);
  const root = template.content.firstElementChild.cloneNode(true);
  const refs = {};
  for (const element of root.querySelectorAll('[data-ref]')) {
    refs[element.dataset.ref] = element;
  }
  return { root, refs };
}

/**
 * Creates an element with properties, attributes (`attrs`), CSS custom properties (`vars`, set through the CSSOM,
 * which the page's Content-Security-Policy allows where inline style attributes are not) and children; text is
 * always set as text.
 */
export function h(tag, { attrs = {}, vars = {}, ...properties } = {}, ...children) {
  const element = document.createElement(tag);
  Object.assign(element, properties);
  for (const [name, value] of Object.entries(attrs)) {
    element.setAttribute(name, value);
  }
  for (const [name, value] of Object.entries(vars)) {
    element.style.setProperty(name, value);
  }
  element.append(...children.filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}
