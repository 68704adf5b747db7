-- Headless Neovim end-to-end test of editors/nvim against a planls binary.
--
--   PLANLS=/abs/planls REPO=/abs/repo nvim --headless -u NONE -i NONE -n \
--     -c 'luafile tests/editors/nvim_test.lua'
--
-- Works on Neovim 0.7 (plugin/planls.lua: start_client + buf_attach_client) and on
-- 0.11+ (lsp/planls.lua: vim.lsp.config + vim.lsp.enable). Prints one line per
-- check (PASS / FAIL / SKIP) and exits non-zero (:cquit) when any check failed.
--
-- With PLANLS_TEST_INSTALLED=1 (run with --clean instead of -u NONE, so the
-- system's site folder and its plugins load) it uses only what a package
-- installed: the runtime files from 'runtimepath' and `planls` from PATH; the
-- one line of configuration is vim.lsp.enable('planls') on 0.11+.
local PLANLS = assert(os.getenv('PLANLS'), 'set PLANLS to the planls binary')
local REPO = assert(os.getenv('REPO'), 'set REPO to the repository root')
local TIMEOUT = tonumber(os.getenv('EDITOR_TEST_TIMEOUT_MS') or '15000')
local INSTALLED = os.getenv('PLANLS_TEST_INSTALLED') == '1'
local FIXTURE = REPO .. '/tests/editors/plan-missing-decision-log.md'
local MESSAGE = "Missing section '## Decision Log'"
local QUICKFIX = "Add missing section 'Decision Log'"

local failed = false
local function say(s) io.stdout:write(s .. '\n') end
local function check(cond, what)
  say((cond and 'PASS ' or 'FAIL ') .. what)
  if not cond then failed = true end
  return cond
end

local get_clients = vim.lsp.get_clients or vim.lsp.get_active_clients

local function buf_clients(bufnr)
  if vim.lsp.get_clients then return vim.lsp.get_clients({ bufnr = bufnr }) end
  return vim.tbl_values(vim.lsp.buf_get_clients(bufnr))
end

local function diag_code(d)
  if d.code ~= nil then return d.code end
  local lsp = d.user_data and d.user_data.lsp
  return lsp and lsp.code
end

-- The missing-section diagnostic for Decision Log, if the buffer has it.
local function decision_log_diag(bufnr)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if diag_code(d) == 'missing-section' and d.message == MESSAGE then return d end
  end
end

local function wait_for(pred) return vim.wait(TIMEOUT, pred, 20) end

local function lines(bufnr) return vim.api.nvim_buf_get_lines(bufnr, 0, -1, false) end

local function line_index(bufnr, prefix)   -- 0-based index of the first line starting with prefix
  for i, l in ipairs(lines(bufnr)) do
    if l:sub(1, #prefix) == prefix then return i - 1 end
  end
end

local function to_lsp_diagnostics(bufnr, diags)
  if vim.lsp.diagnostic.from then return vim.lsp.diagnostic.from(diags) end
  local out = {}
  for _, d in ipairs(diags) do
    table.insert(out, (d.user_data and d.user_data.lsp) or {
      range = { start = { line = d.lnum, character = d.col },
                ['end'] = { line = d.end_lnum, character = d.end_col } },
      severity = d.severity, message = d.message, code = diag_code(d), source = d.source })
  end
  return out
end

-- Step guarded on the capability while planls lacks it (remove the guard once it has it).
local function completion_step(bufnr, client)
  if not client.server_capabilities.completionProvider then
    say('SKIP completion: server lacks completionProvider')
    return
  end
  local at = line_index(bufnr, '## Outcomes')
  vim.api.nvim_buf_set_lines(bufnr, at, at, false, { '## ' })
  local res = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = at, character = 3 },
    context = { triggerKind = 1 },
  }, TIMEOUT)
  local labels = {}
  for _, r in pairs(res or {}) do
    local items = r.result and (r.result.items or r.result) or {}
    for _, it in ipairs(items) do table.insert(labels, it.label) end
  end
  local found = false
  for _, l in ipairs(labels) do
    if l:find('Decision Log', 1, true) then found = true end
  end
  check(found, 'completion after "## " offers Decision Log (items: ' .. table.concat(labels, ', ') .. ')')
  vim.api.nvim_buf_set_lines(bufnr, at, at + 1, false, {})
end

-- Step guarded on the capability while planls lacks it (remove the guard once it has it).
local function code_action_step(bufnr, client)
  if not client.server_capabilities.codeActionProvider then
    say('SKIP code action: server lacks codeActionProvider')
    return
  end
  local original = lines(bufnr)
  local d = decision_log_diag(bufnr)
  -- As vim.lsp.buf.code_action() asks, with the cursor where a user leaves it
  -- (column 0 of the title; the diagnostic starts at column 2): the cursor's
  -- position as the range, every diagnostic of its line as the context.
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, 0 })
  local params = vim.lsp.util.make_range_params(0, client.offset_encoding or 'utf-16')
  params.context = { diagnostics = to_lsp_diagnostics(bufnr, vim.diagnostic.get(bufnr, { lnum = d.lnum })),
                     only = { 'quickfix' } }
  check(params.range.start.character == 0, 'code action asked at column 0 (got ' .. params.range.start.character .. ')')
  local res = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, TIMEOUT)
  local action, titles = nil, {}
  for _, r in pairs(res or {}) do
    for _, a in ipairs(r.result or {}) do
      table.insert(titles, a.title)
      if a.title == QUICKFIX then action = a end
    end
  end
  if not check(action ~= nil, 'quick fix offered: ' .. table.concat(titles, ' | ')) then return end
  if not action.edit and action.data then
    -- Neovim declares resolveSupport for "edit": resolve as its own code_action() does.
    local resolved = client.request_sync('codeAction/resolve', action, TIMEOUT, bufnr)
    check(resolved and resolved.result and resolved.result.edit ~= nil, 'codeAction/resolve gave the edit')
    if resolved and resolved.result then action = resolved.result end
  end
  if action.edit then
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')
  end
  if action.command then
    local cmd = type(action.command) == 'table' and action.command or action
    client.request('workspace/executeCommand', { command = cmd.command, arguments = cmd.arguments }, nil, bufnr)
  end
  check(line_index(bufnr, '## Decision Log') ~= nil, 'quick fix inserted "## Decision Log"')
  check(wait_for(function() return decision_log_diag(bufnr) == nil end),
        'missing-section diagnostic gone after the quick fix')
  vim.api.nvim_buf_set_lines(bufnr, 0, -1, false, original)
  check(wait_for(function() return decision_log_diag(bufnr) ~= nil end),
        'diagnostic back after undoing the quick fix')
end

local function main()
  local v = vim.version()
  say(string.format('nvim %d.%d.%d, server %s', v.major, v.minor, v.patch, PLANLS))
  vim.cmd('filetype on')   -- -u NONE leaves filetype detection off on 0.7

  if INSTALLED then
    local found = vim.api.nvim_get_runtime_file('lsp/planls.lua', false)[1]
    check(found ~= nil and not found:find(REPO, 1, true),
          'lsp/planls.lua found on runtimepath outside the repository (' .. tostring(found) .. ')')
    check(vim.fn.exepath('planls') == PLANLS, 'planls on PATH is ' .. vim.fn.exepath('planls'))
    if vim.lsp.enable then
      vim.lsp.enable('planls')
      say('installed files: vim.lsp.enable only')
    else
      check(vim.g.loaded_planls == true, 'the installed plugin/planls.lua loaded by itself')
      say('installed files: plugin/planls.lua, no configuration')
    end
  elseif vim.lsp.config and vim.lsp.enable then
    vim.opt.runtimepath:prepend(REPO .. '/editors/nvim')
    vim.lsp.config('planls', { cmd = { PLANLS } })
    vim.lsp.enable('planls')
    say('using lsp/planls.lua (vim.lsp.config/vim.lsp.enable)')
  else
    vim.opt.runtimepath:prepend(REPO .. '/editors/nvim')
    vim.g.planls = { cmd = { PLANLS } }
    vim.cmd('runtime! plugin/planls.lua')
    say('using plugin/planls.lua (vim.lsp.start_client + buf_attach_client)')
  end

  local ws = vim.fn.tempname()
  vim.fn.mkdir(ws .. '/execplans', 'p')
  local plan = ws .. '/execplans/add-oauth-login.md'
  vim.fn.writefile(vim.fn.readfile(FIXTURE), plan)
  vim.fn.writefile({ 'just notes' }, ws .. '/notes.txt')

  -- A non-Markdown buffer gets no client.
  vim.cmd('edit ' .. vim.fn.fnameescape(ws .. '/notes.txt'))
  local txt = vim.api.nvim_get_current_buf()

  vim.cmd('edit ' .. vim.fn.fnameescape(plan))
  local bufnr = vim.api.nvim_get_current_buf()
  check(vim.bo[bufnr].filetype == 'markdown', 'filetype of the plan is ' .. vim.bo[bufnr].filetype)
  check(wait_for(function() return #buf_clients(bufnr) > 0 end), 'planls attached to the plan buffer')
  check(#buf_clients(txt) == 0, 'no client attached to notes.txt')
  local client = buf_clients(bufnr)[1]
  if not client then return end

  local ok = wait_for(function() return decision_log_diag(bufnr) ~= nil end)
  local d = decision_log_diag(bufnr)
  local all = {}
  for _, x in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(all, string.format('%d:%d %s [%s]', x.lnum + 1, x.col + 1, x.message, tostring(diag_code(x))))
  end
  if not check(ok, 'missing-section diagnostic published (got: ' .. table.concat(all, '; ') .. ')') then return end
  check(d.lnum == 0 and d.col == 2, string.format('diagnostic on the title, line 1 column 3 (got %d:%d)', d.lnum + 1, d.col + 1))
  check(d.source == 'planls', 'diagnostic source is planls (got ' .. tostring(d.source) .. ')')

  completion_step(bufnr, client)
  code_action_step(bufnr, client)

  -- Fix the plan by hand: add the heading before Outcomes.
  local at = line_index(bufnr, '## Outcomes')
  vim.api.nvim_buf_set_lines(bufnr, at, at, false, { '## Decision Log', '' })
  check(wait_for(function() return decision_log_diag(bufnr) == nil end),
        'missing-section diagnostic gone after adding "## Decision Log"')
  -- Not gone because the server died: removing the heading brings it back.
  vim.api.nvim_buf_set_lines(bufnr, at, at + 2, false, {})
  check(wait_for(function() return decision_log_diag(bufnr) ~= nil end),
        'diagnostic back after removing the heading again')
end

local ok, err = pcall(main)
if not ok then check(false, 'lua error: ' .. tostring(err)) end
for _, c in ipairs(get_clients()) do c.stop() end
vim.wait(2000, function() return #get_clients() == 0 end, 20)
say(failed and 'nvim test: FAILED' or 'nvim test: all checks passed')
vim.cmd(failed and 'cquit 1' or 'qall!')
