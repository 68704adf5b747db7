-- planls for Neovim 0.11+: picked up by vim.lsp.config from 'runtimepath'.
--
--   vim.opt.runtimepath:append('/path/to/planls/editors/nvim')
--   vim.lsp.enable('planls')
--
-- Override any field with vim.lsp.config('planls', { cmd = { '/abs/planls' } }).
-- `init_options` is sent as initializationOptions. planls decides by itself which
-- Markdown files are plans and publishes nothing for the others.
return {
  cmd = { 'planls' },
  filetypes = { 'markdown' },
  root_markers = { '.git' },
  init_options = vim.empty_dict(),
}
