// End-to-end test of editors/vscode in code-server (the real VS Code workbench)
// driven by Playwright with Debian's chromium. Run by tests/editors/run.sh, which
// installs the .vsix, starts code-server and sets:
//   NODE_PATH   node_modules holding playwright-core
//   CS_URL      code-server address (http://127.0.0.1:PORT)
//   WS          workspace folder; PLAN is WS-relative (execplans/add-oauth-login.md)
//   PLANLS      the server binary (only to read its advertised capabilities)
//   SCREENSHOT_DIR  where screenshots go (default /tmp)
//   CHROMIUM    browser binary (default /usr/bin/chromium)
//   EDITOR_TEST_DEBUG=1  a screenshot after each step; EDITOR_TEST_KEYS=1  trace key bindings
//   MODE=missing  no planls anywhere: the extension must say so in one
//                 notification, and not again when the server is restarted;
//                 EXT_LOG is the extension's log file (run.sh finds it)
// Prints one line per check and exits 1 when any failed.
'use strict';
const { chromium } = require('playwright-core');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const CS_URL = process.env.CS_URL || 'http://127.0.0.1:8080';
const WS = process.env.WS;
const PLAN = process.env.PLAN || 'execplans/add-oauth-login.md';
const PLANLS = process.env.PLANLS;
const SHOT_DIR = process.env.SCREENSHOT_DIR || '/tmp';
const TIMEOUT = Number(process.env.EDITOR_TEST_TIMEOUT_MS || 30000);
const MESSAGE = "Missing section '## Decision Log'";
const QUICKFIX = "Add missing section 'Decision Log'";

const t0 = Date.now();
async function debugShot(page, name) {   // EDITOR_TEST_DEBUG=1: a screenshot after each step
  if (process.env.EDITOR_TEST_DEBUG === '1') await page.screenshot({ path: path.join(SHOT_DIR, `planls-vscode-${name}.png`) });
}
const say = (s) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${s}`);
let failed = false;
function check(ok, what) {
  say(`${ok ? 'PASS' : 'FAIL'} ${what}`);
  if (!ok) failed = true;
  return ok;
}
class Stop extends Error {}
function must(ok, what) {
  if (!check(ok, what)) throw new Stop(what);
}
async function attempt(promise) {
  try { await promise; return true; } catch (e) { say(`  (${e.message.split('\n')[0]})`); return false; }
}

// The server's advertised capabilities, asked directly over stdio.
function serverCapabilities(bin) {
  return new Promise((resolve) => {
    const p = spawn(bin, [], { stdio: ['pipe', 'pipe', 'ignore'] });
    let buf = Buffer.alloc(0);
    const timer = setTimeout(() => { p.kill(); resolve({}); }, 10000);
    const send = (o) => {
      const b = Buffer.from(JSON.stringify(o));
      p.stdin.write(`Content-Length: ${b.length}\r\n\r\n`);
      p.stdin.write(b);
    };
    p.on('error', () => { clearTimeout(timer); resolve({}); });
    p.on('exit', () => { clearTimeout(timer); resolve({}); });
    p.stdout.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      const sep = buf.indexOf('\r\n\r\n');
      if (sep < 0) return;
      const m = /content-length:\s*(\d+)/i.exec(buf.subarray(0, sep).toString());
      const len = m ? Number(m[1]) : 0;
      if (buf.length < sep + 4 + len) return;
      const msg = JSON.parse(buf.subarray(sep + 4, sep + 4 + len).toString());
      clearTimeout(timer);
      send({ jsonrpc: '2.0', id: 2, method: 'shutdown' });
      send({ jsonrpc: '2.0', method: 'exit' });
      p.stdin.end();
      resolve((msg.result && msg.result.capabilities) || {});
    });
    p.stdin.on('error', () => {});
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
  });
}

const editorLines = (page) => page.locator('.monaco-editor .view-lines').first();
const problemRow = (page) => page.locator('.markers-panel .monaco-list-row', { hasText: 'Missing section' }).first();

// 1-based line number of the first line of the plan, as it was before the test
// touched it, starting with prefix. Every step puts the text back as it found it;
// the file on disk is no guide (code-server may save the buffer mid-step).
let originalLines = [];
function lineOf(prefix) {
  return originalLines.findIndex((l) => l.startsWith(prefix)) + 1;
}

// Puts the caret at the start of line n, and returns once the workbench is
// ready for the next keys: the "Go to Line" quick pick has closed and the
// status bar shows the line. The quick pick's context keys (inQuickInput) are
// cleared on a timer after it closes, and Chromium runs input before timers:
// keys sent too early go to the quick pick's bindings (Ctrl+Space toggled its
// hover instead of opening suggestions; that was the "flaky" completion probe).
async function gotoLine(page, n) {
  await editorLines(page).click();
  await page.keyboard.press('Control+g');
  const widget = page.locator('.quick-input-widget');
  await widget.locator('input').first().waitFor({ timeout: TIMEOUT });
  await page.keyboard.press('Control+a');
  await page.keyboard.type(`:${n}`);
  await page.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden', timeout: TIMEOUT });
  await page.keyboard.press('Home');
  await page.keyboard.press('Home');   // twice: first goes to the first non-blank
  await page.locator('.statusbar-item', { hasText: `Ln ${n}, Col 1` }).first().waitFor({ timeout: TIMEOUT });
}

// Step guarded on the capability while planls lacks it (remove the guard once it has it).
async function completionStep(page, caps) {
  if (!caps.completionProvider) {
    say('SKIP completion: server lacks completionProvider');
    return;
  }
  // The probe goes on the blank line above "## Outcomes": however the keys
  // land (a busy workbench can drop an arrow key), it never edits a heading.
  await gotoLine(page, lineOf('## Outcomes') - 1);
  await page.keyboard.press('Enter');
  await page.keyboard.type('## ');
  await page.keyboard.press('Control+Space');
  const item = page.locator('.editor-widget.suggest-widget .monaco-list-row', { hasText: 'Decision Log' }).first();
  const ok = await attempt(item.waitFor({ timeout: TIMEOUT }));
  check(ok, `completion after "## " offers Decision Log${ok ? ` (${await item.getAttribute('aria-label')})` : ''}`);
  await debugShot(page, 'completion');
  // Remove the probe line: close the list (and wait until it is gone, or the keys
  // below would move in the list), select the line with its newline, delete.
  const widget = page.locator('.editor-widget.suggest-widget.visible');
  for (let i = 0; i < 3 && await widget.count() > 0; i++) {
    await page.keyboard.press('Escape');
    await attempt(widget.waitFor({ state: 'detached', timeout: 2000 }));
  }
  await page.keyboard.press('Home');
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Delete');
  // The plan is back as it was: its only missing section is still Decision Log.
  const missing = page.locator('.markers-panel .monaco-list-row', { hasText: 'Missing section' });
  const back = await attempt(page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('.markers-panel .monaco-list-row')]
      .filter((r) => r.innerText.includes('Missing section'));
    return rows.length === 1 && rows[0].innerText.includes("'## Decision Log'");
  }, null, { timeout: TIMEOUT }));
  check(back, `plan restored after the completion probe (${JSON.stringify(await missing.allInnerTexts())})`);
}

// Step guarded on the capability while planls lacks it (remove the guard once it has it).
async function codeActionStep(page, caps) {
  if (!caps.codeActionProvider) {
    say('SKIP code action: server lacks codeActionProvider');
    return;
  }
  await gotoLine(page, 1);
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');   // inside the title's diagnostic
  await page.keyboard.press('Control+.');
  // Items only (the list also has group headers such as "Quick Fix").
  const rows = page.locator('.action-widget .monaco-list-row.action');
  const offered = await attempt(rows.first().waitFor({ timeout: TIMEOUT }));
  const titles = offered ? await rows.allInnerTexts() : [];
  const index = titles.findIndex((t) => t.includes(QUICKFIX));
  if (!check(index >= 0, `quick fix offered: ${JSON.stringify(titles)}`)) {
    await page.keyboard.press('Escape');
    return;
  }
  // Clicking a row races the widget's re-render; move the focus and press Enter.
  await page.keyboard.press('Home');
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  const focused = page.locator('.action-widget .monaco-list-row.action.focused').first();
  const focusedText = (await attempt(focused.waitFor({ timeout: TIMEOUT }))) ? await focused.innerText() : '';
  if (!check(focusedText.includes(QUICKFIX), `quick fix focused (${JSON.stringify(focusedText)})`)) {
    await page.keyboard.press('Escape');
    return;
  }
  await page.keyboard.press('Enter');
  check(await attempt(problemRow(page).waitFor({ state: 'detached', timeout: TIMEOUT })),
    'problem gone after the quick fix');
  await editorLines(page).click();
  await page.keyboard.press('Control+z');
  check(await attempt(problemRow(page).waitFor({ timeout: TIMEOUT })), 'problem back after undoing the quick fix');
}

// EDITOR_TEST_KEYS=1: print which command each key press resolved to (VS Code's
// "Toggle Keyboard Shortcuts Troubleshooting"), the way to see a key that landed
// somewhere else than the editor.
async function traceKeybindings(page) {
  page.on('console', (m) => {
    if (/KeybindingService\]: [|+] (Resolving|Invoking)/.test(m.text())) say(m.text().replace(/^.*\]: /, 'key: '));
  });
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').first().waitFor({ timeout: TIMEOUT });
  await page.keyboard.type('Toggle Keyboard Shortcuts Troubleshooting');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Keyboard Shortcuts Troubleshooting' }).first()
    .waitFor({ timeout: TIMEOUT });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: TIMEOUT });
}

async function main(page, caps) {
  await page.goto(`${CS_URL}/?folder=${encodeURIComponent(WS)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  say('workbench loaded');
  if (process.env.EDITOR_TEST_KEYS === '1') await traceKeybindings(page);

  // Open the plan from the Explorer: the folder, then the file.
  const [dir, file] = PLAN.split('/');
  const folder = page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${dir}"]`).first();
  await folder.waitFor({ timeout: 60000 });
  await folder.click();
  const item = page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${file}"]`).first();
  await item.waitFor({ timeout: TIMEOUT });
  await item.click();
  must(await attempt(page.waitForSelector(`.tabs-container .tab[aria-label^="${file}"]`, { timeout: TIMEOUT })),
    `editor open on ${PLAN}`);

  must(await attempt(page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 60000 })),
    'warning squiggle in the editor');
  await editorLines(page).click();
  await page.keyboard.press('Control+Shift+M');
  const row = problemRow(page);
  const shown = await attempt(row.waitFor({ timeout: TIMEOUT }));
  const text = shown ? await row.innerText() : '';
  const label = shown ? (await row.getAttribute('aria-label')) || '' : '';
  must(shown && text.includes(MESSAGE), `Problems panel shows ${JSON.stringify(text.replace(/\n/g, ' '))}`);
  check(/missing-section/.test(text + label) && /planls/.test(text + label) && /\b1\b/.test(label),
    `problem is planls's missing-section on line 1 (${JSON.stringify(label)})`);
  const shot = path.join(SHOT_DIR, 'planls-vscode-problems.png');
  await page.screenshot({ path: shot });
  say(`screenshot ${shot}`);

  await completionStep(page, caps);
  await debugShot(page, 'after-completion');
  await codeActionStep(page, caps);
  await debugShot(page, 'after-code-action');

  // Fix the plan by hand: type the heading at the start of the Outcomes line and
  // break the line twice (run.sh turns off suggestions on trigger characters, so
  // Enter cannot accept a completion here).
  await gotoLine(page, lineOf('## Outcomes'));
  await page.keyboard.type('## Decision Log');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await debugShot(page, 'typed');
  check(await attempt(row.waitFor({ state: 'detached', timeout: TIMEOUT })),
    'problem gone after typing "## Decision Log"');
  if (process.env.EDITOR_TEST_DEBUG === '1') {
    await page.keyboard.press('Control+s');
    await page.waitForTimeout(1500);
    say('saved text:\n' + fs.readFileSync(path.join(WS, PLAN), 'utf8').split('\n').slice(18, 30).join('\n'));
  }
  const fixed = path.join(SHOT_DIR, 'planls-vscode-fixed.png');
  await page.screenshot({ path: fixed });
  say(`screenshot ${fixed}`);
}

// Lines of the extension's log (the planls output channel) that say no binary was found.
function missingLogLines() {
  const dir = process.env.LOG_DIR;
  let n = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'planls.log') n += fs.readFileSync(p, 'utf8').split('\n').filter((l) => l.includes('planls not found')).length;
    }
  };
  if (dir && fs.existsSync(dir)) walk(dir);
  return n;
}

async function waitFor(pred, what) {
  const deadline = Date.now() + TIMEOUT;
  while (Date.now() < deadline) {
    if (pred()) return true;
    await new Promise((r) => setTimeout(r, 100));   // polling a file the extension writes
  }
  say(`  (timed out waiting for ${what})`);
  return false;
}

async function waitForAsync(pred, what) {
  const deadline = Date.now() + TIMEOUT;
  while (Date.now() < deadline) {
    if (await pred()) return true;
    await new Promise((r) => setTimeout(r, 200));   // polling the page's frames
  }
  say(`  (timed out waiting for ${what})`);
  return false;
}

async function mainMissing(page) {
  await page.goto(`${CS_URL}/?folder=${encodeURIComponent(WS)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  say('workbench loaded');
  const [dir, file] = PLAN.split('/');
  const folder = page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${dir}"]`).first();
  await folder.waitFor({ timeout: 60000 });
  await folder.click();
  await page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${file}"]`).first().click();
  const toast = page.locator('.notification-toast', { hasText: 'cannot find the planls binary' });
  must(await attempt(toast.first().waitFor({ timeout: 60000 })), 'a notification says planls cannot be found');
  const text = await toast.first().innerText();
  check(/planls\.path is not set/.test(text) && /not on PATH|no 'planls' on PATH/.test(text),
    `it says where it looked (${JSON.stringify(text.replace(/\n/g, ' '))})`);
  check(/How to Install/.test(text), 'it offers How to Install');
  // Restart the server: the extension looks again (a second log line) but says nothing new.
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').first().waitFor({ timeout: TIMEOUT });
  await page.keyboard.type('planls: Restart Server');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Restart Server' }).first().waitFor({ timeout: TIMEOUT });
  await page.keyboard.press('Enter');
  check(await waitFor(() => missingLogLines() >= 2, 'the second look'), 'restarting looked for planls again');
  check(await toast.count() === 1, `one notification, not one per attempt (${await toast.count()})`);
  await toast.first().locator('a.monaco-button', { hasText: 'How to Install' }).first().click();
  // The preview is a webview: its text is in a nested frame.
  const shown = await waitForAsync(async () => {
    for (const f of page.frames()) {
      const t = await f.evaluate(() => document.body ? document.body.innerText : '').catch(() => '');
      if (t.includes('planls-linux-x64.vsix') && t.includes('Install')) return true;
    }
    return false;
  }, 'the README preview');
  check(shown, 'How to Install shows the README\'s install section');
  const shot = path.join(SHOT_DIR, 'planls-vscode-missing.png');
  await page.screenshot({ path: shot });
  say(`screenshot ${shot}`);
}

(async () => {
  if (!WS || !PLANLS) { console.error('set WS and PLANLS'); process.exit(2); }
  if (process.env.MODE === 'missing') {
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await mainMissing(page);
    } catch (e) {
      if (!(e instanceof Stop)) check(false, `error: ${e.message.split('\n')[0]}`);
      await page.screenshot({ path: path.join(SHOT_DIR, 'planls-vscode-failure.png') }).catch(() => {});
    } finally {
      await browser.close();
    }
    say(failed ? 'vscode test: FAILED' : 'vscode test: all checks passed');
    process.exit(failed ? 1 : 0);
  }
  originalLines = fs.readFileSync(path.join(WS, PLAN), 'utf8').split('\n');
  const caps = await serverCapabilities(PLANLS);
  say(`server capabilities: ${Object.keys(caps).join(', ') || '(none: server did not answer)'}`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => say(`pageerror: ${e.message}`));
  try {
    await main(page, caps);
  } catch (e) {
    if (!(e instanceof Stop)) check(false, `error: ${e.message.split('\n')[0]}`);
    const shot = path.join(SHOT_DIR, 'planls-vscode-failure.png');
    await page.screenshot({ path: shot }).catch(() => {});
    say(`failure screenshot ${shot}`);
  } finally {
    await browser.close();
  }
  say(failed ? 'vscode test: FAILED' : 'vscode test: all checks passed');
  process.exit(failed ? 1 : 0);
})();
