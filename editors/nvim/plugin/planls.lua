-- Loaded automatically when editors/nvim is on 'runtimepath'.
-- Neovim 0.11+: does nothing; enable lsp/planls.lua with vim.lsp.enable('planls').
-- Neovim 0.7-0.10: attaches planls to markdown buffers, configured by
--   vim.g.planls = { cmd = { '/abs/planls' }, init_options = { ... } }
-- set before the plugin loads; vim.g.planls = false turns this off (then call
-- require('planls').setup{...} yourself).
if vim.g.loaded_planls then return end
vim.g.loaded_planls = true
if vim.fn.has('nvim-0.11') == 1 or vim.g.planls == false then return end
require('planls').setup(type(vim.g.planls) == 'table' and vim.g.planls or {})
