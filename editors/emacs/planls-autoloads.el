;;; planls-autoloads.el --- Register planls with eglot when eglot loads  -*- lexical-binding: t -*-

;; SPDX-License-Identifier: MIT

;;; Commentary:

;; Installed next to planls.el (site-lisp) and loaded at startup by the
;; site-start snippet (planls-site-start.el): once eglot is loaded, planls.el
;; puts planls first in `eglot-server-programs' for Markdown modes, so
;; `eglot-ensure' in a plan's buffer starts planls with no further setup.
;; Startup stays cheap: nothing is loaded before eglot is.

;;; Code:

;;;###autoload
(with-eval-after-load 'eglot
  (require 'planls nil t))

(autoload 'planls-eglot-ensure "planls"
  "Start planls for the current buffer (for mode hooks), as `eglot-ensure' does." nil)
(autoload 'planls-eglot-ensure-if-markdown-file "planls"
  "For `find-file-hook': start planls in a `.md' buffer." nil)

(provide 'planls-autoloads)
;;; planls-autoloads.el ends here
