// VS Code client for planls, the ExecPlan language server.
//
// Starts `planls` (setting planls.path) over stdio for Markdown files. The
// server decides which Markdown files are plans and publishes nothing for the
// others, so every Markdown document is handed to it; the plan-path patterns
// are listed too so that they also match when such files are opened under a
// language other than Markdown.
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

/** The server command from planls.path: a name on PATH, an absolute path, or workspace-relative. */
export function serverCommand(): string {
  const configured = vscode.workspace.getConfiguration('planls').get<string>('path')?.trim() || 'planls';
  if (configured.startsWith('~/')) {
    return path.join(process.env.HOME ?? '', configured.slice(2));
  }
  if (!path.isAbsolute(configured) && configured.includes('/')) {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (folder) return path.join(folder.uri.fsPath, configured);
  }
  return configured;
}

/** The planls.settings object: the server's own settings, passed through unchanged. */
function planlsSettings(): object {
  return vscode.workspace.getConfiguration('planls').get<object>('settings') ?? {};
}

function createClient(): LanguageClient {
  const command = serverCommand();
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
  client = createClient();
  try {
    await client.start();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const choice = await vscode.window.showErrorMessage(
      `planls: could not start '${serverCommand()}': ${message}. Set planls.path to the planls binary.`,
      'Open Settings',
    );
    if (choice === 'Open Settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'planls.path');
    }
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
  output = vscode.window.createOutputChannel('planls', { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('planls.restartServer', restartServer),
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
