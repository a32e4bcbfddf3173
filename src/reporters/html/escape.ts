/** Markup that is already safe: built by `html` or produced by `raw` from trusted constants. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Trusted markup only (our own CSS, script, constant strings); never data from results or fixtures. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/**
 * A template tag that escapes every interpolated value unless it is SafeHtml, so text from results
 * (reports, feedback, fixture ids) cannot inject markup. Arrays are joined; null and undefined are
 * empty; numbers and booleans print as text.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}
