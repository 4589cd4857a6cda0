// Not a test: renders the example map for the README (docs/screenshot.png).
//   node end2end/screenshot.mjs   (after scripts/build-web.sh and cargo build -p server)
import { startServer, launchBrowser, openPage } from './support.mjs';

const server = await startServer();
const browser = await launchBrowser();
try {
  const { page } = await openPage(browser, server.url);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByRole('button', { name: 'Maps', exact: true }).click();
  await page.getByRole('button', { name: 'Open the example map' }).click();
  await page.locator('.persona-header strong').getByText('Ana Popescu', { exact: true }).waitFor();
  await page.getByRole('button', { name: /^Fit/ }).click();
  await page.locator('body').click({ position: { x: 5, y: 890 } });
  await page.screenshot({ path: new URL('../docs/screenshot.png', import.meta.url).pathname });
} finally {
  await browser.close();
  await server.stop();
}
