// sdk_client.js: the official MCP TypeScript SDK's Client, over its stdio
// transport, drives `planls mcp` in a throwaway repository: the SDK's own
// initialize handshake and version check, tools/list, every tool, and the
// errors an agent meets. Run by tests/mcp/run.sh (PLANLS, MCP_SDK_DIR).
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createRequire } = require('node:module');

const sdk = createRequire(path.join(process.env.MCP_SDK_DIR, 'package.json'));
const { Client } = sdk('@modelcontextprotocol/sdk/client/index.js');
const { StdioClientTransport } = sdk('@modelcontextprotocol/sdk/client/stdio.js');
const { McpError } = sdk('@modelcontextprotocol/sdk/types.js');

const NOW = '[2026-11-25 17:03 UTC]';
const PLAN = 'collab/execplans/index.md';
const PLAN_TEXT = `# Rebuild the index

This ExecPlan is a living document. The sections \`Progress\`, \`Surprises & Discoveries\`, \`Decision Log\`, and \`Outcomes & Retrospective\` must be kept up to date as work proceeds.

## Purpose / Big Picture

Searches answer in under a second.

## To-do

- [ ] measure the old index
- [ ] write the new one

## Progress

- [2026-11-24 09:00 UTC] Read the old code.

## Decision Log

- [2026-11-24 09:30 UTC] Keep the file format.
  - Rationale: readers depend on it.

## Outcomes & Retrospective

Not yet.
`;

function repo() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planls-mcp-sdk-'));
  fs.mkdirSync(path.join(dir, '.git'));
  fs.mkdirSync(path.join(dir, 'collab/execplans'), { recursive: true });
  fs.writeFileSync(path.join(dir, PLAN), PLAN_TEXT);
  fs.writeFileSync(path.join(dir, 'README.md'), '# Readme\n');
  return dir;
}

function structured(result) {
  assert.notEqual(result.isError, true, JSON.stringify(result));
  assert.deepEqual(JSON.parse(result.content[0].text), result.structuredContent);
  return result.structuredContent;
}

async function main() {
  const dir = repo();
  const transport = new StdioClientTransport({
    command: process.env.PLANLS,
    args: ['mcp'],
    cwd: dir,
    env: { ...process.env, PLANLS_NOW: '2026-11-25T17:03Z' },
    stderr: 'inherit',
  });
  const client = new Client({ name: 'planls-sdk-test', version: '1.0.0' });
  const checks = [];
  const check = async (name, fn) => {
    try {
      await fn();
      checks.push(name);
      console.log(`ok ${name}`);
    } catch (e) {
      console.log(`FAILED ${name}: ${e.stack || e}`);
      process.exitCode = 1;
    }
  };
  // connect() runs initialize, checks the version the server answered
  // against the SDK's supported list and sends notifications/initialized.
  await client.connect(transport);
  await check('handshake', async () => {
    assert.equal(client.getServerVersion().name, 'planls');
    assert.ok(client.getServerCapabilities().tools);
    assert.ok(client.getInstructions().includes('add_entry'));
    await client.ping();
  });
  await check('tools/list', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(),
      ['add_entry', 'check_plan', 'list_plans', 'mark_done', 'new_plan', 'plan_status']);
    for (const t of tools) assert.equal(t.inputSchema.type, 'object');
  });
  await check('check_plan', async () => {
    const r = structured(await client.callTool({ name: 'check_plan', arguments: { path: PLAN } }));
    assert.equal(r.files[0].path, PLAN);
    const codes = r.files[0].diagnostics.map((d) => d.code);
    assert.ok(codes.includes('missing-section'), codes.join(' '));
  });
  await check('list_plans', async () => {
    const r = structured(await client.callTool({ name: 'list_plans', arguments: {} }));
    assert.deepEqual(r.plans, [{ path: PLAN, title: 'Rebuild the index' }]);
  });
  await check('add_entry', async () => {
    const r = structured(await client.callTool({
      name: 'add_entry',
      arguments: { path: PLAN, section: 'progress', text: 'Measured: 2.4 s per query.' },
    }));
    const line = `- ${NOW} Measured: 2.4 s per query.`;
    assert.equal(r.text, line);
    const lines = fs.readFileSync(path.join(dir, PLAN), 'utf8').split('\n');
    assert.equal(lines[r.line - 1], line);
    assert.equal(lines[r.line - 2], '- [2026-11-24 09:00 UTC] Read the old code.');
  });
  await check('mark_done', async () => {
    const r = structured(await client.callTool({ name: 'mark_done', arguments: { path: PLAN, item: 'measure' } }));
    assert.equal(r.text, '- [x] measure the old index');
    assert.equal(r.progress.text, `- ${NOW} Done: measure the old index`);
  });
  await check('plan_status', async () => {
    const r = structured(await client.callTool({ name: 'plan_status', arguments: { path: PLAN } }));
    assert.equal(r.title, 'Rebuild the index');
    assert.deepEqual(r.todos, { done: 1, total: 2 });
    assert.equal(r.newestEntry.stamp, NOW);
    assert.ok(r.sections.missing.includes('Surprises & Discoveries'));
  });
  await check('new_plan', async () => {
    const r = structured(await client.callTool({ name: 'new_plan', arguments: { title: 'Cache the results' } }));
    assert.equal(r.path, 'collab/execplans/cache-the-results.md');
    assert.ok(fs.readFileSync(path.join(dir, r.path), 'utf8').startsWith('# Cache the results\n'));
  });
  await check('a path outside is a tool error', async () => {
    const r = await client.callTool({ name: 'check_plan', arguments: { path: '/etc/passwd' } });
    assert.equal(r.isError, true);
    assert.match(r.content[0].text, /outside the repository/);
  });
  await check('an unknown tool is a protocol error', async () => {
    await assert.rejects(client.callTool({ name: 'rm_rf', arguments: {} }),
      (e) => e instanceof McpError && e.code === -32602 && /unknown tool/.test(e.message));
  });
  await client.close();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`${checks.length} checks passed`);
}

main().catch((e) => {
  console.log(`FAILED: ${e.stack || e}`);
  process.exit(1);
});
