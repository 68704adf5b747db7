;;; planls.el --- Use planls (ExecPlan language server) through eglot  -*- lexical-binding: t -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1") (eglot "1.9"))
;; Keywords: languages, tools
;; SPDX-License-Identifier: MIT

;;; Commentary:

;; Registers planls with eglot for Markdown buffers: `markdown-mode' and
;; `gfm-mode' when markdown-mode is installed and, when it is not, `.md' files
;; opened in `text-mode' or `fundamental-mode' (they are switched to
;; `planls-markdown-fallback-mode', a plain text mode that eglot can tell apart
;; from other text buffers).  planls itself decides which Markdown files are
;; plans and publishes nothing for the others, so it is safe on every Markdown
;; buffer.
;;
;; Diagnostics show through flymake, as for any eglot server.
;;
;;   (use-package planls
;;     :load-path "/path/to/planls/editors/emacs"
;;     :after eglot
;;     :custom (planls-program "/usr/local/bin/planls")
;;     :hook ((markdown-mode gfm-mode) . planls-eglot-ensure)
;;     :init (add-hook 'find-file-hook #'planls-eglot-ensure-if-markdown-file))
;;
;; Without use-package:
;;
;;   (add-to-list 'load-path "/path/to/planls/editors/emacs")
;;   (require 'planls)
;;   (add-hook 'markdown-mode-hook #'planls-eglot-ensure)
;;   (add-hook 'find-file-hook #'planls-eglot-ensure-if-markdown-file)

;;; Code:

(require 'cl-lib)
(require 'eglot)

(defgroup planls nil
  "ExecPlan language server."
  :group 'tools
  :prefix "planls-")

(defcustom planls-program "planls"
  "The planls executable: a name looked up on `exec-path', or an absolute file name."
  :type 'string)

(defcustom planls-program-args nil
  "Extra command-line arguments for `planls-program'."
  :type '(repeat string))

(defcustom planls-initialization-options nil
  "Sent to planls as the LSP initializationOptions object.
A plist such as (:someSetting t) or nil for an empty object."
  :type 'sexp)

(defconst planls-markdown-file-regexp "\\.\\(md\\|markdown\\)\\'"
  "File names that `planls-eglot-ensure-if-markdown-file' treats as Markdown.")

(define-derived-mode planls-markdown-fallback-mode text-mode "Markdown"
  "Plain text mode for Markdown files when markdown-mode is not installed.")

(defvar planls-major-modes
  '((markdown-mode :language-id "markdown")
    (gfm-mode :language-id "markdown")
    (markdown-view-mode :language-id "markdown")
    (gfm-view-mode :language-id "markdown")
    (planls-markdown-fallback-mode :language-id "markdown"))
  "Major modes whose buffers planls manages (in `eglot-server-programs' syntax).")

(defun planls--contact (&optional _interactive)
  "The eglot contact for planls: program, arguments and initialization options."
  (append (cons planls-program planls-program-args)
          (and planls-initialization-options
               (list :initializationOptions planls-initialization-options))))

(defun planls-register ()
  "Put planls first in `eglot-server-programs' for Markdown major modes."
  (setq eglot-server-programs
        (cons (cons planls-major-modes #'planls--contact)
              (cl-remove #'planls--contact eglot-server-programs :key #'cdr))))

(defun planls--markdown-mode-available-p ()
  "Non-nil when `markdown-mode' is defined or autoloaded."
  (or (fboundp 'markdown-mode) (locate-library "markdown-mode")))

(defun planls--use-fallback-mode-p ()
  "Non-nil when the current buffer is a Markdown file without a Markdown mode."
  (and buffer-file-name
       (string-match-p planls-markdown-file-regexp buffer-file-name)
       (memq major-mode '(fundamental-mode text-mode))))

;;;###autoload
(defun planls-eglot-ensure ()
  "Start planls for the current buffer (for mode hooks), as `eglot-ensure' does."
  (when (planls--use-fallback-mode-p)
    (planls-markdown-fallback-mode))
  (eglot-ensure))

;;;###autoload
(defun planls-eglot-ensure-if-markdown-file ()
  "For `find-file-hook': start planls in a `.md' buffer.
A buffer in `text-mode' or `fundamental-mode' (markdown-mode missing) is
switched to `planls-markdown-fallback-mode' first."
  (when (and buffer-file-name
             (string-match-p planls-markdown-file-regexp buffer-file-name)
             (or (planls--use-fallback-mode-p)
                 (apply #'derived-mode-p (mapcar #'car planls-major-modes))))
    (planls-eglot-ensure)))

;; Without markdown-mode, open .md files in the fallback mode directly.
(unless (planls--markdown-mode-available-p)
  (add-to-list 'auto-mode-alist '("\\.md\\'" . planls-markdown-fallback-mode)))

(planls-register)

(provide 'planls)
;;; planls.el ends here
