;;; emacs_test.el --- batch end-to-end test of editors/emacs/planls.el  -*- lexical-binding: t -*-
;;
;;   PLANLS=/abs/planls REPO=/abs/repo emacs --batch -l tests/editors/emacs_test.el
;;
;; With PLANLS_TEST_NO_MARKDOWN_MODE=1 markdown-mode is hidden first and .md files
;; open in text-mode (as for someone without markdown-mode who maps .md to
;; text-mode): planls.el must still attach.  Prints one line per check (PASS /
;; FAIL / SKIP) and exits with status 1 when any check failed.
;;
;; With PLANLS_TEST_INSTALLED=1 it uses only what a package installed: planls.el
;; from the system's site-lisp (registered with eglot by the site-start
;; autoload), `planls' from `exec-path', and the user's one line of setup,
;; `eglot-ensure' on `markdown-mode-hook'.
;;
;; eglot-ensure connects from `post-command-hook', which never runs in --batch:
;; the test runs that hook by hand, as the command loop would.

(require 'cl-lib)
(require 'subr-x)

(defvar planls-test-server (or (getenv "PLANLS") (error "Set PLANLS to the planls binary")))
(defvar planls-test-repo (or (getenv "REPO") (error "Set REPO to the repository root")))
(defvar planls-test-installed (equal (getenv "PLANLS_TEST_INSTALLED") "1"))
(defvar planls-test-no-markdown (equal (getenv "PLANLS_TEST_NO_MARKDOWN_MODE") "1"))
(defvar planls-test-timeout (/ (string-to-number (or (getenv "EDITOR_TEST_TIMEOUT_MS") "15000")) 1000.0))
(defconst planls-test-message "Missing section '## Decision Log'")
(defconst planls-test-quickfix "Add missing section 'Decision Log'")
(defvar planls-test-failed nil)

(defun planls-test--say (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n")))

(defun planls-test--check (ok what &rest args)
  (planls-test--say "%s %s" (if ok "PASS" "FAIL") (apply #'format what args))
  (unless ok (setq planls-test-failed t))
  ok)

(when planls-test-no-markdown
  ;; Hide markdown-mode (Debian's site-start put it on the load path and autoloaded it).
  (setq load-path (cl-remove-if (lambda (d) (string-match-p "markdown-mode" d)) load-path))
  (dolist (f '(markdown-mode gfm-mode markdown-view-mode gfm-view-mode)) (fmakunbound f))
  (setq auto-mode-alist
        (cl-remove-if (lambda (e) (memq (cdr e) '(markdown-mode gfm-mode))) auto-mode-alist)))

(unless planls-test-no-markdown
  ;; --batch skips package activation: load the installed packages' autoloads
  ;; (markdown-mode's auto-mode-alist entries) as an interactive Emacs would.
  (package-activate-all))
(unless planls-test-installed
  ;; Before eglot loads: an installed package's autoload requires planls then.
  (add-to-list 'load-path (expand-file-name "editors/emacs" planls-test-repo)))
(require 'eglot)
(require 'flymake)
(if planls-test-installed
    (progn
      (planls-test--check (featurep 'planls) "loading eglot loaded planls (%s)" (locate-library "planls"))
      (planls-test--check (and (locate-library "planls")
                               (not (string-prefix-p planls-test-repo (locate-library "planls"))))
                          "planls.el comes from outside the repository")
      (planls-test--check (equal (executable-find "planls") planls-test-server)
                          "planls on exec-path is %s" (executable-find "planls"))
      (add-hook 'markdown-mode-hook #'eglot-ensure))
  (require 'planls)
  (setq planls-program planls-test-server)
  (add-hook 'find-file-hook #'planls-eglot-ensure-if-markdown-file))
(setq eglot-sync-connect t
      eglot-connect-timeout 20
      eglot-send-changes-idle-time 0
      eglot-autoshutdown nil)
(when planls-test-no-markdown
  ;; A user without markdown-mode who opens .md files in text-mode.
  (add-to-list 'auto-mode-alist '("\\.md\\'" . text-mode)))

(defun planls-test--wait (pred)
  "Pump events until PRED is non-nil or the timeout passes; return PRED's value."
  (let ((deadline (+ (float-time) planls-test-timeout)) (n 0))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.02)
      ;; flymake runs its backends on idle timers, which --batch never fires.
      (when (= 0 (% (cl-incf n) 10)) (flymake-start)))
    (funcall pred)))

(defun planls-test--flush ()
  "Send pending changes now (eglot does it on an idle timer) and restart flymake."
  (eglot--signal-textDocument/didChange)
  (flymake-start))

(defun planls-test--lsp-diag (d) (cdr (assoc 'eglot-lsp-diag (eglot--diag-data d))))

(defun planls-test--decision-log-diag ()
  "The flymake diagnostic for the missing Decision Log section, if any."
  (cl-find-if (lambda (d)
                (let ((lsp (planls-test--lsp-diag d)))
                  (and (equal (plist-get lsp :code) "missing-section")
                       (equal (plist-get lsp :message) planls-test-message))))
              (flymake-diagnostics)))

(defun planls-test--goto-line-starting (prefix)
  (goto-char (point-min))
  (re-search-forward (concat "^" (regexp-quote prefix)))
  (beginning-of-line))

;; Step guarded on the capability while planls lacks it (remove the guard once it has it).
(defun planls-test-completion-step ()
  (if (not (eglot--server-capable :completionProvider))
      (planls-test--say "SKIP completion: server lacks completionProvider")
    (planls-test--goto-line-starting "## Outcomes")
    (insert "## \n")
    (forward-char -1)
    (planls-test--flush)
    (let* ((capf (eglot-completion-at-point))
           (cands (and capf (all-completions "" (nth 2 capf)))))
      (planls-test--check (cl-some (lambda (c) (string-match-p "Decision Log" c)) cands)
                          "completion after \"## \" offers Decision Log (items: %S)" cands))
    (delete-region (line-beginning-position) (1+ (line-end-position)))
    (planls-test--flush)))

;; Step guarded on the capability while planls lacks it (remove the guard once it has it).
(defun planls-test-code-action-step ()
  (if (not (eglot--server-capable :codeActionProvider))
      (planls-test--say "SKIP code action: server lacks codeActionProvider")
    (let* ((original (buffer-string))
           (d (planls-test--decision-log-diag))
           (actions (eglot-code-actions (flymake-diagnostic-beg d) (flymake-diagnostic-end d) "quickfix"))
           (action (cl-find planls-test-quickfix actions
                            :key (lambda (a) (plist-get a :title)) :test #'equal)))
      (when (planls-test--check action "quick fix offered: %S"
                                (mapcar (lambda (a) (plist-get a :title)) actions))
        ;; eglot's own executor (single action of the requested kind: no prompt)
        (eglot--read-execute-code-action (list action) (eglot-current-server) "quickfix")
        (planls-test--check (string-match-p "^## Decision Log$" (buffer-string))
                            "quick fix inserted \"## Decision Log\"")
        (planls-test--flush)
        (planls-test--check (planls-test--wait (lambda () (null (planls-test--decision-log-diag))))
                            "missing-section diagnostic gone after the quick fix")
        (erase-buffer)
        (insert original)
        (planls-test--flush)
        (planls-test--check (planls-test--wait #'planls-test--decision-log-diag)
                            "diagnostic back after undoing the quick fix")))))

(cl-defun planls-test-main ()
  (planls-test--say "emacs %s, %s, markdown-mode %s, server %s"
                    emacs-version
                    (file-name-nondirectory (directory-file-name (file-name-directory (locate-library "eglot"))))
                    (if (fboundp 'markdown-mode) "present" "absent")
                    planls-test-server)
  (let* ((ws (make-temp-file "planls-emacs" t))
         (plan (expand-file-name "execplans/add-oauth-login.md" ws))
         (notes (expand-file-name "notes.txt" ws)))
    (make-directory (file-name-directory plan) t)
    (copy-file (expand-file-name "tests/editors/plan-missing-decision-log.md" planls-test-repo) plan)
    (with-temp-file notes (insert "just notes\n"))
    (with-current-buffer (find-file-noselect plan)
      (run-hooks 'post-command-hook)   ; what the command loop does after find-file
      (planls-test--check (if planls-test-no-markdown
                              (eq major-mode 'planls-markdown-fallback-mode)
                            (derived-mode-p 'markdown-mode))
                          "major mode of the plan is %s" major-mode)
      (unless (planls-test--check (eglot-managed-p) "eglot manages the plan buffer")
        (cl-return-from planls-test-main))
      (planls-test--check (equal (eglot--language-id (eglot-current-server)) "markdown")
                          "languageId is %S" (eglot--language-id (eglot-current-server)))
      (with-current-buffer (find-file-noselect notes)
        (run-hooks 'post-command-hook)
        (planls-test--check (not (eglot-managed-p)) "notes.txt (%s) is not managed" major-mode))
      (flymake-start)
      (let ((ok (planls-test--wait #'planls-test--decision-log-diag))
            (d (planls-test--decision-log-diag)))
        (unless (planls-test--check ok "missing-section diagnostic published (got: %S)"
                                    (mapcar #'flymake-diagnostic-text (flymake-diagnostics)))
          (cl-return-from planls-test-main))
        (planls-test--check (and (= 1 (line-number-at-pos (flymake-diagnostic-beg d)))
                                 (= 2 (save-excursion (goto-char (flymake-diagnostic-beg d))
                                                      (current-column))))
                            "diagnostic on the title, line 1 column 3 (got %s: %S)"
                            (line-number-at-pos (flymake-diagnostic-beg d))
                            (flymake-diagnostic-text d))
        (planls-test--check (eq (flymake-diagnostic-type d) 'eglot-warning)
                            "diagnostic is a warning (%s)" (flymake-diagnostic-type d)))
      (planls-test-completion-step)
      (planls-test-code-action-step)
      ;; Fix the plan by hand.
      (planls-test--goto-line-starting "## Outcomes")
      (insert "## Decision Log\n\n")
      (planls-test--flush)
      (planls-test--check (planls-test--wait (lambda () (null (planls-test--decision-log-diag))))
                          "missing-section diagnostic gone after adding \"## Decision Log\"")
      ;; Not gone because the server died: removing the heading brings it back.
      (planls-test--goto-line-starting "## Decision Log")
      (delete-region (point) (+ (point) (length "## Decision Log\n\n")))
      (planls-test--flush)
      (planls-test--check (planls-test--wait #'planls-test--decision-log-diag)
                          "diagnostic back after removing the heading again")
      (set-buffer-modified-p nil)
      (ignore-errors (eglot-shutdown (eglot-current-server))))))

(condition-case err
    (planls-test-main)
  (error (planls-test--check nil "error: %S" err)))
(planls-test--say (if planls-test-failed "emacs test: FAILED" "emacs test: all checks passed"))
(kill-emacs (if planls-test-failed 1 0))

;;; emacs_test.el ends here
