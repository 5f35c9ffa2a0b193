import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../src/views/escapeHtml';
import { html, trustedHtml } from '../../../src/views/html';

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and quoted attributes', () => {
    expect(escapeHtml(`<script>alert("x" + 'y') & co</script>`)).toBe('&lt;script&gt;alert(&quot;x&quot; + &#39;y&#39;) &amp; co&lt;/script&gt;');
  });

  it('renders numbers as text and absent values as nothing', () => {
    expect(escapeHtml(42)).toBe('42');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(undefined)).toBe('');
  });

  it('escapes already escaped text again (no double-decoding shortcuts)', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });
});

describe('html', () => {
  it('escapes interpolated strings, including in attributes', () => {
    const name = `"><img src=x onerror=alert(1)>`;
    expect(html`<span title="${name}">${name}</span>`.safeHtml).toBe(
      '<span title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</span>',
    );
  });

  it('inserts nested fragments and arrays as markup, and skips false, null and undefined', () => {
    const items = ['a<b', 'c'].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}${false}${null}${undefined}</ul>`.safeHtml).toBe('<ul><li>a&lt;b</li><li>c</li></ul>');
    expect(html`${trustedHtml('<hr>')}`.safeHtml).toBe('<hr>');
  });
});
