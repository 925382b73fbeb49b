import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { artifactsDir } from './environment';

/**
 * axe-core, injected into the page under test. Playwright injects the file as an inline script,
 * which the tab's CSP (script-src 'self') refuses: contexts that scan are created with bypassCSP.
 */
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  helpUrl: string;
  nodes: { target: string; html: string; summary: string; tabsterDummy: boolean }[];
}

/** Runs axe on the whole page; keeps the full result as test-results/e2e/axe-<name>.json. */
export const scanAccessibility = async (page: Page, name: string): Promise<AxeViolation[]> => {
  await page.addScriptTag({ path: axePath });
  const all = (await page.evaluate(`
    axe.run(document, { resultTypes: ['violations'] }).then((result) =>
      result.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        helpUrl: violation.helpUrl,
        nodes: violation.nodes.map((node) => ({
          target: node.target.join(' '),
          html: node.html.slice(0, 300),
          summary: node.failureSummary,
          tabsterDummy: node.html.includes('data-tabster-dummy'),
        })),
      })),
    )
  `)) as AxeViolation[];
  const violations = all
    .map((violation) => ({
      ...violation,
      nodes: violation.nodes.filter((node) => !isFluentFocusBumper(violation.id, node)),
    }))
    .filter((violation) => violation.nodes.length > 0);
  await writeFile(
    join(artifactsDir, `axe-${name}.json`),
    JSON.stringify(
      {
        violations,
        ignoredFluentFocusBumpers: all.flatMap((violation) =>
          violation.nodes
            .filter((node) => isFluentFocusBumper(violation.id, node))
            .map((node) => node.target),
        ),
      },
      null,
      2,
    ),
  );
  return violations;
};

/**
 * Fluent UI v9's focus management (tabster) puts `<i tabindex="0" aria-hidden="true"
 * data-tabster-dummy>` around lists, tabs and dialogs: focusable on purpose (they hand focus on at
 * once) and hidden on purpose (so screen readers skip them). axe's aria-hidden-focus flags every one;
 * Microsoft's own Accessibility Insights ignores exactly these (accessibility-insights-web#7605).
 */
const isFluentFocusBumper = (ruleId: string, node: { tabsterDummy: boolean }): boolean =>
  ruleId === 'aria-hidden-focus' && node.tabsterDummy;

/** One line per serious or critical violation (what the issue says must not exist). */
export const seriousViolations = (violations: AxeViolation[]): string[] =>
  violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help} — ${violation.nodes
          .map((node) => node.target)
          .join(', ')}`,
    );
