-- planls for Neovim 0.7 to 0.10 (on 0.11+ prefer lsp/planls.lua + vim.lsp.enable).
--
--   require('planls').setup({ cmd = { '/abs/path/planls' }, init_options = {} })
--
-- Starts one planls client and attaches it to every markdown buffer (FileType
-- markdown); other buffers are left alone.
local M = {}

M.defaults = {
  name = 'planls',
  cmd = { 'planls' },
  filetypes = { 'markdown' },
  root_markers = { '.git' },
  init_options = nil,
}

local client_id

local function root_dir(bufnr, markers)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local dir = name ~= '' and vim.fn.fnamemodify(name, ':p:h') or vim.fn.getcwd()
  for _, m in ipairs(markers) do
    local f = vim.fn.finddir(m, dir .. ';')
    if f == '' then f = vim.fn.findfile(m, dir .. ';') end
    if f ~= '' then
      local abs = vim.fn.fnamemodify(f, ':p'):gsub('/$', '')
      return vim.fn.fnamemodify(abs, ':h')
    end
  end
  return dir
end

--- Id of the running planls client, if any.
function M.client_id()
  return client_id
end

--- Attach planls to buffer `bufnr`, starting the client on first use.
function M.attach(bufnr, opts)
  opts = opts or M.opts or M.defaults
  if client_id and not vim.lsp.get_client_by_id(client_id) then client_id = nil end
  if not client_id then
    local rd = root_dir(bufnr, opts.root_markers or {})
    client_id = vim.lsp.start_client({
      name = opts.name or 'planls',
      cmd = opts.cmd,
      root_dir = rd,
      init_options = opts.init_options,
      on_attach = opts.on_attach,
      capabilities = opts.capabilities,
    })
    if not client_id then
      vim.notify('planls: could not start ' .. table.concat(opts.cmd, ' '), vim.log.levels.ERROR)
      return nil
    end
  end
  vim.lsp.buf_attach_client(bufnr, client_id)
  return client_id
end

--- Attach planls to every loaded buffer of its filetypes.
local function attach_open_buffers()
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) and vim.tbl_contains(M.opts.filetypes, vim.bo[b].filetype) then
      M.attach(b)
    end
  end
end

--- Stop the client and attach a fresh one to every markdown buffer.
function M.restart()
  if client_id then vim.lsp.stop_client(client_id, true) end
  client_id = nil
  attach_open_buffers()
end

function M.setup(opts)
  M.opts = vim.tbl_extend('force', M.defaults, opts or {})
  local group = vim.api.nvim_create_augroup('planls', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.opts.filetypes,
    callback = function(args) M.attach(args.buf) end,
  })
  vim.api.nvim_create_user_command('PlanlsRestart', M.restart, { desc = 'Restart planls' })
  attach_open_buffers() -- buffers already open when setup() runs
end

return M
