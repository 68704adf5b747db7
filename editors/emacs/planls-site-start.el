;;; planls-site-start.el --- Load planls's autoloads at Emacs startup  -*- lexical-binding: t -*-
;; Installed into Debian's /etc/emacs/site-start.d (as 50planls.el), which
;; every Emacs loads at startup; a missing planls (package removed but this
;; file kept as configuration) is ignored.
(require 'planls-autoloads nil t)
