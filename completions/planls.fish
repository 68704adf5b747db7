# fish completion for planls(1)
set -l commands check new init
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
complete -c planls -n "__fish_seen_subcommand_from check" -l format -x -a 'text json sarif' -d 'Output format'
complete -c planls -n "__fish_seen_subcommand_from check" -F
