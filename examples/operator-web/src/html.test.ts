import { describe, expect, it } from 'vitest';
import { escapeHtml, html } from './html';

describe('html', () => {
  it('escapes interpolated text so a name can never become markup', () => {
    const name = `<img src=x onerror="alert(1)"> & 'co'`;
    expect(html`<td>${name}</td>`.markup).toBe('<td>&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;co&#39;</td>');
    expect(escapeHtml('a<b')).toBe('a&lt;b');
  });

  it('keeps nested templates and lists of them as markup', () => {
    const rows = ['<a>', 'b'].map((cell) => html`<li>${cell}</li>`);
    expect(html`<ul>${rows}</ul>`.markup).toBe('<ul><li>&lt;a&gt;</li><li>b</li></ul>');
  });
});
