// VS Code client for planls, the ExecPlan language server.
//
// Starts planls over stdio for Markdown files: the binary planls.path names
// when it is set, else the one a platform-specific .vsix bundles (bin/planls),
// else `planls` on PATH. The
// server decides which Markdown files are plans and publishes nothing for the
// others, so every Markdown document is handed to it; the plan-path patterns
// are listed too so that they also match when such files are opened under a
// language other than Markdown.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  DocumentSelector,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';

// The server's default plan globs (config_default_globs in server/analysis/config.c
// is the source of truth; change both together). Other Markdown files still reach
// the server, which checks them when their content looks like a plan, and the
// server decides which of these really are plans.
const PLAN_PATTERNS = [
  '**/execplans/**/*.md',
  '**/exec-plans/**/*.md',
  '**/plans/**/*.md',
  '**/*.plan.md',
  '**/.agent/{plans,execplans,exec-plans}/**/*.md',
  '**/.agents/{plans,execplans,exec-plans}/**/*.md',
];

export const documentSelector: DocumentSelector = [
  ...PLAN_PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
  { scheme: 'file', language: 'markdown' },
  { scheme: 'untitled', language: 'markdown' },
];

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;

let extensionPath = '';
let warnedMissing = false;

type Server = { command: string; source: 'planls.path' | 'bundled' | 'PATH' };

/** planls.path when the user set it (user, workspace or folder settings), else undefined. */
function configuredPath(): string | undefined {
  const inspected = vscode.workspace.getConfiguration('planls').inspect<string>('path');
  const value = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
  return value?.trim() || undefined;
}

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The binary a platform-specific .vsix ships in bin/, made executable if unpacking lost the bit. */
function bundledServer(): string | undefined {
  const file = path.join(extensionPath, 'bin', process.platform === 'win32' ? 'planls.exe' : 'planls');
  if (!fs.existsSync(file)) return undefined;
  if (!isExecutable(file)) {
    try {
      fs.chmodSync(file, 0o755);
    } catch {
      return undefined;
    }
  }
  return isExecutable(file) ? file : undefined;
}

/** The server to start: planls.path when set (a name on PATH, an absolute path, ~/..., or
 * workspace-relative with a '/'), else the bundled binary, else `planls` on PATH. */
export function serverCommand(): Server {
  const configured = configuredPath();
  if (configured) {
    if (configured.startsWith('~/')) {
      return { command: path.join(process.env.HOME ?? '', configured.slice(2)), source: 'planls.path' };
    }
    if (!path.isAbsolute(configured) && configured.includes('/')) {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (folder) return { command: path.join(folder.uri.fsPath, configured), source: 'planls.path' };
    }
    return { command: configured, source: 'planls.path' };
  }
  const bundled = bundledServer();
  return bundled ? { command: bundled, source: 'bundled' } : { command: 'planls', source: 'PATH' };
}

/** Can command be started: an executable file, or a name found on PATH? */
function serverExists(command: string): boolean {
  if (command.includes('/')) return isExecutable(command);
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && isExecutable(path.join(dir, command)));
}

/** Shows the install section of the extension's README (its marketplace page). */
async function showInstallHelp(): Promise<void> {
  // vsce stores the README as readme.md.
  const name = ['README.md', 'readme.md'].find((n) => fs.existsSync(path.join(extensionPath, n))) ?? 'README.md';
  const readme = vscode.Uri.file(path.join(extensionPath, name)).with({ fragment: 'install' });
  await vscode.commands.executeCommand('markdown.showPreview', readme);
}

/** One message, the first time no binary can be found. */
function reportMissing(server: Server): void {
  const where = server.source === 'planls.path'
    ? `planls.path is '${server.command}', which is not an executable file or a program on PATH`
    : "planls.path is not set, this extension bundles no binary for this platform, and there is no 'planls' on PATH";
  output?.error(`planls not found: ${where}`);
  if (warnedMissing) return;
  warnedMissing = true;
  // Not awaited: the answer may never come, and activation (which runs the
  // extension's commands) must not wait for it.
  void vscode.window
    .showErrorMessage(
      `planls: cannot find the planls binary (${where}). Install planls or set planls.path.`,
      'How to Install',
      'Open Settings',
    )
    .then(async (choice) => {
      if (choice === 'How to Install') await showInstallHelp();
      if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'planls.path');
    });
}

/** The planls.settings object: the server's own settings, passed through unchanged. */
function planlsSettings(): object {
  return vscode.workspace.getConfiguration('planls').get<object>('settings') ?? {};
}

function createClient(command: string): LanguageClient {
  const serverOptions: ServerOptions = {
    run: { command, args: [], transport: TransportKind.stdio },
    debug: { command, args: [], transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    initializationOptions: planlsSettings(),
    outputChannel: output,
    // planls.trace.server is read by the client itself (id 'planls').
    middleware: {
      workspace: {
        // The server asks for its settings as section 'planls'; answer with the
        // planls.settings object, not with the whole section (path, trace, ...).
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) return answers;
          return params.items.map((item, i) =>
            item.section === 'planls' ? planlsSettings() : answers[i]);
        },
      },
    },
  };
  return new LanguageClient('planls', 'planls', serverOptions, clientOptions);
}

async function startClient(): Promise<void> {
  const server = serverCommand();
  if (!serverExists(server.command)) {
    reportMissing(server);
    return;
  }
  output?.info(`starting ${server.command} (from ${server.source})`);
  client = createClient(server.command);
  try {
    await client.start();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    void vscode.window
      .showErrorMessage(
        `planls: could not start '${server.command}': ${message}. Set planls.path to the planls binary.`,
        'Open Settings',
      )
      .then(async (choice) => {
        if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'planls.path');
      });
  }
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c?.isRunning()) {
    await c.stop();
  }
  await c?.dispose();
}

export async function restartServer(): Promise<void> {
  await stopClient();
  await startClient();
}

/* The server's entry commands (workspace/executeCommand) on the active plan:
 * the server applies the edit and puts the caret on the new entry. Own ids,
 * because vscode-languageclient registers the server's ids itself, where
 * they need the document as argument. */
const entryCommands = ['addProgressEntry', 'addDecision', 'addSurprise', 'addTodo', 'addRevisionNote'];

async function runEntryCommand(name: string): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!client?.isRunning() || !editor) {
    return;
  }
  await client.sendRequest('workspace/executeCommand', {
    command: `planls.${name}`,
    arguments: [editor.document.uri.toString()],
  });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionPath = context.extensionPath;
  output = vscode.window.createOutputChannel('planls', { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('planls.restartServer', restartServer),
    vscode.commands.registerCommand('planls.showInstallHelp', showInstallHelp),
    ...entryCommands.map((name) =>
      vscode.commands.registerCommand(`planls.entry.${name}`, () => runEntryCommand(name)),
    ),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('planls.path')) {
        void restartServer();
      } else if (e.affectsConfiguration('planls.settings') && client?.isRunning()) {
        // The server re-reads its settings (workspace/configuration) and re-checks.
        void client.sendNotification('workspace/didChangeConfiguration', { settings: { planls: planlsSettings() } });
      }
    }),
  );
  await startClient();
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
