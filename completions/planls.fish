# fish completion for planls(1)
set -l commands check status new init mcp
complete -c planls -f
complete -c planls -n "not __fish_seen_subcommand_from $commands" -a check -d 'Check plans (no argument: this repository\'s)'
complete -c planls -n "not __fish_seen_subcommand_from $commands" -a new -d 'Write a new plan from the skeleton'
complete -c planls -n "not __fish_seen_subcommand_from $commands" -l stdio -d 'Run the language server on stdin/stdout'
complete -c planls -n "not __fish_seen_subcommand_from $commands" -l version -d 'Print the version'
complete -c planls -n "not __fish_seen_subcommand_from $commands" -s h -l help -d 'Print the help'
complete -c planls -n "not __fish_seen_subcommand_from $commands" -a init -d 'Set the repository up for plans'
complete -c planls -n "__fish_seen_subcommand_from init" -l dry-run -d 'Show what would be written, write nothing'
complete -c planls -n "__fish_seen_subcommand_from init" -l readme -d 'Also add a line to README.md'
complete -c planls -n "__fish_seen_subcommand_from init" -l pre-commit -d 'Also add the pre-commit hook'
complete -c planls -n "not __fish_seen_subcommand_from $commands" -a status -d 'Each plan\'s status, to-dos, newest entry'
complete -c planls -n "not __fish_seen_subcommand_from $commands" -a mcp -d 'Run the MCP server for agents on stdin/stdout'
complete -c planls -n "__fish_seen_subcommand_from check" -l format -x -a 'text json sarif github' -d 'Output format'
complete -c planls -n "__fish_seen_subcommand_from check" -l stale -d 'Also report stale-plan'
complete -c planls -n "__fish_seen_subcommand_from check" -l require-active -d 'Exit 1 when no plan is active'
complete -c planls -n "__fish_seen_subcommand_from check" -l plans-only -d 'Of the files given, check only the plans'
complete -c planls -n "__fish_seen_subcommand_from check" -l fix -d 'Apply the safe quick fixes (--fix=all: guesses too)'
complete -c planls -n "__fish_seen_subcommand_from check" -l dry-run -d 'With --fix: say what would change'
complete -c planls -n "__fish_seen_subcommand_from check" -l diff -d 'With --fix: print a diff, write nothing'
complete -c planls -n "__fish_seen_subcommand_from check" -l stdin-filename -r -F -d 'Check standard input as PATH'
complete -c planls -n "__fish_seen_subcommand_from status" -l format -x -a 'text json' -d 'Output format'
complete -c planls -n "__fish_seen_subcommand_from status" -F
complete -c planls -n "__fish_seen_subcommand_from check" -F
