import { html, type SafeHtml } from './html';
import { consoleLinks } from './consoleLinks';

/** The console's top bar: the runs list and every fleet's page, on every console page. */
export function renderConsoleNav(fleets: readonly string[]): SafeHtml {
  return html`<nav class="console-nav"><strong>Fleet Conductor</strong> · <a href="${consoleLinks.runs()}">Runs</a>${fleets.map((f) => html` · <a href="${consoleLinks.fleet(f)}">Fleet ${f}</a>`)}</nav>`;
}
