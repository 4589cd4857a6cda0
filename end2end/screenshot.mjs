// Not a test: renders a sample board for the README (docs/screenshot.png).
//   node end2end/screenshot.mjs   (after scripts/build-web.sh and cargo build -p server)
import { startServer, launchBrowser, openPage } from './support.mjs';

const server = await startServer();
const browser = await launchBrowser();
try {
  const { page } = await openPage(browser, server.url);
  await page.setViewportSize({ width: 1400, height: 720 });
  const add = async (lane, stage, text) => {
    await page.getByRole('button', { name: `Add card in ${lane}, ${stage}` }).click();
    await page.getByRole('textbox', { name: 'Card text' }).fill(text);
    await page.getByRole('textbox', { name: 'Card text' }).press('Control+Enter');
  };
  await add('Touchpoints', 'Awareness', 'LinkedIn post from a peer');
  await add('Touchpoints', 'Awareness', 'Podcast mention');
  await add('Touchpoints', 'Consideration', 'Pricing page');
  await add('Touchpoints', 'Acquisition / Sign-up', 'Sign-up form\n(6 fields)');
  await add('Touchpoints', 'Onboarding', 'Welcome email with a video');
  await add('Pain points', 'Consideration', 'Plans are hard to compare');
  await add('Pain points', 'Onboarding', 'Empty workspace, no example');
  await add('Opportunities', 'Onboarding', 'Start from a template');
  await add('Opportunities', 'Adoption', 'Weekly digest of wins');
  const scores = { Awareness: 1, Consideration: -1, 'Acquisition / Sign-up': 0, Onboarding: -2, Adoption: 2, Retention: 1, Expansion: 2, Advocacy: 3 };
  for (const [stage, score] of Object.entries(scores)) {
    const point = page.getByRole('slider', { name: stage });
    await point.focus();
    for (let i = 0; i < Math.abs(score); i++) await page.keyboard.press(score > 0 ? 'ArrowUp' : 'ArrowDown');
  }
  await page.locator('body').click({ position: { x: 5, y: 700 } });
  await page.locator('.board-scroll').evaluate((el) => { el.scrollLeft = 0; });
  await page.screenshot({ path: new URL('../docs/screenshot.png', import.meta.url).pathname });
} finally {
  await browser.close();
  await server.stop();
}
